// SqlScript::precheck on a real MariaDB connection, through the migrator's own RunScript: a
// precheck that finds a row stops the script before `before` or any statement ran, with the row's
// text as the message; one that finds none lets the script run. MySQL DDL commits by itself, so
// "before anything ran" is the whole guarantee.
#include <gtest/gtest.h>

#include "migrator/script_runner.hpp"
#include "test_database.hpp"

namespace schemac::dialects::mysql {
namespace {

using testing::TestDatabase;

class PrecheckRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHEMAC_REQUIRE_MYSQL();
    db_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
  }
  bool TableExists(const std::string& name) {
    auto rows = db_->connection().QueryHasRows(
        "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + name +
        "'");
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() && *rows;
  }
  SqlScript CreatesMarkers(std::vector<std::string> precheck) {
    SqlScript script;
    script.transactional = false;
    script.precheck = std::move(precheck);
    script.before = {"CREATE TABLE marker_before (id int)"};
    script.statements = {"CREATE TABLE marker_statement (id int)"};
    return script;
  }
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(PrecheckRunnerTest, ARowStopsTheScriptBeforeAnythingRanWithTheRowAsTheMessage) {
  Status status =
      migrator::RunScript(db_->connection(), CreatesMarkers({"SELECT 'key k: 2 rows have no parent'"}));
  EXPECT_EQ(status.code(), StatusCode::kRefused);
  EXPECT_EQ(status.message(), "key k: 2 rows have no parent (nothing was changed)");
  EXPECT_FALSE(TableExists("marker_before"));
  EXPECT_FALSE(TableExists("marker_statement"));
}

TEST_F(PrecheckRunnerTest, ARowWithoutTextGetsAMessageNamingTheQuery) {
  Status status = migrator::RunScript(db_->connection(), CreatesMarkers({"SELECT NULL"}));
  EXPECT_EQ(status.code(), StatusCode::kRefused);
  EXPECT_NE(status.message().find("precheck query `SELECT NULL` returned rows"), std::string::npos)
      << status.message();
  EXPECT_FALSE(TableExists("marker_before"));
}

TEST_F(PrecheckRunnerTest, NoRowsLetTheScriptRun) {
  Status status = migrator::RunScript(db_->connection(), CreatesMarkers({"SELECT 1 FROM DUAL WHERE FALSE"}));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(TableExists("marker_before"));
  EXPECT_TRUE(TableExists("marker_statement"));
}

TEST_F(PrecheckRunnerTest, AFailingPrecheckQueryIsAnErrorAndRunsNothing) {
  Status status = migrator::RunScript(db_->connection(), CreatesMarkers({"SELECT * FROM no_such_table"}));
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("running precheck query"), std::string::npos) << status.message();
  EXPECT_FALSE(TableExists("marker_before"));
}

}  // namespace
}  // namespace schemac::dialects::mysql
