// Which changes use ALTER TABLE and which rebuild; the generated SQL is executed on real in-memory
// databases and the result checked by inspecting it and by counting rows.
#include "dialects/sqlite/strategies.hpp"

#include <gtest/gtest.h>

#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::DefaultValue;
using model::TypeKind;
using testing::Col;
using testing::ExecOk;
using testing::InspectOk;
using testing::Normalized;
using testing::OpenMemory;
using testing::RunSteps;
using testing::Scalar;
using testing::SchemaOf;

bool HasHazard(const PlanStep& step, const std::string& code) {
  for (const auto& hazard : step.hazards) {
    if (hazard.code == code) return true;
  }
  return false;
}

// A database holding `before` (created through the dialect) and three rows.
class SqliteStrategies : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenMemory();
    before_.name = "items";
    model::Column id = Col("id", TypeKind::BigInt, false);
    id.identity = model::Identity{};
    model::Column name = Col("name", TypeKind::Text, false);
    model::Column qty = Col("qty", TypeKind::Int);
    model::Column note = Col("note", TypeKind::Varchar);
    note.type.length = 50;
    before_.columns = {id, name, qty, note};
    before_.primary_key = model::PrimaryKey{"items_pkey", {"id"}};
    model::Index by_qty{"items_qty_idx", false, {}, "", "", {}};
    by_qty.keys.push_back(model::IndexKey{"qty", "", false, model::NullsOrder::Default, "", ""});
    before_.indexes = {by_qty};
    Create(before_);
    ExecOk(*db_,
           "INSERT INTO items (name, qty, note) VALUES ('a', 1, 'x'), ('b', NULL, 'y'), ('c', 3, NULL)");
  }

  void Create(const model::Table& table, std::vector<model::Enum> enums = {}) {
    const model::Schema desired = Normalized(SchemaOf({table}, enums));
    Change change;
    change.kind = ChangeKind::kAddTable;
    change.table_after = desired.namespaces[0].tables[0];
    ASSERT_TRUE(RunSteps(*db_, Plan(change, model::Schema{}, desired)).ok());
  }

  std::vector<PlanStep> Plan(const Change& change, const model::Schema& current,
                             const model::Schema& desired) {
    const PlanContext context{current, desired, policy_, 7};
    return SqliteDialectInstance().PlanChange(change, context);
  }

  // Plans a kModifyTable from before_ to `after` with `diff`, against the live database.
  std::vector<PlanStep> PlanModify(const model::Table& after, const TableDiff& diff) {
    Change change;
    change.kind = ChangeKind::kModifyTable;
    change.table_before = Normalized(SchemaOf({before_})).namespaces[0].tables[0];
    change.table_after = Normalized(SchemaOf({after})).namespaces[0].tables[0];
    change.table_diff = diff;
    current_ = InspectOk(*db_);
    desired_ = Normalized(SchemaOf({after}));
    return Plan(change, current_, desired_);
  }

  void ExpectInspectedTable(const model::Table& after) {
    const model::Schema inspected = InspectOk(*db_);
    const model::Table* got = inspected.FindTable("", after.name);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(*got, Normalized(SchemaOf({after})).namespaces[0].tables[0]);
  }

  std::string Count() { return Scalar(*db_, "SELECT count(*) FROM items"); }

  std::unique_ptr<SqliteConnection> db_;
  model::Table before_;
  model::Schema current_;
  model::Schema desired_;
  PlanPolicy policy_;
};

ColumnChange AddColumn(const model::Column& column) {
  return ColumnChange{ChangeOp::kAdd, std::nullopt, column, 0};
}
ColumnChange DropColumn(const model::Column& column) {
  return ColumnChange{ChangeOp::kDrop, column, std::nullopt, 0};
}

