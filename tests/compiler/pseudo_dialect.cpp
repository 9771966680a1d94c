#include "pseudo_dialect.hpp"

#include <stdexcept>

namespace schemac::testing {
namespace {

PlanStep Step(const std::string& strategy, std::vector<std::string> statements) {
  PlanStep step;
  step.strategy = strategy;
  step.lock = "exclusive";
  step.up.statements = std::move(statements);
  return step;
}

std::vector<PlanStep> PlanTableModification(const Change& change, bool separate_index_steps) {
  const std::string table = change.table_after->name;
  std::vector<std::string> statements;
  PlanStep step = Step("alter", {});
  for (const auto& column : change.table_diff.columns) {
    switch (column.op) {
      case ChangeOp::kAdd:
        statements.push_back("ALTER " + table + " ADD " + column.after->name);
        break;
      case ChangeOp::kDrop:
        statements.push_back("ALTER " + table + " DROP " + column.before->name);
        step.hazards.push_back({hazard::kDropColumn, "drops column " + column.before->name, true});
        break;
      case ChangeOp::kRename:
        statements.push_back("ALTER " + table + " RENAME " + column.before->name + " TO " +
                             column.after->name);
        break;
      case ChangeOp::kModify:
        statements.push_back("ALTER " + table + " MODIFY " + column.after->name);
        break;
    }
  }
  for (const auto& fk : change.table_diff.foreign_keys) {
    if (fk.op == ChangeOp::kAdd)
      statements.push_back("ALTER " + table + " ADD FK " + fk.after->name);
    else
      statements.push_back("ALTER " + table + " DROP FK " + fk.before->name);
  }
  step.up.statements = statements;
  if (!separate_index_steps) {
    for (const auto& index : change.table_diff.indexes) {
      if (index.op == ChangeOp::kAdd)
        step.up.statements.push_back("CREATE INDEX " + index.after->name);
      else
        step.up.statements.push_back("DROP INDEX " + index.before->name);
    }
    return {step};
  }
  // Index drops first, index creations last, each its own step carrying its index; the rest of
  // the table's change is one step.
  std::vector<PlanStep> steps;
  std::vector<ChangePart> rest;
  for (std::size_t i = 0; i < change.table_diff.columns.size(); ++i)
    rest.push_back(ChangePart::Of(ChangePart::Kind::kColumn, i));
  for (std::size_t i = 0; i < change.table_diff.foreign_keys.size(); ++i)
    rest.push_back(ChangePart::Of(ChangePart::Kind::kForeignKey, i));
  step.parts = rest;
  const auto& indexes = change.table_diff.indexes;
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    if (indexes[i].op != ChangeOp::kDrop) continue;
    steps.push_back(Step("drop-index", {"DROP INDEX " + indexes[i].before->name}));
    steps.back().parts = {ChangePart::Of(ChangePart::Kind::kIndex, i)};
  }
  if (!statements.empty()) steps.push_back(step);
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    if (indexes[i].op != ChangeOp::kAdd) continue;
    steps.push_back(Step("concurrent-index", {"CREATE INDEX " + indexes[i].after->name}));
    steps.back().parts = {ChangePart::Of(ChangePart::Kind::kIndex, i)};
  }
  return steps;
}

std::vector<PlanStep> PlanEnumModification(const Change& change) {
  for (const auto& value : change.enum_before->values) {
    bool kept = false;
    for (const auto& wanted : change.enum_after->values) kept = kept || wanted == value;
    if (!kept) {
      PlanStep step = Step("recreate-type", {"RECREATE ENUM " + change.enum_after->name});
      step.down_kind = DownKind::kNone;
      step.down_reason = "removed enum values cannot be restored in place";
      step.hazards.push_back({hazard::kDropEnumValue, "rows may hold " + value, false});
      return {step};
    }
  }
  return {Step("alter", {"EXTEND ENUM " + change.enum_after->name})};
}

}  // namespace

void PseudoDialect::Normalize(model::Schema& schema) const {
  ++normalize_calls;
  for (auto& ns : schema.namespaces) {
    for (auto& table : ns.tables) {
      for (auto& column : table.columns) {
        if (column.type.kind == model::TypeKind::Varchar && !column.type.length) {
          column.type.kind = model::TypeKind::Text;
        }
      }
    }
  }
}

