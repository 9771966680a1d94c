// What a schema looks like once a change has run: lets the planner hand each dialect call the
// state of the database at that point of the plan, not the state before the whole plan.
#pragma once

#include "schemac/change.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

// Applies `change` to `schema` in place, the way the database does: a table rename also renames
// the foreign keys that point at it, an enum rename the columns of its type, a column rename the
// foreign keys of other tables that reference the column. Changes that do not fit the schema (a
// drop of something absent) leave it as it is.
void ApplyChange(const Change& change, model::Schema& schema);

}  // namespace schemac::compiler
