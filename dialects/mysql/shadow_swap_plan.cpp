// When a MySQL table change runs as an online shadow-table swap (see shadow_swap.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "dialects/mysql/render.hpp"
#include "dialects/mysql/shadow_swap.hpp"

namespace schemac::dialects::mysql {
namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kHelperSuffix = 5;  // "_" + name + "_new" / "_old" / "_ins" ...

// The plan's hint in the desired schema (@strategy(...)): "shadow" forces the swap, "alter"
// keeps the ALTER whatever the size.
bool Forced(const model::Table& table) { return table.strategy == "shadow"; }
bool Forbidden(const model::Table& table) { return table.strategy == "alter"; }

// The chunking key of `table`: the primary key, else the first unique key over NOT NULL columns.
std::vector<std::string> ChunkKey(const model::Table& table) {
  if (table.primary_key) return table.primary_key->columns;
  for (const auto& unique : table.uniques) {
    bool not_null = !unique.columns.empty();
    for (const auto& name : unique.columns) {
      const model::Column* column = table.FindColumn(name);
      not_null = not_null && column && !column->nullable;
    }
    if (not_null) return unique.columns;
  }
  return {};
}

// The name of each column of `before` in `after`; empty when dropped.
std::string TargetName(const TableDiff& diff, const model::Table& after, const std::string& source) {
  for (const auto& column : diff.columns) {
    if (column.op == ChangeOp::kRename && column.before && column.before->name == source)
      return column.after->name;
    if (column.op == ChangeOp::kDrop && column.before && column.before->name == source) return {};
  }
  return after.FindColumn(source) ? source : std::string();
}

bool IsNumber(model::TypeKind kind) {
  return model::IsIntegerKind(kind) || kind == model::TypeKind::Decimal || kind == model::TypeKind::Real ||
         kind == model::TypeKind::Double;
}

ShadowSwap::Compare CompareFor(const model::DataType& before, const model::DataType& after) {
  if (before == after) return ShadowSwap::Compare::kValue;
  if (IsNumber(before.kind) && IsNumber(after.kind)) return ShadowSwap::Compare::kNumber;
  return ShadowSwap::Compare::kText;
}

// Rough classes at the ~100k rows/s a chunked copy keeps on modest hardware.
std::string DurationClass(std::int64_t rows) {
  if (rows < 5'000'000) return "seconds";
  if (rows < 300'000'000) return "minutes";
  return "hours";
}

std::string Estimate(const TableSize& size) {
  return fmt::format("~{} rows ({:.1f} MB)", size.rows, static_cast<double>(size.bytes) / (1024.0 * 1024.0));
}

// Why the swap cannot run on this change; empty when it can.
std::string WhyNot(const model::Table& before, const model::Table& after, const std::vector<std::string>& key,
                   const TableDiff& diff, const model::Schema& current, const ServerVersion& version) {
  if (before.name.size() + kHelperSuffix > kMaxName)
    return "its name leaves no room for the swap's helper names (at most 59 characters)";
  if (key.empty()) {
    return "it has no primary key and no unique key over NOT NULL columns; the copy walks the table in key "
           "order and matches captured writes by key: declare a primary key, or a unique key whose columns "
           "are all NOT NULL";
  }
  for (const auto& column : key) {
    if (TargetName(diff, after, column).empty())
      return "its key column " + column + " is dropped by the change";
  }
  if (!before.foreign_keys.empty() || !after.foreign_keys.empty())
    return "it has foreign keys (MySQL names them per database, so the shadow cannot hold them too)";
  for (const auto& ns : current.namespaces) {
    for (const auto& other : ns.tables) {
      for (const auto& fk : other.foreign_keys) {
        if (fk.ref_table == before.name && other.name != before.name) {
          return "foreign key " + fk.name + " of table " + other.name +
                 " references it, and RENAME TABLE would leave that key pointing at the old table";
        }
      }
    }
  }
  // RENAME TABLE carries a table's triggers to the old copy, so the new table would serve without
  // them (apply's preflight refuses too, for triggers created after planning).
  for (const auto& ns : current.namespaces) {
    for (const auto& trigger : ns.triggers) {
      if (trigger.table == before.name)
        return "it has trigger " + trigger.name +
               ", which the cut-over (RENAME TABLE) would leave on the old table";
    }
  }
  if (!version.IsMariaDb() && !after.checks.empty())
    return "it has checks, which MySQL names per database, so the shadow cannot hold them too";
  return {};
}

}  // namespace

