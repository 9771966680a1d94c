#include "dialects/sqlite/strategies.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "dialects/data_check_types.hpp"
#include "dialects/sqlite/ddl_parser.hpp"
#include "dialects/sqlite/render.hpp"
#include "dialects/sqlite/sql_lexer.hpp"
#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/types.hpp"
#include "dialects/sqlite/view_trigger_sql.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::TypeKind;

EnumList EnumsOf(const model::Schema& schema, const std::string& ns) {
  const model::Namespace* found = schema.FindNamespace(ns);
  return found ? found->enums : EnumList{};
}

PlanStep NewStep(const std::string& description, const std::string& strategy, const PlanContext& context) {
  PlanStep step;
  step.description = description;
  step.strategy = strategy;
  step.lock = kDatabaseLock;
  step.change_index = context.change_index;
  step.up.transactional = true;
  return step;
}

void AddHazard(PlanStep& step, const char* code, std::string message, bool data_loss = false) {
  for (const auto& existing : step.hazards) {
    if (existing.code == code && existing.message == message) return;
  }
  step.hazards.push_back(Hazard{code, std::move(message), data_loss});
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return EqualsIgnoreCase(n, name); });
}

// True when `sql` mentions `name` as an identifier (conservative: whatever object it names there).
bool MentionsName(const std::string& sql, const std::string& name) {
  for (const Token& token : Tokenize(sql)) {
    if (token.IsName() && EqualsIgnoreCase(token.value, name)) return true;
  }
  return false;
}

int IntegerRank(TypeKind kind) {
  switch (kind) {
    case TypeKind::SmallInt:
      return 1;
    case TypeKind::Int:
      return 2;
    case TypeKind::BigInt:
      return 3;
    default:
      return 0;
  }
}

// False when values of `before` may not fit `after` unchanged.
bool IsWidening(const model::DataType& before, const model::DataType& after) {
  if (before == after) return true;
  if (after.kind == TypeKind::Text) return before.kind != TypeKind::Bytes;
  if (IntegerRank(before.kind) && IntegerRank(after.kind))
    return IntegerRank(after.kind) >= IntegerRank(before.kind);
  if (after.kind == TypeKind::Varchar &&
      (before.kind == TypeKind::Varchar || before.kind == TypeKind::Char)) {
    return !after.length || (before.length && *before.length <= *after.length);
  }
  if (before.kind == TypeKind::Real && after.kind == TypeKind::Double) return true;
  if (before.kind == TypeKind::Decimal && after.kind == TypeKind::Decimal) {
    return (!after.precision || (before.precision && *before.precision <= *after.precision)) &&
           after.scale.value_or(0) >= before.scale.value_or(0);
  }
  return false;
}

std::string TypeName(const model::DataType& type) {
  if (type.kind == TypeKind::Enum) return type.enum_name;
  const std::string declared = DeclaredType(type, false);
  return declared.empty() ? model::TypeKindKeyword(type.kind) : declared;
}

// ---- columns: which ALTER TABLE forms SQLite accepts -------------------------------------------

bool CanAddColumnInPlace(const model::Table& after, const model::Column& column) {
  if (column.identity) return false;
  if (after.primary_key && Contains(after.primary_key->columns, column.name)) return false;
  for (const auto& unique : after.uniques) {
    if (Contains(unique.columns, column.name)) return false;
  }
  if (column.generated) return !column.generated->stored;
  if (column.default_value && column.default_value->kind == model::DefaultValue::Kind::Expression)
    return false;
  if (!column.nullable && !column.default_value) return false;
  return true;
}

