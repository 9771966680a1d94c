// The migration lock as a lease: a row in schemac_lock with an expiry, renewed by a heartbeat.
//
// For connections through a pooler in transaction mode (PgBouncer), where a session advisory lock
// excludes nothing: each statement may run on another server session, so the lock would be taken
// on one and "released" on another. A lease needs only single statements:
//   - taking it is one INSERT ... ON CONFLICT DO UPDATE ... WHERE the current lease has expired,
//     which the row lock makes atomic: of concurrent takers exactly one gets the row back;
//   - while held, a heartbeat thread on its own connection pushes the expiry forward every third
//     of the lease;
//   - a holder killed with SIGKILL stops renewing, and the next apply takes the lease over once it
//     has expired (after `lease_seconds`);
//   - a holder whose renewals fail for a whole lease, or find the row taken by someone else, has
//     lost it: the connection then refuses to run further statements, so two applies never run
//     steps at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

class LeaseLock {
 public:
  using Rows = std::vector<std::vector<std::optional<std::string>>>;
  // Runs one statement on the connection that owns the lock.
  using Runner = std::function<Result<Rows>(const std::string&)>;

  // `conninfo` opens the heartbeat's own connection; `holder` names this process in the row.
  LeaseLock(std::string conninfo, std::string holder, int lease_seconds);
  ~LeaseLock();
  LeaseLock(const LeaseLock&) = delete;
  LeaseLock& operator=(const LeaseLock&) = delete;

  // Waits at most `timeout_ms` for the lease. kLockTimeout names the holder and when its lease
  // expires. Stops early when `cancelled` becomes true.
  Status Acquire(const Runner& run, int timeout_ms, const std::atomic<bool>& cancelled,
                 const std::string& display_url);
  // Stops the heartbeat and deletes the row if it is still ours.
  Status Release(const Runner& run);

  bool Held() const { return held_; }
  // Why the lease was lost while held ("" while it is not): statements must not run any more.
  std::string LostReason() const;

  const std::string& Holder() const { return holder_; }

 private:
  void Heartbeat();
  std::string Quoted(const std::string& text) const;

  const std::string conninfo_;
  const std::string holder_;
  const int lease_seconds_;
  bool held_ = false;

  std::thread heartbeat_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string lost_reason_;
};

}  // namespace schemac::dialects::postgres
