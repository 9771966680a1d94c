#include "migrator/lock_retry.hpp"

#include <algorithm>
#include <string>
#include <thread>

namespace schemac::migrator {

Status RetryOnLockTimeout(const RetryPolicy& retry, const std::function<Status()>& attempt, int* attempts) {
  std::chrono::milliseconds delay = retry.base_delay;
  for (int count = 1;; ++count) {
    if (attempts != nullptr) *attempts = count;
    Status status = attempt();
    if (status.code() != StatusCode::kLockTimeout) return status;
    if (count > retry.retries) {
      return Status(status.code(), status.message() + " (gave up after " + std::to_string(count) +
                                       (count == 1 ? " attempt)" : " attempts)"));
    }
    if (retry.sleep) {
      retry.sleep(delay);
    } else {
      std::this_thread::sleep_for(delay);
    }
    delay = std::min(delay * 2, retry.max_delay);
  }
}

}  // namespace schemac::migrator
