// The capability table (dialects/mysql/capabilities.hpp) at each version boundary it names, and
// the ALTER algorithm each MySQL 8 row leads to. No MySQL 8 server can run here (Debian ships only
// MariaDB), so for MySQL these tests are the only check that a row says what the manual says.
#include "dialects/mysql/capabilities.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialects/mysql/dialect.hpp"
#include "dialects/mysql/strategies.hpp"

namespace schemac::dialects::mysql {
namespace {

struct FlagRow {
  const char* flag;
  bool ServerFeatures::*member;
  const char* last_without;  // newest version of the flavour without it ("" when none)
  const char* first_with;    // oldest version with it ("" when never)
};

// One row per flag and flavour, from the comments of ServerFeatures.
const std::vector<FlagRow> kMySqlRows = {
    {"instant_add_column_last", &ServerFeatures::instant_add_column_last, "8.0.11", "8.0.12"},
    {"instant_add_column_anywhere", &ServerFeatures::instant_add_column_anywhere, "8.0.28", "8.0.29"},
    {"instant_drop_column", &ServerFeatures::instant_drop_column, "8.0.28", "8.0.29"},
    {"instant_rename_column", &ServerFeatures::instant_rename_column, "8.0.27", "8.0.28"},
    {"rename_column_syntax", &ServerFeatures::rename_column_syntax, "5.7.44", "8.0.0"},
    {"rename_index_syntax", &ServerFeatures::rename_index_syntax, "5.6.51", "5.7.0"},
    {"instant_column_metadata", &ServerFeatures::instant_column_metadata, "8.4.0", ""},
    {"instant_varchar_widen", &ServerFeatures::instant_varchar_widen, "8.4.0", ""},
    {"instant_drop_check", &ServerFeatures::instant_drop_check, "8.0.18", "8.0.19"},
    {"instant_table_comment", &ServerFeatures::instant_table_comment, "5.7.44", "8.0.0"},
    {"check_constraints", &ServerFeatures::check_constraints, "8.0.15", "8.0.16"},
    {"functional_indexes", &ServerFeatures::functional_indexes, "8.0.12", "8.0.13"},
    {"descending_indexes", &ServerFeatures::descending_indexes, "5.7.44", "8.0.0"},
    {"native_json", &ServerFeatures::native_json, "", "5.7.8"},
    {"native_uuid", &ServerFeatures::native_uuid, "8.4.0", ""},
    {"expression_defaults", &ServerFeatures::expression_defaults, "8.0.12", "8.0.13"},
    {"generated_not_null", &ServerFeatures::generated_not_null, "", "5.7.8"},
};

const std::vector<FlagRow> kMariaDbRows = {
    {"instant_add_column_last", &ServerFeatures::instant_add_column_last, "10.2.44", "10.3.0"},
    {"instant_add_column_anywhere", &ServerFeatures::instant_add_column_anywhere, "10.3.39", "10.4.0"},
    {"instant_drop_column", &ServerFeatures::instant_drop_column, "10.3.39", "10.4.0"},
    {"instant_rename_column", &ServerFeatures::instant_rename_column, "10.2.44", "10.3.0"},
    {"rename_column_syntax", &ServerFeatures::rename_column_syntax, "10.5.1", "10.5.2"},
    {"rename_index_syntax", &ServerFeatures::rename_index_syntax, "10.5.1", "10.5.2"},
    {"instant_column_metadata", &ServerFeatures::instant_column_metadata, "10.2.44", "10.3.0"},
    {"instant_varchar_widen", &ServerFeatures::instant_varchar_widen, "10.3.39", "10.4.0"},
    {"instant_drop_check", &ServerFeatures::instant_drop_check, "10.1.48", "10.2.0"},
    {"instant_table_comment", &ServerFeatures::instant_table_comment, "10.2.44", "10.3.0"},
    {"check_constraints", &ServerFeatures::check_constraints, "10.1.48", "10.2.0"},
    {"functional_indexes", &ServerFeatures::functional_indexes, "11.4.0", ""},
    {"descending_indexes", &ServerFeatures::descending_indexes, "10.7.8", "10.8.0"},
    {"native_json", &ServerFeatures::native_json, "11.4.0", ""},
    {"native_uuid", &ServerFeatures::native_uuid, "10.6.99", "10.7.0"},
    {"expression_defaults", &ServerFeatures::expression_defaults, "10.1.48", "10.2.0"},
    {"generated_not_null", &ServerFeatures::generated_not_null, "11.4.0", ""},
};

void ExpectRows(const std::vector<FlagRow>& rows, const std::string& suffix) {
  for (const auto& row : rows) {
    if (*row.last_without) {
      ServerFeatures features = FeaturesFor(ServerVersion::Parse(row.last_without + suffix));
      EXPECT_FALSE(features.*row.member) << row.flag << " on " << row.last_without << suffix;
    }
    if (*row.first_with) {
      ServerFeatures features = FeaturesFor(ServerVersion::Parse(row.first_with + suffix));
      EXPECT_TRUE(features.*row.member) << row.flag << " on " << row.first_with << suffix;
    }
  }
}

TEST(CapabilitiesTest, MySqlRowsSwitchAtTheVersionsTheManualNames) { ExpectRows(kMySqlRows, "-log"); }

TEST(CapabilitiesTest, MariaDbRowsSwitchAtTheVersionsTheKnowledgeBaseNames) {
  ExpectRows(kMariaDbRows, "-MariaDB");
}

TEST(CapabilitiesTest, VersionStringsOfBothFlavoursParse) {
  ServerVersion mysql = ServerVersion::Parse("8.0.36-0ubuntu0.22.04.1");
  EXPECT_FALSE(mysql.IsMariaDb());
  EXPECT_EQ(mysql.ToString(), "MySQL 8.0.36");
  ServerVersion mariadb = ServerVersion::Parse("10.11.6-MariaDB-0+deb12u1-log");
  EXPECT_TRUE(mariadb.IsMariaDb());
  EXPECT_EQ(mariadb.ToString(), "MariaDB 10.11.6");
}

// The decisions the MySQL 8 rows lead to, through the same code the MariaDB server tests run.
model::Column IntColumn(const std::string& name, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = model::TypeKind::Int;
  column.nullable = nullable;
  return column;
}

model::Table Items() {
  model::Table table;
  table.name = "items";
  table.columns = {IntColumn("id", false), IntColumn("qty"), IntColumn("owner")};
  table.columns.push_back(IntColumn("label"));
  table.columns.back().type = model::DataType{};
  table.columns.back().type.kind = model::TypeKind::Varchar;
  table.columns.back().type.length = 20;
  table.primary_key = model::PrimaryKey{"PRIMARY", {"id"}};
  return table;
}

std::vector<PlanStep> Steps(const std::string& version, const model::Table& before, const model::Table& after,
                            const TableDiff& diff) {
  ServerVersion server = ServerVersion::Parse(version);
  return StepsForActions(
      after.name, PlanTableActions(before, after, diff, server, DatabaseDefaults::For(server), PlanPolicy{}));
}

std::string OnlyStatement(const std::vector<PlanStep>& steps) {
  if (steps.size() != 1 || steps[0].up.statements.size() != 1) return "<not one statement>";
  return steps[0].up.statements[0];
}

TEST(MySql8DecisionsTest, AddColumnInTheMiddleIsInstantFrom8029AndInPlaceBefore) {
  model::Table before = Items(), after = Items();
  after.columns.insert(after.columns.begin() + 1, IntColumn("rank"));
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kAdd, std::nullopt, after.columns[1], 0});
  EXPECT_EQ(OnlyStatement(Steps("8.0.29", before, after, diff)),
            "ALTER TABLE `items` ADD COLUMN `rank` int NULL AFTER `id`, ALGORITHM=INSTANT");
  EXPECT_EQ(OnlyStatement(Steps("8.0.28", before, after, diff)),
            "ALTER TABLE `items` ADD COLUMN `rank` int NULL AFTER `id`, ALGORITHM=INPLACE, LOCK=NONE");
}

