#include "dialects/mysql/connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "test_database.hpp"
#include "tests/support/wait_for_phase.hpp"

namespace schemac::dialects::mysql {
namespace {

using test_support::WaitForPhase;

using testing::ServerUrl;
using testing::TestDatabase;

// "mysql://root@127.0.0.1:PORT" of the test server, without a path.
std::string ServerBase() {
  auto url = ParseMysqlUrl(ServerUrl());
  return "mysql://" + url->user + "@" + url->host + ":" + std::to_string(url->port);
}

TEST(MysqlConnectionTest, SessionIsStrictAndUtf8) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  auto rows =
      db.connection().Query("SELECT @@SESSION.sql_mode, @@character_set_client, @@lock_wait_timeout, NULL");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_NE((*rows)[0][0]->find("STRICT_ALL_TABLES"), std::string::npos);
  EXPECT_NE((*rows)[0][0]->find("NO_ZERO_DATE"), std::string::npos);
  EXPECT_EQ(*(*rows)[0][1], "utf8mb4");
  EXPECT_EQ(*(*rows)[0][2], "5");
  EXPECT_FALSE((*rows)[0][3].has_value()) << "NULL comes back as an empty optional";
  EXPECT_TRUE(db.connection().Version().IsMariaDb() || db.connection().Version().AtLeast(8, 0));
  EXPECT_EQ(db.connection().GetDialect().Name(), "mysql");
}

TEST(MysqlConnectionTest, ExecuteAndQueryHasRows) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ASSERT_EQ(
      db.Run({"CREATE TABLE t (id int primary key, b varbinary(10))", "INSERT INTO t VALUES (1, 'a\\0b')"}),
      "");
  auto has = db.connection().QueryHasRows("SELECT 1 FROM t WHERE id = 1");
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(*has);
  auto none = db.connection().QueryHasRows("SELECT 1 FROM t WHERE id = 2");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  auto rows = db.connection().Query("SELECT b FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*(*rows)[0][0], std::string("a\0b", 3)) << "binary values keep embedded NULs";

  Status bad = db.connection().Execute("INSERT INTO t VALUES (1, 'x')");
  EXPECT_EQ(bad.code(), StatusCode::kDatabaseError);
  EXPECT_NE(bad.message().find("Duplicate"), std::string::npos) << bad.message();
  // Strict mode: a value that does not fit is an error, not a silent truncation.
  EXPECT_FALSE(db.connection().Execute("INSERT INTO t VALUES (2, 'much too long value')").ok());
}

TEST(MysqlConnectionTest, TransactionsRollBack) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ASSERT_EQ(db.Run({"CREATE TABLE t (id int primary key)"}), "");
  ASSERT_TRUE(db.connection().Begin().ok());
  ASSERT_TRUE(db.connection().Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(db.connection().Rollback().ok());
  EXPECT_FALSE(*db.connection().QueryHasRows("SELECT 1 FROM t"));
  ASSERT_TRUE(db.connection().Begin().ok());
  ASSERT_TRUE(db.connection().Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(db.connection().Commit().ok());
  EXPECT_TRUE(*db.connection().QueryHasRows("SELECT 1 FROM t"));
}

TEST(MysqlConnectionTest, BadPasswordIsAConnectionErrorThatHidesThePassword) {
  SCHEMAC_REQUIRE_MYSQL();
  auto url = ParseMysqlUrl(ServerUrl());
  std::string text =
      "mysql://" + url->user + ":Wr0ngSecret@" + url->host + ":" + std::to_string(url->port) + "/mysql";
  auto connection = MysqlConnection::Open(text);
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), StatusCode::kConnectionError);
  EXPECT_EQ(connection.status().message().find("Wr0ngSecret"), std::string::npos)
      << connection.status().message();
  EXPECT_NE(connection.status().message().find("***"), std::string::npos) << connection.status().message();
}

TEST(MysqlConnectionTest, MissingDatabaseIsAConnectionError) {
  SCHEMAC_REQUIRE_MYSQL();
  auto connection = MysqlConnection::Open(ServerBase() + "/no_such_database_here");
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), StatusCode::kConnectionError);
  EXPECT_NE(connection.status().message().find("no_such_database_here"), std::string::npos)
      << connection.status().message();
}

