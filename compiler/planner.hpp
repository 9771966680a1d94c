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
// - otherwise the inverse's scripts are joined into the down of the change's last step, and its
//   other steps get an empty down (undone together with the last one). Parts the scripts share
//   word for word (session settings before, checks, resets after) run once. When the scripts
//   cannot be joined in order (one runs something after its statements, the next something
//   different before its own), the change is irreversible.
// A step is irreversible (no `down`, `irreversible_reason` set, hazard kIrreversible) when the
// dialect marked it so, or marked a step of the inverse (the inverse cannot be built), or planned
// no inverse step at all for a change that has up steps.
// Every step gets `change_index`. Plan::unmanaged copies current.unmanaged.
// Dialect hooks must not throw; if one does, the plan fails with kInternal instead of crashing.
Result<Plan> BuildPlan(const model::Schema& current, const model::Schema& desired,
                       const dialects::Dialect& dialect, const PlanPolicy& policy);

}  // namespace schemac::compiler
