#include "cli/environment_flags.hpp"

namespace schemac::cli {

Result<std::optional<ProjectEnvironment>> EnvironmentFlags::Load() const {
  if (env.empty()) {
    if (!config.empty()) {
      return Status(StatusCode::kInvalidArgument, "--config " + config + " is read only with --env NAME");
    }
    return std::optional<ProjectEnvironment>{};
  }
  Result<ProjectEnvironment> loaded = LoadEnvironment(ProjectFilePath(config), env);
  if (!loaded.ok()) return loaded.status();
  return std::optional<ProjectEnvironment>(std::move(*loaded));
}

void AddEnvironmentFlags(CLI::App& app, EnvironmentFlags& flags) {
  app.add_option("--env", flags.env,
                 "An environment of the project file: its URL, schema, dialect and policy are the defaults");
  app.add_option(
      "--config", flags.config,
      std::string("The project file for --env (default: $SCHEMAC_CONFIG, else ./") + kProjectFileName + ")");
}

void TakeUnlessGiven(const CLI::Option* option, std::string& value, const std::string& from_environment) {
  if (option != nullptr && option->count() > 0) return;
  if (!from_environment.empty()) value = from_environment;
}

void TakeUnlessGiven(const CLI::Option* option, int& value, const std::optional<int>& from_environment) {
  if (option != nullptr && option->count() > 0) return;
  if (from_environment) value = *from_environment;
}

}  // namespace schemac::cli
