// The subcommands of `schemac`. Each Add*Command registers its flags on the root app and returns
// what to run when that subcommand was given. Commands are thin: they parse flags, call the
// stages (schema_dsl/, compiler/, migrator/) and print; they hold no logic of their own.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace schemac::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns the process exit code (cli/output.hpp)
};

Command AddPlanCommand(CLI::App& root);
Command AddApplyCommand(CLI::App& root);
Command AddInspectCommand(CLI::App& root);
Command AddFmtCommand(CLI::App& root);
Command AddValidateCommand(CLI::App& root);
Command AddShowCommand(CLI::App& root);
Command AddHistoryCommand(CLI::App& root);

}  // namespace schemac::cli