TEST(MysqlConnectionTest, UnreachableHostIsAConnectionError) {
  auto connection = MysqlConnection::Open("mysql://root:hunter2@127.0.0.1:1/db?connect_timeout=2");
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), StatusCode::kConnectionError);
  EXPECT_EQ(connection.status().message().find("hunter2"), std::string::npos);
}

TEST(MysqlConnectionTest, UrlWithoutDatabaseIsRejected) {
  auto connection = MysqlConnection::Open("mysql://root@127.0.0.1:1/");
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), StatusCode::kInvalidArgument);
}

TEST(MysqlConnectionTest, DisplayUrlMasksThePassword) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ::setenv("MYSQL_PWD", "", 1);
  auto url = ParseMysqlUrl(ServerUrl());
  // The test server's root has no password; an empty one in the URL still logs in.
  std::string text =
      "mysql://" + url->user + ":@" + url->host + ":" + std::to_string(url->port) + "/" + db.name();
  auto connection = MysqlConnection::Open(text);
  ::unsetenv("MYSQL_PWD");
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  EXPECT_EQ((*connection)->DisplayUrl().find(":@"), std::string::npos);
  EXPECT_NE((*connection)->DisplayUrl().find(":***@"), std::string::npos) << (*connection)->DisplayUrl();
}

TEST(MysqlConnectionTest, MigrationLockExcludesASecondHolder) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  auto other = MysqlConnection::Open(db.url());
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_EQ(db.connection().MigrationLockName(), "schemac:" + db.name());
  ASSERT_TRUE(db.connection().AcquireMigrationLock(1000).ok());
  Status second = (*other)->AcquireMigrationLock(200);
  EXPECT_EQ(second.code(), StatusCode::kLockTimeout) << second.message();
  ASSERT_TRUE(db.connection().ReleaseMigrationLock().ok());
  EXPECT_TRUE((*other)->AcquireMigrationLock(1000).ok());
  EXPECT_TRUE((*other)->ReleaseMigrationLock().ok());
}

TEST(MysqlConnectionTest, RowLockWaitTimeoutIsALockTimeout) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ASSERT_EQ(db.Run({"CREATE TABLE t (id int primary key, v int)", "INSERT INTO t VALUES (1, 1)"}), "");
  auto other = MysqlConnection::Open(db.url());
  ASSERT_TRUE(other.ok()) << other.status().message();
  ASSERT_TRUE(db.connection().Begin().ok());
  ASSERT_TRUE(db.connection().Execute("UPDATE t SET v = 2 WHERE id = 1").ok());
  ASSERT_TRUE((*other)->SetLockTimeout(1000).ok());
  Status blocked = (*other)->Execute("UPDATE t SET v = 3 WHERE id = 1");
  EXPECT_EQ(blocked.code(), StatusCode::kLockTimeout) << blocked.message();
  // DDL waits on the metadata lock the open transaction holds: also a lock timeout.
  Status ddl = (*other)->Execute("ALTER TABLE t ADD COLUMN w int");
  EXPECT_EQ(ddl.code(), StatusCode::kLockTimeout) << ddl.message();
  ASSERT_TRUE(db.connection().Rollback().ok());
}

