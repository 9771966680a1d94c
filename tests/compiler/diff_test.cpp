// Diff unit tests on hand-built models: every change kind, rename hints, no spurious changes.
#include "compiler/diff.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace schemac::testing;
using model::TypeKind;

std::vector<std::string> Describe(const ChangeList& changes) {
  std::vector<std::string> out;
  for (const auto& change : changes) out.push_back(change.Describe());
  return out;
}

model::Schema RichSchema() {
  model::Table users = Tbl("users", {Col("email", TypeKind::Text, false), Col("status", TypeKind::Enum)});
  users.columns[2].type = EnumType("user_status");
  users.uniques.push_back({"users_email_key", {"email"}});
  users.checks.push_back({"users_email_check", "email <> ''"});
  users.comment = "people";
  model::Table orders = Tbl("orders", {Col("user_id", TypeKind::BigInt, false)});
  orders.foreign_keys.push_back(Fk("orders", {"user_id"}, "users", {"id"}));
  orders.indexes.push_back(Idx("orders", {"user_id"}));
  orders.options["mysql"]["engine"] = "InnoDB";
  return OneNamespace({users, orders}, {MakeEnum("user_status", {"active", "banned"})});
}

TEST(DiffTest, EqualSchemasHaveNoChanges) { EXPECT_THAT(Diff(RichSchema(), RichSchema()), IsEmpty()); }

TEST(DiffTest, TableOrderIsNotAChange) {
  model::Schema reordered = RichSchema();
  std::swap(reordered.namespaces[0].tables[0], reordered.namespaces[0].tables[1]);
  EXPECT_THAT(Diff(RichSchema(), reordered), IsEmpty());
}

TEST(DiffTest, ColumnOrderIsNotAChange) {
  model::Schema current = OneNamespace({Tbl("t", {Col("a"), Col("b")})});
  model::Schema desired = OneNamespace({Tbl("t", {Col("b"), Col("a")})});
  EXPECT_THAT(Diff(current, desired), IsEmpty());
}

TEST(DiffTest, UnmanagedObjectsAreNeverDiffed) {
  model::Schema current = RichSchema();
  current.unmanaged.push_back({"view", "", "v_orders", "select 1"});
  EXPECT_THAT(Diff(current, RichSchema()), IsEmpty());
  EXPECT_THAT(Diff(RichSchema(), current), IsEmpty());
}

TEST(DiffTest, RenameHintsAreNotDatabaseState) {
  model::Schema desired = RichSchema();
  desired.namespaces[0].tables[0].renamed_from = {"people"};
  desired.namespaces[0].tables[0].columns[1].renamed_from = {"mail"};
  desired.namespaces[0].tables[0].strategy = "shadow";
  EXPECT_THAT(Diff(RichSchema(), desired), IsEmpty());
}

TEST(DiffTest, AddAndDropTable) {
  model::Schema current = OneNamespace({Tbl("old")});
  model::Schema desired = OneNamespace({Tbl("fresh")});
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kDropTable);
  EXPECT_EQ(changes[0].table_before->name, "old");
  EXPECT_FALSE(changes[0].table_after);
  EXPECT_EQ(changes[1].kind, ChangeKind::kAddTable);
  EXPECT_EQ(*changes[1].table_after, Tbl("fresh"));
  EXPECT_FALSE(changes[1].table_before);
}

TEST(DiffTest, AddAndDropColumns) {
  model::Schema current = OneNamespace({Tbl("t", {Col("gone"), Col("kept")})});
  model::Schema desired = OneNamespace({Tbl("t", {Col("kept"), Col("new1"), Col("new2")})});
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kModifyTable);
  EXPECT_EQ(changes[0].Describe(), "modify table t (drop column gone, add column new1, add column new2)");
  const auto& columns = changes[0].table_diff.columns;
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].op, ChangeOp::kDrop);
  EXPECT_EQ(columns[0].before->name, "gone");
  EXPECT_EQ(columns[1].op, ChangeOp::kAdd);
  EXPECT_EQ(columns[1].after->name, "new1");
  EXPECT_EQ(*changes[0].table_before, current.namespaces[0].tables[0]);
  EXPECT_EQ(*changes[0].table_after, desired.namespaces[0].tables[0]);
}