TEST_F(SqliteStrategies, AddNullableColumnWithConstantDefaultUsesAlter) {
  model::Table after = before_;
  model::Column price = Col("price", TypeKind::Decimal);
  price.default_value = DefaultValue{DefaultValue::Kind::Number, "0"};
  after.columns.push_back(price);
  TableDiff diff;
  diff.columns = {AddColumn(price)};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "alter");
  EXPECT_EQ(steps[0].lock, "database");
  EXPECT_EQ(steps[0].change_index, 7u);
  ASSERT_EQ(steps[0].up.statements.size(), 1u);
  EXPECT_EQ(steps[0].up.statements[0], "ALTER TABLE \"items\" ADD COLUMN \"price\" DECIMAL DEFAULT 0");
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Count(), "3");
}

TEST_F(SqliteStrategies, ShadowStrategyHintForcesTheRebuild) {
  model::Table after = before_;
  after.strategy = "shadow";
  model::Column extra = Col("extra", TypeKind::Text);
  after.columns.push_back(extra);
  TableDiff diff;
  diff.columns = {AddColumn(extra)};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "rebuild");
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Count(), "3");

  TableDiff index_only;
  model::Index by_extra{"items_extra_idx", false, {}, "", "", {}};
  by_extra.keys.push_back(model::IndexKey{"extra", "", false, model::NullsOrder::Default, "", ""});
  index_only.indexes = {IndexChange{ChangeOp::kAdd, std::nullopt, by_extra, 0}};
  before_ = after;
  after.indexes.push_back(by_extra);
  EXPECT_EQ(PlanModify(after, index_only)[0].strategy, "alter") << "an index never needs the copy";
}

TEST_F(SqliteStrategies, AddNotNullColumnWithoutDefaultRebuildsWithHazard) {
  model::Table after = before_;
  model::Column code = Col("code", TypeKind::Text, false);
  after.columns.push_back(code);
  TableDiff diff;
  diff.columns = {AddColumn(code)};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "rebuild");
  EXPECT_TRUE(HasHazard(steps[0], hazard::kTableRebuild));
  EXPECT_TRUE(HasHazard(steps[0], hazard::kNotNullMayFail));
  // Rows exist, so the copy fails on NOT NULL: everything rolls back, nothing is lost.
  Status status = RunSteps(*db_, steps);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Count(), "3");
  ExpectInspectedTable(before_);
  EXPECT_EQ(Scalar(*db_, "PRAGMA foreign_keys"), "1") << "`after` re-enables foreign keys";
}

TEST_F(SqliteStrategies, RebuildShapeAndPragmas) {
  model::Table after = before_;
  after.columns[1].type.kind = TypeKind::Varchar;  // name: text -> varchar(10), narrowing
  after.columns[1].type.length = 10;
  TableDiff diff;
  diff.columns = {ColumnChange{ChangeOp::kModify, before_.columns[1], after.columns[1], kColumnType}};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  const SqlScript& up = steps[0].up;
  EXPECT_EQ(up.before, (std::vector<std::string>{"PRAGMA foreign_keys=OFF", "PRAGMA legacy_alter_table=ON"}));
  EXPECT_EQ(up.verify, (std::vector<std::string>{"PRAGMA foreign_key_check"}));
  EXPECT_EQ(up.after, (std::vector<std::string>{"PRAGMA legacy_alter_table=OFF", "PRAGMA foreign_keys=ON"}));
  EXPECT_TRUE(up.transactional);
  ASSERT_GE(up.statements.size(), 4u);
  EXPECT_EQ(up.statements[0].rfind("CREATE TABLE \"_schemac_new_items\" (", 0), 0u) << up.statements[0];
  EXPECT_EQ(up.statements[1],
            "INSERT INTO \"_schemac_new_items\" (\"id\", \"name\", \"qty\", \"note\") SELECT \"id\", "
            "\"name\", \"qty\", \"note\" FROM \"items\"");
  EXPECT_TRUE(HasHazard(steps[0], hazard::kNarrowType));
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Count(), "3");
  EXPECT_EQ(Scalar(*db_, "SELECT group_concat(name, ',') FROM items ORDER BY id"), "a,b,c");
}

