#include "migrator/pooler_warnings.hpp"

namespace schemac::migrator {

std::string PoolerWarning(const PlanStep& step, std::size_t number) {
  if (step.up.transactional || step.up.settings.session.empty()) return {};
  std::string settings;
  for (const auto& statement : step.up.settings.session)
    settings += (settings.empty() ? "" : "; ") + statement;
  return "step " + std::to_string(number) + " (" + step.description +
         ") runs outside a transaction, which a transaction pooler cannot keep on one server "
         "connection: its settings (" +
         settings +
         ") may not apply on the server connection that runs it, where the server's defaults then "
         "bound it, and may stay on another server connection until their reset reaches it";
}

std::vector<std::string> PoolerWarnings(const dialects::Connection& connection, const Plan& plan) {
  std::vector<std::string> warnings;
  if (!connection.BehindTransactionPooler()) return warnings;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    if (std::string warning = PoolerWarning(plan.steps[i], i + 1); !warning.empty())
      warnings.push_back(std::move(warning));
  }
  return warnings;
}

}  // namespace schemac::migrator
