// A change cut down to the parts one step carries out (ChangePart, include/schemac/plan.hpp): what
// the planner inverts to find the down of that step alone.
#pragma once

#include <vector>

#include "schemac/change.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"

namespace schemac::compiler {

// True when `parts` is the whole change (the default of a step).
bool IsWholeChange(const std::vector<ChangePart>& parts);

// `change` restricted to `parts`, as a change that starts from `state` (the schema right before
// the step): a kModify of a column takes the column as `state` holds it and changes only the
// part's flags; `table_after` (or `enum_after`) is `state`'s object with just those parts done.
// The whole change when `parts` is. Parts that do not fit the change are left out.
Change RestrictChange(const Change& change, const std::vector<ChangePart>& parts, const model::Schema& state);

}  // namespace schemac::compiler
