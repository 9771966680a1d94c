// schemac apply --url DBURL (--to SRC | --plan FILE) [--auto-approve] [--allow-destructive]
//               [--allow-hazard CODE]... [--skip-data-checks] [--dry-run] [--lock-timeout MS]
//               [--lock-retries N] [--statement-timeout MS]
//               [--shadow-min-rows N] [--drop-old] [--chunk-time MS] [--max-threads-running N]
//               [--env NAME] [--config FILE]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/environment_flags.hpp"
#include "cli/exclude_flags.hpp"
#include "cli/hazard_flags.hpp"
#include "cli/output.hpp"
#include "cli/saved_plan_file.hpp"
#include "cli/stop_on_signal.hpp"
#include "compiler/render_plan.hpp"
#include "migrator/apply.hpp"
#include "migrator/data_checks.hpp"
#include "migrator/pooler_warnings.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {
namespace {

struct ApplyFlags {
  std::string url;
  std::string to;
  std::string plan_file;  // a saved plan (`plan --out`) to run exactly, instead of planning anew
  bool auto_approve = false;
  bool allow_destructive = false;
  std::vector<std::string> allow_hazards;
  bool skip_data_checks = false;
  bool dry_run = false;
  int lock_timeout_ms = PlanPolicy{}.lock_timeout_ms;
  int lock_retries = PlanPolicy{}.lock_retries;
  int statement_timeout_ms = PlanPolicy{}.statement_timeout_ms;
  EnvironmentFlags environment;
  const CLI::Option* url_option = nullptr;
  const CLI::Option* lock_timeout_option = nullptr;
  const CLI::Option* lock_retries_option = nullptr;
  const CLI::Option* statement_timeout_option = nullptr;
  long long shadow_min_rows = PlanPolicy{}.shadow_min_rows;
  bool drop_old = false;
  int chunk_time_ms = 100;
  int max_threads_running = migrator::ShadowSwapOptions{}.max_threads_running;
  int progress_interval_ms = static_cast<int>(migrator::ApplyOptions{}.progress_interval.count());
  std::vector<std::string> excludes;  // KIND:PATTERN, objects another tool owns
};

const char* SwapPhaseName(migrator::SwapProgress::Phase phase) {
  switch (phase) {
    case migrator::SwapProgress::Phase::kPrepare:
      return "preparing";
    case migrator::SwapProgress::Phase::kCopy:
      return "copying";
    case migrator::SwapProgress::Phase::kVerify:
      return "verifying";
    case migrator::SwapProgress::Phase::kCutOver:
      return "cutting over";
    case migrator::SwapProgress::Phase::kDone:
      return "done";
  }
  return "";
}

// One line per swap: redrawn in place on a terminal; without one (CI logs) printed at most every
// few seconds, and at each change of phase.
class SwapProgressPrinter {
 public:
  explicit SwapProgressPrinter(bool terminal) : terminal_(terminal) {}

  void operator()(const migrator::SwapProgress& progress) {
    const auto now = std::chrono::steady_clock::now();
    const bool new_phase = progress.phase != last_phase_;
    if (!terminal_ && !new_phase && now - last_printed_ < std::chrono::seconds(5)) return;
    last_phase_ = progress.phase;
    last_printed_ = now;
    char line[256];
    const long long estimated = std::max<long long>(progress.rows_estimated, progress.rows_done);
    const double percent =
        estimated > 0 ? 100.0 * static_cast<double>(progress.rows_done) / estimated : 100.0;
    const double eta = progress.rows_per_second > 0
                           ? static_cast<double>(estimated - progress.rows_done) / progress.rows_per_second
                           : 0;
    std::snprintf(line, sizeof line, "  swap %s: %s %lld/%lld rows (%.0f%%), %.0f rows/s, ETA %.0fs%s%s",
                  progress.swap->table.c_str(), SwapPhaseName(progress.phase), progress.rows_done, estimated,
                  percent, progress.rows_per_second,
                  progress.phase == migrator::SwapProgress::Phase::kCopy ? eta : 0.0,
                  progress.resumed ? ", resumed" : "",
                  progress.throttle.empty() ? "" : (", waiting: " + progress.throttle).c_str());
    if (terminal_) {
      std::cout << "\r\033[K" << line << (progress.phase == migrator::SwapProgress::Phase::kDone ? "\n" : "")
                << std::flush;
    } else {
      std::cout << line << '\n' << std::flush;
    }
  }

