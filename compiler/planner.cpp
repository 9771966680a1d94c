#include "compiler/planner.hpp"

#include <exception>
#include <string>
#include <vector>

#include "compiler/apply_change.hpp"
#include "compiler/diff.hpp"

namespace schemac::compiler {
namespace {

// Appends `next` to `into` when running the result is equivalent to running both in order.
// A part both scripts share word for word runs once: the same session settings before, the same
// checks (they look at the whole database, so checking once at the end covers both), the same
// resets after. Otherwise nothing may overtake what ran before it in `into`. A precheck looks at
// the rows as they are when it runs, so `next`'s may not move ahead of anything in `into`.
bool AppendScript(SqlScript& into, const SqlScript& next) {
  const bool into_runs_more_than_prechecks =
      !into.before.empty() || !into.statements.empty() || !into.verify.empty() || !into.after.empty();
  if (!next.precheck.empty() && into_runs_more_than_prechecks) return false;
  static const std::vector<std::string> kNone;
  const bool same_before = next.before == into.before;
  const bool same_verify = next.verify == into.verify;
  const bool same_after = next.after == into.after;
  const auto& next_before = same_before ? kNone : next.before;
  const auto& next_verify = same_verify ? kNone : next.verify;
  const auto& next_after = same_after ? kNone : next.after;
  const auto& into_verify = same_verify ? kNone : into.verify;
  const auto& into_after = same_after ? kNone : into.after;

  const bool into_runs_later_parts = !into.statements.empty() || !into_verify.empty() || !into_after.empty();
  if (!next_before.empty() && into_runs_later_parts) return false;
  if (!next.statements.empty() && (!into_verify.empty() || !into_after.empty())) return false;
  if (!next_verify.empty() && !into_after.empty()) return false;
  into.precheck.insert(into.precheck.end(), next.precheck.begin(), next.precheck.end());
  into.before.insert(into.before.end(), next_before.begin(), next_before.end());
  into.statements.insert(into.statements.end(), next.statements.begin(), next.statements.end());
  into.verify.insert(into.verify.end(), next_verify.begin(), next_verify.end());
  into.after.insert(into.after.end(), next_after.begin(), next_after.end());
  into.transactional = into.transactional && next.transactional;
  return true;
}

std::string FirstIrreversibleReason(const std::vector<PlanStep>& steps) {
  for (const auto& step : steps) {
    if (!step.irreversible_reason.empty()) return step.irreversible_reason;
  }
  return {};
}

void MarkIrreversible(std::vector<PlanStep>& steps, const std::string& reason) {
  for (auto& step : steps) {
    step.down.reset();
    if (step.irreversible_reason.empty()) step.irreversible_reason = reason;
  }
}

// Fills the `down` of the steps of one change from the steps of its inverse. See planner.hpp.
void AttachDowns(std::vector<PlanStep>& up_steps, const std::vector<PlanStep>& inverse_steps,
                 const std::string& dialect_name) {
  if (up_steps.empty()) return;
  if (!FirstIrreversibleReason(up_steps).empty()) {
    MarkIrreversible(up_steps, FirstIrreversibleReason(up_steps));
    return;
  }
  if (std::string reason = FirstIrreversibleReason(inverse_steps); !reason.empty()) {
    MarkIrreversible(up_steps, "the change cannot be undone: " + reason);
    return;
  }
  if (inverse_steps.empty()) {
    MarkIrreversible(up_steps, "the " + dialect_name + " dialect planned no way to undo this change");
    return;
  }
  const std::size_t count = up_steps.size();
  if (inverse_steps.size() == count) {
    for (std::size_t k = 0; k < count; ++k) up_steps[k].down = inverse_steps[count - 1 - k].up;
    return;
  }
  // Uneven: join consecutive undo scripts where that keeps their meaning, then hand the groups
  // out from the last step backwards (downs run last step first).
  std::vector<SqlScript> groups;
  for (const auto& inverse : inverse_steps) {
    if (groups.empty() || !AppendScript(groups.back(), inverse.up)) groups.push_back(inverse.up);
  }
  if (groups.size() > count) {
    MarkIrreversible(up_steps, "the undo of this change takes " + std::to_string(groups.size()) +
                                   " scripts that cannot be combined into its " + std::to_string(count) +
                                   (count == 1 ? " step" : " steps"));
    return;
  }
  for (auto& step : up_steps) step.down = SqlScript{};
  for (std::size_t k = 0; k < groups.size(); ++k) up_steps[count - 1 - k].down = std::move(groups[k]);
}

void AddIrreversibleHazard(PlanStep& step) {
  if (step.down) return;
  for (const auto& hazard : step.hazards) {
    if (hazard.code == hazard::kIrreversible) return;
  }
  step.hazards.push_back({hazard::kIrreversible, "no down migration: " + step.irreversible_reason, false});
}

std::string ListProblems(const std::string& dialect_name, const std::vector<std::string>& problems) {
  std::string message = "the " + dialect_name + " dialect cannot build the desired schema (" +
                        std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") +
                        "):";
  for (const auto& problem : problems) message += "\n  - " + problem;
  return message;
}

Result<Plan> BuildPlanUnguarded(const model::Schema& current, const model::Schema& desired,
                                const dialects::Dialect& dialect, const PlanPolicy& policy) {
  model::Schema normalized_current = current;
  model::Schema normalized_desired = desired;
  dialect.Normalize(normalized_current);
  dialect.Normalize(normalized_desired);

  if (auto problems = dialect.Unsupported(normalized_desired); !problems.empty()) {
    return Status(StatusCode::kUnsupported, ListProblems(dialect.Name(), problems));
  }
  if (auto problems = dialect.MissingDependencies(normalized_current, normalized_desired);
      !problems.empty()) {
    return Status(StatusCode::kUnsupported, ListProblems(dialect.Name(), problems));
  }

  Plan plan;
  plan.dialect = dialect.Name();
  plan.unmanaged = current.unmanaged;
  plan.changes = Diff(normalized_current, normalized_desired, dialect.GetCapabilities());

  // The schema as the database holds it at each point of the plan: a dialect planning change i
  // sees every earlier change done (a renamed table under its new name, an added column).
  model::Schema state = normalized_current;
  for (std::size_t index = 0; index < plan.changes.size(); ++index) {
    const Change& change = plan.changes[index];
    std::vector<PlanStep> steps =
        dialect.PlanChange(change, dialects::PlanContext{state, normalized_desired, policy, index});
    for (auto& step : steps) step.down.reset();  // ours to fill, whatever the dialect left there
    ApplyChange(change, state);
    // The undo starts from the state right after the change and heads back to the current schema.
    std::vector<PlanStep> inverse_steps =
        dialect.PlanChange(Invert(change), dialects::PlanContext{state, normalized_current, policy, index});
    AttachDowns(steps, inverse_steps, dialect.Name());
    for (auto& step : steps) {
      step.change_index = index;
      if (step.description.empty()) step.description = change.Describe();
      AddIrreversibleHazard(step);
      plan.steps.push_back(std::move(step));
    }
  }
  return plan;
}

}  // namespace

Result<Plan> BuildPlan(const model::Schema& current, const model::Schema& desired,
                       const dialects::Dialect& dialect, const PlanPolicy& policy) {
  try {
    return BuildPlanUnguarded(current, desired, dialect, policy);
  } catch (const std::exception& error) {
    return Status(StatusCode::kInternal, "planning for " + dialect.Name() + " failed: " + error.what());
  } catch (...) {
    return Status(StatusCode::kInternal, "planning for " + dialect.Name() + " failed with an unknown error");
  }
}

}  // namespace schemac::compiler
