// SIGINT and SIGTERM as a stop request, for commands that change a database (apply).
//
// The first signal requests a stop through a std::stop_source: the migrator cancels the statement
// the server is running, rolls the step back where it can, records the run as interrupted and
// returns, so the command exits 130 having said what was done. A second signal exits at once
// (130): the server then rolls back the open transaction when the connection drops.
//
// The signal handler only writes a byte to a pipe (all it may safely do); a watcher thread reads
// it and requests the stop, so the stop callbacks (which talk to the server) run in a normal
// thread. The watcher blocks both signals, so they interrupt the main thread's blocking reads
// (the approval prompt) instead.
#pragma once

#include <atomic>
#include <stop_token>
#include <thread>

namespace schemac::cli {

class StopOnSignal {
 public:
  // Installs the handlers; the previous ones come back on destruction. One instance at a time.
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  std::stop_token Token() const { return source_.get_token(); }
  // The signal that requested the stop (SIGINT, SIGTERM), 0 when none did.
  int Signal() const;

 private:
  void Watch();

  std::stop_source source_;
  std::thread watcher_;
};

}  // namespace schemac::cli
