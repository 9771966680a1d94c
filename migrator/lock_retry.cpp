#include "migrator/lock_retry.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <string>

namespace schemac::migrator {
namespace {

// Sleeps `delay`, waking early when `stop` is requested.
void SleepUnlessStopped(std::chrono::milliseconds delay, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any woken;
  std::unique_lock lock(mutex);
  woken.wait_for(lock, stop, delay, [] { return false; });
}

}  // namespace

Status RetryOnLockTimeout(const RetryPolicy& retry, const std::function<Status()>& attempt, int* attempts) {
  std::chrono::milliseconds delay = retry.base_delay;
  for (int count = 1;; ++count) {
    if (attempts != nullptr) *attempts = count;
    Status status = attempt();
    if (status.code() != StatusCode::kLockTimeout) return status;
    if (retry.stop.stop_requested()) {
      return Status(StatusCode::kInterrupted, status.message() + " (stopped while waiting to retry)");
    }
    if (count > retry.retries) {
      return Status(status.code(), status.message() + " (gave up after " + std::to_string(count) +
                                       (count == 1 ? " attempt)" : " attempts)"));
    }
    if (retry.sleep) {
      retry.sleep(delay);
    } else {
      SleepUnlessStopped(delay, retry.stop);
    }
    delay = std::min(delay * 2, retry.max_delay);
  }
}

}  // namespace schemac::migrator