// Regression: the rebuild used to copy with CAST(col AS <new type>); JSON, DATE, DECIMAL have
// NUMERIC affinity, so CAST('{"a":1}' AS JSON) stored 0 and CAST('2024-01-31' AS DATE) 2024.
TEST_F(SqliteStrategies, TypeChangeKeepsEveryValue) {
  ExecOk(*db_, "UPDATE items SET note = '{\"a\": 1}' WHERE name = 'a'");
  ExecOk(*db_, "UPDATE items SET note = '2024-01-31' WHERE name = 'b'");
  model::Table after = before_;
  after.columns[3].type = model::DataType{};
  after.columns[3].type.kind = TypeKind::Json;
  after.columns[1].type.kind = TypeKind::Date;
  TableDiff diff;
  diff.columns = {ColumnChange{ChangeOp::kModify, before_.columns[3], after.columns[3], kColumnType},
                  ColumnChange{ChangeOp::kModify, before_.columns[1], after.columns[1], kColumnType}};
  auto steps = PlanModify(after, diff);
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Scalar(*db_, "SELECT note FROM items WHERE name = 'a'"), "{\"a\": 1}");
  EXPECT_EQ(Scalar(*db_, "SELECT note FROM items WHERE name = 'b'"), "2024-01-31");
  EXPECT_EQ(Scalar(*db_, "SELECT group_concat(name, ',') FROM items ORDER BY id"), "a,b,c");
}

TEST_F(SqliteStrategies, RebuildKeepsRowsIndexesTriggersAndAutoincrementMark) {
  ExecOk(*db_, "CREATE TABLE audit (what TEXT)");
  ExecOk(*db_,
         "CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN INSERT INTO audit VALUES (new.name); END");
  ExecOk(*db_, "CREATE VIEW item_names AS SELECT name FROM items");
  ExecOk(*db_, "INSERT INTO items (name) VALUES ('d')");
  ExecOk(*db_, "DELETE FROM items WHERE name = 'd'");  // AUTOINCREMENT must not hand out id 4 again

  model::Table after = before_;
  after.columns[2].nullable = false;  // qty becomes NOT NULL with a default: NULLs are filled in
  after.columns[2].default_value = DefaultValue{DefaultValue::Kind::Number, "0"};
  after.checks = {model::Check{"items_qty_check", "qty >= 0"}};
  TableDiff diff;
  diff.columns = {ColumnChange{ChangeOp::kModify, before_.columns[2], after.columns[2],
                               kColumnNullability | kColumnDefault}};
  diff.checks = {CheckChange{ChangeOp::kAdd, std::nullopt, after.checks[0], 0}};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "rebuild");
  EXPECT_FALSE(HasHazard(steps[0], hazard::kNotNullMayFail)) << "a default fills the NULLs";
  Status status = RunSteps(*db_, steps);
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectInspectedTable(after);
  EXPECT_EQ(Count(), "3");
  EXPECT_EQ(Scalar(*db_, "SELECT qty FROM items WHERE name = 'b'"), "0");
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM item_names"), "3") << "the view still works";

  ExecOk(*db_, "INSERT INTO items (name, qty) VALUES ('e', 5)");
  EXPECT_EQ(Scalar(*db_, "SELECT id FROM items WHERE name = 'e'"), "5");
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM audit"), "2") << "the trigger was recreated";
  const model::Schema inspected = InspectOk(*db_);
  ASSERT_EQ(inspected.namespaces[0].triggers.size(), 1u);
  EXPECT_EQ(inspected.namespaces[0].triggers[0].name, "items_audit");
  EXPECT_EQ(inspected.namespaces[0].views.size(), 1u);
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '_schemac_new_%'"), "0");
}

