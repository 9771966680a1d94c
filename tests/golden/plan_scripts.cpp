#include "plan_scripts.hpp"

#include "migrator/script_runner.hpp"

namespace schemac::golden {

Status RunDownScripts(dialects::Connection& connection, const Plan& plan) {
  for (const auto& step : plan.steps) {
    if (!step.down) {
      return Status(StatusCode::kUnsupported,
                    "step \"" + step.description + "\" has no down: " + step.down_reason);
    }
  }
  for (std::size_t i = 0; i < plan.down.size(); ++i) {
    if (Status status = migrator::RunScript(connection, plan.down[i]); !status.ok()) {
      return status.WithContext("script " + std::to_string(i + 1) + " of the plan's down");
    }
  }
  return Status::Ok();
}

}  // namespace schemac::golden
