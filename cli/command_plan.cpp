// schemac plan --from SRC --to SRC [--dialect D] [--format text|sql|json|markdown]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compiler/render_plan.hpp"
#include "migrator/sources.hpp"

namespace schemac::cli {
namespace {

struct PlanFlags {
  std::string from;
  std::string to;
  std::string dialect;
  std::string format = "text";
};

int RunPlan(const PlanFlags& flags) {
  std::optional<compiler::PlanFormat> format = compiler::ParsePlanFormat(flags.format);
  if (!format)
    return ReportUsageError("--format must be text, sql, json or markdown, not '" + flags.format + "'");
  if (flags.dialect.empty() && migrator::NeedsExplicitDialect(flags.from, flags.to)) {
    return ReportUsageError("neither --from nor --to is a database URL, so --dialect is needed");
  }
  std::vector<dsl::Diagnostic> diagnostics;
  Result<Plan> plan = migrator::PlanSources(flags.from, flags.to, flags.dialect, PlanPolicy{}, diagnostics);
  PrintDiagnostics(diagnostics);
  if (!plan.ok()) return ReportError(plan.status(), {flags.from, flags.to});
  std::cout << compiler::RenderPlan(*plan, *format, UseColor(stdout));
  return kExitOk;
}

}  // namespace

Command AddPlanCommand(CLI::App& root) {
  auto flags = std::make_shared<PlanFlags>();
  CLI::App* app = root.add_subcommand("plan", "Show what it takes to go from one schema to another");
  app->add_option("--from", flags->from, "Current schema: a .schema file, a directory, or a database URL")
      ->required();
  app->add_option("--to", flags->to, "Desired schema: a .schema file, a directory, or a database URL")
      ->required();
  app->add_option("--dialect", flags->dialect,
                  "sqlite, postgres or mysql; needed when neither side is a database");
  app->add_option("--format", flags->format, "text (default), sql, json or markdown");
  return Command{app, [flags] { return RunPlan(*flags); }};
}

}  // namespace schemac::cli
