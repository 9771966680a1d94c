// `--allow-hazard CODE` (repeatable), shared by plan and apply.
#pragma once

#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::cli {

// The full codes the flags name ("HZ003" or "HZ003-narrow-type"); kInvalidArgument naming the
// unknown one and listing the known codes (docs/HAZARDS.md explains each).
Result<std::vector<std::string>> ParseAllowedHazards(const std::vector<std::string>& flags);

}  // namespace schemac::cli
