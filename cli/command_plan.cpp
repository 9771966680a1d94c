// schemac plan --from SRC --to SRC [--dialect D] [--format text|sql|json|markdown] [--exit-code]
//              [--out FILE] [--allow-hazard CODE]... [--skip-data-checks] [--statement-timeout MS]
//              [--exclude KIND:PATTERN]... [--fail-on-unmanaged]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/environment_flags.hpp"
#include "cli/exclude_flags.hpp"
#include "cli/hazard_flags.hpp"
#include "cli/output.hpp"
#include "compiler/render_plan.hpp"
#include "compiler/saved_plan.hpp"
#include "migrator/data_checks.hpp"
#include "migrator/pooler_warnings.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {
namespace {

struct PlanFlags {
  std::string from;
  std::string to;
  std::string dialect;
  std::string format = "text";
  bool exit_code = false;  // exit 3 when there are changes: CI gates on drift without parsing output
  std::string out;         // where to save the plan for `apply --plan`
  EnvironmentFlags environment;
  const CLI::Option* from_option = nullptr;
  const CLI::Option* to_option = nullptr;
  const CLI::Option* dialect_option = nullptr;
  long long shadow_min_rows = PlanPolicy{}.shadow_min_rows;
  std::vector<std::string> allow_hazards;  // data checks finding rows for these do not fail the plan
  bool skip_data_checks = false;
  int statement_timeout_ms = 0;       // bounds each data-check query (0: the checks' own default)
  std::vector<std::string> excludes;  // KIND:PATTERN, objects another tool owns
  bool fail_on_unmanaged = false;     // exit 1 when the current side holds objects schemac does not manage
};

// kRefused listing what the current side holds that schemac does not manage, for --fail-on-unmanaged.
Status RefuseUnmanaged(const Plan& plan) {
  if (plan.unmanaged.empty()) return Status::Ok();
  std::string listing;
  for (const auto& object : plan.unmanaged) {
    listing += "\n  - " + object.kind + " " +
               (object.namespace_name.empty() ? "" : object.namespace_name + ".") + object.name +
               (object.detail.empty() ? "" : ": " + object.detail);
  }
  return Status(
      StatusCode::kRefused,
      std::to_string(plan.unmanaged.size()) + (plan.unmanaged.size() == 1 ? " object is" : " objects are") +
          " not managed by schemac (--fail-on-unmanaged): declare what schemac should manage in the "
          "schema, and leave what another tool owns to it with --exclude KIND:PATTERN:" +
          listing);
}

// Writes the saved plan to `path` whole or not at all: a half-written plan must never be applied.
Status SavePlan(const Plan& plan, const PlanPolicy& policy, const std::string& path) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << compiler::WriteSavedPlan(compiler::SavedPlan{SchemacVersion(), policy, plan});
    file.close();
    if (!file) return Status(StatusCode::kIoError, "cannot write the plan to " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Status(StatusCode::kIoError, "cannot write the plan to " + path);
  }
  return Status::Ok();
}

