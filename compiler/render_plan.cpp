#include "compiler/render_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

#include "compiler/change_names.hpp"
#include "compiler/render_internal.hpp"

namespace schemac::compiler {

std::optional<PlanFormat> ParsePlanFormat(const std::string& name) {
  if (name == "text") return PlanFormat::kText;
  if (name == "sql") return PlanFormat::kSql;
  if (name == "json") return PlanFormat::kJson;
  if (name == "markdown" || name == "md") return PlanFormat::kMarkdown;
  return std::nullopt;
}

std::string RenderPlan(const Plan& plan, PlanFormat format, bool color) {
  switch (format) {
    case PlanFormat::kText:
      return RenderText(plan, color);
    case PlanFormat::kSql:
      return RenderSql(plan);
    case PlanFormat::kJson:
      return PlanToJson(plan).dump(2) + "\n";
    case PlanFormat::kMarkdown:
      return RenderMarkdown(plan);
  }
  return {};
}

std::string PlanSummary(const Plan& plan) {
  std::vector<std::string> codes;
  for (const auto& step : plan.steps) {
    for (const auto& hazard : step.hazards) {
      if (std::find(codes.begin(), codes.end(), hazard.code) == codes.end()) codes.push_back(hazard.code);
    }
  }
  std::string summary =
      fmt::format("{} {}, {} {}", plan.changes.size(), plan.changes.size() == 1 ? "change" : "changes",
                  plan.steps.size(), plan.steps.size() == 1 ? "step" : "steps");
  if (codes.empty()) return summary + "; no hazards";
  return summary + "; hazards: " + fmt::format("{}", fmt::join(codes, ", "));
}

std::vector<std::string> SharedSessionSettings(const Plan& plan) {
  std::optional<std::vector<std::string>> shared;
  for (const auto& step : plan.steps) {
    if (!step.up.transactional) continue;
    const std::vector<std::string>& local = step.up.settings.local;
    if (!shared) shared = local;
    std::size_t common = 0;
    while (common < shared->size() && common < local.size() && (*shared)[common] == local[common]) ++common;
    shared->resize(common);
  }
  return shared ? *shared : std::vector<std::string>{};
}

std::vector<std::string> StatementsAfterSharedSettings(const SqlScript& script, std::size_t shared_settings) {
  if (!script.transactional) return script.Flatten();
  SqlScript rest = script;
  rest.settings.local.erase(rest.settings.local.begin(),
                            rest.settings.local.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                              shared_settings, rest.settings.local.size())));
  return rest.Flatten();
}

std::string UnmanagedWarning(const model::UnmanagedObject& object) {
  return "not managed by schemac: " + object.kind + " " + QualifiedName(object.namespace_name, object.name);
}

std::string TerminatedStatement(const std::string& statement) {
  std::string text = statement;
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' || text.back() == '\r')) {
    text.pop_back();
  }
  while (!text.empty() && text.back() == ';') text.pop_back();
  return text + ";";
}

const char* DownKindName(DownKind kind) {
  switch (kind) {
    case DownKind::kExact:
      return "exact";
    case DownKind::kLossy:
      return "lossy";
    case DownKind::kNone:
      return "none";
  }
  return "none";
}

std::string ImpactText(const TableImpact& impact) {
  std::string text = impact.table + ": ";
  text +=
      impact.estimated_rows ? "about " + std::to_string(*impact.estimated_rows) + " rows" : "rows unknown";
  if (impact.estimated_bytes) {
    const double bytes = static_cast<double>(*impact.estimated_bytes);
    if (bytes >= 1024.0 * 1024.0 * 1024.0)
      text += fmt::format(", {:.1f} GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    else if (bytes >= 1024.0 * 1024.0)
      text += fmt::format(", {:.1f} MiB", bytes / (1024.0 * 1024.0));
    else
      text += fmt::format(", {:.0f} KiB", bytes / 1024.0);
  }
  return text;
}

std::string DataChecksNote(const Plan& plan) {
  std::size_t checks = 0, failing = 0;
  for (const auto& step : plan.steps) {
    for (const auto& check : step.data_checks) {
      ++checks;
      if (check.Fails()) ++failing;
    }
  }
  switch (plan.data_checks) {
    case Plan::DataChecks::kSkipped:
      return "Data checks: skipped (--skip-data-checks); the rows steps would fail on were not counted.";
    case Plan::DataChecks::kNotRun:
      if (checks == 0) return {};
      return "Data checks: not run (the current side is not a database); " + std::to_string(checks) +
             (checks == 1 ? " check" : " checks") + " would count existing rows.";
    case Plan::DataChecks::kRun:
      if (checks == 0) return {};
      return "Data checks: " + std::to_string(checks) + " run on the current database, " +
             std::to_string(failing) + " found rows the plan would fail on or damage.";
  }
  return {};
}

std::string HazardCodes(const PlanStep& step) {
  std::vector<std::string> codes;
  for (const auto& hazard : step.hazards) {
    if (std::find(codes.begin(), codes.end(), hazard.code) == codes.end()) codes.push_back(hazard.code);
  }
  return fmt::format("{}", fmt::join(codes, ", "));
}

}  // namespace schemac::compiler
