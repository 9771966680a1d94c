#include "dialects/postgres/connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/dialects/postgres/test_database.hpp"
#include "tests/support/wait_for_phase.hpp"

namespace schemac::dialects::postgres {
namespace {

using test_support::WaitForPhase;

TEST(PostgresConnectionTest, RefusedPortIsAClearConnectionErrorWithoutThePassword) {
  auto opened = PostgresConnection::Open("postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kConnectionError);
  EXPECT_NE(opened.status().message().find("postgres://u:***@127.0.0.1:1/db"), std::string::npos)
      << opened.status().message();
  EXPECT_EQ(opened.status().message().find("hunter2"), std::string::npos);
}

TEST(PostgresConnectionTest, MalformedUrlIsInvalidArgument) {
  auto opened = PostgresConnection::Open("postgres://h:port/db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
}

TEST(PostgresConnectionTest, MissingDatabaseIsAConnectionError) {
  if (testing::ServerUrl().empty()) GTEST_SKIP() << "SCHEMAC_TEST_PG_URL is not set";
  auto opened =
      PostgresConnection::Open(testing::UrlWithDatabase(testing::ServerUrl(), "schemac_no_such_db"));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kConnectionError);
  EXPECT_NE(opened.status().message().find("schemac_no_such_db"), std::string::npos)
      << opened.status().message();
}

TEST(PostgresConnectionTest, QueriesTransactionsAndErrors) {
  SCHEMAC_PG_TEST_DATABASE(db, "conn");
  PostgresConnection& conn = db.connection();
  EXPECT_EQ(db.Run("CREATE TABLE t (x int)"), "");
  ASSERT_TRUE(conn.Begin().ok());
  EXPECT_EQ(db.Run("INSERT INTO t VALUES (1), (NULL)"), "");
  ASSERT_TRUE(conn.Rollback().ok());
  auto empty = conn.QueryHasRows("SELECT * FROM t");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(*empty);
  EXPECT_EQ(db.Run("INSERT INTO t VALUES (1), (NULL)"), "");
  auto rows = conn.Query("SELECT x FROM t ORDER BY x NULLS LAST");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0][0], std::optional<std::string>("1"));
  EXPECT_EQ((*rows)[1][0], std::nullopt);
  Status bad = conn.Execute("SELEC 1");
  EXPECT_EQ(bad.code(), StatusCode::kDatabaseError);
  EXPECT_NE(bad.message().find("42601"), std::string::npos) << bad.message();
  EXPECT_EQ(conn.DisplayUrl(), DatabaseUrl::Parse(db.url(), UrlShape::kServer)->Masked());
}

TEST(PostgresConnectionTest, LockTimeoutMapsToKLockTimeout) {
  SCHEMAC_PG_TEST_DATABASE(db, "locks");
  EXPECT_EQ(db.Run("CREATE TABLE t (x int)"), "");
  auto other = PostgresConnection::Open(db.url());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Begin().ok());
  ASSERT_TRUE((*other)->Execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE").ok());
  EXPECT_EQ(db.Run("SET lock_timeout = '100ms'"), "");
  Status blocked = db.connection().Execute("ALTER TABLE t ADD COLUMN y int");
  EXPECT_EQ(blocked.code(), StatusCode::kLockTimeout) << blocked.message();
  ASSERT_TRUE((*other)->Rollback().ok());
}

TEST(PostgresConnectionTest, MigrationLockExcludesASecondHolder) {
  SCHEMAC_PG_TEST_DATABASE(db, "advisory");
  auto other = PostgresConnection::Open(db.url());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(db.connection().AcquireMigrationLock(1000).ok());
  Status second = (*other)->AcquireMigrationLock(200);
  EXPECT_EQ(second.code(), StatusCode::kLockTimeout) << second.message();
  ASSERT_TRUE(db.connection().ReleaseMigrationLock().ok());
  EXPECT_TRUE((*other)->AcquireMigrationLock(1000).ok());
  EXPECT_TRUE((*other)->ReleaseMigrationLock().ok());
}

TEST(PostgresConnectionTest, RunningStatementProgressIsNothingWhenIdle) {
  SCHEMAC_PG_TEST_DATABASE(db, "progress_idle");
  auto progress = db.connection().RunningStatementProgress();
  ASSERT_TRUE(progress.ok()) << progress.status().message();
  EXPECT_FALSE(progress->has_value()) << (*progress)->phase;
}

TEST(PostgresConnectionTest, RunningStatementProgressSeesAnIndexBuildWaitForWriters) {
  SCHEMAC_PG_TEST_DATABASE(db, "progress_index");
  EXPECT_EQ(db.Run("CREATE TABLE t (x int)"), "");
  auto writer = PostgresConnection::Open(db.url());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  // An open writing transaction: CREATE INDEX CONCURRENTLY waits for it to end.
  ASSERT_TRUE((*writer)->Begin().ok());
  ASSERT_TRUE((*writer)->Execute("INSERT INTO t VALUES (1)").ok());
  Status built = Status::Ok();
  std::thread build([&] { built = db.connection().Execute("CREATE INDEX CONCURRENTLY t_x ON t (x)"); });
  const std::string phase = WaitForPhase(db.connection(), "waiting for writers");
  ASSERT_TRUE((*writer)->Commit().ok());
  build.join();
  EXPECT_EQ(phase, "CREATE INDEX CONCURRENTLY: waiting for writers before build");
  EXPECT_TRUE(built.ok()) << built.message();
  // Once the statement is done there is nothing to report again.
  auto after = db.connection().RunningStatementProgress();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());
}

