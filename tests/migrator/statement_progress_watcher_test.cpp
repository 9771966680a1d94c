// The progress watcher on a scripted connection: what it reports, how often, and that it stops.
#include "migrator/statement_progress_watcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "tests/migrator/fake_connection.hpp"

namespace schemac::migrator {
namespace {

using dialects::StatementProgress;
using Answer = Result<std::optional<StatementProgress>>;

// Answers RunningStatementProgress from a script, one answer per call; the last one repeats.
class ScriptedProgress : public testing::FakeConnection {
 public:
  explicit ScriptedProgress(std::vector<Answer> script) : script_(std::move(script)) {}

  Result<std::optional<StatementProgress>> RunningStatementProgress() override {
    const int call = calls_++;
    return script_[std::min<std::size_t>(call, script_.size() - 1)];
  }
  int polls() const { return calls_; }

 private:
  std::vector<Answer> script_;
  std::atomic<int> calls_{0};
};

// Waits until `connection` has been polled `count` times (or two seconds passed).
void WaitForPolls(const ScriptedProgress& connection, int count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (connection.polls() < count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

StatementProgress Phase(const std::string& phase, std::optional<double> fraction = std::nullopt) {
  return StatementProgress{phase, fraction, ""};
}

Answer Says(const std::string& phase, std::optional<double> fraction = std::nullopt) {
  return std::optional<StatementProgress>(Phase(phase, fraction));
}

TEST(StatementProgressWatcherTest, ReportsOnlyChanges) {
  ScriptedProgress connection({Answer(std::optional<StatementProgress>{}),
                               Says("waiting for a lock (relation)"), Says("waiting for a lock (relation)"),
                               Says("scanning", 0.25), Says("scanning", 0.25), Says("scanning", 0.5)});
  std::mutex mutex;
  std::vector<StatementProgress> reported;
  {
    StatementProgressWatcher watcher(connection, std::chrono::milliseconds(1),
                                     [&](const StatementProgress& p) {
                                       std::lock_guard lock(mutex);
                                       reported.push_back(p);
                                     });
    WaitForPolls(connection, 8);
  }
  ASSERT_GE(connection.polls(), 6);
  std::lock_guard lock(mutex);
  ASSERT_EQ(reported.size(), 3u);
  EXPECT_EQ(reported[0], Phase("waiting for a lock (relation)"));
  EXPECT_EQ(reported[1], Phase("scanning", 0.25));
  EXPECT_EQ(reported[2], Phase("scanning", 0.5));
}

TEST(StatementProgressWatcherTest, StopsPollingAtTheFirstError) {
  ScriptedProgress connection({Says("copy to tmp table"),
                               Answer(Status(StatusCode::kConnectionError, "observer session refused")),
                               Says("never seen")});
  int reports = 0;
  {
    StatementProgressWatcher watcher(connection, std::chrono::milliseconds(1),
                                     [&](const StatementProgress&) { ++reports; });
    WaitForPolls(connection, 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // time for more polls, were there any
  }
  EXPECT_EQ(connection.polls(), 2);
  EXPECT_EQ(reports, 1);
}

TEST(StatementProgressWatcherTest, AQuickStepIsNeverPolled) {
  ScriptedProgress connection({Says("scanning")});
  int reports = 0;
  {
    StatementProgressWatcher watcher(connection, std::chrono::seconds(10),
                                     [&](const StatementProgress&) { ++reports; });
  }
  EXPECT_EQ(connection.polls(), 0);
  EXPECT_EQ(reports, 0);
}

TEST(StatementProgressWatcherTest, ZeroIntervalWatchesNothing) {
  ScriptedProgress connection({Says("scanning")});
  int reports = 0;
  {
    StatementProgressWatcher watcher(connection, std::chrono::milliseconds(0),
                                     [&](const StatementProgress&) { ++reports; });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(connection.polls(), 0);
  EXPECT_EQ(reports, 0);
}

}  // namespace
}  // namespace schemac::migrator
