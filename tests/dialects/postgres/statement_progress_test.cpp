#include "dialects/postgres/statement_progress.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::postgres {
namespace {

using Row = std::vector<std::optional<std::string>>;

// command, phase, blocks done/total, tuples done/total, lockers done/total, wait event type, wait event.
using Value = std::optional<std::string>;

Row ProgressRow(Value phase, Value blocks_done, Value blocks_total, Value tuples_done, Value tuples_total,
                Value wait_type, Value wait_event) {
  return Row{phase ? std::optional<std::string>("CREATE INDEX CONCURRENTLY") : std::nullopt,
             phase,
             blocks_done,
             blocks_total,
             tuples_done,
             tuples_total,
             phase ? Value("0") : std::nullopt,
             phase ? Value("0") : std::nullopt,
             wait_type,
             wait_event};
}

TEST(PostgresStatementProgressTest, QueryNamesTheBackend) {
  EXPECT_NE(StatementProgressQuery(4242).find("a.pid = 4242"), std::string::npos);
}

TEST(PostgresStatementProgressTest, IdleOrUnreportedIsNothing) {
  EXPECT_FALSE(ReadStatementProgress({}).has_value());
  // Active, but neither building an index nor waiting for a lock: a plain ALTER TABLE.
  EXPECT_FALSE(ReadStatementProgress({ProgressRow(std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                  std::nullopt, std::nullopt, std::nullopt)})
                   .has_value());
  EXPECT_FALSE(ReadStatementProgress({ProgressRow(std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                  std::nullopt, "IO", "DataFileRead")})
                   .has_value());
}

TEST(PostgresStatementProgressTest, ScanningCountsBlocks) {
  auto progress = ReadStatementProgress(
      {ProgressRow("building index: scanning table", "1300", "2600", "0", "0", std::nullopt, std::nullopt)});
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->phase, "CREATE INDEX CONCURRENTLY: building index: scanning table");
  ASSERT_TRUE(progress->fraction.has_value());
  EXPECT_DOUBLE_EQ(*progress->fraction, 0.5);
  EXPECT_EQ(progress->detail, "blocks 1300 of 2600");
}

TEST(PostgresStatementProgressTest, LoadingCountsTuplesWhenBlocksAreNotCounted) {
  auto progress = ReadStatementProgress(
      {ProgressRow("loading tuples in tree", "0", "0", "250", "1000", std::nullopt, std::nullopt)});
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->phase, "CREATE INDEX CONCURRENTLY: loading tuples in tree");
  EXPECT_DOUBLE_EQ(progress->fraction.value_or(-1), 0.25);
  EXPECT_EQ(progress->detail, "tuples 250 of 1000");
}

TEST(PostgresStatementProgressTest, PhaseWithoutCountsHasNoFraction) {
  auto progress = ReadStatementProgress(
      {ProgressRow("waiting for writers before build", "0", "0", "0", "0", "Lock", "virtualxid")});
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->phase, "CREATE INDEX CONCURRENTLY: waiting for writers before build");
  EXPECT_FALSE(progress->fraction.has_value());
  EXPECT_EQ(progress->detail, "");
}

TEST(PostgresStatementProgressTest, LockWaitNamesWhatItWaitsOn) {
  auto progress = ReadStatementProgress({ProgressRow(std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                     std::nullopt, "Lock", "relation")});
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->phase, "waiting for a lock (relation)");
  EXPECT_FALSE(progress->fraction.has_value());
}

}  // namespace
}  // namespace schemac::dialects::postgres