bool CanDropColumnInPlace(const model::Table& before, const model::Column& column, const TableDiff& diff) {
  if (column.type.kind == TypeKind::Enum) return false;  // its CHECK is table-level
  if (before.primary_key && Contains(before.primary_key->columns, column.name)) return false;
  for (const auto& unique : before.uniques) {
    if (Contains(unique.columns, column.name)) return false;
  }
  for (const auto& fk : before.foreign_keys) {
    if (Contains(fk.columns, column.name)) return false;
  }
  for (const auto& check : before.checks) {
    if (MentionsName(check.expression, column.name)) return false;
  }
  for (const auto& other : before.columns) {
    if (other.generated && MentionsName(other.generated->expression, column.name)) return false;
  }
  for (const auto& index : before.indexes) {
    const bool dropped =
        std::any_of(diff.indexes.begin(), diff.indexes.end(), [&](const IndexChange& change) {
          return change.op == ChangeOp::kDrop && change.before && change.before->name == index.name;
        });
    if (dropped) continue;
    for (const auto& key : index.keys) {
      if (EqualsIgnoreCase(key.column, column.name) || MentionsName(key.expression, column.name))
        return false;
    }
    if (MentionsName(index.where, column.name)) return false;
  }
  return true;
}

// Strategy hints that mean "copy the table" in SQLite, where the shadow copy is the rebuild.
bool IsRebuildHint(const std::string& strategy) {
  return strategy == "shadow" || strategy == "rebuild" || strategy == "copy";
}

// Why the table must be rebuilt, or empty when ALTER TABLE suffices.
std::string RebuildReason(const TableDiff& diff, const model::Table& before, const model::Table& after) {
  if (diff.options_changed) return "table options change";
  // @strategy(shadow): the schema asks for a copy instead of in-place ALTERs. Index changes alone
  // never rewrite the table, so they stay direct.
  const bool only_indexes = diff.columns.empty() && diff.primary_key.empty() && diff.uniques.empty() &&
                            diff.foreign_keys.empty() && diff.checks.empty();
  if (IsRebuildHint(after.strategy) && !only_indexes)
    return "the table asks for @strategy(" + after.strategy + ")";
  if (!diff.primary_key.empty()) return "the primary key changes";
  if (!diff.uniques.empty()) return "unique constraints change";
  if (!diff.foreign_keys.empty()) return "foreign keys change (SQLite cannot alter them)";
  if (!diff.checks.empty()) return "checks change";
  for (const auto& change : diff.columns) {
    if (change.op == ChangeOp::kModify && (change.flags & ~static_cast<std::uint32_t>(kColumnComment)) != 0) {
      return "column " + change.Desired().name + " changes";
    }
    if (change.op == ChangeOp::kAdd && !CanAddColumnInPlace(after, *change.after)) {
      return "column " + change.after->name + " cannot be added by ALTER TABLE";
    }
    if (change.op == ChangeOp::kDrop && !CanDropColumnInPlace(before, *change.before, diff)) {
      return "column " + change.before->name + " cannot be dropped by ALTER TABLE";
    }
  }
  return "";
}

void AddColumnHazards(PlanStep& step, const std::string& table, const TableDiff& diff, bool rebuild) {
  for (const auto& change : diff.columns) {
    const std::string where = table + "." + change.Desired().name;
    if (change.op == ChangeOp::kDrop) {
      AddHazard(step, hazard::kDropColumn,
                "drops column " + table + "." + change.before->name + " and its data", true);
    }
    if (change.op == ChangeOp::kModify && (change.flags & kColumnType) &&
        !IsWidening(change.before->type, change.after->type)) {
      AddHazard(step, hazard::kNarrowType,
                "column " + where + " changes type from " + TypeName(change.before->type) + " to " +
                    TypeName(change.after->type) + ": values are converted and may not fit",
                NarrowsValues(change.before->type, change.after->type));
    }
    const bool becomes_not_null =
        change.op == ChangeOp::kModify && (change.flags & kColumnNullability) && !change.after->nullable;
    const bool added_not_null = rebuild && change.op == ChangeOp::kAdd && !change.after->nullable &&
                                !change.after->generated && !change.after->identity;
    if ((becomes_not_null || added_not_null) && !change.after->default_value) {
      AddHazard(step, hazard::kNotNullMayFail,
                "column " + where +
                    " becomes NOT NULL without a default: the table copy fails if a row has no value");
    }
  }
  if (!rebuild) return;
  for (const auto& change : diff.uniques) {
    if (change.op == ChangeOp::kAdd)
      AddHazard(step, hazard::kConstraintMayFail,
                "existing rows may violate unique constraint " + change.after->name);
  }
  for (const auto& change : diff.checks) {
    if (change.op == ChangeOp::kAdd)
      AddHazard(step, hazard::kConstraintMayFail, "existing rows may violate check " + change.after->name);
  }
  for (const auto& change : diff.foreign_keys) {
    if (change.op == ChangeOp::kAdd)
      AddHazard(step, hazard::kConstraintMayFail,
                "existing rows may violate foreign key " + change.after->name);
  }
  for (const auto& change : diff.primary_key) {
    if (change.op == ChangeOp::kAdd)
      AddHazard(step, hazard::kConstraintMayFail,
                "existing rows may violate primary key " + change.after->name);
  }
}

