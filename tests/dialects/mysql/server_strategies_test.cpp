// Every ALTER the dialect plans runs on the real server with the algorithm it names (the server
// rejects ALGORITHM=INSTANT / INPLACE it cannot honour), its precondition probe is false before
// and true after, and the inspected result equals the desired table.
#include <gtest/gtest.h>

#include "dialects/mysql/dialect.hpp"
#include "dialects/mysql/strategies.hpp"
#include "table_diff_for_tests.hpp"
#include "test_database.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::TypeKind;
using testing::TestDatabase;

model::Column Col(const std::string& name, TypeKind kind, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

model::Column Varchar(const std::string& name, int length) {
  model::Column column = Col(name, TypeKind::Varchar);
  column.type.length = length;
  return column;
}

model::IndexKey Key(const std::string& column) {
  return model::IndexKey{column, "", false, model::NullsOrder::Default, "", ""};
}

model::Table BaseTable() {
  model::Table table;
  table.name = "items";
  table.columns = {Col("id", TypeKind::Int, false), Col("qty", TypeKind::Int), Varchar("label", 20),
                   Col("owner", TypeKind::Int)};
  table.primary_key = model::PrimaryKey{"items_pkey", {"id"}};
  return table;
}

model::Table Owners() {
  model::Table table;
  table.name = "owners";
  table.columns = {Col("id", TypeKind::Int, false)};
  table.primary_key = model::PrimaryKey{"owners_pkey", {"id"}};
  return table;
}

class ServerStrategiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHEMAC_REQUIRE_MYSQL();
    db_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
  }

  const Dialect& dialect() { return db_->connection().GetDialect(); }

  model::Table Normalized(const model::Table& table) {
    model::Schema schema;
    schema.GetOrAddNamespace("").tables.push_back(table);
    dialect().Normalize(schema);
    return schema.namespaces[0].tables[0];
  }

  std::vector<PlanStep> Plan(const Change& change) {
    model::Schema empty;
    PlanContext context{empty, empty, policy_, 0};
    return dialect().PlanChange(change, context);
  }

  // Creates `tables`, with a few rows in the first, through the dialect's own CREATE TABLE.
  void Create(const std::vector<model::Table>& tables) {
    for (const auto& table : tables) {
      Change change;
      change.kind = ChangeKind::kAddTable;
      change.table_after = Normalized(table);
      ASSERT_EQ(db_->ApplySteps(Plan(change)), "");
    }
    ASSERT_EQ(db_->Run({"INSERT INTO owners VALUES (1)",
                        "INSERT INTO items (id, qty, label, owner) VALUES (1, 5, 'a', 1), (2, 6, 'b', 1)"}),
              "");
  }

  // Plans before -> after, checks each step's strategy, applies it, and compares.
  void ExpectConverges(const model::Table& before_raw, const model::Table& after_raw,
                       const std::vector<std::string>& expected_strategies,
                       TableDiff* diff_override = nullptr) {
    model::Table before = Normalized(before_raw), after = Normalized(after_raw);
    Change change;
    change.kind = ChangeKind::kModifyTable;
    change.table_before = before;
    change.table_after = after;
    change.table_diff = diff_override ? *diff_override : testing::DiffTables(before, after);
    auto steps = Plan(change);
    std::vector<std::string> strategies;
    std::string sql;
    for (const auto& step : steps) {
      strategies.push_back(step.strategy);
      for (const auto& s : step.up.statements) sql += s + "\n";
    }
    EXPECT_EQ(strategies, expected_strategies) << sql;
    ASSERT_EQ(db_->ApplySteps(steps), "") << sql;
    auto inspected = db_->InspectNormalized();
    ASSERT_TRUE(inspected.ok()) << inspected.status().message();
    const model::Table* actual = inspected->FindTable("", after.name);
    ASSERT_NE(actual, nullptr);
    EXPECT_EQ(actual->columns, after.columns) << sql;
    EXPECT_EQ(actual->indexes, after.indexes) << sql;
    EXPECT_EQ(actual->uniques, after.uniques) << sql;
    EXPECT_EQ(actual->foreign_keys, after.foreign_keys) << sql;
    EXPECT_EQ(actual->checks, after.checks) << sql;
    EXPECT_EQ(actual->primary_key, after.primary_key) << sql;
    EXPECT_EQ(*actual, after) << sql;
    auto rows = db_->connection().Query("SELECT COUNT(*) FROM " + QuoteIdentifierFor(after.name));
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    EXPECT_EQ(*(*rows)[0][0], "2") << "rows survive";
  }

  std::string QuoteIdentifierFor(const std::string& name) { return dialect().QuoteIdentifier(name); }

  PlanPolicy policy_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(ServerStrategiesTest, AddColumnsInstantAtEndAndInTheMiddle) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  after.columns.push_back(Col("added_last", TypeKind::Int));
  after.columns.insert(after.columns.begin() + 1, Col("added_middle", TypeKind::BigInt, false));
  after.columns[1].default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "3"};
  ExpectConverges(BaseTable(), after, {"alter-instant"});
}

