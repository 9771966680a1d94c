// For tests of Connection::RunningStatementProgress: polls until the statement another thread
// runs on the connection reaches a phase.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include "dialects/dialect.hpp"

namespace schemac::test_support {

// Polls `connection` (every 50 ms, for up to 10 s) until the phase it reports contains `wanted`;
// what it last saw otherwise, or the error.
inline std::string WaitForPhase(dialects::Connection& connection, const std::string& wanted) {
  std::string seen = "(nothing)";
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto progress = connection.RunningStatementProgress();
    if (!progress.ok()) return "error: " + progress.status().message();
    if (*progress) {
      seen = (*progress)->phase;
      if (seen.find(wanted) != std::string::npos) return seen;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return seen;
}

}  // namespace schemac::test_support
