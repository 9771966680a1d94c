// The plan of a stored function or procedure change on MySQL / MariaDB. A routine holds no data,
// so every down is exact; the compiler orders routines around the views and triggers that call
// them (compiler/diff_routines.hpp).
#pragma once

#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::mysql {

std::vector<PlanStep> PlanRoutineChange(const Change& change, const PlanContext& context);

}  // namespace schemac::dialects::mysql
