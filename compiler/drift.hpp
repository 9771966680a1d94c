// Drift: what changed in a database since a plan was made against it, said object by object
// ("column users.tier exists now; it did not when the plan was made"). `apply --plan` prints it when
// it refuses a saved plan whose source no longer matches the live catalog.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

// `planned` is the catalog the plan was made against and `live` what the database holds now, both
// normalized by the same dialect. One sentence per object that differs, managed or not; empty when
// the two schemas are the same.
std::vector<std::string> DescribeDrift(const model::Schema& planned, const model::Schema& live,
                                       const dialects::Capabilities& capabilities);

}  // namespace schemac::compiler
