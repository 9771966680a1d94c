// The text form of a plan: what a person reads in a terminal before saying yes.
#include <string>

#include "compiler/data_checks.hpp"
#include "compiler/render_internal.hpp"

namespace schemac::compiler {
namespace {

// ANSI styles, applied only when the caller asked for colour.
class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  std::string Bold(const std::string& text) const { return Wrap("\033[1m", text); }
  std::string Red(const std::string& text) const { return Wrap("\033[31m", text); }
  std::string Yellow(const std::string& text) const { return Wrap("\033[33m", text); }
  std::string Dim(const std::string& text) const { return Wrap("\033[2m", text); }

 private:
  std::string Wrap(const char* code, const std::string& text) const {
    return enabled_ ? code + text + "\033[0m" : text;
  }
  bool enabled_;
};

// Every line of `text` prefixed with `indent`.
std::string Indented(const std::string& text, const std::string& indent) {
  std::string out = indent;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

std::string StepDetails(const PlanStep& step) {
  std::string details;
  auto add = [&](const std::string& part) { details += (details.empty() ? "" : ", ") + part; };
  if (!step.strategy.empty()) add("strategy: " + step.strategy);
  if (!step.lock.empty()) add("lock: " + step.lock);
  add(step.up.transactional ? "transactional" : "not transactional");
  return details;
}

void RenderStep(const PlanStep& step, std::size_t number, std::size_t shared_settings, const Style& style,
                std::string& out) {
  out += style.Bold(std::to_string(number) + ". " + step.description) + "\n";
  out += "   " + StepDetails(step) + "\n";
  if (step.shadow_swap) {
    const ShadowSwap& swap = *step.shadow_swap;
    out += "   estimate: ~" + std::to_string(swap.estimate.rows) + " rows, " +
           std::to_string(swap.estimate.bytes / (1024 * 1024)) +
           " MB; expected duration: " + swap.duration_class + "\n";
    out += "   why: " + swap.reason + "\n";
  }
  if (step.impact && (step.impact->estimated_rows || step.impact->estimated_bytes))
    out += "   table " + ImpactText(*step.impact) + "\n";
  for (const auto& check : step.data_checks) {
    const std::string line = "data check " + check.hazard + ": " + DescribeDataCheck(check);
    out += "   " + (check.Fails() ? style.Red(line) : line) + "\n";
  }
  for (const auto& hazard : step.hazards) {
    std::string line =
        "hazard " + hazard.code + ": " + hazard.message + (hazard.data_loss ? " (data loss)" : "");
    out += "   " + (hazard.data_loss ? style.Red(line) : style.Yellow(line)) + "\n";
  }
  // The planner states irreversibility as a hazard too; the label says how far the down goes.
  std::string down = std::string("down: ") + DownKindName(step.down_kind);
  if (!step.down_reason.empty()) down += " (" + step.down_reason + ")";
  out += "   " + (step.down_kind == DownKind::kExact ? down : style.Yellow(down)) + "\n";
  for (const auto& statement : StatementsAfterSharedSettings(step.up, shared_settings)) {
    out += style.Dim(Indented(TerminatedStatement(statement), "     ")) + "\n";
  }
}

}  // namespace

std::string RenderText(const Plan& plan, bool color) {
  const Style style(color);
  std::string out;
  if (plan.Empty()) {
    out += "No changes.\n";
  } else {
    out += style.Bold(PlanSummary(plan)) + "\n";
  }
  for (const auto& object : plan.unmanaged)
    out += style.Yellow("warning: " + UnmanagedWarning(object)) + "\n";
  if (std::string note = DataChecksNote(plan); !note.empty()) out += note + "\n";
  for (const auto& suggestion : plan.rename_suggestions)
    out += style.Yellow("suggestion: " + suggestion) + "\n";
  const std::vector<std::string> shared = SharedSessionSettings(plan);
  if (!shared.empty()) {
    out += "\nFirst in each step's transaction:\n";
    for (const auto& statement : shared)
      out += style.Dim(Indented(TerminatedStatement(statement), "     ")) + "\n";
  }
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    out += "\n";
    RenderStep(plan.steps[i], i + 1, shared.size(), style, out);
  }
  return out;
}

}  // namespace schemac::compiler
