#include "migrator/apply.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "compiler/drift.hpp"
#include "compiler/excludes.hpp"
#include "compiler/planner.hpp"
#include "migrator/data_checks.hpp"
#include "migrator/history.hpp"
#include "migrator/lock_retry.hpp"
#include "migrator/script_runner.hpp"
#include "migrator/statement_progress_watcher.hpp"
#include "schemac/fingerprint.hpp"
#include "sources/sources.hpp"

namespace schemac::migrator {
namespace {

std::string JoinStatements(const std::vector<std::string>& statements) {
  std::string joined;
  for (const auto& sql : statements) {
    joined += sql;
    joined += ";\n";
  }
  return joined;
}

std::string StepLabel(const Plan& plan, std::size_t index) {
  return "step " + std::to_string(index + 1) + " of " + std::to_string(plan.steps.size()) + " (" +
         plan.steps[index].description + ")";
}

// kRefused listing every data-loss hazard, so the user sees exactly what the flag would allow.
Status RefuseDataLoss(const Plan& plan, const std::vector<std::string>& allowed) {
  std::string listing;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    for (const auto& hazard : plan.steps[i].hazards) {
      if (!hazard.data_loss) continue;
      if (std::find(allowed.begin(), allowed.end(), hazard.code) != allowed.end()) continue;
      listing += "\n  " + StepLabel(plan, i) + ": " + hazard.code + ": " + hazard.message;
    }
  }
  if (listing.empty()) return Status::Ok();
  return Status(StatusCode::kRefused,
                "the plan would lose data; nothing was changed. Allow it explicitly (--allow-destructive, "
                "or --allow-hazard CODE for each code) after checking:" +
                    listing);
}

void Notify(const ApplyOptions& options, const Plan& plan, std::size_t index, StepProgress::Event event,
            std::chrono::milliseconds duration = std::chrono::milliseconds{0},
            const dialects::StatementProgress* running = nullptr) {
  if (!options.on_step) return;
  StepProgress progress{index, plan.steps.size(), &plan.steps[index], event, duration};
  if (running != nullptr) progress.running = *running;
  options.on_step(progress);
}

// Whether a failure of `step` leaves nothing of it behind: its statements ran in one transaction.
bool RollsBack(const PlanStep& step, const dialects::Connection& connection) {
  return step.up.transactional && connection.GetDialect().GetCapabilities().transactional_ddl;
}

// How lock timeouts are retried, in the inspection and in every step alike.
RetryPolicy LockRetryPolicy(const ApplyOptions& options) {
  RetryPolicy retry;
  retry.retries = options.policy.lock_retries;
  retry.base_delay = options.retry_base_delay;
  retry.stop = options.stop;
  return retry;
}

// A shadow-swap step: skipped like any step once its probe says the table has its new shape;
// otherwise the orchestrator runs (or resumes) the swap.
Result<StepRun> RunSwapStep(dialects::Connection& connection, const PlanStep& step,
                            const ApplyOptions& options) {
  if (!step.precondition_probe.empty()) {
    Result<bool> done = connection.QueryHasRows(step.precondition_probe);
    if (!done.ok()) return done.status().WithContext("checking whether the step already ran");
    if (*done) return StepRun{StepOutcome::kSkipped, 0};
  }
  ShadowSwapOptions swap = options.swap;
  swap.lock_timeout_ms = options.policy.lock_timeout_ms;
  swap.stop = options.stop;
  if (Status status = RunShadowSwap(connection, step, swap); !status.ok()) return status;
  return StepRun{StepOutcome::kApplied, 1};
}

// RunStep, telling options.on_step what the server says of the statement while it runs long.
Result<StepRun> RunWatchedStep(dialects::Connection& connection, const Plan& plan, std::size_t index,
                               const ApplyOptions& options, const RetryPolicy& retry,
                               std::chrono::steady_clock::time_point started) {
  StatementProgressWatcher::Report report;
  if (options.on_step) {
    report = [&](const dialects::StatementProgress& running) {
      Notify(
          options, plan, index, StepProgress::Event::kProgress,
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started),
          &running);
    };
  }
  StatementProgressWatcher watcher(connection, options.progress_interval, std::move(report));
  return RunStep(connection, plan.steps[index], retry);
}

