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
// `desired` the desired schema.
//
// Downs come in two sizes, both planned by the dialect from inverted changes (never from SQL):
// - Plan::down, the undo of a finished apply: each change's Invert(change) planned from the state
//   right after the change (`desired`: the current schema), last change first.
// - PlanStep::down, the undo of that step alone, for an apply that stopped after it. A change
//   often becomes several steps (three columns added, a column made NOT NULL online), so handing
//   the steps of the whole inverse out by position would give a step the undo of another one.
//   Instead each step names the parts of its change it carries out (PlanStep::parts): the
//   planner restricts the change to those parts as they stand right before the step
//   (compiler/change_parts.hpp), inverts that, plans it from the state right after the step back
//   to the state before it, and joins the scripts (AppendScript). A step of the whole change
//   gets the whole inverse; a step carrying out nothing the model holds gets an empty down. A
//   down the dialect set itself is kept: only the dialect knows the states between the steps it
//   expands one part into (a temporary index or check).
// Each down is labelled (PlanStep::down_kind): kNone when the dialect marked the step so, when a
// step of its undo is marked so (the inverse cannot be built), when the dialect planned no undo,
// or when the undo's scripts cannot be joined into one; kLossy when the step has a data-loss
// hazard (the down restores the schema, not the rows), with the hazards as the reason; kExact
// otherwise. A step without a down also gets hazard kIrreversible, and its change adds nothing to
// Plan::down.
// Every step gets `change_index`. Plan::unmanaged copies current.unmanaged.
// `sizes`, when the current side is a live database, are its tables' sizes as read before planning
// (Connection::EstimateTableSizes): the dialect chooses size-dependent strategies (shadow-swap)
// from them, through PlanContext::sizes.
// Dialect hooks must not throw; if one does, the plan fails with kInternal instead of crashing.
Result<Plan> BuildPlan(const model::Schema& current, const model::Schema& desired,
                       const dialects::Dialect& dialect, const PlanPolicy& policy,
                       const TableSizes* sizes = nullptr);

}  // namespace schemac::compiler
