// The step runner's contract with SqlScript (include/schemac/plan.hpp), checked call by call on a
// scripted connection.
#include "migrator/script_runner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_connection.hpp"

namespace schemac::migrator {
namespace {

using ::testing::ElementsAre;
using testing::FakeConnection;
using ::testing::HasSubstr;

SqlScript Script(std::vector<std::string> statements) {
  SqlScript script;
  script.statements = std::move(statements);
  return script;
}

RetryPolicy NoWaitRetry(int retries, std::vector<long>* waits) {
  RetryPolicy retry;
  retry.retries = retries;
  retry.base_delay = std::chrono::milliseconds(100);
  retry.max_delay = std::chrono::milliseconds(300);
  retry.sleep = [waits](std::chrono::milliseconds wait) {
    waits->push_back(static_cast<long>(wait.count()));
  };
  return retry;
}

TEST(RunScript, RunsBeforeStatementsVerifyAndAfterInOrderInsideOneTransaction) {
  FakeConnection connection;
  SqlScript script = Script({"CREATE TABLE a (x int)", "CREATE TABLE b (y int)"});
  script.before = {"PRAGMA foreign_keys = OFF"};
  script.verify = {"PRAGMA foreign_key_check"};
  script.after = {"PRAGMA foreign_keys = ON"};

  ASSERT_TRUE(RunScript(connection, script).ok());
  EXPECT_THAT(connection.calls(),
              ElementsAre("EXEC PRAGMA foreign_keys = OFF", "BEGIN", "EXEC CREATE TABLE a (x int)",
                          "EXEC CREATE TABLE b (y int)", "QUERY PRAGMA foreign_key_check", "COMMIT",
                          "EXEC PRAGMA foreign_keys = ON"));
}

TEST(RunScript, FailedStatementRollsBackStopsAndStillRunsAfter) {
  FakeConnection connection;
  connection.FailNext("CREATE TABLE a (x int)", Status(StatusCode::kDatabaseError, "table a already exists"));
  SqlScript script = Script({"CREATE TABLE a (x int)", "CREATE TABLE b (y int)"});
  script.after = {"PRAGMA foreign_keys = ON"};

  Status status = RunScript(connection, script);
  EXPECT_EQ(status.code(), StatusCode::kDatabaseError);
  EXPECT_THAT(status.message(), HasSubstr("table a already exists"));
  EXPECT_THAT(status.message(), HasSubstr("CREATE TABLE a (x int)"));
  EXPECT_THAT(status.message(), HasSubstr("rolled back"));
  EXPECT_THAT(connection.calls(), ElementsAre("BEGIN", "EXEC CREATE TABLE a (x int)", "ROLLBACK",
                                              "EXEC PRAGMA foreign_keys = ON"));
}

TEST(RunScript, VerifyQueryReturningRowsRollsBack) {
  FakeConnection connection;
  connection.AnswerQuery("PRAGMA foreign_key_check", true);
  SqlScript script = Script({"INSERT INTO t SELECT * FROM old_t"});
  script.verify = {"PRAGMA foreign_key_check"};

  Status status = RunScript(connection, script);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("returned rows"));
  EXPECT_THAT(connection.calls(), ElementsAre("BEGIN", "EXEC INSERT INTO t SELECT * FROM old_t",
                                              "QUERY PRAGMA foreign_key_check", "ROLLBACK"));
}

TEST(RunScript, NonTransactionalScriptRunsStatementByStatement) {
  FakeConnection connection;
  SqlScript script = Script({"CREATE INDEX CONCURRENTLY i ON t (x)"});
  script.transactional = false;
  ASSERT_TRUE(RunScript(connection, script).ok());
  EXPECT_THAT(connection.calls(), ElementsAre("EXEC CREATE INDEX CONCURRENTLY i ON t (x)"));
}

ScriptSettings Timeouts() {
  return ScriptSettings{
      {"SET LOCAL lock_timeout = '5000ms'"}, {"SET lock_timeout = '5000ms'"}, {"RESET lock_timeout"}};
}

// Inside the transaction, right after BEGIN: the setting ends with it, on whatever server
// connection a pooler ran it.
TEST(RunScript, LocalSettingsRunFirstInsideTheTransaction) {
  FakeConnection connection;
  SqlScript script = Script({"ALTER TABLE t ADD COLUMN x int"});
  script.settings = Timeouts();
  ASSERT_TRUE(RunScript(connection, script).ok());
  EXPECT_THAT(connection.calls(), ElementsAre("BEGIN", "EXEC SET LOCAL lock_timeout = '5000ms'",
                                              "EXEC ALTER TABLE t ADD COLUMN x int", "COMMIT"));
}

// Outside a transaction the setting is the session's: it is reset after the statements, failed
// ones included, so it does not stay on the connection.
TEST(RunScript, SessionSettingsOutsideATransactionAreResetEvenAfterAFailure) {
  FakeConnection connection;
  connection.FailNext("CREATE INDEX CONCURRENTLY i ON t (x)",
                      Status(StatusCode::kLockTimeout, "lock timeout"));
  SqlScript script = Script({"CREATE INDEX CONCURRENTLY i ON t (x)"});
  script.transactional = false;
  script.settings = Timeouts();
  Status status = RunScript(connection, script);
  EXPECT_EQ(status.code(), StatusCode::kLockTimeout);
  EXPECT_THAT(connection.calls(),
              ElementsAre("EXEC SET lock_timeout = '5000ms'", "EXEC CREATE INDEX CONCURRENTLY i ON t (x)",
                          "EXEC RESET lock_timeout"));
}

TEST(RunScript, DialectWithoutTransactionalDdlGetsNoBegin) {
  FakeConnection connection(/*transactional_ddl=*/false);
  ASSERT_TRUE(RunScript(connection, Script({"ALTER TABLE t ADD COLUMN x int"})).ok());
  EXPECT_THAT(connection.calls(), ElementsAre("EXEC ALTER TABLE t ADD COLUMN x int"));
}

TEST(RunScript, FailingAfterIsReportedWhenAllElseSucceeded) {
  FakeConnection connection;
  connection.FailNext("PRAGMA foreign_keys = ON", Status(StatusCode::kDatabaseError, "disk I/O error"));
  SqlScript script = Script({"CREATE TABLE a (x int)"});
  script.after = {"PRAGMA foreign_keys = ON"};
  Status status = RunScript(connection, script);
  EXPECT_EQ(status.code(), StatusCode::kDatabaseError);
  EXPECT_THAT(status.message(), HasSubstr("disk I/O error"));
}

TEST(RunStep, SkipsStepWhosePreconditionProbeFindsItDone) {
  FakeConnection connection;
  connection.AnswerQuery("SELECT 1 FROM idx WHERE name = 'i'", true);
  PlanStep step;
  step.up = Script({"CREATE INDEX i ON t (x)"});
  step.precondition_probe = "SELECT 1 FROM idx WHERE name = 'i'";
  std::vector<long> waits;

  Result<StepRun> run = RunStep(connection, step, NoWaitRetry(3, &waits));
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->outcome, StepOutcome::kSkipped);
  EXPECT_THAT(connection.calls(), ElementsAre("QUERY SELECT 1 FROM idx WHERE name = 'i'"));
}