// ---- the rebuild ---------------------------------------------------------------------------------

// For each column of the new shape, the column of the old table it is copied from.
std::map<std::string, std::string> ColumnSources(const model::Table& before, const model::Table& after,
                                                 const TableDiff& diff) {
  std::map<std::string, std::string> sources;  // after name -> before name
  std::set<std::string> renamed_away;
  std::set<std::string> added;
  for (const auto& change : diff.columns) {
    if (change.op == ChangeOp::kRename && change.before && change.after) {
      sources[change.after->name] = change.before->name;
      renamed_away.insert(change.before->name);
    }
    if (change.op == ChangeOp::kAdd && change.after) added.insert(change.after->name);
  }
  for (const auto& column : after.columns) {
    if (sources.count(column.name) || added.count(column.name) || renamed_away.count(column.name)) continue;
    if (before.FindColumn(column.name)) sources[column.name] = column.name;
  }
  return sources;
}

// The value copied into `to` from the old column `from`. No CAST on a type change: SQLite applies
// the new column's affinity on INSERT, converting a value only when that is lossless (a STRICT
// column refuses what it cannot convert), whereas a CAST converts by force: CAST('2024-01-01' AS
// DATE) is 2024 and CAST('{"a":1}' AS JSON) is 0, because those types have NUMERIC affinity.
std::string CopyExpression(const model::Column& from, const model::Column& to) {
  std::string value = QuoteIdentifier(from.name);
  if (!to.nullable && to.default_value && from.nullable) {
    // A column that becomes NOT NULL takes its default where the old value is NULL.
    value = "COALESCE(" + value + ", " + RenderDefault(*to.default_value) + ")";
  }
  return value;
}

const model::Column* RowidIdentity(const model::Table& table) {
  for (const auto& column : table.columns) {
    if (IsRowidIdentity(table, column)) return &column;
  }
  return nullptr;
}

// Triggers on the table: DROP TABLE drops them, so the rebuild recreates them as they are.
std::vector<model::Trigger> TriggersOn(const model::Schema& current, const std::string& table) {
  std::vector<model::Trigger> triggers;
  for (const auto& ns : current.namespaces) {
    for (const auto& trigger : ns.triggers) {
      if (EqualsIgnoreCase(trigger.table, table)) triggers.push_back(trigger);
    }
  }
  return triggers;
}

// Views that name the table: the rebuild runs with legacy_alter_table on, so SQLite checks none of
// them and they keep naming the table, which is back under its name at the end. A verify query
// that reads each one fails (and rolls the rebuild back) if the new shape broke it, instead of
// leaving a view that errors at its next use. (Views over a column that is dropped, renamed or
// retyped are dropped before the rebuild and recreated after it by the diff.)
std::vector<std::string> ViewChecksFor(const model::Schema& current, const std::string& table) {
  std::vector<std::string> checks;
  for (const auto& ns : current.namespaces) {
    for (const auto& view : ns.views) {
      if (MentionsName(view.query, table))
        checks.push_back("SELECT 1 FROM " + QuoteIdentifier(view.name) + " WHERE 0");
    }
  }
  return checks;
}