 private:
  bool terminal_;
  migrator::SwapProgress::Phase last_phase_ = migrator::SwapProgress::Phase::kDone;
  std::chrono::steady_clock::time_point last_printed_{};
};

// Shows the plan, and what it cannot promise on this connection, and asks; anything but y / yes
// declines.
bool AskForApproval(const Plan& plan, const std::string& display_url,
                    const std::vector<std::string>& warnings) {
  std::cout << compiler::RenderPlan(plan, compiler::PlanFormat::kText, UseColor(stdout));
  PrintWarnings(warnings);
  std::cout << "\nApply " << plan.steps.size() << (plan.steps.size() == 1 ? " step" : " steps") << " to "
            << display_url << "? [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes";
}

// What the server says of a step still running: "building index: scanning table 45% (blocks
// 1200 of 2600)".
std::string DescribeRunning(const dialects::StatementProgress& running) {
  std::string text = running.phase;
  if (running.fraction) text += " " + std::to_string(static_cast<int>(*running.fraction * 100.0 + 0.5)) + "%";
  if (!running.detail.empty()) text += " (" + running.detail + ")";
  return text;
}

// A line per step when it ends, and while a long one runs what the server says of it: redrawn in
// place on a terminal; without one (CI logs) a line at each new phase, at most every few seconds.
// Behind a transaction pooler, a step that runs outside a transaction is announced with the
// warning that its timeouts may not hold (migrator/pooler_warnings.hpp), in the log where it runs.
class StepPrinter {
 public:
  StepPrinter(bool terminal, bool behind_pooler) : terminal_(terminal), behind_pooler_(behind_pooler) {}

  void operator()(const migrator::StepProgress& progress) {
    const char* outcome = nullptr;
    switch (progress.event) {
      case migrator::StepProgress::Event::kStarted:
        last_phase_.clear();
        last_printed_ = {};
        if (behind_pooler_) PrintWarnings({migrator::PoolerWarning(*progress.step, progress.index + 1)});
        return;
      case migrator::StepProgress::Event::kProgress:
        PrintRunning(progress);
        return;
      case migrator::StepProgress::Event::kApplied:
        outcome = "done";
        break;
      case migrator::StepProgress::Event::kSkipped:
        outcome = "already applied, skipped";
        break;
      case migrator::StepProgress::Event::kFailed:
        outcome = "FAILED";
        break;
    }
    if (line_open_) std::cout << "\r\033[K";
    line_open_ = false;
    std::cout << "[" << progress.index + 1 << "/" << progress.total << "] " << progress.step->description
              << ": " << outcome << " (" << FormatDuration(progress.duration.count()) << ")\n"
              << std::flush;
  }

 private:
  void PrintRunning(const migrator::StepProgress& progress) {
    const auto now = std::chrono::steady_clock::now();
    const bool new_phase = progress.running.phase != last_phase_;
    if (!terminal_ && (!new_phase || now - last_printed_ < std::chrono::seconds(10))) return;
    last_phase_ = progress.running.phase;
    last_printed_ = now;
    const std::string line = "  [" + std::to_string(progress.index + 1) + "/" +
                             std::to_string(progress.total) + "] " + progress.step->description + ": " +
                             DescribeRunning(progress.running) + ", " +
                             FormatDuration(progress.duration.count());
    if (terminal_) {
      std::cout << "\r\033[K" << line << std::flush;
      line_open_ = true;
    } else {
      std::cout << line << '\n' << std::flush;
    }
  }

