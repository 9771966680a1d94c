#include "dialects/mysql/statement_progress.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::mysql {
namespace {

using Row = std::vector<std::optional<std::string>>;

TEST(MysqlStatementProgressTest, QueryAsksForStagesOnlyWhereTheyExist) {
  const std::string mariadb = StatementProgressQuery(17, /*with_stages=*/true);
  EXPECT_NE(mariadb.find("MAX_STAGE"), std::string::npos);
  EXPECT_NE(mariadb.find("ID = 17"), std::string::npos);
  EXPECT_EQ(StatementProgressQuery(17, /*with_stages=*/false).find("STAGE"), std::string::npos);
}

TEST(MysqlStatementProgressTest, NoQueryOrNoStateIsNothing) {
  EXPECT_FALSE(ReadStatementProgress({}).has_value());
  EXPECT_FALSE(ReadStatementProgress({Row{std::nullopt}}).has_value());
  EXPECT_FALSE(ReadStatementProgress({Row{"", "0", "0", "0.000"}}).has_value());
}

TEST(MysqlStatementProgressTest, StateWithoutStagesIsThePhaseAlone) {
  auto mysql = ReadStatementProgress({Row{"Waiting for table metadata lock"}});
  ASSERT_TRUE(mysql.has_value());
  EXPECT_EQ(mysql->phase, "Waiting for table metadata lock");
  EXPECT_FALSE(mysql->fraction.has_value());
  // MariaDB's counters are 0 for a statement it does not count.
  auto uncounted = ReadStatementProgress({Row{"Waiting for table metadata lock", "0", "0", "0.000"}});
  ASSERT_TRUE(uncounted.has_value());
  EXPECT_FALSE(uncounted->fraction.has_value());
  EXPECT_EQ(uncounted->detail, "");
}

TEST(MysqlStatementProgressTest, MariaDbAlterStagesGiveAFraction) {
  auto progress = ReadStatementProgress({Row{"copy to tmp table", "1", "2", "40.500"}});
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->phase, "copy to tmp table");
  EXPECT_DOUBLE_EQ(progress->fraction.value_or(-1), 0.405);
  EXPECT_EQ(progress->detail, "stage 1 of 2");
}

}  // namespace
}  // namespace schemac::dialects::mysql