PlanStep RebuildStep(const model::Table& before, const model::Table& after, const std::string& live_name,
                     const std::map<std::string, std::string>& sources, const EnumList& enums,
                     const PlanContext& context, const std::string& description) {
  PlanStep step = NewStep(description, "rebuild", context);
  const std::string temporary = kRebuildPrefix + after.name;
  SqlScript& up = step.up;
  // Outside the transaction: SQLite ignores PRAGMA foreign_keys inside one. legacy_alter_table
  // keeps the final RENAME from rewriting (and failing on) views and triggers that name the table.
  up.before = {"PRAGMA foreign_keys=OFF", "PRAGMA legacy_alter_table=ON"};
  up.statements.push_back(RenderCreateTable(after, temporary, enums));

  std::string target_columns;
  std::string source_values;
  for (const auto& column : after.columns) {
    if (column.generated) continue;  // computed by SQLite; cannot be inserted
    auto source = sources.find(column.name);
    if (source == sources.end()) continue;
    const model::Column* from = before.FindColumn(source->second);
    if (!from) continue;
    target_columns += (target_columns.empty() ? "" : ", ") + QuoteIdentifier(column.name);
    source_values += (source_values.empty() ? "" : ", ") + CopyExpression(*from, column);
  }
  if (!target_columns.empty()) {
    up.statements.push_back("INSERT INTO " + QuoteIdentifier(temporary) + " (" + target_columns +
                            ") SELECT " + source_values + " FROM " + QuoteIdentifier(live_name));
  }
  if (RowidIdentity(before) && RowidIdentity(after)) {
    // Keep AUTOINCREMENT's high-water mark, so ids of deleted rows are never handed out again.
    up.statements.push_back("DELETE FROM sqlite_sequence WHERE name = " + QuoteString(temporary));
    up.statements.push_back("INSERT INTO sqlite_sequence (name, seq) SELECT " + QuoteString(temporary) +
                            ", seq FROM sqlite_sequence WHERE name = " + QuoteString(live_name));
  }
  up.statements.push_back(RenderDropTable(live_name));
  up.statements.push_back(RenderRenameTable(temporary, after.name));
  for (const auto& index : after.indexes) up.statements.push_back(RenderCreateIndex(index, after.name));
  const std::vector<model::Trigger> triggers = TriggersOn(context.current, live_name);
  for (const auto& trigger : triggers) up.statements.push_back(RenderCreateTrigger(trigger));
  up.verify = {"PRAGMA foreign_key_check"};
  for (auto& view_check : ViewChecksFor(context.current, live_name))
    up.verify.push_back(std::move(view_check));
  up.after = {"PRAGMA legacy_alter_table=OFF", "PRAGMA foreign_keys=ON"};

  std::string message =
      "table " + after.name + " is copied into a new table (SQLite cannot alter it in place)";
  if (!triggers.empty()) message += "; its " + std::to_string(triggers.size()) + " trigger(s) are recreated";
  AddHazard(step, hazard::kTableRebuild, message);
  return step;
}

// ---- changes -------------------------------------------------------------------------------------

std::vector<PlanStep> PlanAddTable(const Change& change, const PlanContext& context) {
  const model::Table& table = *change.table_after;
  PlanStep step = NewStep("create table " + table.name, "create", context);
  step.up.statements.push_back(RenderCreateTable(table, table.name, EnumsOf(context.desired, change.ns)));
  for (const auto& index : table.indexes) step.up.statements.push_back(RenderCreateIndex(index, table.name));
  return {step};
}

std::vector<PlanStep> PlanDropTable(const Change& change, const PlanContext& context) {
  const model::Table& table = *change.table_before;
  PlanStep step = NewStep("drop table " + table.name, "drop", context);
  step.up.statements.push_back(RenderDropTable(table.name));
  AddHazard(step, hazard::kDropTable, "drops table " + table.name + " and all its rows", true);
  return {step};
}

