// Runs a shell command and captures what it prints: the property tests drive the real `schemac`
// and `sqlite3` binaries the way a user's script would.
#pragma once

#include <string>

namespace schemac::properties {

struct CommandResult {
  int exit_code = -1;  // -1: could not run or killed by a signal
  std::string output;  // stdout; stderr too when the command line redirects it
};

CommandResult RunCommand(const std::string& command_line);

// `text` as one single-quoted shell word.
std::string ShellQuote(const std::string& text);

}  // namespace schemac::properties