TEST_F(SqliteStrategies, RebuildThatBreaksAViewRollsBack) {
  ExecOk(*db_, "CREATE VIEW notes AS SELECT note FROM items");
  model::Table after = before_;
  after.columns.erase(after.columns.begin() + 3);  // note
  after.checks = {model::Check{"items_qty_check", "qty > 0"}};
  TableDiff diff;
  diff.columns = {DropColumn(before_.columns[3])};
  diff.checks = {CheckChange{ChangeOp::kAdd, std::nullopt, after.checks[0], 0}};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].up.verify,
            (std::vector<std::string>{"PRAGMA foreign_key_check", "SELECT 1 FROM \"notes\" WHERE 0"}));
  ExecOk(*db_, "UPDATE items SET qty = 1 WHERE qty IS NULL");
  Status status = RunSteps(*db_, steps);
  ASSERT_FALSE(status.ok()) << "the view reads the dropped column";
  EXPECT_NE(status.message().find("note"), std::string::npos) << status.message();
  ExpectInspectedTable(before_);
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM notes"), "3");
}

TEST_F(SqliteStrategies, DropColumnUsesAlterUnlessIndexed) {
  model::Table after = before_;
  after.columns.erase(after.columns.begin() + 3);  // note
  TableDiff diff;
  diff.columns = {DropColumn(before_.columns[3])};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "alter");
  ASSERT_TRUE(HasHazard(steps[0], hazard::kDropColumn));
  EXPECT_TRUE(steps[0].HasDataLoss());
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);

  before_ = after;
  model::Table without_qty = after;
  without_qty.columns.erase(without_qty.columns.begin() + 2);  // qty is indexed by items_qty_idx
  without_qty.indexes.clear();
  TableDiff drop_qty;
  drop_qty.columns = {DropColumn(after.columns[2])};
  auto kept_index = PlanModify(without_qty, drop_qty);
  EXPECT_EQ(kept_index[0].strategy, "rebuild") << "the index still uses it";
  drop_qty.indexes = {IndexChange{ChangeOp::kDrop, after.indexes[0], std::nullopt, 0}};
  auto dropped_index = PlanModify(without_qty, drop_qty);
  EXPECT_EQ(dropped_index[0].strategy, "alter");
  ASSERT_TRUE(RunSteps(*db_, dropped_index).ok());
  ExpectInspectedTable(without_qty);
  EXPECT_EQ(Count(), "3");
}

TEST_F(SqliteStrategies, RenameColumnAndIndexesUseAlter) {
  model::Table after = before_;
  after.columns[3].name = "remark";
  model::Index by_name{"items_name_idx", true, {}, "", "", {}};
  by_name.keys.push_back(model::IndexKey{"name", "", true, model::NullsOrder::Default, "", ""});
  after.indexes = {by_name};
  TableDiff diff;
  diff.columns = {ColumnChange{ChangeOp::kRename, before_.columns[3], after.columns[3], 0}};
  diff.indexes = {IndexChange{ChangeOp::kDrop, before_.indexes[0], std::nullopt, 0},
                  IndexChange{ChangeOp::kAdd, std::nullopt, by_name, 0}};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "alter");
  EXPECT_EQ(steps[0].up.statements,
            (std::vector<std::string>{
                "DROP INDEX \"items_qty_idx\"", "ALTER TABLE \"items\" RENAME COLUMN \"note\" TO \"remark\"",
                "CREATE UNIQUE INDEX \"items_name_idx\" ON \"items\" (\"name\" DESC)"}));
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Scalar(*db_, "SELECT remark FROM items WHERE name = 'a'"), "x");
}

TEST_F(SqliteStrategies, RenameAndTypeChangeInOneRebuildCopiesByOldName) {
  model::Table after = before_;
  after.columns[2].name = "quantity";
  after.columns[2].type.kind = TypeKind::BigInt;
  after.indexes[0].keys[0].column = "quantity";
  TableDiff diff;
  model::Column renamed = before_.columns[2];
  renamed.name = "quantity";
  diff.columns = {ColumnChange{ChangeOp::kRename, before_.columns[2], renamed, 0},
                  ColumnChange{ChangeOp::kModify, renamed, after.columns[2], kColumnType}};
  auto steps = PlanModify(after, diff);
  EXPECT_EQ(steps[0].strategy, "rebuild");
  EXPECT_FALSE(HasHazard(steps[0], hazard::kNarrowType)) << "int -> bigint widens";
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
  EXPECT_EQ(Scalar(*db_, "SELECT quantity FROM items WHERE name = 'c'"), "3");
}

