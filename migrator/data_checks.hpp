// Running a plan's data checks (PlanStep::data_checks, planned by the dialect) against the database
// the plan starts from: read-only queries that count the rows each step would fail on or damage,
// with three sample primary keys, and the size of each table a step works on. `plan` runs them when
// its current side is a database and fails on rows found; `apply` runs them before the first step
// and starts nothing when one finds rows.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

// The bound on each check query when the policy sets no statement timeout: a check is a full scan,
// and a plan must not hang on a huge table. --skip-data-checks is the way around it.
inline constexpr int kDefaultDataCheckTimeoutMs = 60000;

struct DataCheckOptions {
  int statement_timeout_ms = 0;              // each check query; 0: kDefaultDataCheckTimeoutMs
  std::vector<std::string> allowed_hazards;  // full codes: failing rows of these are reported, allowed
  int lock_timeout_ms = 0;  // each check query's wait for a table lock (PlanPolicy's); 0: no bound of its own
};

// Runs every check and estimate of `plan` on `connection`, filling in their results, and sets
// plan.data_checks to kRun. A check whose query fails (or times out) records the error and counts
// as failing. Never changes the database. Fails only when the timeout cannot be set or lifted.
Status RunDataChecks(dialects::Connection& connection, Plan& plan, const DataCheckOptions& options);

// kRefused naming every step whose check failed, with the counts and sample keys; Ok when none did.
// `what_happens` ends the message ("nothing was changed", ...).
Status RefuseFailedDataChecks(const Plan& plan, const std::string& what_happens);

}  // namespace schemac::migrator
