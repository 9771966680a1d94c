// Runs the SQL of one plan step against a live connection, with the semantics of SqlScript
// (include/schemac/plan.hpp): the `precheck` queries (a row stops the step before anything ran),
// `before`, then the statements (in one transaction when the script asks for it and the dialect
// can roll DDL back), the `verify` queries, COMMIT, and `after`, which runs even when something
// before it failed.
#pragma once

#include <chrono>
#include <functional>
#include <stop_token>

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

// Runs `script` once. A failed statement or a verify query that returns a row rolls the
// transaction back. The returned Status keeps the code of the first failure (kLockTimeout stays
// kLockTimeout, so callers can retry); its message says which statement failed.
// Once `stop` is requested no further statement starts, and a statement that fails meanwhile (the
// server cancelled it on the stop's behalf) fails as kInterrupted: the transaction is rolled back
// as for any failure.
Status RunScript(dialects::Connection& connection, const SqlScript& script, std::stop_token stop = {});

// How a step (or apply's inspection, see lock_retry.hpp) that hit a lock timeout is retried: up
// to `retries` more attempts, waiting `base_delay`, then twice that, and so on, capped at
// `max_delay`.
struct RetryPolicy {
  int retries = 5;
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{10000};
  // Waits between attempts; tests replace it to keep time out of the picture.
  std::function<void(std::chrono::milliseconds)> sleep;
  // A requested stop ends the waiting and the retrying (the attempt's status becomes kInterrupted).
  std::stop_token stop;
};

enum class StepOutcome { kApplied, kSkipped };

struct StepRun {
  StepOutcome outcome = StepOutcome::kApplied;
  int attempts = 0;  // 0 when skipped
};

// Runs the `up` script of `step`: skipped when its precondition probe returns a row (the step
// already took effect in an earlier, interrupted run); retried with exponential backoff while
// it fails with kLockTimeout.
Result<StepRun> RunStep(dialects::Connection& connection, const PlanStep& step, const RetryPolicy& retry);

}  // namespace schemac::migrator
