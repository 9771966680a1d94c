// Reading a saved plan file (`plan --out`) for `apply --plan` and `show`.
#pragma once

#include <string>

#include "compiler/saved_plan.hpp"
#include "schemac/status.hpp"

namespace schemac::cli {

// kNotFound / kIoError for a file that cannot be read; ReadSavedPlan's errors for one that is not a
// saved plan of this schemac version.
Result<compiler::SavedPlan> ReadPlanFile(const std::string& path);

}  // namespace schemac::cli