ShadowSwapDecision DecideShadowSwap(const Change& change, const std::vector<PlanStep>& alter_steps,
                                    const std::string& copy_strategy, const PlanContext& context,
                                    const ServerVersion& version, const ServerFeatures& features) {
  ShadowSwapDecision decision;
  if (change.kind != ChangeKind::kModifyTable || !change.table_before || !change.table_after) return decision;
  const model::Table& before = *change.table_before;
  const model::Table& after = *change.table_after;
  std::string copying, everything;
  for (const auto& step : alter_steps) {
    everything += (everything.empty() ? "" : "; ") + step.description;
    if (step.strategy != copy_strategy) continue;
    copying += (copying.empty() ? "" : "; ") + step.description;
  }
  if (copying.empty() || Forbidden(after)) return decision;

  TableSize size;
  const TableSize* known = nullptr;
  if (context.sizes) {
    auto found = context.sizes->find(before.name);
    if (found != context.sizes->end()) known = &found->second;
  }
  if (known) size = *known;
  const std::int64_t min_rows = context.policy.shadow_min_rows;
  std::string reason;
  if (Forced(after)) {
    reason = "forced by @strategy(shadow)";
  } else if (known && min_rows >= 0 && (min_rows == 0 || size.rows > min_rows)) {
    reason = fmt::format("{} > --shadow-min-rows {}", Estimate(size), min_rows);
  } else {
    return decision;
  }

  const std::vector<std::string> key = ChunkKey(before);
  if (std::string why = WhyNot(before, after, key, change.table_diff, context.current, version);
      !why.empty()) {
    decision.not_possible = "an online shadow-table swap was wanted (" + reason + ") but table " +
                            before.name + " cannot have one: " + why;
    return decision;
  }

  ShadowSwap swap;
  swap.table = before.name;
  swap.shadow_table = "_" + before.name + "_new";
  swap.old_table = "_" + before.name + "_old";
  model::Table shadow = after;
  shadow.name = swap.shadow_table;
  swap.create_shadow = RenderCreateTable(shadow, features);
  for (const auto& name : key) {
    const std::string target = TargetName(change.table_diff, after, name);
    swap.key.push_back({name, target, model::IsIntegerKind(before.FindColumn(name)->type.kind)});
  }
  for (const auto& column : before.columns) {
    const std::string target = TargetName(change.table_diff, after, column.name);
    const model::Column* into = target.empty() ? nullptr : after.FindColumn(target);
    if (!into || column.generated || into->generated) continue;
    swap.columns.push_back({column.name, target, CompareFor(column.type, into->type)});
  }
  swap.estimate = size;
  swap.reason = "the ALTER would copy the table and block writes (" + copying + "); " + reason;
  swap.duration_class = DurationClass(size.rows);

  PlanStep step;
  // The shadow takes the table's whole new shape: the step carries every ALTER of the change.
  step.description = "shadow-swap table " + before.name + " (" + everything + ")";
  step.strategy = "shadow-swap";
  step.lock = "exclusive metadata lock (brief, at the trigger creation and the cut-over)";
  step.up.transactional = false;
  step.up.statements = MysqlShadowSwapSql(version).PlainScript(swap);
  std::string probe;
  for (const auto& alter : alter_steps) {
    // Data hazards stay; the copy's blocking is what the swap avoids.
    for (const auto& hazard : alter.hazards) {
      if (hazard.code != hazard::kTableRewrite) step.hazards.push_back(hazard);
    }
    if (!alter.precondition_probe.empty())
      probe += (probe.empty() ? "" : " AND ") + std::string("EXISTS (") + alter.precondition_probe + ")";
  }
  if (!probe.empty()) step.precondition_probe = "SELECT 1 FROM DUAL WHERE " + probe;
  step.shadow_swap = std::move(swap);
  decision.step = std::move(step);
  return decision;
}

}  // namespace schemac::dialects::mysql
