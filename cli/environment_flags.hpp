// --env NAME and --config FILE, on every command that talks to a database or reads a schema: the
// defaults a command takes from an environment of the project file (cli/project_file.hpp). A flag
// given on the command line always wins over the file.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/project_file.hpp"
#include "schemac/plan.hpp"

namespace schemac::cli {

struct EnvironmentFlags {
  std::string env;
  std::string config;

  // The environment --env names, or nullopt without --env. Errors say which file and key.
  Result<std::optional<ProjectEnvironment>> Load() const;
};

void AddEnvironmentFlags(CLI::App& app, EnvironmentFlags& flags);

// `value` from the environment unless the flag `option` was given on the command line.
void TakeUnlessGiven(const CLI::Option* option, std::string& value, const std::string& from_environment);
void TakeUnlessGiven(const CLI::Option* option, int& value, const std::optional<int>& from_environment);

}  // namespace schemac::cli