std::vector<PlanStep> PlanRenameTable(const Change& change, const PlanContext& context) {
  PlanStep step = NewStep("rename table " + change.table_before->name + " to " + change.table_after->name,
                          "rename", context);
  step.up.statements.push_back(RenderRenameTable(change.table_before->name, change.table_after->name));
  return {step};
}

std::string DescribeTableDiff(const TableDiff& diff) {
  std::vector<std::string> parts;
  for (const auto& c : diff.columns) {
    switch (c.op) {
      case ChangeOp::kAdd:
        parts.push_back("add column " + c.after->name);
        break;
      case ChangeOp::kDrop:
        parts.push_back("drop column " + c.before->name);
        break;
      case ChangeOp::kRename:
        parts.push_back("rename column " + c.before->name + " to " + c.after->name);
        break;
      case ChangeOp::kModify:
        parts.push_back("modify column " + c.after->name);
        break;
    }
  }
  auto objects = [&parts](const auto& changes, const char* what) {
    for (const auto& c : changes) {
      const bool add = c.op == ChangeOp::kAdd;
      parts.push_back(std::string(add ? "add " : "drop ") + what + " " + c.Desired().name);
    }
  };
  objects(diff.primary_key, "primary key");
  objects(diff.uniques, "unique");
  objects(diff.indexes, "index");
  objects(diff.foreign_keys, "foreign key");
  objects(diff.checks, "check");
  if (diff.options_changed) parts.push_back("change options");
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

// ---- constraint names that follow the table ------------------------------------------------------

// What a default name adds to the table's name (naming.hpp): "_pkey", "_<cols>_key", ...
std::string DefaultNameSuffix(const model::PrimaryKey&) { return "_pkey"; }
std::string DefaultNameSuffix(const model::UniqueConstraint& unique) {
  return "_" + model::JoinColumnsForName(unique.columns) + "_key";
}
std::string DefaultNameSuffix(const model::ForeignKey& fk) {
  return "_" + model::JoinColumnsForName(fk.columns) + "_fkey";
}
std::string DefaultNameSuffix(const model::Check&) { return "_check"; }

// True when `from` and `to` are the default names of one constraint for two names of this table
// (its live name and one it is renamed from or to). Render leaves default names out of the CREATE
// TABLE text, so such a name follows the table's RENAME by itself: nothing to rebuild.
bool FollowsTableName(const std::string& from, const std::string& to, const std::string& suffix,
                      const std::vector<std::string>& table_names) {
  auto is_default = [&](const std::string& name) {
    return std::any_of(table_names.begin(), table_names.end(),
                       [&](const std::string& table) { return name == table + suffix; });
  };
  return from != to && is_default(from) && is_default(to);
}

// Removes the drop + add pairs of `changes` that only rename a constraint with the table.
template <typename T>
void DropNameFollowers(std::vector<ObjectChange<T>>& changes, const std::vector<std::string>& table_names) {
  for (std::size_t d = 0; d < changes.size(); ++d) {
    if (changes[d].op != ChangeOp::kDrop) continue;
    for (std::size_t a = 0; a < changes.size(); ++a) {
      if (changes[a].op != ChangeOp::kAdd) continue;
      T renamed = *changes[d].before;
      renamed.name = changes[a].after->name;
      if (!(renamed == *changes[a].after) ||
          !FollowsTableName(changes[d].before->name, renamed.name, DefaultNameSuffix(renamed), table_names)) {
        continue;
      }
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(std::max(a, d)));
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(std::min(a, d)));
      DropNameFollowers(changes, table_names);
      return;
    }
  }
}