int RunPlan(PlanFlags flags) {
  Result<std::optional<ProjectEnvironment>> environment = flags.environment.Load();
  if (!environment.ok()) return ReportError(environment.status());
  PlanPolicy policy;
  if (*environment) {
    // --env: from the environment's database to its schema, unless the command line says otherwise.
    TakeUnlessGiven(flags.from_option, flags.from, (*environment)->url);
    TakeUnlessGiven(flags.to_option, flags.to, (*environment)->schema);
    TakeUnlessGiven(flags.dialect_option, flags.dialect, (*environment)->dialect);
    TakeUnlessGiven(nullptr, policy.lock_timeout_ms, (*environment)->policy.lock_timeout_ms);
    TakeUnlessGiven(nullptr, policy.statement_timeout_ms, (*environment)->policy.statement_timeout_ms);
    TakeUnlessGiven(nullptr, policy.lock_retries, (*environment)->policy.lock_retries);
  }
  if (flags.from.empty() || flags.to.empty()) {
    return ReportUsageError(
        "plan needs --from and --to (or --env NAME, whose url and schema they default to)");
  }
  std::optional<compiler::PlanFormat> format = compiler::ParsePlanFormat(flags.format);
  if (!format)
    return ReportUsageError("--format must be text, sql, json or markdown, not '" + flags.format + "'");
  Result<sources::Source> from = sources::ClassifySource(flags.from);
  if (!from.ok()) return ReportError(from.status());
  Result<sources::Source> to = sources::ClassifySource(flags.to);
  if (!to.ok()) return ReportError(to.status());
  if (flags.dialect.empty() && !sources::IsDatabase(*from) && !sources::IsDatabase(*to)) {
    return ReportUsageError("neither --from nor --to is a database URL, so --dialect is needed");
  }
  if (flags.statement_timeout_ms < 0)
    return ReportUsageError("--statement-timeout must be 0 or more milliseconds");
  Result<std::vector<std::string>> allowed =
      *environment ? AllowedHazards((*environment)->policy.allowed_hazards,
                                    (*environment)->policy.allowed_hazards_where, flags.allow_hazards)
                   : ParseAllowedHazards(flags.allow_hazards);
  if (!allowed.ok()) return ReportUsageError(allowed.status().message());
  Result<std::vector<std::string>> excludes =
      ExcludePatterns(*environment ? (*environment)->policy.excludes : std::nullopt, flags.excludes);
  if (!excludes.ok()) return ReportUsageError(excludes.status().message());
  policy.excludes = *excludes;
  std::vector<dsl::Diagnostic> diagnostics;
  policy.shadow_min_rows = flags.shadow_min_rows;
  if (flags.statement_timeout_ms > 0) policy.statement_timeout_ms = flags.statement_timeout_ms;
  policy.allowed_hazards = *allowed;
  // When the current side is a database, count the rows each step would fail on before the plan is
  // shown: read-only, on the connection the plan was inspected through.
  std::vector<std::string> warnings;
  const sources::CurrentDatabaseHook check_data = [&](dialects::Connection& current, Plan& plan) {
    warnings = migrator::PoolerWarnings(current, plan);
    if (flags.skip_data_checks) {
      plan.data_checks = Plan::DataChecks::kSkipped;
      return Status::Ok();
    }
    return migrator::RunDataChecks(
        current, plan,
        migrator::DataCheckOptions{flags.statement_timeout_ms, *allowed, policy.lock_timeout_ms});
  };
  Result<Plan> plan = sources::PlanSources(*from, *to, flags.dialect, policy, diagnostics, check_data);
  PrintDiagnostics(diagnostics);
  if (!plan.ok()) return ReportError(plan.status(), {&*from, &*to});
  std::cout << compiler::RenderPlan(*plan, *format, UseColor(stdout));
  PrintWarnings(warnings);
  // A plan whose checks found rows is an error, named step by step, and is not saved for apply.
  if (Status refused = migrator::RefuseFailedDataChecks(*plan, "this plan would fail"); !refused.ok())
    return ReportError(refused, {&*from, &*to});
  if (flags.fail_on_unmanaged) {
    if (Status refused = RefuseUnmanaged(*plan); !refused.ok()) return ReportError(refused, {&*from, &*to});
  }
  if (!flags.out.empty()) {
    if (Status saved = SavePlan(*plan, policy, flags.out); !saved.ok()) return ReportError(saved);
  }
  return flags.exit_code && !plan->Empty() ? kExitChanges : kExitOk;
}

}  // namespace

Command AddPlanCommand(CLI::App& root) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* app = root.add_subcommand("plan", "Show what it takes to go from one schema to another");
  flags->from_option = app->add_option("--from", flags->from,
                                       "Current schema: a .schema file, a directory, or a database URL");
  flags->to_option =
      app->add_option("--to", flags->to, "Desired schema: a .schema file, a directory, or a database URL");
  flags->dialect_option = app->add_option(
      "--dialect", flags->dialect, "sqlite, postgres or mysql; needed when neither side is a database");
  app->add_option("--format", flags->format, "text (default), sql, json or markdown");
  app->add_flag("--exit-code", flags->exit_code,
                "Exit 3 when the plan has changes, 0 when it has none (1 error, 2 usage as always)");
  app->add_option(
         "--shadow-min-rows", flags->shadow_min_rows,
         "With a database as --from: a change that would block writes while the server copies the "
         "table is planned as an online shadow-table swap above this many rows (0: always; -1: never)")
      ->capture_default_str();
  app->add_option(
      "--out", flags->out,
      "Also save the plan, bound to both catalogs' fingerprints, for `schemac apply --plan FILE`");
  app->add_option(
      "--allow-hazard", flags->allow_hazards,
      "A hazard code (HZ003 or HZ003-narrow-type; see docs/HAZARDS.md) whose data-check rows do not "
      "fail the plan; repeatable");
  app->add_flag("--skip-data-checks", flags->skip_data_checks,
                "Do not count the rows each step would fail on (the plan says the checks were skipped)");
  app->add_option("--statement-timeout", flags->statement_timeout_ms,
                  "Milliseconds each data-check query may run (0: 60000)")
      ->capture_default_str();
  app->add_option("--exclude", flags->excludes, kExcludeHelp);
  app->add_flag("--fail-on-unmanaged", flags->fail_on_unmanaged,
                "Exit 1 when the current side holds objects schemac does not manage (after --exclude)");
  AddEnvironmentFlags(*app, flags->environment);
  return Command{app, [flags] { return RunPlan(*flags); }};
}

}  // namespace schemac::cli