// Each modification of a column sets exactly its flag.
struct ColumnFlagCase {
  const char* what;
  std::uint32_t flag;
  void (*mutate)(model::Column&);
};

class ColumnFlagTest : public ::testing::TestWithParam<ColumnFlagCase> {};

TEST_P(ColumnFlagTest, SetsOnlyItsFlag) {
  model::Schema current = OneNamespace({Tbl("t", {Col("c")})});
  model::Schema desired = current;
  GetParam().mutate(desired.namespaces[0].tables[0].columns[1]);
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u) << GetParam().what;
  const auto& columns = changes[0].table_diff.columns;
  ASSERT_EQ(columns.size(), 1u) << GetParam().what;
  EXPECT_EQ(columns[0].op, ChangeOp::kModify);
  EXPECT_EQ(columns[0].flags, GetParam().flag) << GetParam().what;
  EXPECT_EQ(columns[0].before->name, "c");
  EXPECT_EQ(*columns[0].after, desired.namespaces[0].tables[0].columns[1]);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFlag, ColumnFlagTest,
    ::testing::Values(
        ColumnFlagCase{"type", kColumnType, [](model::Column& c) { c.type = Type(TypeKind::BigInt); }},
        ColumnFlagCase{"varchar length", kColumnType,
                       [](model::Column& c) {
                         c.type = Type(TypeKind::Varchar);
                         c.type.length = 10;
                       }},
        ColumnFlagCase{"nullability", kColumnNullability, [](model::Column& c) { c.nullable = false; }},
        ColumnFlagCase{"default", kColumnDefault,
                       [](model::Column& c) {
                         c.default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "0"};
                       }},
        ColumnFlagCase{"identity", kColumnIdentity,
                       [](model::Column& c) { c.identity = model::Identity{true}; }},
        ColumnFlagCase{"generated", kColumnGenerated,
                       [](model::Column& c) {
                         c.generated = model::Generated{"id * 2", true};
                       }},
        ColumnFlagCase{"collation", kColumnCollation, [](model::Column& c) { c.collation = "C"; }},
        ColumnFlagCase{"comment", kColumnComment, [](model::Column& c) { c.comment = "why"; }}));

TEST(DiffTest, SeveralColumnFlagsInOneModification) {
  model::Schema current = OneNamespace({Tbl("t", {Col("c")})});
  model::Schema desired = current;
  auto& column = desired.namespaces[0].tables[0].columns[1];
  column.type = Type(TypeKind::BigInt);
  column.nullable = false;
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].table_diff.columns[0].flags, kColumnType | kColumnNullability);
  EXPECT_EQ(changes[0].Describe(), "modify table t (modify column c (type, nullability))");
}

TEST(DiffTest, ChangedIndexIsDropAndAdd) {
  model::Schema current = OneNamespace({Tbl("t", {Col("a"), Col("b")})});
  current.namespaces[0].tables[0].indexes.push_back(Idx("t", {"a"}));
  model::Schema desired = current;
  desired.namespaces[0].tables[0].indexes[0].unique = true;
  desired.namespaces[0].tables[0].indexes.push_back(Idx("t", {"b"}));
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  const auto& indexes = changes[0].table_diff.indexes;
  ASSERT_EQ(indexes.size(), 3u);
  EXPECT_EQ(indexes[0].op, ChangeOp::kDrop);
  EXPECT_FALSE(indexes[0].before->unique);
  EXPECT_EQ(indexes[1].op, ChangeOp::kAdd);
  EXPECT_TRUE(indexes[1].after->unique);
  EXPECT_EQ(indexes[2].op, ChangeOp::kAdd);
  EXPECT_EQ(indexes[2].after->name, "t_b_idx");
}

TEST(DiffTest, ConstraintsAreDroppedAndAdded) {
  model::Schema current = OneNamespace({Tbl("p"), Tbl("t", {Col("a"), Col("p_id")})});
  model::Table& t = current.namespaces[0].tables[1];
  t.uniques.push_back({"t_a_key", {"a"}});
  t.checks.push_back({"t_a_check", "a > 0"});
  t.foreign_keys.push_back(Fk("t", {"p_id"}, "p", {"id"}));
  model::Schema desired = current;
  model::Table& wanted = desired.namespaces[0].tables[1];
  wanted.uniques[0].columns = {"a", "p_id"};
  wanted.checks[0].expression = "a > 1";
  wanted.foreign_keys[0].on_delete = model::ReferentialAction::Cascade;
  wanted.primary_key->columns = {"id", "a"};
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].Describe(),
            "modify table t (drop primary key t_pkey, add primary key t_pkey, drop unique t_a_key, add "
            "unique t_a_key, "
            "drop foreign key t_p_id_fkey, add foreign key t_p_id_fkey, drop check t_a_check, add check "
            "t_a_check)");
}

