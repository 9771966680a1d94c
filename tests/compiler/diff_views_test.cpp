// The diff of views and triggers: what changes, and where in the change list (diff_views.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/diff.hpp"
#include "compiler/sql_names.hpp"
#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace schemac::testing;
using model::TypeKind;

model::View MakeView(const std::string& name, const std::string& query) {
  model::View view;
  view.name = name;
  view.query = query;
  return view;
}

model::Trigger MakeTrigger(const std::string& name, const std::string& table, const std::string& body) {
  model::Trigger trigger;
  trigger.name = name;
  trigger.table = table;
  trigger.events = {model::TriggerEvent::Insert};
  trigger.body = body;
  return trigger;
}

model::Schema WithObjects(model::Schema schema, std::vector<model::View> views,
                          std::vector<model::Trigger> triggers = {}) {
  schema.namespaces[0].views = std::move(views);
  schema.namespaces[0].triggers = std::move(triggers);
  return schema;
}

// "kind name" per change, for compact expectations.
std::vector<std::string> Summary(const ChangeList& changes) {
  std::vector<std::string> out;
  for (const auto& change : changes) out.push_back(change.Describe());
  return out;
}

model::Schema Users(TypeKind name_type = TypeKind::Text) {
  return OneNamespace({Tbl("users", {Col("name", name_type)})});
}

TEST(SqlNamesTest, NamesSkipStringsAndComments) {
  EXPECT_THAT(SqlNames("SELECT \"a\"\"b\", `c`, [d] FROM t -- users\n WHERE x = 'users' /* users */"),
              ElementsAre("SELECT", "a\"b", "c", "d", "FROM", "t", "WHERE", "x"));
  EXPECT_TRUE(MentionsSqlName("select * from Users", "users"));
  EXPECT_FALSE(MentionsSqlName("select 'users'", "users"));
}

TEST(DiffViewsTest, EqualViewsAndTriggersHaveNoChanges) {
  model::Schema schema =
      WithObjects(Users(), {MakeView("v", "SELECT id FROM users")}, {MakeTrigger("g", "users", "SELECT 1;")});
  EXPECT_THAT(Diff(schema, schema), IsEmpty());
}

TEST(DiffViewsTest, AddDropReplaceRename) {
  model::Schema current =
      WithObjects(Users(), {MakeView("a", "SELECT id FROM users"), MakeView("b", "SELECT name FROM users"),
                            MakeView("c", "SELECT 1")});
  model::View renamed = MakeView("a2", "SELECT id FROM users");
  renamed.renamed_from = {"a"};
  model::Schema desired =
      WithObjects(Users(), {renamed, MakeView("b", "SELECT name, id FROM users"), MakeView("d", "SELECT 2")});
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop view c", "rename view a to a2", "replace view b", "add view d"));
}

TEST(DiffViewsTest, ViewsOverViewsInDependencyOrderAndDropsInReverse) {
  model::Schema empty = Users();
  model::Schema both = WithObjects(
      Users(), {MakeView("top", "SELECT count(*) FROM base"), MakeView("base", "SELECT id FROM users")});
  EXPECT_THAT(Summary(Diff(empty, both)), ElementsAre("add view base", "add view top"));
  EXPECT_THAT(Summary(Diff(both, empty)), ElementsAre("drop view top", "drop view base"));
}

TEST(DiffViewsTest, RetypedColumnDropsTheViewBeforeAndRecreatesItAfter) {
  model::Schema current =
      WithObjects(Users(), {MakeView("v", "SELECT name FROM users"), MakeView("w", "SELECT * FROM v"),
                            MakeView("other", "SELECT 1")});
  model::Schema desired = WithObjects(Users(TypeKind::BigInt), current.namespaces[0].views);
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop view w", "drop view v", "modify table users (modify column name (type))",
                          "add view v", "add view w"));
}

TEST(DiffViewsTest, AddedColumnLeavesViewsAlone) {
  model::Schema current = WithObjects(Users(), {MakeView("v", "SELECT name FROM users")});
  model::Schema desired = current;
  desired.namespaces[0].tables[0].columns.push_back(Col("email", TypeKind::Text));
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("modify table users (add column email)"));
}

