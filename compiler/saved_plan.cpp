#include "compiler/saved_plan.hpp"

#include <nlohmann/json.hpp>

#include "compiler/data_checks.hpp"
#include "compiler/diff.hpp"
#include "compiler/excludes.hpp"
#include "compiler/render_internal.hpp"
#include "compiler/shadow_swap_json.hpp"
#include "schemac/model_json.hpp"

namespace schemac::compiler {
namespace {

using nlohmann::json;

json ScriptToJson(const SqlScript& script) {
  const json settings = {{"local", script.settings.local},
                         {"session", script.settings.session},
                         {"reset", script.settings.reset}};
  return {{"precheck", script.precheck},          {"before", script.before}, {"settings", settings},
          {"statements", script.statements},      {"verify", script.verify}, {"after", script.after},
          {"transactional", script.transactional}};
}

SqlScript ScriptFromJson(const json& j) {
  SqlScript script;
  j.at("precheck").get_to(script.precheck);
  j.at("before").get_to(script.before);
  const json& settings = j.at("settings");
  settings.at("local").get_to(script.settings.local);
  settings.at("session").get_to(script.settings.session);
  settings.at("reset").get_to(script.settings.reset);
  j.at("statements").get_to(script.statements);
  j.at("verify").get_to(script.verify);
  j.at("after").get_to(script.after);
  j.at("transactional").get_to(script.transactional);
  return script;
}

// The checks' queries, not their results: `apply --plan` counts again on the database it runs on.
json DataChecksToJson(const std::vector<DataCheck>& checks) {
  json out = json::array();
  for (const auto& check : checks) {
    out.push_back({{"kind", DataCheckKindName(check.kind)},
                   {"hazard", check.hazard},
                   {"description", check.description},
                   {"count_sql", check.count_sql},
                   {"sample_sql", check.sample_sql},
                   {"key_columns", check.key_columns}});
  }
  return out;
}

// Plans saved before data checks existed have neither key.
void DataChecksFromJson(const json& j, PlanStep& step) {
  if (j.contains("data_checks")) {
    for (const auto& entry : j.at("data_checks")) {
      DataCheck check;
      const std::string kind = entry.at("kind").get<std::string>();
      std::optional<DataCheckKind> parsed = DataCheckKindFromName(kind);
      if (!parsed) throw std::invalid_argument("unknown data check kind '" + kind + "'");
      check.kind = *parsed;
      entry.at("hazard").get_to(check.hazard);
      entry.at("description").get_to(check.description);
      entry.at("count_sql").get_to(check.count_sql);
      entry.at("sample_sql").get_to(check.sample_sql);
      entry.at("key_columns").get_to(check.key_columns);
      step.data_checks.push_back(std::move(check));
    }
  }
  if (j.contains("impact") && !j.at("impact").is_null()) {
    step.impact = TableImpact{j.at("impact").at("table").get<std::string>(),
                              j.at("impact").at("estimate_sql").get<std::string>()};
  }
}

json StepToJson(const PlanStep& step) {
  json hazards = json::array();
  for (const auto& hazard : step.hazards) {
    hazards.push_back({{"code", hazard.code}, {"message", hazard.message}, {"data_loss", hazard.data_loss}});
  }
  json out = {{"description", step.description},
              {"up", ScriptToJson(step.up)},
              {"down", step.down ? ScriptToJson(*step.down) : json(nullptr)},
              {"down_kind", DownKindName(step.down_kind)},
              {"down_reason", step.down_reason},
              {"strategy", step.strategy},
              {"lock", step.lock},
              {"hazards", std::move(hazards)},
              {"precondition_probe", step.precondition_probe},
              {"change_index", step.change_index},
              {"data_checks", DataChecksToJson(step.data_checks)},
              {"impact",
               step.impact ? json{{"table", step.impact->table}, {"estimate_sql", step.impact->estimate_sql}}
                           : json(nullptr)}};
  if (step.shadow_swap) out["shadow_swap"] = ShadowSwapToJson(*step.shadow_swap);
  return out;
}

PlanStep StepFromJson(const json& j) {
  PlanStep step;
  j.at("description").get_to(step.description);
  step.up = ScriptFromJson(j.at("up"));
  if (!j.at("down").is_null()) step.down = ScriptFromJson(j.at("down"));
  const std::string down_kind = j.at("down_kind").get<std::string>();
  bool known_kind = false;
  for (DownKind kind : {DownKind::kExact, DownKind::kLossy, DownKind::kNone}) {
    if (down_kind == DownKindName(kind)) {
      step.down_kind = kind;
      known_kind = true;
    }
  }
  if (!known_kind) throw std::invalid_argument("unknown down_kind '" + down_kind + "'");
  j.at("down_reason").get_to(step.down_reason);
  j.at("strategy").get_to(step.strategy);
  j.at("lock").get_to(step.lock);
  for (const auto& hazard : j.at("hazards")) {
    step.hazards.push_back(Hazard{hazard.at("code").get<std::string>(),
                                  hazard.at("message").get<std::string>(),
                                  hazard.at("data_loss").get<bool>()});
  }
  j.at("precondition_probe").get_to(step.precondition_probe);
  j.at("change_index").get_to(step.change_index);
  if (j.contains("shadow_swap")) step.shadow_swap = ShadowSwapFromJson(j.at("shadow_swap"));
  DataChecksFromJson(j, step);
  return step;
}

json PolicyToJson(const PlanPolicy& policy) {
  return {{"online", policy.online},
          {"lock_timeout_ms", policy.lock_timeout_ms},
          {"statement_timeout_ms", policy.statement_timeout_ms},
          {"lock_retries", policy.lock_retries},
          {"shadow_min_rows", policy.shadow_min_rows},
          {"allowed_hazards", policy.allowed_hazards},
          {"excludes", policy.excludes}};
}

PlanPolicy PolicyFromJson(const json& j) {
  PlanPolicy policy;
  j.at("online").get_to(policy.online);
  j.at("lock_timeout_ms").get_to(policy.lock_timeout_ms);
  j.at("statement_timeout_ms").get_to(policy.statement_timeout_ms);
  j.at("lock_retries").get_to(policy.lock_retries);
  if (j.contains("shadow_min_rows")) j.at("shadow_min_rows").get_to(policy.shadow_min_rows);
  if (j.contains("allowed_hazards")) j.at("allowed_hazards").get_to(policy.allowed_hazards);
  if (j.contains("excludes")) j.at("excludes").get_to(policy.excludes);
  return policy;
}

Status NotASavedPlan(const std::string& why) {
  return Status(StatusCode::kInvalidArgument, "not a saved schemac plan: " + why);
}

}  // namespace

std::string WriteSavedPlan(const SavedPlan& saved) {
  const Plan& plan = saved.plan;
  json steps = json::array();
  for (const auto& step : plan.steps) steps.push_back(StepToJson(step));
  json out = json::object();
  out["schemac_saved_plan"] = kSavedPlanFormat;
  out["schemac_version"] = saved.schemac_version;
  out["dialect"] = plan.dialect;
  out["server"] = plan.binding.server;
  out["source_fingerprint"] = plan.binding.source_fingerprint;
  out["target_fingerprint"] = plan.binding.target_fingerprint;
  out["excludes"] = plan.binding.excludes;
  out["policy"] = PolicyToJson(saved.policy);
  out["steps"] = std::move(steps);
  json down = json::array();
  for (const auto& script : plan.down) down.push_back(ScriptToJson(script));
  out["down"] = std::move(down);
  out["source"] = plan.binding.source;
  out["target"] = plan.binding.target;
  return out.dump(2) + "\n";
}

Result<SavedPlan> ReadSavedPlan(const std::string& text, const std::string& schemac_version,
                                const dialects::Dialect* (*dialect_for)(const std::string& name)) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return NotASavedPlan("the file is not JSON");
  if (!j.is_object() || !j.contains("schemac_saved_plan")) {
    return NotASavedPlan("no \"schemac_saved_plan\" key (write one with `schemac plan --out FILE`)");
  }
  try {
    if (j.at("schemac_saved_plan").get<int>() != kSavedPlanFormat) {
      return NotASavedPlan("format " + j.at("schemac_saved_plan").dump() + ", this schemac reads format " +
                           std::to_string(kSavedPlanFormat));
    }
    SavedPlan saved;
    j.at("schemac_version").get_to(saved.schemac_version);
    if (saved.schemac_version != schemac_version) {
      return Status(StatusCode::kInvalidArgument, "the plan was written by schemac " + saved.schemac_version +
                                                      " and this is schemac " + schemac_version +
                                                      ": plan again with this version");
    }
    Plan& plan = saved.plan;
    j.at("dialect").get_to(plan.dialect);
    j.at("server").get_to(plan.binding.server);
    j.at("source_fingerprint").get_to(plan.binding.source_fingerprint);
    j.at("target_fingerprint").get_to(plan.binding.target_fingerprint);
    if (j.contains("excludes")) j.at("excludes").get_to(plan.binding.excludes);
    // Edited by hand or not, a pattern apply cannot read must not silently exclude nothing.
    if (Result<std::vector<ExcludePattern>> excludes = ParseExcludePatterns(plan.binding.excludes);
        !excludes.ok())
      return NotASavedPlan(excludes.status().message());
    saved.policy = PolicyFromJson(j.at("policy"));
    for (const auto& step : j.at("steps")) plan.steps.push_back(StepFromJson(step));
    for (const auto& script : j.at("down")) plan.down.push_back(ScriptFromJson(script));
    j.at("source").get_to(plan.binding.source);
    j.at("target").get_to(plan.binding.target);
    plan.unmanaged = plan.binding.source.unmanaged;

    const dialects::Dialect* dialect = dialect_for(plan.dialect);
    if (dialect == nullptr) return NotASavedPlan("unknown dialect '" + plan.dialect + "'");
    plan.changes = Diff(plan.binding.source, plan.binding.target, dialect->GetCapabilities());
    for (const auto& step : plan.steps) {
      if (step.change_index >= plan.changes.size()) {
        return NotASavedPlan("step '" + step.description + "' refers to change " +
                             std::to_string(step.change_index) + " of " +
                             std::to_string(plan.changes.size()));
      }
    }
    return saved;
  } catch (const std::exception& error) {
    return NotASavedPlan(error.what());
  }
}

}  // namespace schemac::compiler