TEST(PostgresConnectionTest, RunningStatementProgressSeesALockWait) {
  SCHEMAC_PG_TEST_DATABASE(db, "progress_lock");
  EXPECT_EQ(db.Run("CREATE TABLE t (x int)"), "");
  auto holder = PostgresConnection::Open(db.url());
  ASSERT_TRUE(holder.ok()) << holder.status().message();
  ASSERT_TRUE((*holder)->Begin().ok());
  ASSERT_TRUE((*holder)->Execute("LOCK TABLE t IN ACCESS SHARE MODE").ok());
  Status altered = Status::Ok();
  std::thread alter([&] { altered = db.connection().Execute("ALTER TABLE t ADD COLUMN y int"); });
  const std::string phase = WaitForPhase(db.connection(), "waiting for a lock");
  ASSERT_TRUE((*holder)->Rollback().ok());
  alter.join();
  EXPECT_EQ(phase, "waiting for a lock (relation)");
  EXPECT_TRUE(altered.ok()) << altered.message();
}

}  // namespace
}  // namespace schemac::dialects::postgres

namespace schemac::dialects::postgres {
namespace {

// Spelling a trigger must not lock the live table it is on: `plan` runs against production, and
// CREATE TRIGGER on the table itself takes SHARE ROW EXCLUSIVE, which waits for every open writer
// and then blocks every write behind it until the spelling transaction ends.
TEST(PostgresSpellAsServerTest, SpellingTriggersLeavesTheirTableAndViewWritable) {
  SCHEMAC_PG_TEST_DATABASE(db, "spell_locks");
  ASSERT_EQ(db.Run("CREATE TABLE t (id int, name text);"
                   "CREATE VIEW v AS SELECT id, name FROM t;"
                   "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"),
            "");
  auto writer = PostgresConnection::Open(db.url());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE((*writer)->Begin().ok());
  // An open write on each: ROW EXCLUSIVE on t, and on v's table through it.
  ASSERT_TRUE((*writer)->Execute("INSERT INTO t VALUES (1, 'a')").ok());
  ASSERT_TRUE((*writer)->Execute("LOCK TABLE v IN ROW EXCLUSIVE MODE").ok());

  model::Schema desired;
  model::Namespace& ns = desired.GetOrAddNamespace("");
  model::Trigger on_table;
  on_table.name = "t_touch";
  on_table.table = "t";
  on_table.timing = model::TriggerTiming::Before;
  on_table.events = {model::TriggerEvent::Update};
  on_table.when = "NEW.name IS DISTINCT FROM OLD.name";
  on_table.function = "touch";
  model::Trigger on_view = on_table;
  on_view.name = "v_insert";
  on_view.table = "v";
  on_view.timing = model::TriggerTiming::InsteadOf;
  on_view.events = {model::TriggerEvent::Insert};
  on_view.when.clear();
  ns.triggers = {on_table, on_view};
  db.connection().SetInspectTimeouts(/*lock_timeout_ms=*/300, /*statement_timeout_ms=*/0);
  Status spelled = db.connection().SpellAsServer(desired);
  ASSERT_TRUE(spelled.ok()) << spelled.message();
  // Spelled by the server all the same.
  EXPECT_EQ(ns.triggers[0].when, "new.name IS DISTINCT FROM old.name");
  EXPECT_EQ(ns.triggers[1].function, "touch");
  ASSERT_TRUE((*writer)->Rollback().ok());
  // Nothing is left behind: no trigger, no stand-in.
  auto left = db.connection().Query(
      "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal UNION ALL "
      "SELECT count(*) FROM pg_class WHERE relname LIKE 'schemac\\_%'");
  ASSERT_TRUE(left.ok()) << left.status().message();
  EXPECT_EQ((*left)[0][0], std::optional<std::string>("0"));
  EXPECT_EQ((*left)[1][0], std::optional<std::string>("0"));
}

}  // namespace
}  // namespace schemac::dialects::postgres
