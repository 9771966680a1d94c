// schemac plan --from SRC --to SRC [--dialect D] [--format text|sql|json|markdown]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compiler/render_plan.hpp"
#include "sources/sources.hpp"

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
  Result<sources::Source> from = sources::ClassifySource(flags.from);
  if (!from.ok()) return ReportError(from.status());
  Result<sources::Source> to = sources::ClassifySource(flags.to);
  if (!to.ok()) return ReportError(to.status());
  if (flags.dialect.empty() && !sources::IsDatabase(*from) && !sources::IsDatabase(*to)) {
    return ReportUsageError("neither --from nor --to is a database URL, so --dialect is needed");
  }
  std::vector<dsl::Diagnostic> diagnostics;
  Result<Plan> plan = sources::PlanSources(*from, *to, flags.dialect, PlanPolicy{}, diagnostics);
  PrintDiagnostics(diagnostics);
  if (!plan.ok()) return ReportError(plan.status(), {&*from, &*to});
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
