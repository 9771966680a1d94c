#include "plan_scripts.hpp"

#include "migrator/script_runner.hpp"

namespace schemac::golden {

Status RunDownScripts(dialects::Connection& connection, const Plan& plan) {
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    if (!step->down) {
      return Status(StatusCode::kUnsupported,
                    "step \"" + step->description + "\" has no down: " + step->irreversible_reason);
    }
    if (Status status = migrator::RunScript(connection, *step->down); !status.ok()) {
      return status.WithContext("down of step \"" + step->description + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace schemac::golden
