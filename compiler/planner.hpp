// The planner: from two schemas and a dialect to an ordered, reversible Plan.
#pragma once

#include "dialects/dialect.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::compiler {

// Normalizes copies of both schemas with dialect.Normalize, checks dialect.Unsupported(desired)
// (kUnsupported, listing every problem), diffs them (compiler/diff.hpp), and asks the dialect to
// PlanChange each change in order. The context's `current` is the schema as it stands when the
// change runs (the current schema with every earlier change applied, compiler/apply_change.hpp),
// `desired` the desired schema. Each step's `down` comes from planning Invert(change) with the
// context swapped: `current` is the state right after the change, `desired` the current schema.
// How the undo steps attach:
// - when the change and its inverse plan into the same number of steps, step k's down is the
//   inverse's step n-1-k (Plan::DownStatements runs downs last step first);
// - otherwise consecutive undo scripts are joined where that keeps their meaning (parts they
//   share word for word, such as session settings before, checks and resets after, run once),
//   and the joined groups go to the change's last steps, the first group to the last step; the
//   remaining steps get an empty down (undone together with a later one). When there are more
//   groups than steps, the change is irreversible.
// A step is irreversible (no `down`, `irreversible_reason` set, hazard kIrreversible) when the
// dialect marked it so, or marked a step of the inverse (the inverse cannot be built), or planned
// no inverse step at all for a change that has up steps.
// Every step gets `change_index`. Plan::unmanaged copies current.unmanaged.
// Dialect hooks must not throw; if one does, the plan fails with kInternal instead of crashing.
Result<Plan> BuildPlan(const model::Schema& current, const model::Schema& desired,
                       const dialects::Dialect& dialect, const PlanPolicy& policy);

}  // namespace schemac::compiler
