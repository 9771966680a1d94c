// schemac: declarative schema-as-code migrations. See README.md and DESIGN.md.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"

namespace {

int Main(int argc, char** argv) {
  using namespace schemac::cli;
  CLI::App app("schemac: declarative schema-as-code migrations for SQLite, PostgreSQL and MySQL/MariaDB",
               "schemac");
  app.set_version_flag("--version", "schemac " SCHEMAC_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<Command> commands = {AddPlanCommand(app),   AddApplyCommand(app),    AddInspectCommand(app),
                                   AddFmtCommand(app),    AddValidateCommand(app), AddShowCommand(app),
                                   AddHistoryCommand(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);        // prints the message and the hint to --help
    return kExitUsage;  // CLI11's own codes are not ours: every parse error is a usage error
  }
  for (const auto& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return ReportUsageError("no command given");
}

}  // namespace

int main(int argc, char** argv) {
  // Nothing may crash: every failure is an exit code and a message.
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "schemac: internal error: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "schemac: internal error\n";
  }
  return schemac::cli::kExitError;
}
