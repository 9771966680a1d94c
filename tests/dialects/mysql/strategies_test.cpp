#include "dialects/mysql/strategies.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::mysql {
namespace {

const ServerVersion kMariaDb1011 = ServerVersion::Parse("10.11.6-MariaDB-0+deb12u1");
const ServerVersion kMariaDb103 = ServerVersion::Parse("10.3.39-MariaDB");
const ServerVersion kMySql80 = ServerVersion::Parse("8.0.36");
const ServerVersion kMySql8020 = ServerVersion::Parse("8.0.20");

model::Column IntColumn(const std::string& name) {
  model::Column column;
  column.name = name;
  column.type.kind = model::TypeKind::Int;
  return column;
}

model::Table Users() {
  model::Table table;
  table.name = "users";
  table.columns = {IntColumn("id"), IntColumn("age")};
  table.columns[0].nullable = false;
  table.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  return table;
}

std::vector<AlterAction> Plan(const model::Table& before, const model::Table& after, const TableDiff& diff,
                              const ServerVersion& version) {
  return PlanTableActions(before, after, diff, version, DatabaseDefaults::For(version), PlanPolicy{});
}

TEST(ServerVersionTest, ParsesFlavourAndVersion) {
  EXPECT_TRUE(kMariaDb1011.IsMariaDb());
  EXPECT_EQ(kMariaDb1011.major, 10);
  EXPECT_EQ(kMariaDb1011.minor, 11);
  EXPECT_EQ(kMariaDb1011.patch, 6);
  EXPECT_FALSE(kMySql80.IsMariaDb());
  EXPECT_TRUE(kMySql80.AtLeast(8, 0, 29));
  EXPECT_FALSE(kMySql8020.AtLeast(8, 0, 29));
}

TEST(StrategiesTest, AddColumnAtTheEndIsInstantWhereSupported) {
  model::Table before = Users(), after = Users();
  after.columns.push_back(IntColumn("score"));
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns.back(), 0});
  EXPECT_EQ(Plan(before, after, diff, kMariaDb1011)[0].algorithm, Algorithm::kInstant);
  EXPECT_EQ(Plan(before, after, diff, kMySql80)[0].algorithm, Algorithm::kInstant);
  EXPECT_EQ(Plan(before, after, diff, kMySql8020)[0].algorithm, Algorithm::kInstant);
  EXPECT_EQ(Plan(before, after, diff, kMariaDb1011)[0].clause, "ADD COLUMN `score` int NULL");
}

TEST(StrategiesTest, AddColumnInTheMiddleNeedsNewerServers) {
  model::Table before = Users(), after = Users();
  after.columns.insert(after.columns.begin() + 1, IntColumn("score"));
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns[1], 0});
  EXPECT_EQ(Plan(before, after, diff, kMariaDb1011)[0].algorithm, Algorithm::kInstant);
  EXPECT_EQ(Plan(before, after, diff, kMariaDb103)[0].algorithm, Algorithm::kInplace);
  EXPECT_EQ(Plan(before, after, diff, kMySql8020)[0].algorithm, Algorithm::kInplace);
  EXPECT_EQ(Plan(before, after, diff, kMariaDb1011)[0].clause, "ADD COLUMN `score` int NULL AFTER `id`");
}

TEST(StrategiesTest, TypeChangeIsACopyWithHazards) {
  model::Table before = Users(), after = Users();
  after.columns[1].type.kind = model::TypeKind::SmallInt;
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kModify, before.columns[1], after.columns[1], kColumnType});
  auto actions = Plan(before, after, diff, kMariaDb1011);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].algorithm, Algorithm::kCopy);
  std::string codes;
  for (const auto& h : actions[0].hazards) codes += h.code + " ";
  EXPECT_NE(codes.find(hazard::kTableRewrite), std::string::npos) << codes;
  EXPECT_NE(codes.find(hazard::kNarrowType), std::string::npos) << codes;
}

TEST(StrategiesTest, StepsMergeActionsThatShareAnAlgorithm) {
  model::Table before = Users(), after = Users();
  after.columns.push_back(IntColumn("a"));
  after.columns.push_back(IntColumn("b"));
  model::Index index;
  index.name = "users_a_idx";
  index.keys.push_back(model::IndexKey{"a", "", false, model::NullsOrder::Default, "", ""});
  after.indexes.push_back(index);
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns[2], 0});
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns[3], 0});
  diff.indexes.push_back(IndexChange{ChangeOp::kAdd, std::nullopt, index, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(
      steps[0].up.statements[0],
      "ALTER TABLE `users` ADD COLUMN `a` int NULL AFTER `age`, ADD COLUMN `b` int NULL, ALGORITHM=INSTANT");
  EXPECT_EQ(steps[1].up.statements[0],
            "ALTER TABLE `users` ADD INDEX `users_a_idx` (`a`), ALGORITHM=INPLACE, LOCK=NONE");
  for (const auto& step : steps) {
    EXPECT_FALSE(step.up.transactional);
    EXPECT_FALSE(step.precondition_probe.empty());
  }
}

TEST(StrategiesTest, DropColumnIsDataLoss) {
  model::Table before = Users(), after = Users();
  after.columns.pop_back();
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kDrop, before.columns[1], std::nullopt, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].HasDataLoss());
  EXPECT_EQ(steps[0].strategy, "alter-instant");
}

