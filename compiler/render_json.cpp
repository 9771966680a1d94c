// The JSON form of a plan: what tools and the golden corpus read. Keys are an API: add, never
// rename.
#include <string>

#include "compiler/change_names.hpp"
#include "compiler/data_checks.hpp"
#include "compiler/render_internal.hpp"
#include "compiler/render_plan.hpp"
#include "compiler/shadow_swap_json.hpp"

namespace schemac::compiler {
namespace {

using nlohmann::json;

template <typename T>
void AddObjectDetails(const std::vector<ObjectChange<T>>& changes, const char* object, json& details) {
  for (const auto& change : changes) {
    json entry = {{"object", object}, {"op", ChangeOpName(change.op)}, {"name", change.Desired().name}};
    if (change.op == ChangeOp::kRename) entry["old_name"] = change.Current().name;
    if (change.op == ChangeOp::kModify) entry["flags"] = ColumnChangeFlagNames(change.flags);
    details.push_back(std::move(entry));
  }
}

json TableDiffDetails(const TableDiff& diff) {
  json details = json::array();
  AddObjectDetails(diff.columns, "column", details);
  AddObjectDetails(diff.primary_key, "primary_key", details);
  AddObjectDetails(diff.uniques, "unique", details);
  AddObjectDetails(diff.indexes, "index", details);
  AddObjectDetails(diff.foreign_keys, "foreign_key", details);
  AddObjectDetails(diff.checks, "check", details);
  if (diff.comment_changed) details.push_back({{"object", "table"}, {"op", "modify"}, {"name", "comment"}});
  if (diff.options_changed) details.push_back({{"object", "table"}, {"op", "modify"}, {"name", "options"}});
  return details;
}

json ChangeToJson(const Change& change) {
  json entry = {{"kind", ChangeKindName(change.kind)},
                {"namespace", change.ns},
                {"name", ChangeObjectName(change)},
                {"description", change.Describe()}};
  if (change.kind == ChangeKind::kRenameTable && change.table_before)
    entry["old_name"] = change.table_before->name;
  if (change.kind == ChangeKind::kRenameEnum && change.enum_before)
    entry["old_name"] = change.enum_before->name;
  if (change.kind == ChangeKind::kRenameView && change.view_before)
    entry["old_name"] = change.view_before->name;
  if (change.kind == ChangeKind::kRenameTrigger && change.trigger_before)
    entry["old_name"] = change.trigger_before->name;
  if (change.kind == ChangeKind::kRenameRoutine && change.routine_before)
    entry["old_name"] = change.routine_before->Identity();
  if (change.kind == ChangeKind::kRenameSequence && change.sequence_before)
    entry["old_name"] = change.sequence_before->name;
  if (change.kind == ChangeKind::kModifyTable) entry["details"] = TableDiffDetails(change.table_diff);
  return entry;
}

const char* DataChecksStateName(Plan::DataChecks state) {
  switch (state) {
    case Plan::DataChecks::kNotRun:
      return "not_run";
    case Plan::DataChecks::kRun:
      return "run";
    case Plan::DataChecks::kSkipped:
      return "skipped";
  }
  return "not_run";
}

// failing_rows is null until the check ran; `fails` is whether it stops the plan.
json DataCheckToJson(const DataCheck& check) {
  return {{"kind", DataCheckKindName(check.kind)},
          {"hazard", check.hazard},
          {"description", check.description},
          {"sql", check.count_sql},
          {"failing_rows", check.failing_rows ? json(*check.failing_rows) : json(nullptr)},
          {"sample_keys", check.sample_keys},
          {"error", check.error},
          {"allowed", check.allowed},
          {"fails", check.Fails()}};
}

json StepToJson(const PlanStep& step) {
  json checks = json::array();
  for (const auto& check : step.data_checks) checks.push_back(DataCheckToJson(check));
  json impact = nullptr;
  if (step.impact) {
    impact = {
        {"table", step.impact->table},
        {"estimated_rows", step.impact->estimated_rows ? json(*step.impact->estimated_rows) : json(nullptr)},
        {"estimated_bytes",
         step.impact->estimated_bytes ? json(*step.impact->estimated_bytes) : json(nullptr)}};
  }
  json hazards = json::array();
  for (const auto& hazard : step.hazards) {
    hazards.push_back({{"code", hazard.code}, {"message", hazard.message}, {"data_loss", hazard.data_loss}});
  }
  json out = {{"description", step.description},
              {"strategy", step.strategy},
              {"lock", step.lock},
              {"transactional", step.up.transactional},
              {"hazards", std::move(hazards)},
              {"up", step.up.Flatten()},
              {"down", step.down ? json(step.down->Flatten()) : json(nullptr)},
              // Kept for the consumers of the key that came first: the reason when there is no down.
              {"irreversible_reason", step.down_kind == DownKind::kNone ? step.down_reason : std::string()},
              {"down_kind", DownKindName(step.down_kind)},
              {"down_reason", step.down_reason},
              {"precondition_probe", step.precondition_probe},
              {"change_index", step.change_index},
              {"data_checks", std::move(checks)},
              {"impact", std::move(impact)}};
  if (step.shadow_swap) out["shadow_swap"] = ShadowSwapToJson(*step.shadow_swap);
  return out;
}

}  // namespace

json PlanToJson(const Plan& plan) {
  json changes = json::array();
  for (const auto& change : plan.changes) changes.push_back(ChangeToJson(change));
  json steps = json::array();
  for (const auto& step : plan.steps) steps.push_back(StepToJson(step));
  json unmanaged = json::array();
  for (const auto& object : plan.unmanaged) {
    unmanaged.push_back({{"kind", object.kind},
                         {"namespace", object.namespace_name},
                         {"name", object.name},
                         {"detail", object.detail}});
  }
  json out = json::object();
  out["dialect"] = plan.dialect;
  out["changes"] = std::move(changes);
  out["up"] = plan.UpStatements();
  out["down"] = plan.DownStatements();
  out["steps"] = std::move(steps);
  out["unmanaged"] = std::move(unmanaged);
  out["data_checks"] = DataChecksStateName(plan.data_checks);
  out["rename_suggestions"] = plan.rename_suggestions;
  return out;
}

}  // namespace schemac::compiler