TEST_F(SqliteStrategies, ForeignKeyViolationRollsBackTheRebuild) {
  model::Table parent;
  parent.name = "parents";
  parent.columns = {Col("id", TypeKind::BigInt, false)};
  parent.primary_key = model::PrimaryKey{"parents_pkey", {"id"}};
  Create(parent);
  ExecOk(*db_, "INSERT INTO parents VALUES (1)");
  model::Table after = before_;
  after.foreign_keys = {model::ForeignKey{"items_qty_fkey", {"qty"}, "", "parents", {"id"}}};
  TableDiff diff;
  diff.foreign_keys = {ForeignKeyChange{ChangeOp::kAdd, std::nullopt, after.foreign_keys[0], 0}};
  auto steps = PlanModify(after, diff);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "rebuild");
  EXPECT_TRUE(HasHazard(steps[0], hazard::kConstraintMayFail));
  Status status = RunSteps(*db_, steps);  // qty = 3 has no parent
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("foreign_key_check"), std::string::npos) << status.message();
  ExpectInspectedTable(before_);
  EXPECT_EQ(Count(), "3");

  ExecOk(*db_, "INSERT INTO parents VALUES (3)");
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExpectInspectedTable(after);
}

TEST_F(SqliteStrategies, DropAndRenameTable) {
  Change rename;
  rename.kind = ChangeKind::kRenameTable;
  rename.table_before = before_;
  model::Table renamed = before_;
  renamed.name = "products";
  rename.table_after = renamed;
  auto rename_steps = Plan(rename, InspectOk(*db_), Normalized(SchemaOf({renamed})));
  ASSERT_EQ(rename_steps.size(), 1u);
  EXPECT_EQ(rename_steps[0].up.statements,
            (std::vector<std::string>{"ALTER TABLE \"items\" RENAME TO \"products\""}));
  ASSERT_TRUE(RunSteps(*db_, rename_steps).ok());
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM products"), "3");

  Change drop;
  drop.kind = ChangeKind::kDropTable;
  drop.table_before = renamed;
  auto drop_steps = Plan(drop, InspectOk(*db_), model::Schema{});
  ASSERT_EQ(drop_steps.size(), 1u);
  EXPECT_TRUE(HasHazard(drop_steps[0], hazard::kDropTable));
  EXPECT_TRUE(drop_steps[0].HasDataLoss());
  ASSERT_TRUE(RunSteps(*db_, drop_steps).ok());
  EXPECT_EQ(InspectOk(*db_).TableCount(), 0u);
}

