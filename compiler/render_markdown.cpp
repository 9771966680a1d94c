// The Markdown form of a plan: a pull-request comment reviewers can read at a glance.
#include <string>

#include "compiler/data_checks.hpp"
#include "compiler/render_internal.hpp"

namespace schemac::compiler {
namespace {

// A table cell: pipes would end the cell, newlines the row.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

void SqlBlock(const std::vector<std::string>& statements, std::string& out) {
  out += "```sql\n";
  for (const auto& statement : statements) out += TerminatedStatement(statement) + "\n";
  out += "```\n";
}

// "none", "not run", "ok", or the failing counts: "3 rows (HZ005-not-null)".
std::string DataCheckSummary(const PlanStep& step) {
  if (step.data_checks.empty()) return "none";
  std::string failing;
  bool counted = false;
  for (const auto& check : step.data_checks) {
    counted = counted || check.failing_rows || !check.error.empty();
    if (!check.Fails()) continue;
    const std::string what = check.failing_rows ? std::to_string(*check.failing_rows) +
                                                      (*check.failing_rows == 1 ? " row" : " rows")
                                                : "error";
    failing += (failing.empty() ? "" : ", ") + what + " (" + check.hazard + ")";
  }
  if (!failing.empty()) return "**FAILS**: " + failing;
  return counted ? "ok" : "not run";
}

void SummaryTable(const Plan& plan, std::string& out) {
  out += "| # | step | strategy | lock | table | data checks | hazards | down |\n";
  out += "|---|------|----------|------|-------|-------------|---------|------|\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    out += "| " + std::to_string(i + 1) + " | " + Cell(step.description) + " | " + Cell(step.strategy) +
           " | " + Cell(step.lock) + " | " +
           (step.impact && (step.impact->estimated_rows || step.impact->estimated_bytes)
                ? Cell(ImpactText(*step.impact))
                : std::string()) +
           " | " + Cell(DataCheckSummary(step)) + " | " +
           (step.hazards.empty() ? std::string("none") : Cell(HazardCodes(step))) + " | " +
           DownKindName(step.down_kind) + " |\n";
  }
}

void UpSection(const Plan& plan, std::string& out) {
  out += "\n### Up\n";
  const std::vector<std::string> shared = SharedSessionSettings(plan);
  if (!shared.empty()) {
    out += "\nFirst in each step's transaction:\n\n";
    SqlBlock(shared, out);
  }
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    out += "\n**Step " + std::to_string(i + 1) + ": " + step.description + "**";
    if (!step.up.transactional) out += " (not transactional)";
    out += "\n\n";
    for (const auto& check : step.data_checks)
      out += std::string("- ") + (check.Fails() ? "**data check failed** " : "data check ") + "`" +
             check.hazard + "`: " + DescribeDataCheck(check) + "\n";
    if (!step.data_checks.empty()) out += "\n";
    SqlBlock(StatementsAfterSharedSettings(step.up, shared.size()), out);
  }
}

// Downs run last step first, so they are listed that way. Each undoes its own step only.
void DownSection(const Plan& plan, std::string& out) {
  out += "\n### Down\n";
  for (std::size_t i = plan.steps.size(); i-- > 0;) {
    const PlanStep& step = plan.steps[i];
    out += "\n**Undo step " + std::to_string(i + 1) + ": " + step.description + "**\n\n";
    if (step.down_kind != DownKind::kExact) {
      out += std::string(step.down_kind == DownKind::kNone ? "Irreversible" : "Lossy") + ": " +
             step.down_reason + "\n";
    }
    if (!step.down) continue;
    if (step.down_kind != DownKind::kExact) out += "\n";
    if (step.down->Empty()) {
      out += "Nothing to run: the step changed nothing a down must restore.\n";
    } else {
      SqlBlock(step.down->Flatten(), out);
    }
  }
}

}  // namespace

std::string RenderMarkdown(const Plan& plan) {
  std::string out = "## schemac plan (" + plan.dialect + ")\n\n";
  for (const auto& object : plan.unmanaged) out += "> **Warning:** " + UnmanagedWarning(object) + "\n\n";
  if (plan.Empty()) return out + "No changes.\n";
  out += PlanSummary(plan) + "\n\n";
  if (std::string note = DataChecksNote(plan); !note.empty()) out += note + "\n\n";
  for (const auto& suggestion : plan.rename_suggestions) out += "> **Rename?** " + suggestion + "\n\n";
  SummaryTable(plan, out);
  UpSection(plan, out);
  DownSection(plan, out);
  return out;
}

}  // namespace schemac::compiler