TEST(RunStep, RetriesLockTimeoutsWithExponentialBackoff) {
  FakeConnection connection;
  connection.FailNext("ALTER TABLE t ADD COLUMN x int", Status(StatusCode::kLockTimeout, "lock timeout"), 3);
  PlanStep step;
  step.up = Script({"ALTER TABLE t ADD COLUMN x int"});
  std::vector<long> waits;

  Result<StepRun> run = RunStep(connection, step, NoWaitRetry(5, &waits));
  ASSERT_TRUE(run.ok()) << run.status().message();
  EXPECT_EQ(run->outcome, StepOutcome::kApplied);
  EXPECT_EQ(run->attempts, 4);
  EXPECT_THAT(waits, ElementsAre(100, 200, 300));  // doubling, capped at max_delay
}

TEST(RunStep, GivesUpAfterTheRetryBudgetKeepingTheLockTimeoutCode) {
  FakeConnection connection;
  connection.FailNext("ALTER TABLE t ADD COLUMN x int", Status(StatusCode::kLockTimeout, "lock timeout"),
                      100);
  PlanStep step;
  step.up = Script({"ALTER TABLE t ADD COLUMN x int"});
  std::vector<long> waits;

  Result<StepRun> run = RunStep(connection, step, NoWaitRetry(2, &waits));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kLockTimeout);
  EXPECT_THAT(run.status().message(), HasSubstr("gave up after 3 attempts"));
  EXPECT_EQ(waits.size(), 2u);
}

TEST(RunStep, OtherErrorsAreNotRetried) {
  FakeConnection connection;
  connection.FailNext("ALTER TABLE t ADD COLUMN x int",
                      Status(StatusCode::kDatabaseError, "no such table: t"), 100);
  PlanStep step;
  step.up = Script({"ALTER TABLE t ADD COLUMN x int"});
  std::vector<long> waits;

  Result<StepRun> run = RunStep(connection, step, NoWaitRetry(5, &waits));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kDatabaseError);
  EXPECT_TRUE(waits.empty());
}

}  // namespace
}  // namespace schemac::migrator