TEST_F(ServerStrategiesTest, DropAndRenameColumns) {
  Create({Owners(), BaseTable()});
  model::Table before = Normalized(BaseTable());
  model::Table after = before;
  after.columns.erase(after.columns.begin() + 1);  // drop qty
  after.columns[1].name = "title";                 // rename label
  TableDiff diff;
  diff.columns.push_back({ChangeOp::kDrop, before.columns[1], std::nullopt, 0});
  diff.columns.push_back({ChangeOp::kRename, before.columns[2], after.columns[1], 0});
  ExpectConverges(before, after, {"alter-instant"}, &diff);
}

TEST_F(ServerStrategiesTest, ModifyColumns) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  after.columns[1].default_value =
      model::DefaultValue{model::DefaultValue::Kind::Number, "9"};  // default only
  after.columns[2].type.length = 40;                                // varchar widen
  after.columns[2].comment = "a label";
  ExpectConverges(BaseTable(), after, {"alter-instant"});

  model::Table stricter = after;
  stricter.columns[1].nullable = false;  // NOT NULL: in place
  ExpectConverges(after, stricter, {"alter-inplace"});

  model::Table wider = stricter;
  wider.columns[1].type.kind = TypeKind::BigInt;  // a type change copies
  ExpectConverges(stricter, wider, {"alter-copy"});

  model::Table collated = wider;
  collated.columns[2].collation = "utf8mb4_bin";
  ExpectConverges(wider, collated, {"alter-instant"});
}

// Each of these runs alone in its step, so its probe must see the change itself.
TEST_F(ServerStrategiesTest, DefaultAndIdentityChangesHaveProbesOfTheirOwn) {
  model::Table before = BaseTable();
  before.columns.push_back(Col("seen", TypeKind::Timestamp));
  Create({Owners(), before});
  model::Table number_default = before;
  number_default.columns[1].default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "9"};
  ExpectConverges(before, number_default, {"alter-instant"});
  model::Table string_default = number_default;
  string_default.columns[2].default_value = model::DefaultValue{model::DefaultValue::Kind::String, "it's"};
  ExpectConverges(number_default, string_default, {"alter-instant"});
  model::Table expression_default = string_default;
  expression_default.columns[4].default_value =
      model::DefaultValue{model::DefaultValue::Kind::Expression, "now()"};
  ExpectConverges(string_default, expression_default, {"alter-instant"});
  model::Table no_default = expression_default;
  no_default.columns[1].default_value.reset();
  ExpectConverges(expression_default, no_default, {"alter-instant"});
  model::Table identity = no_default;
  identity.columns[0].identity = model::Identity{};
  ExpectConverges(no_default, identity, {"alter-copy"});
}

TEST_F(ServerStrategiesTest, EnumAppendIsInstant) {
  model::Table before = BaseTable();
  before.columns.push_back(Col("state", TypeKind::Native));
  before.columns.back().type.native["mysql"] = "enum('a','b')";
  Create({Owners(), before});
  model::Table after = before;
  after.columns.back().type.native["mysql"] = "enum('a','b','c')";
  ExpectConverges(before, after, {"alter-instant"});
}

TEST_F(ServerStrategiesTest, IndexesAndUniques) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  model::Index index;
  index.name = "items_qty_idx";
  index.keys = {Key("qty"), Key("label")};
  after.indexes.push_back(index);
  after.uniques.push_back(model::UniqueConstraint{"items_label_key", {"label"}});
  ExpectConverges(BaseTable(), after, {"alter-inplace"});

  model::Table renamed = after;
  renamed.indexes[0].name = "items_qty_label_idx";
  TableDiff diff;
  diff.indexes.push_back(
      {ChangeOp::kRename, Normalized(after).indexes[0], Normalized(renamed).indexes[0], 0});
  ExpectConverges(after, renamed, {"alter-instant"}, &diff);

  ExpectConverges(renamed, BaseTable(), {"alter-inplace"});
}

TEST_F(ServerStrategiesTest, ForeignKeysOnlineAndTheirImplicitIndexGoesAway) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  model::ForeignKey fk;
  fk.name = "items_owner_fkey";
  fk.columns = {"owner"};
  fk.ref_table = "owners";
  fk.ref_columns = {"id"};
  fk.on_delete = model::ReferentialAction::Cascade;
  after.foreign_keys.push_back(fk);
  ExpectConverges(BaseTable(), after, {"alter-inplace"});
  auto index = db_->connection().QueryHasRows(
      "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = "
      "'items_owner_fkey'");
  EXPECT_TRUE(*index) << "InnoDB made an index for the key";
  ExpectConverges(after, BaseTable(), {"alter-inplace"});
  index = db_->connection().QueryHasRows(
      "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = "
      "'items_owner_fkey'");
  EXPECT_FALSE(*index) << "dropping the key dropped InnoDB's index too, so the next plan is empty";
}