TEST(DiffTest, PrimaryKeyAddedAndRemoved) {
  model::Schema current = OneNamespace({Tbl("t")});
  model::Schema desired = current;
  desired.namespaces[0].tables[0].primary_key.reset();
  ChangeList dropped = Diff(current, desired);
  ASSERT_EQ(dropped.size(), 1u);
  ASSERT_EQ(dropped[0].table_diff.primary_key.size(), 1u);
  EXPECT_EQ(dropped[0].table_diff.primary_key[0].op, ChangeOp::kDrop);
  ChangeList added = Diff(desired, current);
  ASSERT_EQ(added.size(), 1u);
  ASSERT_EQ(added[0].table_diff.primary_key.size(), 1u);
  EXPECT_EQ(added[0].table_diff.primary_key[0].op, ChangeOp::kAdd);
}

TEST(DiffTest, TableCommentAndOptions) {
  model::Schema current = OneNamespace({Tbl("t")});
  model::Schema desired = current;
  desired.namespaces[0].tables[0].comment = "hello";
  desired.namespaces[0].tables[0].options["mysql"]["engine"] = "InnoDB";
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].table_diff.comment_changed);
  EXPECT_TRUE(changes[0].table_diff.options_changed);
  EXPECT_TRUE(changes[0].table_diff.columns.empty());
  EXPECT_EQ(changes[0].Describe(), "modify table t (change comment, change options)");
}

TEST(DiffTest, EnumsAddDropModify) {
  model::Schema current =
      OneNamespace({}, {MakeEnum("gone", {"x"}), MakeEnum("grows", {"a"}), MakeEnum("shrinks", {"a", "b"})});
  model::Schema desired =
      OneNamespace({}, {MakeEnum("grows", {"a", "b"}), MakeEnum("shrinks", {"a"}), MakeEnum("fresh", {"y"})});
  EXPECT_THAT(Describe(Diff(current, desired)),
              ElementsAre("modify enum grows (add value b)", "add enum fresh",
                          "modify enum shrinks (drop value b)", "drop enum gone"));
}

TEST(DiffTest, EnumReorderAndComment) {
  model::Schema current = OneNamespace({}, {MakeEnum("e", {"a", "b"})});
  model::Schema desired = OneNamespace({}, {MakeEnum("e", {"b", "a"})});
  desired.namespaces[0].enums[0].comment = "note";
  EXPECT_THAT(Describe(Diff(current, desired)),
              ElementsAre("modify enum e (reorder values, change comment)"));
}

TEST(DiffTest, EnumRenameKeepsColumnsUnchanged) {
  model::Table t = Tbl("t", {Col("s")});
  t.columns[1].type = EnumType("old_status");
  model::Schema current = OneNamespace({t}, {MakeEnum("old_status", {"a"})});
  t.columns[1].type = EnumType("status");
  model::Enum renamed = MakeEnum("status", {"a", "b"});
  renamed.renamed_from = {"old_status"};
  model::Schema desired = OneNamespace({t}, {renamed});
  ChangeList changes = Diff(current, desired);
  EXPECT_THAT(Describe(changes),
              ElementsAre("rename enum old_status to status", "modify enum status (add value b)"));
  EXPECT_EQ(changes[0].enum_before->name, "old_status");
  EXPECT_EQ(changes[0].enum_after->name, "status");
  EXPECT_EQ(changes[0].enum_after->values, std::vector<std::string>{"a"});
  EXPECT_EQ(changes[1].enum_before->values, std::vector<std::string>{"a"});
}

