// The down direction of a plan, run the way the migrator runs any step (migrator::RunScript:
// SqlScript semantics of include/schemac/plan.hpp).
//
// The corpus applies `up` through the real migrator (what users run); the forward plan's own
// `down` scripts are executed only here, to check that they really return the database to
// `current`.
#pragma once

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::golden {

// The plan's down (Plan::down: what Plan::DownStatements lists), script by script. kUnsupported
// when a step has no down (the plan is not reversible as a whole).
Status RunDownScripts(dialects::Connection& connection, const Plan& plan);

}  // namespace schemac::golden
