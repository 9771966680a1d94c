// The SQL form of a plan: the up migration as a script, one commented block per step.
#include <string>

#include "compiler/render_internal.hpp"

namespace schemac::compiler {

std::string RenderSql(const Plan& plan) {
  std::string out;
  for (const auto& object : plan.unmanaged) out += "-- warning: " + UnmanagedWarning(object) + "\n";
  if (plan.Empty()) return out + "-- no changes\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    if (i > 0 || !plan.unmanaged.empty()) out += "\n";
    out += "-- step " + std::to_string(i + 1) + ": " + step.description;
    if (!step.up.transactional) out += " (not transactional: runs outside a transaction)";
    out += "\n";
    for (const auto& statement : step.up.Flatten()) out += TerminatedStatement(statement) + "\n";
  }
  return out;
}

}  // namespace schemac::compiler
