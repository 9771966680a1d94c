#include "dialects/postgres/connection.hpp"

#include <gtest/gtest.h>

#include "tests/dialects/postgres/test_database.hpp"

namespace schemac::dialects::postgres {
namespace {

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

}  // namespace
}  // namespace schemac::dialects::postgres
