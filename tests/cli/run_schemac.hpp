// Runs the built `schemac` binary as a subprocess, the way scripts and CI run it: no terminal
// (stdin is /dev/null, stdout and stderr are files), in a directory of the test's choosing.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace schemac::cli::testing {

struct SchemacRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ShellQuote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline std::string Slurp(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `schemac args...` from `cwd` with `env` (VAR=value entries) added to the environment.
inline SchemacRun RunSchemac(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                             const std::vector<std::string>& env = {}) {
  const std::filesystem::path out = cwd / ".schemac-test.out";
  const std::filesystem::path err = cwd / ".schemac-test.err";
  std::string command = "cd " + ShellQuote(cwd.string()) + " && env NO_COLOR=1";
  for (const auto& variable : env) command += " " + ShellQuote(variable);
  command += " " + ShellQuote(SCHEMAC_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  command += " </dev/null >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(command.c_str());
  SchemacRun run;
  if (status != -1 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  run.out = Slurp(out);
  run.err = Slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return run;
}

}  // namespace schemac::cli::testing