TEST_F(SqliteStrategies, EnumValueChangesRebuildTheTablesUsingIt) {
  model::Enum status{"item_state", {"new", "done"}, "", {}};
  model::Table tasks;
  tasks.name = "tasks";
  model::Column state = Col("state", TypeKind::Enum, false);
  state.type.enum_name = status.name;
  tasks.columns = {Col("title", TypeKind::Text), state};
  Create(tasks, {status});
  ExecOk(*db_, "INSERT INTO tasks VALUES ('t1', 'new'), ('t2', 'done')");
  EXPECT_FALSE(db_->Execute("INSERT INTO tasks VALUES ('t3', 'other')").ok()) << "the CHECK holds the values";

  model::Enum grown = status;
  grown.values.push_back("archived");
  Change add_value;
  add_value.kind = ChangeKind::kModifyEnum;
  add_value.enum_before = status;
  add_value.enum_after = grown;
  auto steps = Plan(add_value, InspectOk(*db_), Normalized(SchemaOf({before_, tasks}, {grown})));
  ASSERT_EQ(steps.size(), 1u) << "only tasks uses the enum";
  EXPECT_EQ(steps[0].strategy, "rebuild");
  ASSERT_TRUE(RunSteps(*db_, steps).ok());
  ExecOk(*db_, "INSERT INTO tasks VALUES ('t3', 'archived')");
  EXPECT_EQ(InspectOk(*db_).FindEnum("", "item_state")->values, grown.values);

  model::Enum shrunk{"item_state", {"new", "archived"}, "", {}};
  Change remove_value;
  remove_value.kind = ChangeKind::kModifyEnum;
  remove_value.enum_before = grown;
  remove_value.enum_after = shrunk;
  auto removal = Plan(remove_value, InspectOk(*db_), Normalized(SchemaOf({before_, tasks}, {shrunk})));
  ASSERT_EQ(removal.size(), 1u);
  EXPECT_TRUE(HasHazard(removal[0], hazard::kDropEnumValue));
  EXPECT_FALSE(RunSteps(*db_, removal).ok()) << "t2 is 'done'";
  EXPECT_EQ(Scalar(*db_, "SELECT count(*) FROM tasks"), "3");
  EXPECT_EQ(InspectOk(*db_).FindEnum("", "item_state")->values, grown.values);
}

TEST(SqliteStrategiesNoOps, EnumAndNamespaceChangesAloneHaveNoSql) {
  const model::Schema empty;
  const PlanPolicy policy;
  const PlanContext context{empty, empty, policy, 0};
  Change add_enum;
  add_enum.kind = ChangeKind::kAddEnum;
  add_enum.enum_after = model::Enum{"e", {"a"}, "", {}};
  EXPECT_TRUE(SqliteDialectInstance().PlanChange(add_enum, context).empty());
}

TEST(SqliteUnsupported, ReportsWhatSqliteCannotBuild) {
  model::Table t;
  t.name = "t";
  model::Column ip = Col("ip", TypeKind::Native);
  ip.type.native = {{"postgres", "inet"}};
  model::Column id = Col("id", TypeKind::BigInt);
  id.identity = model::Identity{};
  model::Column code = Col("code", TypeKind::Text);
  code.collation = "C";
  model::Column name = Col("name", TypeKind::Text);
  name.collation = "nocase";
  t.columns = {ip, id, code, name};
  model::Index gin{"t_gin", false, {}, "", "gin", {"id"}};
  gin.keys.push_back(model::IndexKey{"ip", "", false, model::NullsOrder::First, "inet_ops", ""});
  t.indexes = {gin};
  model::ForeignKey full_match;
  full_match.name = "t_self_fkey";
  full_match.columns = {"id"};
  full_match.ref_table = "t";
  full_match.ref_columns = {"id"};
  full_match.match = model::MatchType::Full;
  t.foreign_keys = {full_match};
  model::Schema schema = SchemaOf({t});
  schema.namespaces.push_back(model::Namespace{"billing", {t}, {}, {}, {}, {}, {}});
  const auto problems = SqliteDialectInstance().Unsupported(schema);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  for (const char* expected : {"namespace billing", "native type", "identity", "gin", "include", "NULLS",
                               "inet_ops", "collation C does not exist", "ignores MATCH FULL"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " in:\n" << all;
  }
  EXPECT_EQ(all.find("collation nocase"), std::string::npos) << "NOCASE is built in";
  EXPECT_TRUE(SqliteDialectInstance().Unsupported(SchemaOf({})).empty());
}

TEST(SqliteCapabilitiesTest, AnswersTheCore) {
  const Capabilities capabilities = SqliteDialectInstance().GetCapabilities();
  EXPECT_TRUE(capabilities.transactional_ddl);
  EXPECT_FALSE(capabilities.foreign_keys_need_target);
  EXPECT_FALSE(capabilities.alter_foreign_keys);
  EXPECT_FALSE(capabilities.namespaces);
  EXPECT_EQ(SqliteDialectInstance().Name(), "sqlite");
}

}  // namespace
}  // namespace schemac::dialects::sqlite
