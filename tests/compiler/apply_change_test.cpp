// ApplyChange: the schema after a change, as the database would hold it.
#include "compiler/apply_change.hpp"

#include <gtest/gtest.h>

#include "compiler/diff.hpp"
#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using namespace schemac::testing;
using model::TypeKind;

// Applying every change of Diff(current, desired) to current gives desired (up to the order of
// columns, tables and enums, which the diff does not preserve).
void ExpectConverges(const model::Schema& current, const model::Schema& desired) {
  model::Schema state = current;
  for (const auto& change : Diff(current, desired)) ApplyChange(change, state);
  EXPECT_TRUE(Diff(state, desired).empty()) << "left over: " << Diff(state, desired).front().Describe();
  // And the inverses, last first, come back.
  ChangeList changes = Diff(current, desired);
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) ApplyChange(Invert(*it), state);
  EXPECT_TRUE(Diff(state, current).empty()) << "left over: " << Diff(state, current).front().Describe();
}

TEST(ApplyChangeTest, TableRenameFollowsForeignKeys) {
  model::Table child = Tbl("child", {Col("p_id", TypeKind::BigInt)});
  child.foreign_keys.push_back(Fk("child", {"p_id"}, "parent", {"id"}));
  model::Schema schema = OneNamespace({Tbl("parent"), child});
  Change rename;
  rename.kind = ChangeKind::kRenameTable;
  rename.table_before = Tbl("parent");
  rename.table_after = Tbl("mother");
  ApplyChange(rename, schema);
  EXPECT_EQ(schema.namespaces[0].tables[0].name, "mother");
  EXPECT_EQ(schema.namespaces[0].tables[1].foreign_keys[0].ref_table, "mother");
}

TEST(ApplyChangeTest, EnumRenameFollowsColumns) {
  model::Table t = Tbl("t", {Col("s")});
  t.columns[1].type = EnumType("old");
  model::Schema schema = OneNamespace({t}, {MakeEnum("old", {"a"})});
  Change rename;
  rename.kind = ChangeKind::kRenameEnum;
  rename.enum_before = MakeEnum("old", {"a"});
  rename.enum_after = MakeEnum("new", {"a"});
  ApplyChange(rename, schema);
  EXPECT_EQ(schema.namespaces[0].enums[0].name, "new");
  EXPECT_EQ(schema.namespaces[0].tables[0].columns[1].type.enum_name, "new");
}

TEST(ApplyChangeTest, ConvergesOnEveryKindOfChange) {
  model::Table parent = Tbl("people", {Col("code"), Col("gone")});
  model::Table child = Tbl("orders", {Col("person_code"), Col("s")});
  child.columns[2].type = EnumType("old_status");
  child.foreign_keys.push_back(Fk("orders", {"person_code"}, "people", {"code"}));
  model::Schema current =
      OneNamespace({parent, child, Tbl("legacy")}, {MakeEnum("old_status", {"a"}), MakeEnum("x", {"1"})});
  current.namespaces.push_back({"old_ns", {Tbl("inside")}, {}});

  model::Table users = Tbl("users", {Renamed(Col("handle", TypeKind::Text), {"code"})});
  users.renamed_from = {"people"};
  model::Table orders = Tbl("orders", {Col("person_code"), Col("s"), Col("added")});
  orders.columns[2].type = EnumType("status");
  orders.foreign_keys.push_back(Fk("orders", {"person_code"}, "users", {"handle"}));
  orders.foreign_keys[0].name = "orders_person_code_fkey";
  model::Enum status = MakeEnum("status", {"a", "b"});
  status.renamed_from = {"old_status"};
  model::Schema desired = OneNamespace({users, orders, Tbl("fresh")}, {status});
  desired.namespaces.push_back({"new_ns", {Tbl("born")}, {MakeEnum("e", {"v"})}});
  ExpectConverges(current, desired);
}

TEST(ApplyChangeTest, ConvergesThroughForeignKeyCycles) {
  model::Table a = Tbl("a", {Col("b_id", TypeKind::BigInt)});
  a.foreign_keys.push_back(Fk("a", {"b_id"}, "b", {"id"}));
  model::Table b = Tbl("b", {Col("a_id", TypeKind::BigInt)});
  b.foreign_keys.push_back(Fk("b", {"a_id"}, "a", {"id"}));
  ExpectConverges(model::Schema{}, OneNamespace({a, b}));
  ExpectConverges(OneNamespace({a, b}), model::Schema{});
}

}  // namespace
}  // namespace schemac::compiler