// The table diff without the constraint renames that a table rename already did.
TableDiff WithoutNameFollowers(TableDiff diff, const model::Table& before, const model::Table& after) {
  std::vector<std::string> names = {before.name, after.name};
  for (const auto& name : before.renamed_from) names.push_back(name);
  for (const auto& name : after.renamed_from) names.push_back(name);
  DropNameFollowers(diff.primary_key, names);
  DropNameFollowers(diff.uniques, names);
  DropNameFollowers(diff.foreign_keys, names);
  DropNameFollowers(diff.checks, names);
  return diff;
}

std::vector<PlanStep> PlanModifyTable(const Change& change, const PlanContext& context) {
  const model::Table& before = *change.table_before;
  const model::Table& after = *change.table_after;
  const TableDiff diff = WithoutNameFollowers(change.table_diff, before, after);
  const std::string live_name = after.name;
  const std::string summary = DescribeTableDiff(diff);
  if (summary.empty()) return {};  // only comments changed: SQLite has none to change

  const std::string reason = RebuildReason(diff, before, after);
  if (!reason.empty()) {
    PlanStep step = RebuildStep(before, after, live_name, ColumnSources(before, after, diff),
                                EnumsOf(context.desired, change.ns), context,
                                "rebuild table " + after.name + " (" + summary + ")");
    step.hazards.front().message += ": " + reason;
    AddColumnHazards(step, after.name, diff, true);
    return {step};
  }

  PlanStep step = NewStep("modify table " + after.name + " (" + summary + ")", "alter", context);
  auto& statements = step.up.statements;
  for (const auto& c : diff.indexes) {
    if (c.op == ChangeOp::kDrop) statements.push_back(RenderDropIndex(c.before->name));
  }
  for (const auto& c : diff.columns) {
    if (c.op == ChangeOp::kRename)
      statements.push_back(RenderRenameColumn(live_name, c.before->name, c.after->name));
  }
  for (const auto& c : diff.columns) {
    if (c.op == ChangeOp::kDrop) statements.push_back(RenderDropColumn(live_name, c.before->name));
  }
  for (const auto& c : diff.columns) {
    if (c.op == ChangeOp::kAdd)
      statements.push_back(RenderAddColumn(after, *c.after, EnumsOf(context.desired, change.ns)));
  }
  for (const auto& c : diff.indexes) {
    if (c.op == ChangeOp::kAdd) {
      statements.push_back(RenderCreateIndex(*c.after, live_name));
      if (c.after->unique)
        AddHazard(step, hazard::kConstraintMayFail,
                  "existing rows may violate unique index " + c.after->name);
    }
  }
  if (statements.empty()) return {};  // e.g. only a comment changed
  AddColumnHazards(step, after.name, diff, false);
  return {step};
}