// Runs the plan's steps, recording the run and each step's duration in `history`. Returns the
// first failure; `report.steps_applied + steps_skipped` is then the index of the failed step.
// `failed_step_started` tells whether the failure is the step's own, or a stop between two steps.
Status RunSteps(dialects::Connection& connection, const ApplyOptions& options, History& history,
                ApplyReport& report, bool& failed_step_started) {
  const Plan& plan = report.plan;
  const RetryPolicy retry = LockRetryPolicy(options);
  failed_step_started = true;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    if (options.stop.stop_requested()) {
      failed_step_started = false;
      return Status(StatusCode::kInterrupted, "stopped before " + StepLabel(plan, i) + " started");
    }
    Notify(options, plan, i, StepProgress::Event::kStarted);
    const std::string started_at = History::Now();
    const auto started = std::chrono::steady_clock::now();
    Result<StepRun> run = plan.steps[i].shadow_swap
                              ? RunSwapStep(connection, plan.steps[i], options)
                              : RunWatchedStep(connection, plan, i, options, retry, started);
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    HistoryStep recorded_step{static_cast<std::int64_t>(i + 1),
                              plan.steps[i].description,
                              "applied",
                              started_at,
                              duration.count(),
                              ""};
    if (!run.ok()) {
      Notify(options, plan, i, StepProgress::Event::kFailed, duration);
      recorded_step.outcome = run.status().code() == StatusCode::kInterrupted ? "interrupted" : "failed";
      recorded_step.error = run.status().message();
      // Best effort: the step's own failure is what the user must see.
      (void)history.RecordStep(report.history_id, recorded_step);
      return run.status().WithContext(StepLabel(plan, i));
    }
    if (run->outcome == StepOutcome::kSkipped) {
      ++report.steps_skipped;
      recorded_step.outcome = "skipped";
      Notify(options, plan, i, StepProgress::Event::kSkipped, duration);
    } else {
      ++report.steps_applied;
      Notify(options, plan, i, StepProgress::Event::kApplied, duration);
    }
    if (Status recorded = history.RecordStep(report.history_id, recorded_step); !recorded.ok())
      return recorded;
    Status recorded = history.RecordProgress(report.history_id, static_cast<std::int64_t>(i + 1));
    if (!recorded.ok()) return recorded;
  }
  return Status::Ok();
}

// What a stopped run did and did not do, for the person who stopped it.
std::string DescribeStop(const Plan& plan, const ApplyReport& report, const dialects::Connection& connection,
                         bool step_started) {
  const std::size_t done = report.steps_applied + report.steps_skipped;
  const std::size_t total = plan.steps.size();
  std::string text;
  if (done == 0) {
    text = "No step was applied";
  } else {
    text = std::to_string(done) + (done == 1 ? " step stayed applied" : " steps stayed applied");
  }
  if (step_started && done < total) {
    text += RollsBack(plan.steps[done], connection)
                ? "; step " + std::to_string(done + 1) + " was rolled back"
                : "; step " + std::to_string(done + 1) +
                      " may be partly applied (this database cannot roll DDL back; the next apply plans "
                      "from what it holds)";
  }
  const std::size_t not_started = total - done - (step_started && done < total ? 1 : 0);
  if (not_started > 0) {
    text +=
        "; " + std::to_string(not_started) + (not_started == 1 ? " step did not run" : " steps did not run");
  }
  return text + ". Recorded as run " + std::to_string(report.history_id) +
         " (interrupted) in schemac_history; run apply again to continue.";
}

// What the database holds now. Inspecting reads the catalog, and PostgreSQL's catalog functions
// wait for a session that holds a table ACCESS EXCLUSIVE: the wait is bounded by the policy's
// timeouts, and a lock timeout is retried like a step's.
Result<model::Schema> InspectDatabase(dialects::Connection& connection, const ApplyOptions& options) {
  connection.SetInspectTimeouts(options.policy.lock_timeout_ms, options.policy.statement_timeout_ms);
  model::Schema current;
  Status inspected = RetryOnLockTimeout(LockRetryPolicy(options), [&] {
    Result<model::Schema> schema = connection.Inspect();
    if (!schema.ok()) return schema.status();
    current = std::move(*schema);
    return Status::Ok();
  });
  if (inspected.ok()) return current;
  Status status = inspected.WithContext("inspecting " + connection.DisplayUrl());
  if (status.code() != StatusCode::kLockTimeout) return status;
  return Status(status.code(),
                status.message() + "; nothing was changed: run apply again once the lock is released");
}

