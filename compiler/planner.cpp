#include "compiler/planner.hpp"

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "compiler/apply_change.hpp"
#include "compiler/change_parts.hpp"
#include "compiler/data_checks.hpp"
#include "compiler/diff.hpp"
#include "compiler/excludes.hpp"
#include "compiler/rename_suggestions.hpp"
#include "compiler/rolling_deploy_hazards.hpp"
#include "schemac/fingerprint.hpp"

namespace schemac::compiler {
namespace {

// Appends `next` to `into` when running the result is equivalent to running both in order.
// A part both scripts share word for word runs once: the same session settings before, the same
// checks (they look at the whole database, so checking once at the end covers both), the same
// resets after. Otherwise nothing may overtake what ran before it in `into`. A precheck looks at
// the rows as they are when it runs, so `next`'s may not move ahead of anything in `into`.
// Settings (SqlScript::settings) hold for the whole joined script, so both must have the same ones,
// unless `into` has run nothing that would then run under `next`'s; whether they are local to a
// transaction or set for the session and reset follows the joined script's `transactional`.
bool AppendScript(SqlScript& into, const SqlScript& next) {
  if (next.Empty()) return true;
  const bool into_runs_more_than_prechecks = !into.before.empty() || !into.settings.Empty() ||
                                             !into.statements.empty() || !into.verify.empty() ||
                                             !into.after.empty();
  if (!next.precheck.empty() && into_runs_more_than_prechecks) return false;
  if (next.settings != into.settings && into_runs_more_than_prechecks) return false;
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
  into.settings = next.settings;
  into.statements.insert(into.statements.end(), next.statements.begin(), next.statements.end());
  into.verify.insert(into.verify.end(), next_verify.begin(), next_verify.end());
  into.after.insert(into.after.end(), next_after.begin(), next_after.end());
  into.transactional = into.transactional && next.transactional;
  return true;
}

// The ups of `steps` as one script, when AppendScript can join them all; nullopt otherwise.
std::optional<SqlScript> JoinUps(const std::vector<PlanStep>& steps) {
  SqlScript joined;
  for (const auto& step : steps) {
    if (!AppendScript(joined, step.up)) return std::nullopt;
  }
  return joined;
}

// Why `inverse` (the steps that undo something) cannot serve as a down; empty when it can.
std::string WhyNotReversible(const std::vector<PlanStep>& inverse, const std::string& dialect_name) {
  for (const auto& step : inverse) {
    if (step.down_kind == DownKind::kNone && !step.down_reason.empty())
      return "the change cannot be undone: " + step.down_reason;
  }
  if (inverse.empty()) return "the " + dialect_name + " dialect planned no way to undo this change";
  return {};
}

void SetNone(PlanStep& step, std::string reason) {
  step.down.reset();
  step.down_kind = DownKind::kNone;
  step.down_reason = std::move(reason);
}

// A dialect states a down of its own (or that there is none) for steps between states only it
// knows; the planner keeps those.
bool DownSetByDialect(const PlanStep& step) { return step.down || step.down_kind == DownKind::kNone; }

// The down of one step from the steps that undo it.
void SetDownFrom(PlanStep& step, const std::vector<PlanStep>& undo, const std::string& dialect_name) {
  if (std::string reason = WhyNotReversible(undo, dialect_name); !reason.empty()) {
    SetNone(step, reason);
    return;
  }
  std::optional<SqlScript> joined = JoinUps(undo);
  if (!joined) {
    SetNone(step, "the undo of this step takes " + std::to_string(undo.size()) +
                      " scripts that cannot be combined into one");
    return;
  }
  step.down = std::move(*joined);
}

// kLossy when the step destroys data its down cannot bring back: its data-loss hazards say what.
void ClassifyDown(PlanStep& step) {
  if (!step.down) {
    step.down_kind = DownKind::kNone;
    return;
  }
  if (step.down_kind != DownKind::kExact) return;
  std::string lost;
  for (const auto& hazard : step.hazards) {
    if (hazard.data_loss) lost += (lost.empty() ? "" : "; ") + hazard.message;
  }
  if (lost.empty()) return;
  step.down_kind = DownKind::kLossy;
  step.down_reason = "the down restores the schema, not the data: " + lost;
}

void AddIrreversibleHazard(PlanStep& step) {
  if (step.down_kind != DownKind::kNone) return;
  for (const auto& hazard : step.hazards) {
    if (hazard.code == hazard::kIrreversible) return;
  }
  step.hazards.push_back({hazard::kIrreversible, "no down migration: " + step.down_reason, false});
}

std::string ListProblems(const std::string& dialect_name, const std::vector<std::string>& problems) {
  std::string message = "the " + dialect_name + " dialect cannot build the desired schema (" +
                        std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") +
                        "):";
  for (const auto& problem : problems) message += "\n  - " + problem;
  return message;
}

Result<Plan> BuildPlanUnguarded(const model::Schema& current, const model::Schema& desired,
                                const dialects::Dialect& dialect, const PlanPolicy& policy,
                                const TableSizes* sizes) {
  model::Schema normalized_current = current;
  model::Schema normalized_desired = desired;
  dialect.Normalize(normalized_current);
  dialect.Normalize(normalized_desired);
  // After normalizing: patterns name objects as the database names them (implicit index names).
  // The flags' and the project file's patterns, and the schema files' own `exclude` lines.
  const std::vector<std::string> exclude_texts = AllExcludes(policy.excludes, current, desired);
  Result<std::vector<ExcludePattern>> excludes = ParseExcludePatterns(exclude_texts);
  if (!excludes.ok()) return excludes.status();
  std::vector<LeftAloneObject> left_alone = UnmanagedPartsOfTables(normalized_current);
  RemoveExcluded(normalized_current, *excludes, &left_alone);
  RemoveExcluded(normalized_desired, *excludes);

  if (auto problems = dialect.Unsupported(normalized_desired); !problems.empty()) {
    return Status(StatusCode::kUnsupported, ListProblems(dialect.Name(), problems));
  }
  if (auto problems = dialect.MissingDependencies(normalized_current, normalized_desired);
      !problems.empty()) {
    return Status(StatusCode::kUnsupported, ListProblems(dialect.Name(), problems));
  }

  Plan plan;
  plan.dialect = dialect.Name();
  plan.unmanaged = normalized_current.unmanaged;
  plan.binding.excludes = exclude_texts;
  plan.binding.server = dialect.ServerIdentity();
  plan.binding.source_fingerprint = CatalogFingerprint(normalized_current, plan.binding.server);
  plan.binding.target_fingerprint = CatalogFingerprint(normalized_desired, plan.binding.server);
  plan.changes = Diff(normalized_current, normalized_desired, dialect.GetCapabilities());
  plan.rename_suggestions = SuggestRenames(plan.changes);

  // The schema as the database holds it at each point of the plan: a dialect planning change i
  // sees every earlier change done (a renamed table under its new name, an added column).
  model::Schema state = normalized_current;
  std::vector<std::vector<SqlScript>> change_undos;  // per change, in plan order
  for (std::size_t index = 0; index < plan.changes.size(); ++index) {
    const Change& change = plan.changes[index];
    std::vector<PlanStep> steps =
        dialect.PlanChange(change, dialects::PlanContext{state, normalized_desired, policy, index, sizes});
    model::Schema after_change = state;
    ApplyChange(change, after_change);
    // The undo of the whole change starts from the state right after it and heads back to the
    // current schema: it is the plan's down, and the down of a step that carries out all of it.
    const std::vector<PlanStep> inverse_steps = dialect.PlanChange(
        Invert(change), dialects::PlanContext{after_change, normalized_current, policy, index, sizes});

    bool change_reversible = steps.empty() || WhyNotReversible(inverse_steps, dialect.Name()).empty();
    model::Schema step_state = state;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      PlanStep& step = steps[k];
      const bool last = k + 1 == steps.size();
      const bool whole = IsWholeChange(step.parts);
      const Change part = whole ? change : RestrictChange(change, step.parts, step_state);
      model::Schema after_step = step_state;
      if (last || whole) {
        after_step = after_change;
      } else if (!step.parts.empty()) {
        ApplyChange(part, after_step);
      }
      if (!DownSetByDialect(step)) {
        if (whole) {
          SetDownFrom(step, inverse_steps, dialect.Name());
        } else if (step.parts.empty()) {
          step.down = SqlScript{};  // changes nothing the model holds, and the dialect set no down
        } else {
          // Undo just these parts, from the state right after the step back to the one before it.
          SetDownFrom(step,
                      dialect.PlanChange(Invert(part),
                                         dialects::PlanContext{after_step, step_state, policy, index, sizes}),
                      dialect.Name());
        }
      }
      ClassifyDown(step);
      if (step.down_kind == DownKind::kNone) change_reversible = false;
      step_state = std::move(after_step);
    }
    // The plan's down keeps the shape it always had: the inverse's scripts one by one when they
    // match the up steps in number, otherwise joined where that keeps their meaning (a shared
    // wrapper such as the session settings then runs once).
    std::vector<SqlScript> undo;
    if (change_reversible) {
      const bool even = inverse_steps.size() == steps.size();
      for (const auto& inverse : inverse_steps) {
        if (even || undo.empty() || !AppendScript(undo.back(), inverse.up)) undo.push_back(inverse.up);
      }
    }
    change_undos.push_back(std::move(undo));
    state = std::move(after_change);
    // Review findings: what to count in today's rows before anything runs, and what breaks the
    // release still running during a rolling deploy.
    AttachDataChecks(change, normalized_current, dialect, steps);
    AddRollingDeployHazards(change, steps);
    for (auto& step : steps) {
      step.change_index = index;
      if (step.description.empty()) step.description = change.Describe();
      AddIrreversibleHazard(step);
      plan.steps.push_back(std::move(step));
    }
  }
  // What the plan leaves alone it must not break either: stop, naming each one, before a step runs.
  if (auto broken = BrokenByPlan(left_alone, plan.changes, plan.steps,
                                 dialect.GetCapabilities().dependents_follow_renames);
      !broken.empty()) {
    std::string message =
        "the plan would break " + std::to_string(broken.size()) +
        (broken.size() == 1 ? " object" : " objects") +
        " it leaves alone; change them first, or manage them in the schema (not excluded) so "
        "the plan drops and recreates them around the change:";
    for (const auto& line : broken) message += "\n  - " + line;
    return Status(StatusCode::kUnsupported, message);
  }
  for (auto undo = change_undos.rbegin(); undo != change_undos.rend(); ++undo) {
    for (auto& script : *undo) plan.down.push_back(std::move(script));
  }
  plan.binding.source = std::move(normalized_current);
  plan.binding.target = std::move(normalized_desired);
  return plan;
}

}  // namespace

Result<Plan> BuildPlan(const model::Schema& current, const model::Schema& desired,
                       const dialects::Dialect& dialect, const PlanPolicy& policy, const TableSizes* sizes) {
  try {
    return BuildPlanUnguarded(current, desired, dialect, policy, sizes);
  } catch (const std::exception& error) {
    return Status(StatusCode::kInternal, "planning for " + dialect.Name() + " failed: " + error.what());
  } catch (...) {
    return Status(StatusCode::kInternal, "planning for " + dialect.Name() + " failed with an unknown error");
  }
}

}  // namespace schemac::compiler
