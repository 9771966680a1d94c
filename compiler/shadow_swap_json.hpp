// A plan step's ShadowSwap as JSON: what `plan --format json` shows and what a saved plan keeps,
// so that `apply --plan` runs the swap it was reviewed with.
#pragma once

#include <nlohmann/json.hpp>

#include "schemac/plan.hpp"

namespace schemac::compiler {

nlohmann::json ShadowSwapToJson(const ShadowSwap& swap);
// Throws nlohmann::json::exception on a malformed object (the saved-plan reader reports it).
ShadowSwap ShadowSwapFromJson(const nlohmann::json& j);

}  // namespace schemac::compiler