  bool terminal_;
  bool behind_pooler_;
  bool line_open_ = false;  // a redrawn line waits to be cleared (terminal only)
  std::string last_phase_;
  std::chrono::steady_clock::time_point last_printed_{};
};

int RunApply(ApplyFlags flags) {
  Result<std::optional<ProjectEnvironment>> environment = flags.environment.Load();
  if (!environment.ok()) return ReportError(environment.status());
  if (*environment) {
    TakeUnlessGiven(flags.url_option, flags.url, (*environment)->url);
    // The environment's schema is the target unless a schema or a saved plan is named.
    if (flags.to.empty() && flags.plan_file.empty()) flags.to = (*environment)->schema;
    TakeUnlessGiven(flags.lock_timeout_option, flags.lock_timeout_ms, (*environment)->policy.lock_timeout_ms);
    TakeUnlessGiven(flags.lock_retries_option, flags.lock_retries, (*environment)->policy.lock_retries);
    TakeUnlessGiven(flags.statement_timeout_option, flags.statement_timeout_ms,
                    (*environment)->policy.statement_timeout_ms);
  }
  if (flags.url.empty()) return ReportUsageError("apply needs --url (or --env NAME with a url)");
  if (flags.lock_timeout_ms < 0) return ReportUsageError("--lock-timeout must be 0 or more milliseconds");
  if (flags.lock_retries < 0) return ReportUsageError("--lock-retries must be 0 or more");
  if (flags.statement_timeout_ms < 0)
    return ReportUsageError("--statement-timeout must be 0 or more milliseconds");
  if (flags.chunk_time_ms <= 0) return ReportUsageError("--chunk-time must be 1 or more milliseconds");
  if (flags.max_threads_running <= 0) return ReportUsageError("--max-threads-running must be 1 or more");
  if (flags.progress_interval_ms < 0)
    return ReportUsageError("--progress-interval must be 0 or more milliseconds");
  Result<std::vector<std::string>> allowed =
      *environment ? AllowedHazards((*environment)->policy.allowed_hazards,
                                    (*environment)->policy.allowed_hazards_where, flags.allow_hazards)
                   : ParseAllowedHazards(flags.allow_hazards);
  if (!allowed.ok()) return ReportUsageError(allowed.status().message());
  Result<std::vector<std::string>> excludes =
      ExcludePatterns(*environment ? (*environment)->policy.excludes : std::nullopt, flags.excludes);
  if (!excludes.ok()) return ReportUsageError(excludes.status().message());
  if (!flags.plan_file.empty() && !flags.excludes.empty()) {
    return ReportUsageError("--exclude plans anew; a saved plan keeps the excludes it was made with");
  }
  // Never interactive unless asked: without a terminal there is nobody to answer, and guessing
  // "yes" would migrate a production database on a misconfigured CI job.
  Result<sources::Source> target = sources::ClassifySource(flags.url);
  if (!target.ok()) return ReportError(target.status());
  const auto* url = std::get_if<dialects::DatabaseUrl>(&*target);
  if (url == nullptr) {
    return ReportError(
        Status(StatusCode::kInvalidArgument,
               "--url '" + dialects::DatabaseUrl::MaskText(flags.url) +
                   "' is not a database URL (sqlite://, postgres://, mysql://); apply migrates "
                   "a database to the schema given by --to"));
  }
  if (flags.to.empty() == flags.plan_file.empty()) {
    return ReportUsageError(
        "apply needs exactly one of --to (a schema to converge to) and --plan (a saved plan)");
  }
  if (!flags.plan_file.empty() && flags.dry_run) {
    return ReportUsageError("--dry-run plans anew; review a saved plan with `schemac show " +
                            flags.plan_file + "`");
  }
  Result<sources::Source> to = flags.plan_file.empty() ? sources::ClassifySource(flags.to) : *target;
  if (!to.ok()) return ReportError(to.status(), {&*target});
  const std::vector<const sources::Source*> urls = {&*target, &*to};
  const bool interactive = IsInteractive();
  if (!flags.auto_approve && !flags.dry_run && !interactive) {
    const std::string what =
        flags.plan_file.empty() ? "--to " + sources::DisplayName(*to) : "--plan " + flags.plan_file;
    return ReportError(Status(StatusCode::kRefused,
                              "apply needs approval, and stdin/stdout is not a terminal to ask on. Review "
                              "the plan with `schemac apply --dry-run --url " +
                                  url->Masked() + " " + what +
                                  "` (or save one with `schemac plan --out FILE` and review it with `schemac "
                                  "show FILE`), then re-run with --auto-approve."),
                       urls);
  }

  std::vector<dsl::Diagnostic> diagnostics;
  Result<sources::SourceSchema> desired = sources::SourceSchema{};
  Result<compiler::SavedPlan> saved = compiler::SavedPlan{};
  if (flags.plan_file.empty()) {
    desired = sources::LoadSource(*to, diagnostics);
    PrintDiagnostics(diagnostics);
    if (!desired.ok()) return ReportError(desired.status(), urls);
  } else {
    saved = ReadPlanFile(flags.plan_file);
    if (!saved.ok()) return ReportError(saved.status(), urls);
    // The consent reviewed with the plan goes with it: `plan --allow-hazard X --out` then
    // `apply --plan` needs no second --allow-hazard X.
    for (const auto& code : saved->policy.allowed_hazards) {
      if (std::find(allowed->begin(), allowed->end(), code) == allowed->end()) allowed->push_back(code);
    }
  }

  // Apply may create the database file: building a new database is a normal first deploy.
  auto connection = sources::OpenDatabase(*url, /*must_exist=*/false);
  if (!connection.ok()) return ReportError(connection.status(), urls);
  const std::string display_url = (*connection)->DisplayUrl();

  migrator::ApplyOptions options;
  options.policy.lock_timeout_ms = flags.lock_timeout_ms;
  options.policy.lock_retries = flags.lock_retries;
  options.policy.statement_timeout_ms = flags.statement_timeout_ms;
  options.policy.shadow_min_rows = flags.shadow_min_rows;
  options.swap.drop_old = flags.drop_old;
  options.swap.chunk_target = std::chrono::milliseconds(flags.chunk_time_ms);
  options.swap.max_threads_running = flags.max_threads_running;
  options.progress_interval = std::chrono::milliseconds(flags.progress_interval_ms);
  options.swap.on_progress = SwapProgressPrinter(isatty(fileno(stdout)) == 1);
  options.migration_lock_timeout_ms = flags.lock_timeout_ms;
  options.allow_destructive = flags.allow_destructive;
  options.policy.allowed_hazards = *allowed;
  options.policy.excludes = *excludes;
  options.skip_data_checks = flags.skip_data_checks;
  options.dry_run = flags.dry_run;
  if (!flags.auto_approve)
    options.confirm = [&](const Plan& plan) {
      return AskForApproval(plan, display_url, migrator::PoolerWarnings(**connection, plan));
    };
  options.on_step = StepPrinter(isatty(fileno(stdout)) == 1, (*connection)->BehindTransactionPooler());
  // From here on SIGINT / SIGTERM stop the run cleanly instead of killing it mid-statement (a
  // shadow-table swap between chunks, keeping its checkpoint).
  StopOnSignal stop_on_signal;
  options.stop = stop_on_signal.Token();

  Result<migrator::ApplyReport> report = flags.plan_file.empty()
                                             ? migrator::Apply(**connection, desired->schema, options)
                                             : migrator::ApplySavedPlan(**connection, saved->plan, options);
  if (!report.ok()) return ReportError(report.status(), urls);

  if (flags.dry_run) {
    std::cout << compiler::RenderPlan(report->plan, compiler::PlanFormat::kText, UseColor(stdout));
    PrintWarnings(migrator::PoolerWarnings(**connection, report->plan));
    bool data_loss = false;
    for (const auto& step : report->plan.steps) data_loss = data_loss || step.HasDataLoss();
    if (data_loss && !flags.allow_destructive) {
      std::cout << "Note: this plan loses data; apply refuses it without --allow-destructive.\n";
    }
    if (Status refused = migrator::RefuseFailedDataChecks(report->plan, "apply would start nothing");
        !refused.ok()) {
      std::cout << "Note: " << refused.message() << "\n";
    }
    std::cout << "Dry run: nothing was changed in " << display_url << ".\n";
    return kExitOk;
  }
  if (report->plan.Empty()) {
    std::cout << "No changes. " << display_url << " already matches "
              << (flags.plan_file.empty() ? desired->display_name : flags.plan_file) << ".\n";
    return kExitOk;
  }
  std::cout << "Applied " << report->steps_applied << " of " << report->plan.steps.size() << " steps to "
            << display_url;
  if (report->steps_skipped > 0) std::cout << " (" << report->steps_skipped << " already in effect)";
  std::cout << "; recorded as run " << report->history_id << " in schemac_history.\n";
  return kExitOk;
}

}  // namespace

