// The schemac schema model, header-only and C++17, depending on the standard library alone.
// Include this to embed the model in a service; include "schemac/model_json.hpp" as well for
// JSON conversion (which needs nlohmann_json, itself header-only).
#pragma once

#include "schemac/model/naming.hpp"
#include "schemac/model/schema.hpp"
#include "schemac/model/types.hpp"