TEST(StrategiesTest, OnlineForeignKeySkipsChecksAroundTheStatement) {
  model::Table before = Users(), after = Users();
  model::ForeignKey fk;
  fk.name = "users_age_fkey";
  fk.columns = {"age"};
  fk.ref_table = "ages";
  fk.ref_columns = {"id"};
  after.foreign_keys.push_back(fk);
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, fk, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMySql80));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].up.before, std::vector<std::string>{"SET SESSION foreign_key_checks = 0"});
  EXPECT_EQ(steps[0].up.after, std::vector<std::string>{"SET SESSION foreign_key_checks = 1"});
  EXPECT_EQ(steps[0].strategy, "alter-inplace");
  // foreign_key_checks = 0 skips the existing rows: a precheck must look at them first.
  ASSERT_EQ(steps[0].up.precheck.size(), 1u);
  EXPECT_EQ(steps[0].up.precheck[0], OrphanRowsPrecheck("users", fk));
  EXPECT_EQ(steps[0].up.Flatten().front(), steps[0].up.precheck[0]);
}

TEST(StrategiesTest, OfflineForeignKeyCopiesWithChecksOnAndNeedsNoPrecheck) {
  model::Table before = Users(), after = Users();
  model::ForeignKey fk;
  fk.name = "users_age_fkey";
  fk.columns = {"age"};
  fk.ref_table = "ages";
  fk.ref_columns = {"id"};
  after.foreign_keys.push_back(fk);
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, fk, 0});
  PlanPolicy offline;
  offline.online = false;
  auto steps = StepsForActions("users", PlanTableActions(before, after, diff, kMariaDb1011,
                                                         DatabaseDefaults::For(kMariaDb1011), offline));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].up.precheck.empty());
  EXPECT_TRUE(steps[0].up.before.empty());
  EXPECT_EQ(steps[0].strategy, "alter-copy");
}

TEST(StrategiesTest, OrphanRowsPrecheckIsAnAntiJoinOverRowsWithEveryKeyColumnSet) {
  model::ForeignKey fk;
  fk.name = "line_order_fk";
  fk.columns = {"shop_id", "order_no"};
  fk.ref_table = "orders";
  fk.ref_columns = {"shop", "no"};
  EXPECT_EQ(
      OrphanRowsPrecheck("lines", fk),
      "SELECT CONCAT('foreign key line_order_fk cannot be added: ', COUNT(*), IF(COUNT(*) = 1, ' row of "
      "lines has', "
      "' rows of lines have'), ' no matching row in orders (for example (shop_id, order_no) = (', "
      "MIN(CONCAT_WS(', ', c.`shop_id`, c.`order_no`)), '))') FROM `lines` AS c WHERE c.`shop_id` IS NOT "
      "NULL AND "
      "c.`order_no` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `orders` AS p WHERE p.`shop` = c.`shop_id` AND "
      "p.`no` = c.`order_no`) HAVING COUNT(*) > 0");
}

}  // namespace
}  // namespace schemac::dialects::mysql

namespace schemac::dialects::mysql {
namespace {

// MariaDB refuses LOCK=NONE when a rebuild would have to recreate a FULLTEXT index (error 1846).
TEST(StrategiesTest, RebuildsOfATableWithAFulltextIndexCopy) {
  model::Table before = Users();
  model::Column body;
  body.name = "body";
  body.type.kind = model::TypeKind::Text;
  before.columns.push_back(body);
  model::Index fulltext;
  fulltext.name = "users_body_ft";
  fulltext.method = "fulltext";
  fulltext.keys.push_back(model::IndexKey{"body", "", false, model::NullsOrder::Default, "", ""});
  before.indexes.push_back(fulltext);
  model::Table after = before;
  after.columns.push_back(IntColumn("score"));
  after.columns[1].nullable = false;
  TableDiff diff;
  diff.columns.push_back(
      ColumnChange{ChangeOp::kModify, before.columns[1], after.columns[1], kColumnNullability});
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns.back(), 0});
  auto actions = Plan(before, after, diff, kMariaDb1011);
  ASSERT_EQ(actions.size(), 2u);
  for (const auto& action : actions) {
    EXPECT_EQ(action.algorithm, Algorithm::kCopy) << action.description;
    EXPECT_FALSE(action.hazards.empty()) << action.description;
  }
}

}  // namespace
}  // namespace schemac::dialects::mysql

