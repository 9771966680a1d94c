// Change::Describe and Invert: every kind, and Invert(Invert(c)) == c.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "compiler/diff.hpp"
#include "model_builders.hpp"

namespace schemac {
namespace {

using namespace schemac::testing;
using model::TypeKind;

template <typename T>
bool SameObjectChanges(const std::vector<ObjectChange<T>>& a, const std::vector<ObjectChange<T>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].op != b[i].op || a[i].before != b[i].before || a[i].after != b[i].after ||
        a[i].flags != b[i].flags) {
      return false;
    }
  }
  return true;
}

bool SameChange(const Change& a, const Change& b) {
  const TableDiff& x = a.table_diff;
  const TableDiff& y = b.table_diff;
  return a.kind == b.kind && a.ns == b.ns && a.table_before == b.table_before &&
         a.table_after == b.table_after && a.enum_before == b.enum_before && a.enum_after == b.enum_after &&
         SameObjectChanges(x.columns, y.columns) && SameObjectChanges(x.primary_key, y.primary_key) &&
         SameObjectChanges(x.uniques, y.uniques) && SameObjectChanges(x.indexes, y.indexes) &&
         SameObjectChanges(x.foreign_keys, y.foreign_keys) && SameObjectChanges(x.checks, y.checks) &&
         x.comment_changed == y.comment_changed && x.options_changed == y.options_changed;
}

// One change list that holds every kind of change and every kind of object change.
ChangeList EveryKind() {
  model::Table rich = Tbl("rich", {Col("gone"), Col("old_name"), Col("typed")});
  rich.indexes.push_back(Idx("rich", {"typed"}));
  rich.uniques.push_back({"rich_typed_key", {"typed"}});
  rich.checks.push_back({"rich_check", "typed > 0"});
  model::Schema current =
      OneNamespace({Tbl("dropped"), Tbl("purchases"), rich, Tbl("p")},
                   {MakeEnum("dead", {"a"}), MakeEnum("old_enum", {"a"}), MakeEnum("e", {"a"})});
  current.namespaces.push_back({"legacy", {}, {}});

  model::Table orders = Tbl("orders");
  orders.renamed_from = {"purchases"};
  model::Table rich_after = Tbl("rich", {Renamed(Col("new_name", TypeKind::Text), {"old_name"}),
                                         Col("typed", TypeKind::BigInt), Col("added")});
  rich_after.indexes.push_back(Idx("rich", {"typed"}, true));
  rich_after.checks.push_back({"rich_check", "typed > 1"});
  rich_after.foreign_keys.push_back(Fk("rich", {"added"}, "p", {"id"}));
  rich_after.primary_key = Pk("rich", {"id", "typed"});
  rich_after.comment = "now with comment";
  rich_after.options["sqlite"]["strict"] = "true";
  model::Enum renamed = MakeEnum("new_enum", {"a"});
  renamed.renamed_from = {"old_enum"};
  model::Schema desired = OneNamespace({orders, rich_after, Tbl("p"), Tbl("added")},
                                       {renamed, MakeEnum("e", {"b", "a"}), MakeEnum("born", {"x"})});
  desired.namespaces.push_back({"fresh", {}, {}});
  return compiler::Diff(current, desired);
}

TEST(ChangeTest, CoversEveryKind) {
  std::set<ChangeKind> kinds;
  for (const auto& change : EveryKind()) kinds.insert(change.kind);
  EXPECT_EQ(kinds.size(), 10u);
}

TEST(ChangeTest, InvertTwiceGivesTheChangeBack) {
  for (const auto& change : EveryKind()) {
    EXPECT_TRUE(SameChange(Invert(Invert(change)), change)) << change.Describe();
  }
}

