// The online shadow-table swap, engine-neutral: runs a plan step of strategy "shadow-swap"
// (PlanStep::shadow_swap) with the SQL its dialect builds (dialects/shadow_swap_sql.hpp).
//
// Phases, each resumable and idempotent, with a checkpoint row in the dialect's helper table:
//   prepare  refuse what the swap cannot handle on the live table (its own triggers, foreign
//            keys, a leftover old table); create the shadow in the new shape and the capture
//            triggers, so every write from then on reaches both tables; record the checkpoint.
//   copy     rows in key order, a chunk per short transaction that also saves the checkpoint;
//            the chunk size follows a target time; waits while the server is busy.
//   verify   chunked checksums of the common columns of both tables, read from one snapshot;
//            a differing chunk is copied again and checked again.
//   cut-over the atomic rename under a short lock wait, retried with backoff; then the triggers
//            and the checkpoint go, and the old table too when asked.
// A rerun after a crash or a stop continues from the checkpoint (same plan) or starts over
// (a different shadow). A failure cleans up the triggers and the shadow, so the original
// serves as before; a stop (ShadowSwapOptions::stop: SIGINT / SIGTERM) keeps them to resume.
#pragma once

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

struct SwapProgress {
  enum class Phase { kPrepare, kCopy, kVerify, kCutOver, kDone };
  const ShadowSwap* swap = nullptr;
  Phase phase = Phase::kPrepare;
  long long rows_done = 0;       // copied (kCopy) or verified (kVerify)
  long long rows_estimated = 0;  // the plan's estimate
  double rows_per_second = 0;
  long long chunk_rows = 0;
  std::string throttle;  // why the copy waits right now; empty while it runs
  bool resumed = false;  // continued from a checkpoint of an earlier run
};

struct ShadowSwapOptions {
  std::chrono::milliseconds chunk_target{100};  // time a copy chunk should take
  long long first_chunk_rows = 1000;
  long long max_chunk_rows = 100000;
  int max_threads_running = 50;  // the copy waits while more sessions than this run
  bool drop_old = false;         // drop the old table after the cut-over instead of keeping it
  int cut_over_lock_timeout_ms = 1000;
  int cut_over_retries = 10;
  int lock_timeout_ms = 5000;  // the session's usual lock wait, restored after the cut-over
  int verify_attempts = 3;     // copies of a differing chunk before the swap gives up
  // Told after each chunk and at each phase; the CLI prints it. Optional.
  std::function<void(const SwapProgress&)> on_progress;
  // Checked between chunks and phases (apply passes ApplyOptions::stop). A statement the stop
  // cancelled mid-chunk rolls its chunk back; the checkpoint stays where it was.
  std::stop_token stop;
};

// Runs the swap of `step` (which has shadow_swap set). kInterrupted after a stop request,
// kRefused when the live table cannot be swapped (nothing changed), otherwise the failing
// phase's error.
Status RunShadowSwap(dialects::Connection& connection, const PlanStep& step,
                     const ShadowSwapOptions& options);

// Before a plan runs: finishes swaps whose cut-over happened before a crash (triggers,
// checkpoint, and the old table when that swap was to drop it), and abandons swaps in progress
// that `plan` no longer continues (the desired schema changed): their triggers and shadows go.
Status SettleShadowSwaps(dialects::Connection& connection, const Plan& plan,
                         const ShadowSwapOptions& options);

}  // namespace schemac::migrator
