// Apply: converge a live database to a desired schema, safely.
//
// One run: take the migration lock; inspect; plan; refuse data loss unless allowed; ask for
// confirmation; record the run in schemac_history; run each step (skipping
// steps whose precondition probe says they already took effect, retrying lock timeouts with
// backoff); record the outcome; release the lock. A failed run stops at the failing step and says
// which; running again re-inspects and re-plans, so it picks up where the last run stopped.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "migrator/shadow_swap.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

struct StepProgress {
  std::size_t index = 0;  // 0-based position in the plan
  std::size_t total = 0;
  const PlanStep* step = nullptr;
  // kProgress: the step still runs, and `running` says what the server reports of it; sent
  // between kStarted and the step's outcome, from the progress watcher's thread (never while
  // another call of on_step runs).
  enum class Event { kStarted, kProgress, kApplied, kSkipped, kFailed } event = Event::kStarted;
  std::chrono::milliseconds duration{0};  // how long the step took (so far, for kProgress); 0 for kStarted
  dialects::StatementProgress running;    // kProgress only
};

struct ApplyOptions {
  // Planner knobs; lock_retries also bounds step retries. A data-loss hazard of a code in
  // policy.allowed_hazards does not need allow_destructive, and a data check finding rows for one
  // does not stop the apply.
  PlanPolicy policy;
  int migration_lock_timeout_ms = 30000;
  bool allow_destructive = false;  // run steps with data-loss hazards
  // Do not count, before the first step, the rows each step would fail on (migrator/data_checks.hpp).
  bool skip_data_checks = false;
  bool dry_run = false;  // inspect and plan only: no lock, no history, no writes
  // Asked with the plan before anything is executed; false cancels (kRefused). Unset: approved.
  std::function<bool(const Plan&)> confirm;
  // Told about each step as it starts, while it runs long and when it ends (the CLI prints them).
  // Optional.
  std::function<void(const StepProgress&)> on_step;
  // How often a step still running is asked about (kProgress events); 0 never asks. Shadow-swap
  // steps report through swap.on_progress instead.
  std::chrono::milliseconds progress_interval{1000};
  // First wait after a lock timeout; doubles per retry.
  std::chrono::milliseconds retry_base_delay{250};
  // A stop request (the CLI's SIGINT / SIGTERM): the statement the server is running is cancelled
  // (Connection::CancelRunningStatement), the step it belongs to rolls back where it is
  // transactional, no further step starts, the run is recorded as interrupted, the lock released,
  // and the result is kInterrupted saying what ran and what did not.
  std::stop_token stop;
  // How steps of strategy "shadow-swap" run (chunk time, throttle, --drop-old, progress).
  ShadowSwapOptions swap;
};

struct ApplyReport {
  Plan plan;              // what was planned (empty: the database already matched)
  bool executed = false;  // false for a dry run, an empty plan, or a refusal
  std::size_t steps_applied = 0;
  std::size_t steps_skipped = 0;  // already in effect (precondition probe)
  std::int64_t history_id = 0;    // the schemac_history row; 0 when nothing was recorded
};

// Converges `connection` to `desired`. Errors: kLockTimeout (another apply holds the lock),
// kRefused (data loss without allow_destructive, a data check found rows, or not confirmed),
// kUnsupported (the dialect cannot build `desired`), kInterrupted (options.stop), and the failing
// step's error with its position and description.
Result<ApplyReport> Apply(dialects::Connection& connection, const model::Schema& desired,
                          const ApplyOptions& options);

// Runs the steps of a saved plan (`plan --out`) exactly as they were reviewed, while the database
// still matches the catalog the plan was made against: under the migration lock, the live catalog's
// fingerprint must equal `plan.binding.source_fingerprint`. When it does not, nothing is changed and
// the result is kStale, listing every object that differs (compiler/drift.hpp). Data-loss steps,
// approval and history work as in Apply.
Result<ApplyReport> ApplySavedPlan(dialects::Connection& connection, const Plan& plan,
                                   const ApplyOptions& options);

// The fingerprint of `schema` as `dialect` normalizes it (schemac/fingerprint.hpp): what a plan
// records for its two sides, and what schemac_history records for each run's target.
std::string SchemaFingerprint(const model::Schema& schema, const dialects::Dialect& dialect);

}  // namespace schemac::migrator
