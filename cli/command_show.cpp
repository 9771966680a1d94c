// schemac show FILE [--format text|sql|json|markdown]: a saved plan (`plan --out`), rendered for
// review exactly as `apply --plan FILE` would run it.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/saved_plan_file.hpp"
#include "compiler/render_plan.hpp"

namespace schemac::cli {
namespace {

struct ShowFlags {
  std::string file;
  std::string format = "text";
};

std::string Joined(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

int RunShow(const ShowFlags& flags) {
  std::optional<compiler::PlanFormat> format = compiler::ParsePlanFormat(flags.format);
  if (!format)
    return ReportUsageError("--format must be text, sql, json or markdown, not '" + flags.format + "'");
  Result<compiler::SavedPlan> saved = ReadPlanFile(flags.file);
  if (!saved.ok()) return ReportError(saved.status());
  const PlanBinding& binding = saved->plan.binding;
  if (*format == compiler::PlanFormat::kText || *format == compiler::PlanFormat::kMarkdown) {
    std::cout << "Saved plan " << flags.file << " (schemac " << saved->schemac_version << ", "
              << binding.server << "): runs only on a database whose catalog fingerprint is "
              << binding.source_fingerprint << "; leaves it at " << binding.target_fingerprint << ".\n";
    // What the reviewer approves besides the steps: objects left alone, and consent given.
    if (!binding.excludes.empty())
      std::cout << "Leaves alone (exclude): " << Joined(binding.excludes) << ".\n";
    if (!saved->policy.allowed_hazards.empty())
      std::cout << "Allows hazards (--allow-hazard): " << Joined(saved->policy.allowed_hazards) << ".\n";
    std::cout << "\n";
  }
  std::cout << compiler::RenderPlan(saved->plan, *format, UseColor(stdout));
  return kExitOk;
}

}  // namespace

Command AddShowCommand(CLI::App& root) {
  auto flags = std::make_shared<ShowFlags>();
  CLI::App* app = root.add_subcommand("show", "Render a saved plan (schemac plan --out FILE) for review");
  app->add_option("FILE", flags->file, "The saved plan")->required();
  app->add_option("--format", flags->format, "text (default), sql, json or markdown");
  return Command{app, [flags] { return RunShow(*flags); }};
}

}  // namespace schemac::cli