TEST(MySql8DecisionsTest, DropColumnIsInstantFrom8029) {
  model::Table before = Items(), after = Items();
  after.columns.erase(after.columns.begin() + 1);
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kDrop, before.columns[1], std::nullopt, 0});
  EXPECT_EQ(Steps("8.0.29", before, after, diff)[0].strategy, "alter-instant");
  EXPECT_EQ(Steps("8.0.28", before, after, diff)[0].strategy, "alter-inplace");
}

TEST(MySql8DecisionsTest, RenameColumnIsInstantFrom8028AndSpelledChangeOn57) {
  model::Table before = Items(), after = Items();
  after.columns[1].name = "quantity";
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kRename, before.columns[1], after.columns[1], 0});
  EXPECT_EQ(OnlyStatement(Steps("8.0.28", before, after, diff)),
            "ALTER TABLE `items` RENAME COLUMN `qty` TO `quantity`, ALGORITHM=INSTANT");
  EXPECT_EQ(OnlyStatement(Steps("8.0.27", before, after, diff)),
            "ALTER TABLE `items` RENAME COLUMN `qty` TO `quantity`, ALGORITHM=INPLACE, LOCK=NONE");
  EXPECT_EQ(OnlyStatement(Steps("5.7.44", before, after, diff)),
            "ALTER TABLE `items` CHANGE COLUMN `qty` `quantity` int NULL, ALGORITHM=INPLACE, LOCK=NONE");
}

TEST(MySql8DecisionsTest, VarcharWidenAndCommentsRunInPlaceOnMySqlButInstantOnMariaDb) {
  model::Table before = Items(), after = Items();
  after.columns[3].type.length = 40;
  after.columns[3].comment = "shown to people";
  TableDiff diff;
  diff.columns.push_back(
      ColumnChange{ChangeOp::kModify, before.columns[3], after.columns[3], kColumnType | kColumnComment});
  EXPECT_EQ(Steps("8.0.36", before, after, diff)[0].strategy, "alter-inplace");
  EXPECT_EQ(Steps("10.11.6-MariaDB", before, after, diff)[0].strategy, "alter-instant");
}

