#include "dialects/mysql/routine_plan.hpp"

#include "dialects/mysql/render.hpp"
#include "dialects/mysql/routine_sql.hpp"
#include "dialects/mysql/strategies.hpp"

namespace schemac::dialects::mysql {
namespace {

std::string RoutineExistsCondition(const model::Routine& routine) {
  return std::string(
             "EXISTS (SELECT 1 FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() AND "
             "ROUTINE_TYPE = '") +
         (routine.procedure ? "PROCEDURE" : "FUNCTION") +
         "' AND ROUTINE_NAME = " + QuoteString(routine.name) + ")";
}

}  // namespace

std::vector<PlanStep> PlanRoutineChange(const Change& change, const PlanContext& context) {
  const model::Routine* before = change.routine_before ? &*change.routine_before : nullptr;
  const model::Routine* after = change.routine_after ? &*change.routine_after : nullptr;
  PlanStep step;
  step.change_index = context.change_index;
  step.up.transactional = false;  // MySQL commits every DDL statement implicitly
  step.lock = "exclusive metadata lock (brief)";
  const std::string noun = std::string((after ? after : before)->Kind()) + " ";
  if (before && after && AlterableInPlace(*before, *after)) {
    step.description = "alter " + noun + after->name;
    step.strategy = "alter";
    step.up.statements.push_back(RenderAlterRoutine(*after));
    return {step};
  }
  if (before && after) {
    // No RENAME and no CREATE OR REPLACE for routines on MySQL: the new definition or name is a
    // DROP and a CREATE, and a call in between fails. IF EXISTS: an apply interrupted between the
    // two resumes by running both again.
    step.description = before->name != after->name ? "rename " + noun + before->name + " to " + after->name
                                                   : "replace " + noun + after->name;
    step.strategy = "drop-create";
    // The compiler kept the live definer in `after` when the schema names none.
    step.up.statements.push_back(RenderDropRoutine(*before, true));
    step.up.statements.push_back(RenderCreateRoutine(*after));
    step.lock =
        "exclusive metadata lock (brief); MySQL cannot replace a routine in place, so it is dropped and "
        "created, and calls in between fail";
    if (before->name != after->name)
      step.precondition_probe =
          ProbeQuery({RoutineExistsCondition(*after), "NOT " + RoutineExistsCondition(*before)});
    return {step};
  }
  if (after) {
    step.description = "create " + noun + after->name;
    step.strategy = "create";
    step.up.statements.push_back(RenderCreateRoutine(*after));
    step.precondition_probe = ProbeQuery({RoutineExistsCondition(*after)});
    return {step};
  }
  step.description = "drop " + noun + before->name;
  step.strategy = "drop";
  step.up.statements.push_back(RenderDropRoutine(*before, false));
  step.precondition_probe = ProbeQuery({"NOT " + RoutineExistsCondition(*before)});
  return {step};
}

}  // namespace schemac::dialects::mysql