TEST(DiffTest, NamespacesAddedAndDropped) {
  model::Schema current = OneNamespace({Tbl("t")});
  current.namespaces.push_back({"legacy", {Tbl("old")}, {MakeEnum("e", {"a"})}});
  model::Schema desired = OneNamespace({Tbl("t")});
  desired.namespaces.push_back({"billing", {Tbl("invoices")}, {}});
  ChangeList changes = Diff(current, desired);
  EXPECT_THAT(Describe(changes),
              ElementsAre("add namespace billing", "drop table legacy.old", "add table billing.invoices",
                          "drop enum legacy.e", "drop namespace legacy"));
  EXPECT_EQ(changes[0].ns, "billing");
  EXPECT_EQ(changes[1].ns, "legacy");
}

TEST(DiffTest, DefaultNamespaceIsNeverAddedOrDropped) {
  model::Schema empty;
  model::Schema desired = OneNamespace({Tbl("t")});
  EXPECT_THAT(Describe(Diff(empty, desired)), ElementsAre("add table t"));
  EXPECT_THAT(Describe(Diff(desired, empty)), ElementsAre("drop table t"));
}

TEST(DiffTest, TableRename) {
  model::Schema current = OneNamespace({Tbl("purchases", {Col("a")})});
  model::Table orders = Tbl("orders", {Col("a")});
  orders.primary_key->name = "purchases_pkey";  // databases keep constraint names on rename
  orders.renamed_from = {"purchases"};
  model::Schema desired = OneNamespace({orders});
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kRenameTable);
  EXPECT_EQ(changes[0].Describe(), "rename table purchases to orders");
  EXPECT_EQ(changes[0].table_before->name, "purchases");
  EXPECT_EQ(changes[0].table_after->name, "orders");
  EXPECT_EQ(changes[0].table_after->columns, current.namespaces[0].tables[0].columns);
}

TEST(DiffTest, TableRenamePlusModificationIsRenameThenModify) {
  model::Schema current = OneNamespace({Tbl("purchases", {Col("a")})});
  model::Table orders = Tbl("orders", {Col("a"), Col("b")});
  orders.primary_key->name = "purchases_pkey";
  orders.renamed_from = {"purchases"};
  model::Schema desired = OneNamespace({orders});
  ChangeList changes = Diff(current, desired);
  EXPECT_THAT(Describe(changes),
              ElementsAre("rename table purchases to orders", "modify table orders (add column b)"));
  EXPECT_EQ(changes[1].table_before->name, "orders");
}

TEST(DiffTest, StaleTableHintIsHarmless) {
  model::Schema current = OneNamespace({Tbl("orders")});
  model::Table orders = Tbl("orders");
  orders.renamed_from = {"purchases"};
  EXPECT_THAT(Diff(current, OneNamespace({orders})), IsEmpty());
}

TEST(DiffTest, HintWithoutOldTableAddsTable) {
  model::Table orders = Tbl("orders");
  orders.renamed_from = {"purchases"};
  EXPECT_THAT(Describe(Diff(OneNamespace({Tbl("other")}), OneNamespace({Tbl("other"), orders}))),
              ElementsAre("add table orders"));
}

TEST(DiffTest, HintIgnoredWhenNewNameAlreadyExists) {
  model::Schema current = OneNamespace({Tbl("purchases"), Tbl("orders")});
  model::Table orders = Tbl("orders");
  orders.renamed_from = {"purchases"};
  EXPECT_THAT(Describe(Diff(current, OneNamespace({orders}))), ElementsAre("drop table purchases"));
}

TEST(DiffTest, OldestHintUsedWhenNewerIsGone) {
  model::Schema current = OneNamespace({Tbl("v1")});
  model::Table t = Tbl("v3");
  t.primary_key->name = "v1_pkey";
  t.renamed_from = {"v2", "v1"};
  EXPECT_THAT(Describe(Diff(current, OneNamespace({t}))), ElementsAre("rename table v1 to v3"));
}

TEST(DiffTest, ColumnRename) {
  model::Schema current = OneNamespace({Tbl("t", {Col("comment", TypeKind::Text)})});
  model::Schema desired = OneNamespace({Tbl("t", {Renamed(Col("note", TypeKind::Text), {"comment"})})});
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  const auto& columns = changes[0].table_diff.columns;
  ASSERT_EQ(columns.size(), 1u);
  EXPECT_EQ(columns[0].op, ChangeOp::kRename);
  EXPECT_EQ(columns[0].before->name, "comment");
  EXPECT_EQ(columns[0].after->name, "note");
  EXPECT_EQ(changes[0].Describe(), "modify table t (rename column comment to note)");
}