TEST(MySql8DecisionsTest, DropCheckIsInstantFrom8019) {
  model::Table before = Items(), after = Items();
  before.checks.push_back(model::Check{"items_qty_check", "qty > 0"});
  TableDiff diff;
  diff.checks.push_back(CheckChange{ChangeOp::kDrop, before.checks[0], std::nullopt, 0});
  EXPECT_EQ(OnlyStatement(Steps("8.0.19", before, after, diff)),
            "ALTER TABLE `items` DROP CONSTRAINT `items_qty_check`, ALGORITHM=INSTANT");
  EXPECT_EQ(Steps("8.0.18", before, after, diff)[0].strategy, "alter-inplace");
}

TEST(MySql8DecisionsTest, DropForeignKeyLeavesTheIndexOnMySqlAndDropsItOnMariaDb) {
  model::Table before = Items(), after = Items();
  before.foreign_keys.push_back(model::ForeignKey{"items_owner_fkey", {"owner"}, "", "owners", {"id"}});
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kDrop, before.foreign_keys[0], std::nullopt, 0});
  EXPECT_EQ(OnlyStatement(Steps("8.0.36", before, after, diff)),
            "ALTER TABLE `items` DROP FOREIGN KEY `items_owner_fkey`, ALGORITHM=INPLACE, LOCK=NONE");
  EXPECT_EQ(
      OnlyStatement(Steps("10.11.6-MariaDB", before, after, diff)),
      "ALTER TABLE `items` DROP FOREIGN KEY `items_owner_fkey`, DROP INDEX IF EXISTS `items_owner_fkey`, "
      "ALGORITHM=INPLACE, LOCK=NONE");
}

TEST(MySql8DecisionsTest, AddForeignKeyOnlineHasTheOrphanPrecheckOnBothFlavours) {
  model::Table before = Items(), after = Items();
  after.foreign_keys.push_back(model::ForeignKey{"items_owner_fkey", {"owner"}, "", "owners", {"id"}});
  TableDiff diff;
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, after.foreign_keys[0], 0});
  for (const char* version : {"8.0.36", "10.11.6-MariaDB"}) {
    auto steps = Steps(version, before, after, diff);
    ASSERT_EQ(steps.size(), 1u) << version;
    EXPECT_EQ(steps[0].up.precheck,
              std::vector<std::string>{OrphanRowsPrecheck("items", after.foreign_keys[0])})
        << version;
    EXPECT_EQ(steps[0].up.before, std::vector<std::string>{"SET SESSION foreign_key_checks = 0"}) << version;
  }
}

TEST(MySql8DecisionsTest, UnsupportedFollowsTheFlavour) {
  model::Schema schema;
  model::Table table = Items();
  model::Index index;
  index.name = "items_label_lower";
  index.keys.push_back(model::IndexKey{"", "lower(label)", false, model::NullsOrder::Default, "", ""});
  table.indexes.push_back(index);
  schema.GetOrAddNamespace("").tables.push_back(table);
  EXPECT_TRUE(MysqlDialect(ServerVersion::Parse("8.0.13")).Unsupported(schema).empty());
  EXPECT_FALSE(MysqlDialect(ServerVersion::Parse("8.0.12")).Unsupported(schema).empty());
  EXPECT_FALSE(MysqlDialect(ServerVersion::Parse("10.11.6-MariaDB")).Unsupported(schema).empty());
}

// The schema language lets an int reference a bigint (SQLite and PostgreSQL accept it); InnoDB
// refuses it, so Unsupported() must say so before a plan runs.
TEST(MySqlUnsupportedTest, ForeignKeyBetweenIntegerWidths) {
  model::Schema schema;
  model::Table parent;
  parent.name = "parent";
  parent.columns.push_back(model::Column{});
  parent.columns[0].name = "id";
  parent.columns[0].type.kind = model::TypeKind::BigInt;
  parent.primary_key = model::PrimaryKey{"PRIMARY", {"id"}};
  model::Table child;
  child.name = "child";
  child.columns.push_back(model::Column{});
  child.columns[0].name = "parent_id";
  child.columns[0].type.kind = model::TypeKind::Int;
  model::ForeignKey fk;
  fk.name = "child_parent_id_fkey";
  fk.columns = {"parent_id"};
  fk.ref_table = "parent";
  fk.ref_columns = {"id"};
  child.foreign_keys.push_back(fk);
  schema.GetOrAddNamespace("").tables = {parent, child};
  const std::vector<std::string> problems =
      MysqlDialect(ServerVersion::Parse("10.11.6-MariaDB")).Unsupported(schema);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("column parent_id is int but parent.id is bigint"), std::string::npos)
      << problems[0];

  schema.namespaces[0].tables[1].columns[0].type.kind = model::TypeKind::BigInt;
  EXPECT_TRUE(MysqlDialect(ServerVersion::Parse("10.11.6-MariaDB")).Unsupported(schema).empty());
}

}  // namespace
}  // namespace schemac::dialects::mysql
