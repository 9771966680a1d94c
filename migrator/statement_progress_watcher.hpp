// Watches the statement a step runs, for a person waiting on a long one: every `interval` it asks
// the connection what the server says of it (Connection::RunningStatementProgress: an index
// build's phase and counts, a lock wait, MariaDB's ALTER TABLE stage) and reports what changed.
//
// It lives for one step: built when the step starts, destroyed (stopping and joining its thread)
// before the step's outcome is reported, so `report` never runs alongside another callback.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "dialects/dialect.hpp"

namespace schemac::migrator {

class StatementProgressWatcher {
 public:
  using Report = std::function<void(const dialects::StatementProgress&)>;

  // Starts polling `connection` (first after one `interval`, so steps quicker than that cost
  // nothing). An interval of 0 or an empty `report` watches nothing. Polling stops at the first
  // error: the progress is a courtesy, never a reason for a step to fail.
  StatementProgressWatcher(dialects::Connection& connection, std::chrono::milliseconds interval,
                           Report report);
  ~StatementProgressWatcher();
  StatementProgressWatcher(const StatementProgressWatcher&) = delete;
  StatementProgressWatcher& operator=(const StatementProgressWatcher&) = delete;

 private:
  void Watch(std::stop_token stop);

  dialects::Connection& connection_;
  std::chrono::milliseconds interval_;
  Report report_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: started once the members it reads are built
};

}  // namespace schemac::migrator
