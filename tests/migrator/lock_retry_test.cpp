// RetryOnLockTimeout: the backoff apply uses for steps and for its inspection, without a clock.
#include "migrator/lock_retry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace schemac::migrator {
namespace {

RetryPolicy RecordingRetry(int retries, std::vector<long>* waits) {
  RetryPolicy retry;
  retry.retries = retries;
  retry.base_delay = std::chrono::milliseconds(100);
  retry.max_delay = std::chrono::milliseconds(300);
  retry.sleep = [waits](std::chrono::milliseconds wait) {
    waits->push_back(static_cast<long>(wait.count()));
  };
  return retry;
}

TEST(LockRetryTest, SucceedsOnceTheLockIsFree) {
  std::vector<long> waits;
  int calls = 0;
  int attempts = 0;
  Status status = RetryOnLockTimeout(
      RecordingRetry(5, &waits),
      [&] { return ++calls < 3 ? Status(StatusCode::kLockTimeout, "locked") : Status::Ok(); }, &attempts);
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(waits, (std::vector<long>{100, 200}));
}

TEST(LockRetryTest, GivesUpAfterTheRetriesWithBackoffCapped) {
  std::vector<long> waits;
  int calls = 0;
  Status status = RetryOnLockTimeout(RecordingRetry(4, &waits), [&] {
    ++calls;
    return Status(StatusCode::kLockTimeout, "table t is locked");
  });
  EXPECT_EQ(status.code(), StatusCode::kLockTimeout);
  EXPECT_EQ(status.message(), "table t is locked (gave up after 5 attempts)");
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(waits, (std::vector<long>{100, 200, 300, 300}));
}

TEST(LockRetryTest, OtherErrorsAreNotRetried) {
  std::vector<long> waits;
  int calls = 0;
  Status status = RetryOnLockTimeout(RecordingRetry(5, &waits), [&] {
    ++calls;
    return Status(StatusCode::kDatabaseError, "syntax error");
  });
  EXPECT_EQ(status.code(), StatusCode::kDatabaseError);
  EXPECT_EQ(status.message(), "syntax error");
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(waits.empty());
}

TEST(LockRetryTest, NoRetriesMeansOneAttempt) {
  std::vector<long> waits;
  Status status =
      RetryOnLockTimeout(RecordingRetry(0, &waits), [] { return Status(StatusCode::kLockTimeout, "x"); });
  EXPECT_EQ(status.message(), "x (gave up after 1 attempt)");
  EXPECT_TRUE(waits.empty());
}

}  // namespace
}  // namespace schemac::migrator
