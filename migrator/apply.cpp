#include "migrator/apply.hpp"

#include <algorithm>
#include <cstdio>

#include "compiler/drift.hpp"
#include "compiler/planner.hpp"
#include "migrator/data_checks.hpp"
#include "migrator/history.hpp"
#include "migrator/lock_retry.hpp"
#include "migrator/script_runner.hpp"
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

void Notify(const ApplyOptions& options, const Plan& plan, std::size_t index, StepProgress::Event event) {
  if (!options.on_step) return;
  options.on_step(StepProgress{index, plan.steps.size(), &plan.steps[index], event});
}

// How lock timeouts are retried, in the inspection and in every step alike.
RetryPolicy LockRetryPolicy(const ApplyOptions& options) {
  RetryPolicy retry;
  retry.retries = options.policy.lock_retries;
  retry.base_delay = options.retry_base_delay;
  return retry;
}

// Runs the plan's steps, recording the run in `history`. Returns the first failure.
Status RunSteps(dialects::Connection& connection, const ApplyOptions& options, History& history,
                ApplyReport& report) {
  const Plan& plan = report.plan;
  const RetryPolicy retry = LockRetryPolicy(options);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    Notify(options, plan, i, StepProgress::Event::kStarted);
    Result<StepRun> run = RunStep(connection, plan.steps[i], retry);
    if (!run.ok()) {
      Notify(options, plan, i, StepProgress::Event::kFailed);
      return run.status().WithContext(StepLabel(plan, i));
    }
    if (run->outcome == StepOutcome::kSkipped) {
      ++report.steps_skipped;
      Notify(options, plan, i, StepProgress::Event::kSkipped);
    } else {
      ++report.steps_applied;
      Notify(options, plan, i, StepProgress::Event::kApplied);
    }
    Status recorded = history.RecordProgress(report.history_id, static_cast<std::int64_t>(i + 1));
    if (!recorded.ok()) return recorded;
  }
  return Status::Ok();
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
  if (!current.ok()) return current.status();
  Result<Plan> plan = compiler::BuildPlan(*current, desired, connection.GetDialect(), options.policy);
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
                       DataCheckOptions{options.policy.statement_timeout_ms, options.policy.allowed_hazards});
}

// Runs `plan` under the migration lock: refuses data loss unless allowed, asks for approval,
// records the run in schemac_history and runs the steps.
Result<ApplyReport> RunPlanLocked(dialects::Connection& connection, Plan plan, const ApplyOptions& options) {
  ApplyReport report;
  report.plan = std::move(plan);
  if (report.plan.Empty()) return report;
  if (!options.allow_destructive) {
    if (Status refused = RefuseDataLoss(report.plan, options.policy.allowed_hazards); !refused.ok())
      return refused;
  }
  if (Status checked = CheckData(connection, report.plan, options); !checked.ok()) return checked;
  if (Status refused = RefuseFailedDataChecks(report.plan, "nothing was changed"); !refused.ok())
    return refused;
  if (options.confirm && !options.confirm(report.plan)) {
    return Status(StatusCode::kRefused, "apply cancelled: the plan was not approved; nothing was changed");
  }

  Result<History> history = History::Open(connection);
  if (!history.ok()) return history.status();
  Result<std::int64_t> run_id =
      history->Start(report.plan.binding.target_fingerprint, JoinStatements(report.plan.UpStatements()),
                     static_cast<std::int64_t>(report.plan.steps.size()));
  if (!run_id.ok()) return run_id.status();
  report.history_id = *run_id;
  report.executed = true;

  Status steps = RunSteps(connection, options, *history, report);
  Status finished =
      history->Finish(report.history_id, steps.ok() ? RunStatus::kDone : RunStatus::kFailed, steps.message());
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
  Status taken = connection.AcquireMigrationLock(options.migration_lock_timeout_ms);
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
