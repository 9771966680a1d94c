// The diff of functions, procedures and sequences: what changes, and where in the change list
// (diff_routines.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/diff.hpp"
#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace schemac::testing;
using model::TypeKind;

model::Routine Function(const std::string& name, const std::string& arguments, const std::string& returns,
                        const std::string& body) {
  model::Routine routine;
  routine.name = name;
  routine.arguments = arguments;
  routine.returns = returns;
  routine.language = "sql";
  routine.body = body;
  return routine;
}

model::Sequence Seq(const std::string& name, const std::string& owned_by = "") {
  model::Sequence sequence;
  sequence.name = name;
  sequence.owned_by = owned_by;
  return model::SequenceDefaults(sequence);
}

std::vector<std::string> Summary(const ChangeList& changes) {
  std::vector<std::string> out;
  for (const auto& change : changes) out.push_back(change.Describe());
  return out;
}

model::Schema Empty() { return OneNamespace({}); }

TEST(DiffRoutinesTest, OverloadsAreSeparateRoutines) {
  model::Schema current = Empty();
  current.namespaces[0].routines = {Function("add", "a int, b int", "int", "SELECT a + b")};
  model::Schema desired = current;
  desired.namespaces[0].routines.push_back(Function("add", "a text, b text", "text", "SELECT a || b"));
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("add function add(a text, b text)"));
  EXPECT_THAT(Summary(Diff(desired, current)), ElementsAre("drop function add(a text, b text)"));
}

TEST(DiffRoutinesTest, ABodyChangeIsOneReplaceAndARenameKeepsTheSignature) {
  model::Schema current = Empty();
  current.namespaces[0].routines = {Function("old_add", "a int", "int", "SELECT a")};
  model::Schema desired = Empty();
  model::Routine renamed = Function("add", "a int", "int", "SELECT a + 1");
  renamed.renamed_from = {"old_add"};
  desired.namespaces[0].routines = {renamed};
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("rename function old_add(a int) to add", "replace function add(a int)"));
  // The hint needs the same signature: another argument list is a new function.
  desired.namespaces[0].routines[0].arguments = "a bigint";
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("add function add(a bigint)", "drop function old_add(a int)"));
}

TEST(DiffRoutinesTest, TheOnlyRoutineOfANameWithNewArgumentsIsReplaced) {
  model::Schema current = Empty();
  current.namespaces[0].routines = {Function("area", "w int", "int", "RETURN w * w")};
  model::Schema desired = Empty();
  desired.namespaces[0].routines = {Function("area", "w int, h int", "int", "RETURN w * h")};
  // One step that drops and creates: a dialect without overloads could not create the new one
  // while the old one holds the name.
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("replace function area(w int, h int)"));
  // With a second overload on one side, which one continues is unknown: add and drop.
  desired.namespaces[0].routines.push_back(Function("area", "r real", "real", "RETURN r * r"));
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("add function area(w int, h int)", "add function area(r real)",
                          "drop function area(w int)"));
}

TEST(DiffRoutinesTest, ADefinerIsComparedOnlyWhenTheSchemaNamesOne) {
  model::Schema current = Empty();
  model::Routine live = Function("add_one", "a int", "int", "RETURN a + 1");
  live.definer = "app@%";
  current.namespaces[0].routines = {live};
  model::Schema desired = Empty();
  desired.namespaces[0].routines = {Function("add_one", "a int", "int", "RETURN a + 1")};
  EXPECT_THAT(Summary(Diff(current, desired)), IsEmpty());
  desired.namespaces[0].routines[0].definer = "app@%";
  EXPECT_THAT(Summary(Diff(current, desired)), IsEmpty());
  desired.namespaces[0].routines[0].definer = "deploy@%";
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("replace function add_one(a int)"));
}

TEST(DiffRoutinesTest, ARoutineATableCallsComesBeforeTheTablesOthersAfter) {
  model::Schema desired = OneNamespace({Tbl("orders", {Col("total", TypeKind::Decimal)})});
  desired.namespaces[0].tables[0].checks.push_back(
      model::Check{"orders_total_check", "is_positive(total)", false});
  desired.namespaces[0].routines = {Function("report", "", "bigint", "SELECT count(*) FROM orders"),
                                    Function("is_positive", "v numeric", "boolean", "SELECT v > 0")};
  EXPECT_THAT(Summary(Diff(Empty(), desired)), ElementsAre("add function is_positive(v numeric)",
                                                           "add table orders", "add function report()"));
  // Dropped after the tables (and after the views and triggers that stop calling them).
  EXPECT_THAT(Summary(Diff(desired, Empty())), ElementsAre("drop table orders", "drop function report()",
                                                           "drop function is_positive(v numeric)"));
}

TEST(DiffRoutinesTest, ATriggerOnARecreatedFunctionIsDroppedBeforeAndCreatedAfter) {
  model::Schema current = OneNamespace({Tbl("users")});
  current.namespaces[0].routines = {Function("audit", "", "trigger", "BEGIN RETURN NEW; END")};
  model::Trigger trigger;
  trigger.name = "users_audit";
  trigger.table = "users";
  trigger.events = {model::TriggerEvent::Insert};
  trigger.function = "audit";
  current.namespaces[0].triggers = {trigger};
  model::Schema desired = current;
  // A body change is done in place: the trigger stays.
  desired.namespaces[0].routines[0].body = "BEGIN RETURN NULL; END";
  EXPECT_THAT(Summary(Diff(current, desired)), ElementsAre("replace function audit()"));
  // Another return type is a drop and a create: the trigger goes around it.
  desired.namespaces[0].routines[0].returns = "event_trigger";
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("drop trigger users_audit", "replace function audit()", "add trigger users_audit"));
}

TEST(DiffRoutinesTest, OwnedBySetAfterTheTableAndClearedBeforeItGoes) {
  model::Schema desired = OneNamespace({Tbl("orders", {Col("number", TypeKind::BigInt)})});
  desired.namespaces[0].sequences = {Seq("order_numbers", "orders.number")};
  const ChangeList up = Diff(Empty(), desired);
  EXPECT_THAT(Summary(up),
              ElementsAre("add sequence order_numbers", "add table orders", "alter sequence order_numbers"));
  EXPECT_TRUE(up[0].sequence_after->owned_by.empty()) << "the owner does not exist yet";
  EXPECT_THAT(
      Summary(Diff(desired, Empty())),
      ElementsAre("alter sequence order_numbers", "drop table orders", "drop sequence order_numbers"));
  // Kept while its table goes: the owner is let go of first, or the table's drop takes it along.
  model::Schema kept = Empty();
  kept.namespaces[0].sequences = {Seq("order_numbers")};
  EXPECT_THAT(Summary(Diff(desired, kept)), ElementsAre("alter sequence order_numbers", "drop table orders"));
}

TEST(DiffRoutinesTest, SequencesRenameAndChange) {
  model::Schema current = Empty();
  current.namespaces[0].sequences = {Seq("old")};
  model::Schema desired = Empty();
  model::Sequence renamed = Seq("numbers");
  renamed.renamed_from = {"old"};
  renamed.cache = 20;
  desired.namespaces[0].sequences = {renamed};
  EXPECT_THAT(Summary(Diff(current, desired)),
              ElementsAre("rename sequence old to numbers", "alter sequence numbers"));
  EXPECT_THAT(Summary(Diff(desired, desired)), IsEmpty());
}

}  // namespace
}  // namespace schemac::compiler