TEST_F(ServerStrategiesTest, OnlineForeignKeyOverOrphanRowsIsRefusedBeforeTheAlter) {
  Create({Owners(), BaseTable()});
  // Item 3 has no owner (exempt, as in InnoDB); items 4 and 5 point at owners that do not exist.
  ASSERT_EQ(db_->Run({"INSERT INTO items (id, qty, label, owner) VALUES (3, 1, 'c', NULL), (4, 1, 'd', 9), "
                      "(5, 1, 'e', 7)"}),
            "");
  model::Table after = BaseTable();
  model::ForeignKey fk;
  fk.name = "items_owner_fkey";
  fk.columns = {"owner"};
  fk.ref_table = "owners";
  fk.ref_columns = {"id"};
  after.foreign_keys.push_back(fk);
  Change change;
  change.kind = ChangeKind::kModifyTable;
  change.table_before = Normalized(BaseTable());
  change.table_after = Normalized(after);
  change.table_diff = testing::DiffTables(*change.table_before, *change.table_after);
  std::string error = db_->ApplySteps(Plan(change));
  EXPECT_NE(
      error.find("refused by precheck: foreign key items_owner_fkey cannot be added: 2 rows of items have no "
                 "matching row in owners (for example owner = 7)"),
      std::string::npos)
      << error;
  auto fk_exists = db_->connection().QueryHasRows(
      ProbeQuery({ConstraintExistsCondition("items", "items_owner_fkey", "FOREIGN KEY")}));
  ASSERT_TRUE(fk_exists.ok()) << fk_exists.status().message();
  EXPECT_FALSE(*fk_exists) << "nothing ran";

  // With the orphans gone (and the NULL one kept), the same plan goes through.
  ASSERT_EQ(db_->Run({"DELETE FROM items WHERE id IN (4, 5)"}), "");
  EXPECT_EQ(db_->ApplySteps(Plan(change)), "");
}

TEST_F(ServerStrategiesTest, ChecksCopyToValidateAndDropInstantly) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  after.checks.push_back(model::Check{"items_qty_check", "qty > 0"});
  ExpectConverges(BaseTable(), after, {"alter-copy"});
  ExpectConverges(after, BaseTable(), {"alter-instant"});
}

TEST_F(ServerStrategiesTest, PrimaryKeyReplacementIsInPlace) {
  Create({Owners(), BaseTable()});
  model::Table after = BaseTable();
  after.columns[1].nullable = false;
  after.primary_key->columns = {"id", "qty"};
  ExpectConverges(BaseTable(), after, {"alter-inplace"});
}

TEST_F(ServerStrategiesTest, TableCommentEngineAndCollation) {
  Create({Owners(), BaseTable()});
  model::Table commented = BaseTable();
  commented.comment = "things we sell";
  ExpectConverges(BaseTable(), commented, {"alter-instant"});
  model::Table converted = commented;
  converted.options["mysql"]["collation"] = "utf8mb4_unicode_ci";
  ExpectConverges(commented, converted, {"alter-copy"});
}

TEST_F(ServerStrategiesTest, VirtualColumnsRunAloneOnMariaDb) {
  model::Table before = BaseTable();
  before.columns.push_back(Col("qty2", TypeKind::Int));
  before.columns.back().generated = model::Generated{"qty * 2", false};
  Create({Owners(), before});
  model::Table after = before;
  after.columns.push_back(Col("qty3", TypeKind::Int));
  after.columns.back().generated = model::Generated{"qty * 3", false};
  after.columns.insert(after.columns.begin() + 1, Col("extra", TypeKind::Int));
  bool mariadb = db_->connection().Version().IsMariaDb();
  ExpectConverges(before, after,
                  mariadb ? std::vector<std::string>{"alter-copy", "alter-instant"}
                          : std::vector<std::string>{"alter-instant"});
}

TEST_F(ServerStrategiesTest, RenameAndDropTable) {
  Create({Owners(), BaseTable()});
  Change rename;
  rename.kind = ChangeKind::kRenameTable;
  rename.table_before = Normalized(BaseTable());
  model::Table renamed = BaseTable();
  renamed.name = "products";
  rename.table_after = Normalized(renamed);
  ASSERT_EQ(db_->ApplySteps(Plan(rename)), "");
  Change drop;
  drop.kind = ChangeKind::kDropTable;
  drop.table_before = Normalized(renamed);
  auto steps = Plan(drop);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].HasDataLoss());
  ASSERT_EQ(db_->ApplySteps(steps), "");
  auto inspected = db_->InspectNormalized();
  ASSERT_TRUE(inspected.ok());
  EXPECT_EQ(inspected->TableCount(), 1u);
}

}  // namespace
}  // namespace schemac::dialects::mysql