namespace schemac::dialects::mysql {
namespace {

// INPLACE and most INSTANT operations are InnoDB's: an Aria table refuses them (error 1845), and
// takes only pure metadata changes (a comment here) instantly.
TEST(StrategiesTest, AllButMetadataChangesOnATableOfAnotherEngineCopy) {
  model::Table before = Users();
  before.options["mysql"]["engine"] = "Aria";
  model::Table after = before;
  after.columns.push_back(IntColumn("score"));
  after.comment = "scores";
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns.back(), 0});
  diff.comment_changed = true;
  auto steps = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].up.statements[0],
            "ALTER TABLE `users` ADD COLUMN `score` int NULL, ALGORITHM=COPY, LOCK=SHARED");
  EXPECT_EQ(steps[1].up.statements[0], "ALTER TABLE `users` COMMENT = 'scores', ALGORITHM=INSTANT");
}

}  // namespace
}  // namespace schemac::dialects::mysql

namespace schemac::dialects::mysql {
namespace {

// The undo of a foreign key drop is an add with checks off and a precheck: a step of its own. So
// the drop must be one too, or the planner cannot hand out the downs step for step.
TEST(StrategiesTest, ADroppedForeignKeyIsNotMergedWithOtherClauses) {
  model::Table before = Users(), after = Users();
  model::ForeignKey fk;
  fk.name = "users_age_fkey";
  fk.columns = {"age"};
  fk.ref_table = "ages";
  fk.ref_columns = {"id"};
  before.foreign_keys.push_back(fk);
  model::Index index;
  index.name = "users_id_age_idx";
  index.keys.push_back(model::IndexKey{"id", "", false, model::NullsOrder::Default, "", ""});
  after.indexes.push_back(index);
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kDrop, fk, std::nullopt, 0});
  diff.indexes.push_back(IndexChange{ChangeOp::kAdd, std::nullopt, index, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMySql80));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].up.statements[0],
            "ALTER TABLE `users` DROP FOREIGN KEY `users_age_fkey`, ALGORITHM=INPLACE, LOCK=NONE");
  EXPECT_EQ(steps[1].up.statements[0],
            "ALTER TABLE `users` ADD INDEX `users_id_age_idx` (`id`), ALGORITHM=INPLACE, LOCK=NONE");
}

// The foreign key on users.age, its index made by the server (no other index serves it).
model::ForeignKey AgeForeignKey() {
  model::ForeignKey fk;
  fk.name = "users_age_fkey";
  fk.columns = {"age"};
  fk.ref_table = "ages";
  fk.ref_columns = {"id"};
  return fk;
}

TEST(StrategiesTest, AForeignKeyAddedBackGetsItsIndexUnderTheServersName) {
  model::Table before = Users(), after = Users();
  model::ForeignKey fk = AgeForeignKey();
  fk.index_name = "age";  // the server named it after the column
  after.foreign_keys.push_back(fk);
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, fk, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(
      steps[0].up.statements[0],
      "ALTER TABLE `users` ADD INDEX `age` (`age`), ADD CONSTRAINT `users_age_fkey` FOREIGN KEY (`age`) "
      "REFERENCES `ages` (`id`), ALGORITHM=INPLACE, LOCK=NONE");
}

TEST(StrategiesTest, AUniqueKeyThatTakesOverDropsTheForeignKeysOwnIndex) {
  model::Table before = Users(), after = Users();
  before.foreign_keys.push_back(AgeForeignKey());
  after.foreign_keys.push_back(AgeForeignKey());
  model::UniqueConstraint unique{"users_age_key", {"age"}};
  after.uniques.push_back(unique);
  TableDiff diff;
  diff.uniques.push_back(UniqueChange{ChangeOp::kAdd, std::nullopt, unique, 0});
  auto steps = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].up.statements[0],
            "ALTER TABLE `users` ADD CONSTRAINT `users_age_key` UNIQUE (`age`), DROP INDEX IF EXISTS "
            "`users_age_fkey`, ALGORITHM=INPLACE, LOCK=NONE");
  // MySQL 8 has no DROP INDEX IF EXISTS: the next plan sees the index and drops it.
  auto mysql = StepsForActions("users", Plan(before, after, diff, kMySql80));
  EXPECT_EQ(mysql[0].up.statements[0].find("DROP INDEX"), std::string::npos);
  // An index that served the key before: the key had no index of its own to drop.
  model::Index by_age;
  by_age.name = "users_by_age";
  model::IndexKey key;
  key.column = "age";
  by_age.keys.push_back(key);
  before.indexes.push_back(by_age);
  after.indexes.push_back(by_age);
  auto served = StepsForActions("users", Plan(before, after, diff, kMariaDb1011));
  EXPECT_EQ(served[0].up.statements[0].find("DROP INDEX"), std::string::npos);
}

}  // namespace
}  // namespace schemac::dialects::mysql
