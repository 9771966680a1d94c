#include "migrator/statement_progress_watcher.hpp"

#include <utility>

namespace schemac::migrator {

StatementProgressWatcher::StatementProgressWatcher(dialects::Connection& connection,
                                                   std::chrono::milliseconds interval, Report report)
    : connection_(connection), interval_(interval), report_(std::move(report)) {
  if (interval_.count() <= 0 || !report_) return;
  thread_ = std::jthread([this](std::stop_token stop) { Watch(std::move(stop)); });
}

StatementProgressWatcher::~StatementProgressWatcher() {
  if (!thread_.joinable()) return;
  thread_.request_stop();  // wakes the wait below at once
  thread_.join();
}

void StatementProgressWatcher::Watch(std::stop_token stop) {
  std::optional<dialects::StatementProgress> last;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      // Returns early, with stop requested, when the step ends.
      wake_.wait_for(lock, stop, interval_, [] { return false; });
    }
    if (stop.stop_requested()) return;
    Result<std::optional<dialects::StatementProgress>> progress = connection_.RunningStatementProgress();
    if (!progress.ok()) return;
    // Only changes: the same phase and count again says nothing new.
    if (!progress->has_value() || *progress == last) continue;
    last = *progress;
    report_(**progress);
  }
}

}  // namespace schemac::migrator