std::vector<std::string> PseudoDialect::Unsupported(const model::Schema& desired) const {
  std::vector<std::string> problems;
  for (const auto& ns : desired.namespaces) {
    for (const auto& table : ns.tables) {
      if (table.name.rfind("bad_", 0) == 0)
        problems.push_back("table " + table.name + ": pseudo cannot build it");
    }
  }
  return problems;
}

std::vector<PlanStep> PseudoDialect::PlanChange(const Change& change,
                                                const dialects::PlanContext& context) const {
  if (throw_on_plan) throw std::runtime_error("pseudo dialect exploded");
  Call call{change.Describe(), context.change_index, context.policy.lock_timeout_ms, {}};
  for (const auto& ns : context.current.namespaces) {
    for (const auto& table : ns.tables) call.current_tables.push_back(table.name);
  }
  calls.push_back(call);
  std::vector<PlanStep> steps = PlanUnwrapped(change);
  if (wrapped_steps) {
    for (auto& step : steps) {
      step.up.before = {"SET timeout"};
      step.up.verify = {"CHECK"};
      step.up.after = {"RESET"};
    }
  }
  if (timeout_settings) {
    for (auto& step : steps) {
      step.up.settings = ScriptSettings{{"SET LOCAL timeout"}, {"SET timeout"}, {"RESET timeout"}};
    }
  }
  return steps;
}

std::vector<PlanStep> PseudoDialect::PlanUnwrapped(const Change& change) const {
  switch (change.kind) {
    case ChangeKind::kAddNamespace:
      return {Step("create", {"CREATE NAMESPACE " + change.ns})};
    case ChangeKind::kDropNamespace:
      return {};  // a test of "no inverse planned"
    case ChangeKind::kAddEnum:
      return {Step("create", {"CREATE ENUM " + change.enum_after->name})};
    case ChangeKind::kDropEnum:
      return {Step("drop", {"DROP ENUM " + change.enum_before->name})};
    case ChangeKind::kRenameEnum:
      return {Step("rename", {"RENAME ENUM " + change.enum_before->name + " TO " + change.enum_after->name})};
    case ChangeKind::kModifyEnum:
      return PlanEnumModification(change);
    case ChangeKind::kAddTable: {
      std::vector<PlanStep> steps{Step("create", {"CREATE TABLE " + change.table_after->name})};
      if (separate_index_steps) {
        for (const auto& index : change.table_after->indexes) {
          PlanStep step = Step("concurrent-index", {"CREATE INDEX " + index.name});
          step.up.transactional = false;
          // An index of a new table is no part of the change: the dialect says how to undo it.
          step.parts.clear();
          step.down = SqlScript{};
          step.down->statements = {"DROP INDEX " + index.name};
          step.lock = "share update exclusive";
          steps.push_back(step);
        }
      }
      return steps;
    }
    case ChangeKind::kDropTable: {
      if (unjoinable_drop) {
        PlanStep first = Step("drop", {"DROP TABLE " + change.table_before->name});
        first.up.after = {"PRAGMA cleanup"};
        return {first, Step("drop", {"VACUUM"}), Step("drop", {"ANALYZE"})};
      }
      PlanStep step = Step("drop", {"DROP TABLE " + change.table_before->name});
      step.description = "drop table " + change.table_before->name + " and its rows";
      step.hazards.push_back({hazard::kDropTable, "drops table " + change.table_before->name, true});
      return {step};
    }
    case ChangeKind::kRenameTable:
      return {
          Step("rename", {"RENAME TABLE " + change.table_before->name + " TO " + change.table_after->name})};
    case ChangeKind::kModifyTable:
      return PlanTableModification(change, separate_index_steps);
    case ChangeKind::kAddView:
    case ChangeKind::kDropView:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
    case ChangeKind::kAddTrigger:
    case ChangeKind::kDropTrigger:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
      return {Step("view", {change.Describe()})};
  }
  return {};
}

}  // namespace schemac::testing