TEST(DiffViewsTest, TriggersOnARenamedTableAreRecreatedAfterTheRename) {
  model::Schema current = WithObjects(Users(), {}, {MakeTrigger("g", "users", "SELECT 1;")});
  model::Table people = current.namespaces[0].tables[0];
  people.name = "people";
  people.renamed_from = {"users"};
  model::Schema desired = WithObjects(OneNamespace({people}), {}, {MakeTrigger("g", "people", "SELECT 1;")});
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop trigger g", "rename table users to people", "add trigger g"));
}

TEST(DiffViewsTest, TriggerOnAViewFollowsTheView) {
  model::Trigger instead = MakeTrigger("g", "v", "INSERT INTO users (id) VALUES (NEW.id);");
  instead.timing = model::TriggerTiming::InsteadOf;
  model::Schema current = WithObjects(Users(), {MakeView("v", "SELECT id FROM users")}, {instead});
  model::Schema desired = WithObjects(Users(), {MakeView("v", "SELECT id, name FROM users")}, {instead});
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop trigger g", "replace view v", "add trigger g"));
  EXPECT_THAT(Summary(Diff(Users(), desired)), ElementsAre("add view v", "add trigger g"));
  EXPECT_THAT(Summary(Diff(desired, Users())), ElementsAre("drop trigger g", "drop view v"));
}

TEST(DiffViewsTest, TriggerChangesInPlace) {
  model::Schema current = WithObjects(Users(), {}, {MakeTrigger("g", "users", "SELECT 1;")});
  model::Trigger renamed = MakeTrigger("h", "users", "SELECT 1;");
  renamed.renamed_from = {"g"};
  EXPECT_THAT(Summary(Diff(current, WithObjects(Users(), {}, {renamed}))),
              ElementsAre("rename trigger g to h"));
  EXPECT_THAT(Summary(Diff(current, WithObjects(Users(), {}, {MakeTrigger("g", "users", "SELECT 2;")}))),
              ElementsAre("replace trigger g"));
}

TEST(DiffViewsTest, ADefinerIsComparedOnlyWhenNamedAndTheLiveOneIsKeptWhenRecreated) {
  model::View live_view = MakeView("v", "SELECT name FROM users");
  live_view.definer = "report@%";
  model::Trigger live_trigger = MakeTrigger("g", "users", "SELECT 1;");
  live_trigger.definer = "app@%";
  model::Schema current = WithObjects(Users(), {live_view}, {live_trigger});
  // Not named: whoever the server holds is fine.
  model::Schema desired = WithObjects(Users(), {MakeView("v", "SELECT name FROM users")},
                                      {MakeTrigger("g", "users", "SELECT 1;")});
  EXPECT_THAT(Diff(current, desired), IsEmpty());
  // Named and different: replaced.
  desired.namespaces[0].views[0].definer = "deploy@%";
  desired.namespaces[0].triggers[0].definer = "deploy@%";
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("replace view v", "replace trigger g"));

  // A new body with no definer named is created again as the live definer, not the deploy account.
  desired = WithObjects(Users(), {MakeView("v", "SELECT name, id FROM users")},
                        {MakeTrigger("g", "users", "SELECT 2;")});
  ChangeList replaced = Diff(current, desired);
  ASSERT_EQ(replaced.size(), 2u);
  EXPECT_EQ(replaced[0].view_after->definer, "report@%");
  EXPECT_EQ(replaced[1].trigger_after->definer, "app@%");
  // So is one dropped and created around a change to its table.
  desired = WithObjects(Users(TypeKind::BigInt), {MakeView("v", "SELECT name FROM users")}, {});
  current.namespaces[0].triggers.clear();
  ChangeList recreated = Diff(current, desired);
  ASSERT_THAT(Summary(recreated),
              ElementsAre("drop view v", "modify table users (modify column name (type))", "add view v"));
  EXPECT_EQ(recreated[2].view_after->definer, "report@%");
}

