// `--allow-hazard CODE`: which codes a user may name, and whether a hazard is allowed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/plan.hpp"

namespace schemac::compiler {

// The full code ("HZ003-narrow-type") that `text` names: the full code or its number ("HZ003",
// "hz003"). nullopt for anything else, so that a typo is an error rather than allowing nothing.
std::optional<std::string> ResolveHazardCode(const std::string& text);

// Whether `code` is among `allowed` (full codes, as ResolveHazardCode returns them).
bool HazardAllowed(const std::string& code, const std::vector<std::string>& allowed);

}  // namespace schemac::compiler