TEST(DiffTest, ColumnRenamePlusModificationIsRenameThenModify) {
  model::Schema current = OneNamespace({Tbl("t", {Col("comment", TypeKind::Text)})});
  model::Column note = Renamed(Col("note", TypeKind::Text, false), {"comment"});
  model::Schema desired = OneNamespace({Tbl("t", {note})});
  ChangeList changes = Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  const auto& columns = changes[0].table_diff.columns;
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].op, ChangeOp::kRename);
  EXPECT_EQ(columns[1].op, ChangeOp::kModify);
  EXPECT_EQ(columns[1].flags, kColumnNullability);
  EXPECT_EQ(columns[1].before->name, "note");
  EXPECT_TRUE(columns[1].before->nullable);
  EXPECT_FALSE(columns[1].after->nullable);
}

TEST(DiffTest, StaleColumnHintIsHarmless) {
  model::Schema current = OneNamespace({Tbl("t", {Col("note")})});
  model::Schema desired = OneNamespace({Tbl("t", {Renamed(Col("note"), {"comment"})})});
  EXPECT_THAT(Diff(current, desired), IsEmpty());
}

TEST(DiffTest, ColumnHintWithoutOldColumnAddsColumn) {
  model::Schema current = OneNamespace({Tbl("t")});
  model::Schema desired = OneNamespace({Tbl("t", {Renamed(Col("note"), {"comment"})})});
  EXPECT_THAT(Describe(Diff(current, desired)), ElementsAre("modify table t (add column note)"));
}

TEST(DiffTest, IndexOnRenamedColumnIsUnchanged) {
  model::Table before = Tbl("t", {Col("a")});
  before.indexes.push_back(Idx("t", {"a"}));
  model::Table after = Tbl("t", {Renamed(Col("b"), {"a"})});
  after.indexes.push_back(Idx("t", {"b"}));
  after.indexes[0].name = "t_a_idx";  // an index keeps its name when a column is renamed
  ChangeList changes = Diff(OneNamespace({before}), OneNamespace({after}));
  EXPECT_THAT(Describe(changes), ElementsAre("modify table t (rename column a to b)"));
}

TEST(DiffTest, ForeignKeyToRenamedTableAndColumnIsUnchanged) {
  model::Table parent = Tbl("people", {Col("code")});
  parent.uniques.push_back({"people_code_key", {"code"}});
  model::Table child = Tbl("orders", {Col("person_code")});
  child.foreign_keys.push_back(Fk("orders", {"person_code"}, "people", {"code"}));
  model::Schema current = OneNamespace({parent, child});

  model::Table renamed_parent = Tbl("users", {Renamed(Col("handle"), {"code"})});
  renamed_parent.renamed_from = {"people"};
  renamed_parent.primary_key->name = "people_pkey";
  renamed_parent.uniques.push_back({"people_code_key", {"handle"}});
  model::Table same_child = Tbl("orders", {Col("person_code")});
  same_child.foreign_keys.push_back(Fk("orders", {"person_code"}, "users", {"handle"}));
  same_child.foreign_keys[0].name = "orders_person_code_fkey";
  model::Schema desired = OneNamespace({renamed_parent, same_child});

  ChangeList changes = Diff(current, desired);
  EXPECT_THAT(Describe(changes), ElementsAre("rename table people to users",
                                             "modify table users (rename column code to handle)"));
}

TEST(DiffTest, ForeignKeyNamespaceSpelledEitherWay) {
  model::Schema current;
  model::Table child = Tbl("c", {Col("p_id")});
  child.foreign_keys.push_back(Fk("c", {"p_id"}, "p", {"id"}));
  current.namespaces.push_back({"app", {Tbl("p"), child}, {}});
  model::Schema desired = current;
  desired.namespaces[0].tables[1].foreign_keys[0].ref_namespace = "app";
  EXPECT_THAT(Diff(current, desired), IsEmpty());
}

TEST(DiffTest, IsDeterministic) {
  model::Schema current = RichSchema();
  model::Schema desired = OneNamespace({Tbl("a"), Tbl("b")}, {MakeEnum("x", {"1"})});
  EXPECT_EQ(Describe(Diff(current, desired)), Describe(Diff(current, desired)));
}

}  // namespace
}  // namespace schemac::compiler