// An enum lives in the CHECKs of the tables using it: changing or renaming it rebuilds them, in
// their current shape (table changes of the same plan are separate steps).
std::vector<PlanStep> PlanEnumChange(const Change& change, const PlanContext& context) {
  const model::Enum& before = *change.enum_before;
  const model::Enum& after = *change.enum_after;
  const model::Namespace* ns = context.current.FindNamespace(change.ns);
  if (!ns) return {};
  EnumList enums = ns->enums;
  enums.erase(
      std::remove_if(enums.begin(), enums.end(), [&](const model::Enum& e) { return e.name == before.name; }),
      enums.end());
  enums.push_back(after);

  std::vector<PlanStep> steps;
  for (const auto& table : ns->tables) {
    model::Table rebuilt = table;
    bool uses_enum = false;
    for (auto& column : rebuilt.columns) {
      if (column.type.kind == TypeKind::Enum && column.type.enum_name == before.name) {
        column.type.enum_name = after.name;
        uses_enum = true;
      }
    }
    if (!uses_enum) continue;
    std::map<std::string, std::string> sources;
    for (const auto& column : table.columns) sources[column.name] = column.name;
    const std::string what = before.name == after.name ? "values of enum " + after.name
                                                       : "enum " + before.name + " renamed to " + after.name;
    PlanStep step = RebuildStep(table, rebuilt, table.name, sources, enums, context,
                                "rebuild table " + table.name + " (" + what + ")");
    // Each table is rebuilt in its own step, so between the steps some tables hold the new
    // values and some the old: a state the model (one enum per name) cannot hold, so each step's
    // down is set here, rebuilding just its table with the enums as they were.
    step.parts.clear();
    step.down = RebuildStep(rebuilt, table, table.name, sources, ns->enums, context,
                            "rebuild table " + table.name + " (back)")
                    .up;
    for (const auto& value : before.values) {
      if (std::find(after.values.begin(), after.values.end(), value) == after.values.end()) {
        AddHazard(step, hazard::kDropEnumValue,
                  "enum " + after.name + " loses value '" + value + "': the copy of table " + table.name +
                      " fails if a row holds it");
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

// ---- views and triggers: SQLite has no ALTER for either, so a rename or a new definition is a
// DROP and a CREATE in one transactional step. They hold no data: every down is exact.

// "create view v", "rename view a to b", ... (Change::Describe lives in the core, not linked here).
std::string DescribeObjectChange(const char* noun, const std::string* before, const std::string* after) {
  if (before && after && *before != *after)
    return std::string("rename ") + noun + " " + *before + " to " + *after;
  if (before && after) return std::string("replace ") + noun + " " + *after;
  if (after) return std::string("create ") + noun + " " + *after;
  return std::string("drop ") + noun + " " + (before ? *before : std::string());
}

std::vector<PlanStep> PlanViewChange(const Change& change, const PlanContext& context) {
  PlanStep step =
      NewStep(DescribeObjectChange("view", change.view_before ? &change.view_before->name : nullptr,
                                   change.view_after ? &change.view_after->name : nullptr),
              "create", context);
  auto& statements = step.up.statements;
  if (change.view_before) statements.push_back(RenderDropView(change.view_before->name));
  if (change.view_after) statements.push_back(RenderCreateView(*change.view_after));
  if (!change.view_after) step.strategy = "drop";
  if (change.view_before && change.view_after) step.strategy = "replace";
  return {step};
}

std::vector<PlanStep> PlanTriggerChange(const Change& change, const PlanContext& context) {
  PlanStep step =
      NewStep(DescribeObjectChange("trigger", change.trigger_before ? &change.trigger_before->name : nullptr,
                                   change.trigger_after ? &change.trigger_after->name : nullptr),
              "create", context);
  auto& statements = step.up.statements;
  if (change.trigger_before) statements.push_back(RenderDropTrigger(change.trigger_before->name));
  if (change.trigger_after) statements.push_back(RenderCreateTrigger(*change.trigger_after));
  if (!change.trigger_after) step.strategy = "drop";
  if (change.trigger_before && change.trigger_after) step.strategy = "replace";
  return {step};
}

}  // namespace

std::vector<PlanStep> PlanSqliteChange(const Change& change, const PlanContext& context) {
  switch (change.kind) {
    case ChangeKind::kAddTable:
      return PlanAddTable(change, context);
    case ChangeKind::kDropTable:
      return PlanDropTable(change, context);
    case ChangeKind::kRenameTable:
      return PlanRenameTable(change, context);
    case ChangeKind::kModifyTable:
      return PlanModifyTable(change, context);
    case ChangeKind::kModifyEnum:
    case ChangeKind::kRenameEnum:
      return PlanEnumChange(change, context);
    case ChangeKind::kAddView:
    case ChangeKind::kDropView:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
      return PlanViewChange(change, context);
    case ChangeKind::kAddTrigger:
    case ChangeKind::kDropTrigger:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
      return PlanTriggerChange(change, context);
    // SQLite has no namespaces and no standalone enum types: an enum exists only in the CHECKs of
    // its columns, which the table steps write.
    case ChangeKind::kAddNamespace:
    case ChangeKind::kDropNamespace:
    case ChangeKind::kAddEnum:
    case ChangeKind::kDropEnum:
      return {};
  }
  return {};
}

}  // namespace schemac::dialects::sqlite