// What it takes to go from what the database holds now to `desired`.
Result<Plan> PlanAgainstDatabase(dialects::Connection& connection, const model::Schema& desired,
                                 const ApplyOptions& options) {
  connection.ScopeNamespaces(sources::NamespaceNames(desired));
  Result<model::Schema> current = InspectDatabase(connection, options);
  if (!current.ok() && options.stop.stop_requested()) {
    return Status(StatusCode::kInterrupted,
                  "interrupted while inspecting " + connection.DisplayUrl() + "; nothing was changed");
  }
  if (!current.ok()) return current.status();
  // Read before planning, so that the planner chooses by size without a database of its own.
  Result<TableSizes> sizes = connection.EstimateTableSizes();
  if (!sizes.ok()) return sizes.status().WithContext("reading table sizes of " + connection.DisplayUrl());
  model::Schema spelled = desired;
  if (Status status = connection.SpellAsServer(spelled); !status.ok())
    return status.WithContext("asking " + connection.DisplayUrl() + " how it spells the schema's SQL");
  Result<Plan> plan =
      compiler::BuildPlan(*current, spelled, connection.GetDialect(), options.policy, &*sizes);
  if (!plan.ok()) return plan.status().WithContext("planning");
  return plan;
}

// Counts, before anything runs, the rows each step would fail on (or records that the user skipped
// the counting), under the policy's statement timeout.
Status CheckData(dialects::Connection& connection, Plan& plan, const ApplyOptions& options) {
  if (options.skip_data_checks) {
    plan.data_checks = Plan::DataChecks::kSkipped;
    return Status::Ok();
  }
  return RunDataChecks(connection, plan,
                       DataCheckOptions{options.policy.statement_timeout_ms, options.policy.allowed_hazards,
                                        options.policy.lock_timeout_ms});
}

// Runs `plan` under the migration lock: refuses data loss unless allowed, asks for approval,
// records the run in schemac_history and runs the steps.
Result<ApplyReport> RunPlanLocked(dialects::Connection& connection, Plan plan, const ApplyOptions& options) {
  ApplyReport report;
  report.plan = std::move(plan);
  // What a crashed or stopped swap left is settled first, even when nothing else is to be done: a
  // swap whose cut-over happened has nothing left to plan, but its triggers and checkpoint remain.
  if (Status settled = SettleShadowSwaps(connection, report.plan, options.swap); !settled.ok())
    return settled;
  if (report.plan.Empty()) return report;
  if (!options.allow_destructive) {
    if (Status refused = RefuseDataLoss(report.plan, options.policy.allowed_hazards); !refused.ok())
      return refused;
  }
  if (Status checked = CheckData(connection, report.plan, options); !checked.ok()) return checked;
  if (Status refused = RefuseFailedDataChecks(report.plan, "nothing was changed"); !refused.ok())
    return refused;
  if (options.confirm && !options.confirm(report.plan)) {
    if (options.stop.stop_requested())
      return Status(StatusCode::kInterrupted, "interrupted at the approval prompt; nothing was changed");
    return Status(StatusCode::kRefused, "apply cancelled: the plan was not approved; nothing was changed");
  }

  Result<History> history = History::Open(connection);
  if (!history.ok()) return history.status();
  Result<std::int64_t> run_id = history->Start(
      report.plan.binding.target_fingerprint, JoinStatements(report.plan.UpStatements()),
      static_cast<std::int64_t>(report.plan.steps.size()), report.plan.binding.source_fingerprint);
  if (!run_id.ok()) return run_id.status();
  report.history_id = *run_id;
  report.executed = true;

  bool step_started = true;
  Status steps = RunSteps(connection, options, *history, report, step_started);
  const bool interrupted = steps.code() == StatusCode::kInterrupted;
  const RunStatus outcome = steps.ok()    ? RunStatus::kDone
                            : interrupted ? RunStatus::kInterrupted
                                          : RunStatus::kFailed;
  Status finished = history->Finish(report.history_id, outcome, steps.message());
  if (interrupted) {
    return Status(StatusCode::kInterrupted, "interrupted: " + steps.message() + "\n" +
                                                DescribeStop(report.plan, report, connection, step_started));
  }
  if (!steps.ok()) {
    const std::size_t done = report.steps_applied + report.steps_skipped;
    const std::string before = done == 0 ? "No step before it ran"
                                         : "The " + std::to_string(done) + (done == 1 ? " step" : " steps") +
                                               " before it stayed applied";
    return Status(steps.code(), steps.message() + "\n" + before +
                                    "; fix the cause and run apply again to continue from there.");
  }
  if (!finished.ok()) return finished;
  return report;
}

// Everything Apply does while holding the migration lock. The plan is made under the lock, so it
// starts from what the previous holder left behind.
Result<ApplyReport> ApplyLocked(dialects::Connection& connection, const model::Schema& desired,
                                const ApplyOptions& options) {
  Result<Plan> plan = PlanAgainstDatabase(connection, desired, options);
  if (!plan.ok()) return plan.status();
  return RunPlanLocked(connection, std::move(*plan), options);
}

