// Ordering of the change list: dependencies first, cycles broken, stable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/diff.hpp"
#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using namespace schemac::testing;
using model::TypeKind;

std::vector<std::string> Describe(const ChangeList& changes) {
  std::vector<std::string> out;
  for (const auto& change : changes) out.push_back(change.Describe());
  return out;
}

model::Table WithFk(model::Table table, const std::string& column, const std::string& target) {
  table.columns.push_back(Col(column, TypeKind::BigInt));
  table.foreign_keys.push_back(Fk(table.name, {column}, target, {"id"}));
  return table;
}

dialects::Capabilities TargetsOptional() {
  dialects::Capabilities caps;
  caps.foreign_keys_need_target = false;
  return caps;
}

TEST(DiffOrderTest, ReferencedTablesAreCreatedFirst) {
  model::Schema desired =
      OneNamespace({WithFk(Tbl("items"), "order_id", "orders"), WithFk(Tbl("orders"), "user_id", "users"),
                    Tbl("users"), Tbl("misc")});
  EXPECT_THAT(Describe(Diff(model::Schema{}, desired)),
              ElementsAre("add table users", "add table orders", "add table items", "add table misc"));
}

TEST(DiffOrderTest, SelfReferenceIsNotACycle) {
  model::Schema desired = OneNamespace({WithFk(Tbl("nodes"), "parent_id", "nodes")});
  ChangeList changes = Diff(model::Schema{}, desired);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].table_after->foreign_keys.size(), 1u);
}

TEST(DiffOrderTest, CycleIsBrokenWhenTargetsMustExist) {
  model::Schema desired = OneNamespace({WithFk(Tbl("a"), "b_id", "b"), WithFk(Tbl("b"), "a_id", "a")});
  ChangeList changes = Diff(model::Schema{}, desired);
  EXPECT_THAT(Describe(changes),
              ElementsAre("add table a", "add table b", "modify table a (add foreign key a_b_id_fkey)"));
  EXPECT_TRUE(changes[0].table_after->foreign_keys.empty());
  EXPECT_EQ(changes[1].table_after->foreign_keys.size(), 1u);
  EXPECT_TRUE(changes[2].table_before->foreign_keys.empty());
  EXPECT_EQ(*changes[2].table_after, desired.namespaces[0].tables[0]);
}

// `c` is not part of the cycle, so the cycle is broken at `a`, not at `c`; once `a` exists, `c`
// is free to go (it comes before `b` in the input).
TEST(DiffOrderTest, CycleIsBrokenInsideTheCycle) {
  model::Schema desired = OneNamespace(
      {WithFk(Tbl("c"), "a_id", "a"), WithFk(Tbl("a"), "b_id", "b"), WithFk(Tbl("b"), "a_id", "a")});
  EXPECT_THAT(Describe(Diff(model::Schema{}, desired)),
              ElementsAre("add table a", "add table c", "add table b",
                          "modify table a (add foreign key a_b_id_fkey)"));
}

TEST(DiffOrderTest, CycleKeptWholeWhenTargetsMayBeMissing) {
  model::Schema desired = OneNamespace({WithFk(Tbl("a"), "b_id", "b"), WithFk(Tbl("b"), "a_id", "a")});
  ChangeList changes = Diff(model::Schema{}, desired, TargetsOptional());
  EXPECT_THAT(Describe(changes), ElementsAre("add table a", "add table b"));
  EXPECT_EQ(changes[0].table_after->foreign_keys.size(), 1u);
}

TEST(DiffOrderTest, ReferencingTablesAreDroppedFirst) {
  model::Schema current = OneNamespace(
      {Tbl("users"), WithFk(Tbl("orders"), "user_id", "users"), WithFk(Tbl("items"), "order_id", "orders")});
  EXPECT_THAT(Describe(Diff(current, model::Schema{})),
              ElementsAre("drop table items", "drop table orders", "drop table users"));
}