TEST(DiffViewsTest, ADeclaredOrderIsAChangeWhereTheDialectKeepsOne) {
  auto trigger = [](const std::string& name) {
    model::Trigger made = MakeTrigger(name, "users", "SET @n = 1;");
    made.timing = model::TriggerTiming::Before;
    return made;
  };
  model::Trigger other_event = trigger("on_update");
  other_event.events = {model::TriggerEvent::Update};
  // Current triggers are listed in firing order: a, b, c (and one on another event).
  model::Schema current = WithObjects(Users(), {}, {trigger("a"), trigger("b"), other_event, trigger("c")});
  dialects::Capabilities ordered;
  ordered.triggers_fire_in_declared_order = true;
  EXPECT_THAT(Diff(current, current, ordered), IsEmpty());
  // c declared first: only c moves (a and b keep their order), whatever the other event does.
  model::Schema desired = WithObjects(Users(), {}, {other_event, trigger("c"), trigger("a"), trigger("b")});
  EXPECT_THAT(Summary(Diff(current, desired, ordered)), ElementsAre("replace trigger c"));
  // Where the dialect keeps no order (PostgreSQL fires by name), declaring another one is nothing.
  EXPECT_THAT(Diff(current, desired, dialects::Capabilities{}), IsEmpty());
  // A reversed order keeps the longest run in order and recreates the rest.
  desired = WithObjects(Users(), {}, {trigger("c"), trigger("b"), trigger("a"), other_event});
  EXPECT_THAT(Summary(Diff(current, desired, ordered)),
              ElementsAre("replace trigger b", "replace trigger a"));
  // A trigger replaced for another reason is placed by its creation, and the rest are in order.
  desired = WithObjects(Users(), {}, {trigger("b"), trigger("c"), other_event, trigger("a")});
  desired.namespaces[0].triggers[2].body = "SET @n = 2;";
  EXPECT_THAT(Summary(Diff(current, desired, ordered)),
              ElementsAre("replace trigger on_update", "replace trigger a"));
}

TEST(DiffViewsTest, NewIndexesOnAMaterializedViewLeaveItsReadersAlone) {
  model::View days = MakeView("days", "SELECT DISTINCT name FROM users");
  days.materialized = true;
  model::Schema current = WithObjects(Users(), {days, MakeView("recent", "SELECT name FROM days")});
  model::Schema desired = current;
  model::Index index;
  index.name = "days_name";
  index.keys.push_back(model::IndexKey{"name", "", false, model::NullsOrder::Default, "", "", 0});
  desired.namespaces[0].views[0].indexes.push_back(index);
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("replace view days"));
  // A new query is another matter: its readers are dropped and created around it.
  desired.namespaces[0].views[0].query = "SELECT name FROM users";
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop view recent", "replace view days", "add view recent"));
}

TEST(DiffViewsTest, DroppedTableDropsItsTriggersFirst) {
  model::Schema current =
      WithObjects(OneNamespace({Tbl("users"), Tbl("legacy")}), {MakeView("lv", "SELECT id FROM legacy")},
                  {MakeTrigger("g", "legacy", "SELECT 1;")});
  model::Schema desired = OneNamespace({Tbl("users")});
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop trigger g", "drop view lv", "drop table legacy"));
}

TEST(DiffViewsTest, InvertSwapsViewsAndTriggers) {
  Change change;
  change.kind = ChangeKind::kRenameView;
  change.view_before = MakeView("a", "SELECT 1");
  change.view_after = MakeView("b", "SELECT 1");
  Change inverted = Invert(change);
  EXPECT_EQ(inverted.kind, ChangeKind::kRenameView);
  EXPECT_EQ(inverted.view_before->name, "b");
  EXPECT_EQ(inverted.view_after->name, "a");
  change.kind = ChangeKind::kAddTrigger;
  change.trigger_after = MakeTrigger("g", "t", "SELECT 1;");
  EXPECT_EQ(Invert(change).kind, ChangeKind::kDropTrigger);
  EXPECT_EQ(Invert(change).trigger_before->name, "g");
}

}  // namespace
}  // namespace schemac::compiler