// The saved plan's steps, while the live catalog still fingerprints as the plan's source.
Result<ApplyReport> ApplySavedPlanLocked(dialects::Connection& connection, const Plan& plan,
                                         const ApplyOptions& options) {
  const dialects::Dialect& dialect = connection.GetDialect();
  if (dialect.Name() != plan.dialect) {
    return Status(StatusCode::kInvalidArgument, "the plan was made for " + plan.dialect + " and " +
                                                    connection.DisplayUrl() + " is a " + dialect.Name() +
                                                    " database; nothing was changed");
  }
  std::vector<std::string> namespaces = sources::NamespaceNames(plan.binding.source);
  for (auto& ns : sources::NamespaceNames(plan.binding.target)) namespaces.push_back(std::move(ns));
  connection.ScopeNamespaces(namespaces);
  Result<model::Schema> live = InspectDatabase(connection, options);
  if (!live.ok()) return live.status();
  dialect.Normalize(*live);
  // The plan's sides were fingerprinted without what it excludes: so is the live catalog.
  Result<std::vector<compiler::ExcludePattern>> excludes =
      compiler::ParseExcludePatterns(plan.binding.excludes);
  if (!excludes.ok()) return excludes.status();
  compiler::RemoveExcluded(*live, *excludes);
  const std::string live_server = dialect.ServerIdentity();
  if (CatalogFingerprint(*live, live_server) != plan.binding.source_fingerprint) {
    std::vector<std::string> drift =
        compiler::DescribeDrift(plan.binding.source, *live, dialect.GetCapabilities());
    if (live_server != plan.binding.server) {
      drift.insert(drift.begin(),
                   "the server is " + live_server + " now; the plan was made against " + plan.binding.server);
    }
    std::string listing;
    for (const auto& line : drift) listing += "\n  - " + line;
    if (drift.empty()) listing = "\n  - (no object-level difference found; the catalogs differ in a detail)";
    return Status(StatusCode::kStale, connection.DisplayUrl() +
                                          " no longer matches the catalog the plan was made against; nothing "
                                          "was changed. Plan again. What differs:" +
                                          listing);
  }
  return RunPlanLocked(connection, plan, options);
}

// Takes the migration lock, runs `locked` and releases the lock whatever happened.
template <typename LockedRun>
Result<ApplyReport> WithMigrationLock(dialects::Connection& connection, const ApplyOptions& options,
                                      LockedRun locked) {
  // Runs in the thread that requests the stop, while this one may be waiting on the server.
  std::stop_callback cancel_on_stop(options.stop,
                                    [&connection] { (void)connection.CancelRunningStatement(); });
  Status taken = connection.AcquireMigrationLock(options.migration_lock_timeout_ms);
  if (!taken.ok() && options.stop.stop_requested()) {
    return Status(StatusCode::kInterrupted,
                  "interrupted while waiting for the migration lock; nothing was changed");
  }
  if (!taken.ok()) {
    if (taken.code() == StatusCode::kLockTimeout) {
      // The dialect's message says who holds the lock and how long we waited: said once.
      return Status(StatusCode::kLockTimeout, taken.message() + "; nothing was changed");
    }
    return taken.WithContext("taking the migration lock of " + connection.DisplayUrl());
  }
  Result<ApplyReport> report = locked();
  Status released = connection.ReleaseMigrationLock();
  if (report.ok() && !released.ok()) return released.WithContext("releasing the migration lock");
  return report;
}

}  // namespace

std::string SchemaFingerprint(const model::Schema& schema, const dialects::Dialect& dialect) {
  model::Schema normalized = schema;
  dialect.Normalize(normalized);
  return CatalogFingerprint(normalized, dialect.ServerIdentity());
}

Result<ApplyReport> Apply(dialects::Connection& connection, const model::Schema& desired,
                          const ApplyOptions& options) {
  // A dry run only reads, so it neither waits for nor takes the lock, and writes nothing at all.
  // It shows a destructive plan in full rather than refusing it.
  if (options.dry_run) {
    std::stop_callback cancel_on_stop(options.stop,
                                      [&connection] { (void)connection.CancelRunningStatement(); });
    Result<Plan> plan = PlanAgainstDatabase(connection, desired, options);
    if (!plan.ok()) return plan.status();
    ApplyReport report;
    report.plan = std::move(*plan);
    if (Status checked = CheckData(connection, report.plan, options); !checked.ok()) return checked;
    return report;
  }
  return WithMigrationLock(connection, options, [&] { return ApplyLocked(connection, desired, options); });
}

Result<ApplyReport> ApplySavedPlan(dialects::Connection& connection, const Plan& plan,
                                   const ApplyOptions& options) {
  return WithMigrationLock(connection, options,
                           [&] { return ApplySavedPlanLocked(connection, plan, options); });
}

}  // namespace schemac::migrator
