// The plan of a view or trigger change on MySQL / MariaDB. Views and triggers hold no data, so
// every down is exact; the compiler orders them around the table changes (compiler/diff_views.hpp).
#pragma once

#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::mysql {

std::vector<PlanStep> PlanViewChange(const Change& change, const PlanContext& context);
std::vector<PlanStep> PlanTriggerChange(const Change& change, const PlanContext& context);

}  // namespace schemac::dialects::mysql