TEST(MysqlConnectionTest, RunningStatementProgressIsNothingWhenIdle) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  // The server may still show the set-up's last statement for a moment ("Writing to net") before
  // it marks the session idle; idle must be seen within a second.
  std::string last_phase;
  bool idle = false;
  for (int attempt = 0; attempt < 100 && !idle; ++attempt) {
    auto progress = db.connection().RunningStatementProgress();
    ASSERT_TRUE(progress.ok()) << progress.status().message();
    idle = !progress->has_value();
    if (!idle) {
      last_phase = (*progress)->phase;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_TRUE(idle) << "still reported as running: " << last_phase;
}

TEST(MysqlConnectionTest, RunningStatementProgressSeesAMetadataLockWait) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ASSERT_EQ(db.Run({"CREATE TABLE t (id int primary key)", "INSERT INTO t VALUES (1)"}), "");
  auto reader = MysqlConnection::Open(db.url());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  // A read in an open transaction holds the table's metadata lock until it ends.
  ASSERT_TRUE((*reader)->Begin().ok());
  ASSERT_TRUE((*reader)->Query("SELECT * FROM t").ok());
  Status altered = Status::Ok();
  std::thread alter([&] { altered = db.connection().Execute("ALTER TABLE t ADD COLUMN v int"); });
  const std::string seen = WaitForPhase(db.connection(), "metadata lock");
  ASSERT_TRUE((*reader)->Rollback().ok());
  alter.join();
  EXPECT_EQ(seen, "Waiting for table metadata lock");
  EXPECT_TRUE(altered.ok()) << altered.message();
}

}  // namespace
}  // namespace schemac::dialects::mysql

namespace schemac::dialects::mysql {
namespace {

using testing::TestDatabase;

model::Schema OneView(const std::string& query) {
  model::Schema desired;
  model::View view;
  view.name = "buyers";
  view.query = query;
  desired.GetOrAddNamespace("").views.push_back(view);
  return desired;
}

std::string ScratchDatabases(TestDatabase& db) {
  auto rows = db.connection().Query(
      "SELECT GROUP_CONCAT(SCHEMA_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE "
      "'schemac\\_scratch\\_%'");
  if (!rows.ok() || rows->empty() || !(*rows)[0][0]) return "";
  return *(*rows)[0][0];
}

// The server spells the query; the scratch database, and one a killed schemac left, are gone
// after; the session is back on its own database.
TEST(MysqlSpellAsServerTest, ViewsAreSpelledInAScratchDatabaseThatIsDropped) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  ASSERT_EQ(db.Run({"CREATE TABLE users (id int PRIMARY KEY, name varchar(20))",
                    "CREATE TABLE orders (id int PRIMARY KEY, user_id int)",
                    "CREATE DATABASE schemac_scratch_4000000000"}),
            "");
  model::Schema desired = OneView("SELECT id FROM users WHERE id IN (SELECT user_id FROM orders)");
  Status spelled = db.connection().SpellAsServer(desired);
  ASSERT_TRUE(spelled.ok()) << spelled.message();
  EXPECT_EQ(desired.namespaces[0].views[0].query,
            "select `users`.`id` AS `id` from `users` where `users`.`id` in (select `orders`.`user_id` from "
            "`orders`)");
  EXPECT_EQ(ScratchDatabases(db), "") << "left behind";
  auto current = db.connection().Query("SELECT DATABASE()");
  ASSERT_TRUE(current.ok());
  EXPECT_EQ((*current)[0][0], std::optional<std::string>(db.name()));
}

// Without the right to create the scratch database, nothing is spelled and nothing fails.
TEST(MysqlSpellAsServerTest, AnAccountThatMayNotCreateDatabasesKeepsTheText) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  const std::string user = "spell_" + db.name().substr(db.name().size() > 20 ? db.name().size() - 20 : 0);
  ASSERT_EQ(db.Run({"CREATE TABLE users (id int PRIMARY KEY)", "DROP USER IF EXISTS '" + user + "'@'%'",
                    "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
                    "GRANT SELECT, CREATE VIEW ON `" + db.name() + "`.* TO '" + user + "'@'%'"}),
            "");
  auto url = ParseMysqlUrl(ServerUrl());
  ASSERT_TRUE(url.ok());
  auto limited = MysqlConnection::Open("mysql://" + user + ":pw@" + url->host + ":" +
                                       std::to_string(url->port) + "/" + db.name());
  ASSERT_TRUE(limited.ok()) << limited.status().message();
  model::Schema desired = OneView("SELECT id FROM users");
  Status spelled = (*limited)->SpellAsServer(desired);
  EXPECT_TRUE(spelled.ok()) << spelled.message();
  EXPECT_EQ(desired.namespaces[0].views[0].query, "SELECT id FROM users");
  EXPECT_EQ(db.Run({"DROP USER '" + user + "'@'%'"}), "");
}

}  // namespace
}  // namespace schemac::dialects::mysql