Command AddApplyCommand(CLI::App& root) {
  auto flags = std::make_shared<ApplyFlags>();
  CLI::App* app = root.add_subcommand("apply", "Migrate a live database to the desired schema");
  flags->url_option =
      app->add_option("--url", flags->url, "The database to migrate (sqlite://, postgres://, mysql://)");
  app->add_option("--to", flags->to, "Desired schema: a .schema file, a directory, or a database URL");
  app->add_option(
      "--plan", flags->plan_file,
      "A saved plan (`schemac plan --out FILE`): run exactly its steps, or exit 4 when the database "
      "no longer matches the catalog it was made against");
  app->add_flag("--auto-approve", flags->auto_approve, "Apply without asking (needed without a terminal)");
  app->add_flag("--allow-destructive", flags->allow_destructive,
                "Allow steps that lose data (drops, narrowing)");
  app->add_option(
      "--allow-hazard", flags->allow_hazards,
      "Allow one hazard code (HZ003 or HZ003-narrow-type; see docs/HAZARDS.md): its data loss and "
      "its data-check rows; repeatable");
  app->add_flag("--skip-data-checks", flags->skip_data_checks,
                "Do not count, before the first step, the rows each step would fail on");
  app->add_flag("--dry-run", flags->dry_run, "Inspect and plan only; change nothing");
  flags->lock_timeout_option =
      app->add_option("--lock-timeout", flags->lock_timeout_ms,
                      "Milliseconds to wait for the migration lock and for each table lock, the inspection's "
                      "included")
          ->capture_default_str();
  flags->lock_retries_option =
      app->add_option("--lock-retries", flags->lock_retries,
                      "Retries, with doubling waits, of an inspection or a step that hit a lock timeout")
          ->capture_default_str();
  flags->statement_timeout_option =
      app->add_option(
             "--statement-timeout", flags->statement_timeout_ms,
             "Milliseconds each statement may run (0: no limit; PostgreSQL's inspection queries then "
             "stop at 60000)")
          ->capture_default_str();
  app->add_option("--shadow-min-rows", flags->shadow_min_rows,
                  "A change that would block writes while the server copies the table runs as an online "
                  "shadow-table swap above this many rows (0: always; -1: never)")
      ->capture_default_str();
  app->add_flag("--drop-old", flags->drop_old,
                "Drop the old table after a shadow-table swap instead of keeping it as _<table>_old");
  app->add_option("--chunk-time", flags->chunk_time_ms,
                  "Milliseconds each copy chunk of a shadow-table swap should take")
      ->capture_default_str();
  app->add_option("--max-threads-running", flags->max_threads_running,
                  "A shadow-table swap waits between chunks while the server runs more sessions than this")
      ->capture_default_str();
  app->add_option("--progress-interval", flags->progress_interval_ms,
                  "Milliseconds between asking the server how far a long step has got (an index build's "
                  "phase, a lock wait, an ALTER TABLE stage); 0: never")
      ->capture_default_str();
  app->add_option("--exclude", flags->excludes, kExcludeHelp);
  AddEnvironmentFlags(*app, flags->environment);
  return Command{app, [flags] { return RunApply(*flags); }};
}

}  // namespace schemac::cli