TEST(DiffOrderTest, DroppedCycleLosesItsKeysFirst) {
  model::Schema current = OneNamespace({WithFk(Tbl("a"), "b_id", "b"), WithFk(Tbl("b"), "a_id", "a")});
  ChangeList changes = Diff(current, model::Schema{});
  EXPECT_THAT(Describe(changes),
              ElementsAre("modify table a (drop foreign key a_b_id_fkey)", "drop table b", "drop table a"));
  EXPECT_TRUE(changes[2].table_before->foreign_keys.empty());
  EXPECT_THAT(Describe(Diff(current, model::Schema{}, TargetsOptional())),
              ElementsAre("drop table b", "drop table a"));
}

TEST(DiffOrderTest, ForeignKeyToDroppedTableIsDroppedBeforeTheTable) {
  model::Schema current =
      OneNamespace({Tbl("legacy"), WithFk(Tbl("orders", {Col("x")}), "legacy_id", "legacy")});
  model::Schema desired = OneNamespace({Tbl("orders", {Col("legacy_id", TypeKind::BigInt)})});
  ChangeList changes = Diff(current, desired);
  EXPECT_THAT(Describe(changes), ElementsAre("modify table orders (drop foreign key orders_legacy_id_fkey)",
                                             "drop table legacy", "modify table orders (drop column x)"));
  // The later modification starts from the table without the key.
  EXPECT_TRUE(changes[2].table_before->foreign_keys.empty());
  EXPECT_TRUE(changes[2].table_diff.foreign_keys.empty());
}

TEST(DiffOrderTest, ForeignKeyToDroppedColumnIsDroppedFirst) {
  model::Table parent = Tbl("parent", {Col("code")});
  model::Table child = Tbl("child", {Col("parent_code")});
  child.foreign_keys.push_back(Fk("child", {"parent_code"}, "parent", {"code"}));
  model::Schema current = OneNamespace({child, parent});
  model::Schema desired = OneNamespace({Tbl("child", {Col("parent_code")}), Tbl("parent")});
  EXPECT_THAT(Describe(Diff(current, desired)),
              ElementsAre("modify table child (drop foreign key child_parent_code_fkey)",
                          "modify table parent (drop column code)"));
}

TEST(DiffOrderTest, FullOrdering) {
  model::Table old_child = WithFk(Tbl("old_child"), "gone_id", "gone");
  model::Table keeper = WithFk(Tbl("keeper"), "gone_id", "gone");
  model::Table legacy = Tbl("purchases");
  model::Schema current =
      OneNamespace({Tbl("gone"), old_child, keeper, legacy},
                   {MakeEnum("dead", {"x"}), MakeEnum("shrink", {"a", "b"}), MakeEnum("grow", {"a"})});
  current.namespaces.push_back({"old_ns", {}, {}});

  model::Table orders = Tbl("orders");
  orders.renamed_from = {"purchases"};
  orders.primary_key->name = "purchases_pkey";
  orders.columns.push_back(Col("extra"));
  model::Table kept = Tbl("keeper", {Col("gone_id", TypeKind::BigInt)});
  model::Schema desired =
      OneNamespace({kept, orders, WithFk(Tbl("fresh"), "order_id", "orders")},
                   {MakeEnum("shrink", {"a"}), MakeEnum("grow", {"a", "b"}), MakeEnum("born", {"z"})});
  desired.namespaces.push_back({"new_ns", {}, {}});

  EXPECT_THAT(
      Describe(Diff(current, desired)),
      ElementsAre("add namespace new_ns", "modify enum grow (add value b)", "add enum born",
                  "rename table purchases to orders",
                  "modify table keeper (drop foreign key keeper_gone_id_fkey)", "drop table old_child",
                  "drop table gone", "add table fresh", "modify table orders (add column extra)",
                  "modify enum shrink (drop value b)", "drop enum dead", "drop namespace old_ns"));
}

}  // namespace
}  // namespace schemac::compiler