TEST(ChangeTest, InvertSwapsSidesAndKinds) {
  const std::map<ChangeKind, ChangeKind> expected = {
      {ChangeKind::kAddNamespace, ChangeKind::kDropNamespace},
      {ChangeKind::kDropNamespace, ChangeKind::kAddNamespace},
      {ChangeKind::kAddEnum, ChangeKind::kDropEnum},
      {ChangeKind::kDropEnum, ChangeKind::kAddEnum},
      {ChangeKind::kRenameEnum, ChangeKind::kRenameEnum},
      {ChangeKind::kModifyEnum, ChangeKind::kModifyEnum},
      {ChangeKind::kAddTable, ChangeKind::kDropTable},
      {ChangeKind::kDropTable, ChangeKind::kAddTable},
      {ChangeKind::kRenameTable, ChangeKind::kRenameTable},
      {ChangeKind::kModifyTable, ChangeKind::kModifyTable},
  };
  for (const auto& change : EveryKind()) {
    Change inverted = Invert(change);
    EXPECT_EQ(inverted.kind, expected.at(change.kind)) << change.Describe();
    EXPECT_EQ(inverted.ns, change.ns);
    EXPECT_EQ(inverted.table_before, change.table_after) << change.Describe();
    EXPECT_EQ(inverted.enum_after, change.enum_before) << change.Describe();
  }
}

// Undoing "rename a to b, modify b" is "rename b to a, modify a": renames first in both
// directions, whether a dialect runs the list in order or renames before modifications.
TEST(ChangeTest, InvertedRenameAndModifyKeepRenameFirst) {
  model::Schema current = OneNamespace({Tbl("t", {Col("a")})});
  model::Schema desired = OneNamespace({Tbl("t", {Renamed(Col("b", TypeKind::Text), {"a"})})});
  ChangeList changes = compiler::Diff(current, desired);
  ASSERT_EQ(changes.size(), 1u);
  Change inverted = Invert(changes[0]);
  EXPECT_EQ(inverted.Describe(), "modify table t (rename column b to a, modify column a (type))");
  const auto& columns = inverted.table_diff.columns;
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].op, ChangeOp::kRename);
  EXPECT_EQ(columns[0].before->name, "b");
  EXPECT_EQ(columns[0].after->name, "a");
  EXPECT_EQ(columns[0].after->type.kind, TypeKind::Text);  // a rename changes nothing else
  EXPECT_EQ(columns[1].op, ChangeOp::kModify);
  EXPECT_EQ(columns[1].flags, kColumnType);
  EXPECT_EQ(columns[1].before->name, "a");
  EXPECT_EQ(columns[1].before->type.kind, TypeKind::Text);
  EXPECT_EQ(*columns[1].after, current.namespaces[0].tables[0].columns[1]);
}

TEST(ChangeTest, InvertOfModificationMatchesTheReverseDiff) {
  model::Schema current = OneNamespace({Tbl("t", {Col("a"), Col("b")})});
  model::Schema desired = OneNamespace({Tbl("t", {Col("a", TypeKind::Text, false), Col("c")})});
  ChangeList forward = compiler::Diff(current, desired);
  ChangeList backward = compiler::Diff(desired, current);
  ASSERT_EQ(forward.size(), 1u);
  ASSERT_EQ(backward.size(), 1u);
  // Same content; only the position of drops and adds among columns differs.
  EXPECT_EQ(Invert(forward[0]).Describe(),
            "modify table t (add column b, modify column a (type, nullability), drop column c)");
  EXPECT_EQ(backward[0].Describe(),
            "modify table t (drop column c, modify column a (type, nullability), add column b)");
}

TEST(ChangeTest, DescribeEveryKind) {
  std::vector<std::string> descriptions;
  for (const auto& change : EveryKind()) descriptions.push_back(change.Describe());
  const std::vector<std::string> expected = {
      "add namespace fresh",
      "rename enum old_enum to new_enum",
      "modify enum e (add value b)",
      "add enum born",
      "rename table purchases to orders",
      "drop table dropped",
      "add table added",
      "modify table orders (drop primary key purchases_pkey, add primary key orders_pkey)",
      "modify table rich (drop column gone, rename column old_name to new_name, modify column new_name "
      "(type), "
      "modify column typed (type), add column added, drop primary key rich_pkey, add primary key rich_pkey, "
      "drop unique rich_typed_key, drop index rich_typed_idx, add index rich_typed_idx, "
      "add foreign key rich_added_fkey, drop check rich_check, add check rich_check, change comment, "
      "change options)",
      "drop enum dead",
      "drop namespace legacy",
  };
  EXPECT_EQ(descriptions, expected);
}

}  // namespace
}  // namespace schemac
