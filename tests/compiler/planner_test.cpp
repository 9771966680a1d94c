// Planner tests against PseudoDialect, a test double of the dialect hooks.
#include "compiler/planner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model_builders.hpp"
#include "pseudo_dialect.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace schemac::testing;
using model::TypeKind;

Plan MustPlan(const model::Schema& current, const model::Schema& desired, const dialects::Dialect& dialect,
              const PlanPolicy& policy = {}) {
  Result<Plan> plan = BuildPlan(current, desired, dialect, policy);
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : Plan{};
}

std::vector<std::string> HazardCodes(const PlanStep& step) {
  std::vector<std::string> codes;
  for (const auto& hazard : step.hazards) codes.push_back(hazard.code);
  return codes;
}

TEST(PlannerTest, NoChangesGivesAnEmptyPlan) {
  PseudoDialect dialect;
  model::Schema schema = OneNamespace({Tbl("t")});
  schema.unmanaged.push_back({"view", "", "v_orders", ""});
  Plan plan = MustPlan(schema, schema, dialect);
  EXPECT_TRUE(plan.Empty());
  EXPECT_THAT(plan.steps, IsEmpty());
  EXPECT_EQ(plan.dialect, "pseudo");
  ASSERT_EQ(plan.unmanaged.size(), 1u);
  EXPECT_EQ(plan.unmanaged[0].name, "v_orders");
}

TEST(PlannerTest, NormalizesBothSidesBeforeDiffing) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({Tbl("t", {Col("name", TypeKind::Text)})});
  model::Schema desired = OneNamespace({Tbl("t", {Col("name", TypeKind::Varchar)})});
  EXPECT_TRUE(MustPlan(current, desired, dialect).Empty());
  EXPECT_EQ(dialect.normalize_calls, 2);
  // The caller's schemas are left alone.
  EXPECT_EQ(desired.namespaces[0].tables[0].columns[1].type.kind, TypeKind::Varchar);
}

// `exclude` lines of a schema file leave objects alone as --exclude does; the plan records every
// pattern it was made with (flags first, then the files'), once, so apply --plan filters the live
// catalog the same way.
TEST(PlannerTest, TheSchemasOwnExcludesJoinThePolicys) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({Tbl("t"), Tbl("audit_log"), Tbl("queue_jobs")});
  model::Schema desired = OneNamespace({Tbl("t")});
  desired.excludes = {"table:audit_*", "table:queue_*"};
  PlanPolicy policy;
  policy.excludes = {"table:queue_*", "view:v_*"};
  Plan plan = MustPlan(current, desired, dialect, policy);
  EXPECT_TRUE(plan.Empty());
  EXPECT_THAT(plan.binding.excludes, ElementsAre("table:queue_*", "view:v_*", "table:audit_*"));

  desired.excludes = {"table:queue_*"};
  Plan drops = MustPlan(current, desired, dialect);
  ASSERT_EQ(drops.changes.size(), 1u) << "only the table no pattern names is dropped";
  EXPECT_THAT(drops.binding.excludes, ElementsAre("table:queue_*"));

  desired.excludes = {"tabel:audit_*"};
  Result<Plan> typo = BuildPlan(current, desired, dialect, PlanPolicy{});
  ASSERT_FALSE(typo.ok());
  EXPECT_THAT(typo.status().message(), HasSubstr("unknown kind 'tabel'"));
}

TEST(PlannerTest, UnsupportedListsEveryProblem) {
  PseudoDialect dialect;
  Result<Plan> plan = BuildPlan(model::Schema{}, OneNamespace({Tbl("bad_one"), Tbl("fine"), Tbl("bad_two")}),
                                dialect, PlanPolicy{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kUnsupported);
  EXPECT_THAT(plan.status().message(), HasSubstr("2 problems"));
  EXPECT_THAT(plan.status().message(), HasSubstr("table bad_one: pseudo cannot build it"));
  EXPECT_THAT(plan.status().message(), HasSubstr("table bad_two: pseudo cannot build it"));
  EXPECT_THAT(dialect.calls, IsEmpty());
}

TEST(PlannerTest, StepsKnowTheirChangeAndHowToUndoIt) {
  PseudoDialect dialect;
  Plan plan = MustPlan(OneNamespace({Tbl("old")}), OneNamespace({Tbl("fresh", {Col("a")})}), dialect);
  ASSERT_EQ(plan.changes.size(), 2u);
  ASSERT_EQ(plan.steps.size(), 2u);
  EXPECT_EQ(plan.steps[0].change_index, 0u);
  EXPECT_EQ(plan.steps[0].description, "drop table old and its rows");  // the dialect's words win
  EXPECT_EQ(plan.steps[1].change_index, 1u);
  EXPECT_EQ(plan.steps[1].description, "add table fresh");  // filled in from the change
  ASSERT_TRUE(plan.steps[0].down);
  EXPECT_THAT(plan.steps[0].down->statements, ElementsAre("CREATE TABLE old"));
  ASSERT_TRUE(plan.steps[1].down);
  EXPECT_THAT(plan.steps[1].down->statements, ElementsAre("DROP TABLE fresh"));
  EXPECT_THAT(plan.UpStatements(), ElementsAre("DROP TABLE old", "CREATE TABLE fresh"));
  EXPECT_THAT(plan.DownStatements(), ElementsAre("DROP TABLE fresh", "CREATE TABLE old"));
}

TEST(PlannerTest, DialectHazardsAreKept) {
  PseudoDialect dialect;
  Plan plan = MustPlan(OneNamespace({Tbl("old")}), model::Schema{}, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_THAT(HazardCodes(plan.steps[0]), ElementsAre(hazard::kDropTable));
  EXPECT_TRUE(plan.steps[0].HasDataLoss());
}

TEST(PlannerTest, EachCallSeesTheSchemaAsThePlanLeftIt) {
  PseudoDialect dialect;
  PlanPolicy policy;
  policy.lock_timeout_ms = 1234;
  MustPlan(OneNamespace({Tbl("old")}), OneNamespace({Tbl("fresh")}), dialect, policy);
  ASSERT_EQ(dialect.calls.size(), 4u);
  // Up of change 0, its inverse, up of change 1, its inverse; each sees the schema as the plan
  // has left it at that point.
  EXPECT_EQ(dialect.calls[0].description, "drop table old");
  EXPECT_THAT(dialect.calls[0].current_tables, ElementsAre("old"));
  EXPECT_EQ(dialect.calls[1].description, "add table old");
  EXPECT_THAT(dialect.calls[1].current_tables, IsEmpty());
  EXPECT_EQ(dialect.calls[2].description, "add table fresh");
  EXPECT_THAT(dialect.calls[2].current_tables, IsEmpty());
  EXPECT_EQ(dialect.calls[3].description, "drop table fresh");
  EXPECT_THAT(dialect.calls[3].current_tables, ElementsAre("fresh"));
  EXPECT_EQ(dialect.calls[3].change_index, 1u);
  for (const auto& call : dialect.calls) EXPECT_EQ(call.lock_timeout_ms, 1234);
}

TEST(PlannerTest, EachStepOfANewTableUndoesItselfAndThePlanDownUndoesTheChange) {
  PseudoDialect dialect;
  dialect.separate_index_steps = true;
  model::Table table = Tbl("t", {Col("a"), Col("b")});
  table.indexes.push_back(Idx("t", {"a"}));
  table.indexes.push_back(Idx("t", {"b"}));
  Plan plan = MustPlan(model::Schema{}, OneNamespace({table}), dialect);
  ASSERT_EQ(plan.steps.size(), 3u);
  EXPECT_FALSE(plan.steps[1].up.transactional);
  ASSERT_TRUE(plan.steps[0].down && plan.steps[1].down && plan.steps[2].down);
  // The downs the dialect set for its index steps are kept; the table step undoes the table.
  EXPECT_THAT(plan.steps[0].down->statements, ElementsAre("DROP TABLE t"));
  EXPECT_THAT(plan.steps[1].down->statements, ElementsAre("DROP INDEX t_a_idx"));
  EXPECT_THAT(plan.steps[2].down->statements, ElementsAre("DROP INDEX t_b_idx"));
  EXPECT_THAT(plan.DownStatements(), ElementsAre("DROP TABLE t"));
}

TEST(PlannerTest, StepDownsFollowTheirPartsNotTheirPosition) {
  PseudoDialect dialect;
  dialect.separate_index_steps = true;
  model::Table before = Tbl("t", {Col("a")});
  before.indexes.push_back(Idx("t", {"a"}));
  model::Table after = Tbl("t", {Col("a"), Col("b")});
  after.indexes.push_back(Idx("t", {"b"}));
  // Up: drop index t_a_idx, add column b, create index t_b_idx. The inverse of the whole change
  // is planned in the same order (drop t_b_idx, drop b, create t_a_idx), so pairing by position
  // would give the first step the down DROP INDEX t_b_idx.
  Plan plan = MustPlan(OneNamespace({before}), OneNamespace({after}), dialect);
  ASSERT_EQ(plan.steps.size(), 3u);
  EXPECT_THAT(plan.steps[0].up.statements, ElementsAre("DROP INDEX t_a_idx"));
  EXPECT_THAT(plan.steps[0].down->statements, ElementsAre("CREATE INDEX t_a_idx"));
  EXPECT_THAT(plan.steps[1].up.statements, ElementsAre("ALTER t ADD b"));
  EXPECT_THAT(plan.steps[1].down->statements, ElementsAre("ALTER t DROP b"));
  EXPECT_THAT(plan.steps[2].up.statements, ElementsAre("CREATE INDEX t_b_idx"));
  EXPECT_THAT(plan.steps[2].down->statements, ElementsAre("DROP INDEX t_b_idx"));
  EXPECT_THAT(plan.DownStatements(),
              ElementsAre("DROP INDEX t_b_idx", "ALTER t DROP b", "CREATE INDEX t_a_idx"));
}

TEST(PlannerTest, DownOfADataLossStepIsLossyWithTheHazardAsReason) {
  PseudoDialect dialect;
  Plan plan =
      MustPlan(OneNamespace({Tbl("t", {Col("a"), Col("b")})}), OneNamespace({Tbl("t", {Col("a")})}), dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  ASSERT_TRUE(plan.steps[0].down);
  EXPECT_EQ(plan.steps[0].down_kind, DownKind::kLossy);
  EXPECT_EQ(plan.steps[0].down_reason, "the down restores the schema, not the data: drops column b");
  Plan add =
      MustPlan(OneNamespace({Tbl("t", {Col("a")})}), OneNamespace({Tbl("t", {Col("a"), Col("b")})}), dialect);
  EXPECT_EQ(add.steps[0].down_kind, DownKind::kExact);
  EXPECT_EQ(add.steps[0].down_reason, "");
}

TEST(PlannerTest, UndoInSeveralStepsIsJoinedIntoOneDown) {
  PseudoDialect dialect;
  dialect.separate_index_steps = true;
  model::Table table = Tbl("t", {Col("a")});
  table.indexes.push_back(Idx("t", {"a"}));
  // Dropping a table with an index is one up step; its inverse (create, then index) takes two.
  Plan plan = MustPlan(OneNamespace({table}), model::Schema{}, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  ASSERT_TRUE(plan.steps[0].down);
  EXPECT_THAT(plan.steps[0].down->statements, ElementsAre("CREATE TABLE t", "CREATE INDEX t_a_idx"));
  EXPECT_FALSE(plan.steps[0].down->transactional);
}

TEST(PlannerTest, JoinedUndoRunsASharedWrapperOnce) {
  PseudoDialect dialect;
  dialect.separate_index_steps = true;
  dialect.wrapped_steps = true;
  model::Table table = Tbl("t", {Col("a")});
  table.indexes.push_back(Idx("t", {"a"}));
  Plan plan = MustPlan(OneNamespace({table}), model::Schema{}, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  ASSERT_TRUE(plan.steps[0].down) << plan.steps[0].down_reason;
  EXPECT_THAT(plan.steps[0].down->Flatten(),
              ElementsAre("SET timeout", "CREATE TABLE t", "CREATE INDEX t_a_idx", "CHECK", "RESET"));
}

// A transactional script joined with one outside a transaction runs outside one: its settings are
// then the session's, set once and reset once, not a SET LOCAL that would do nothing there.
TEST(PlannerTest, JoinedUndoOutsideATransactionSetsItsSettingsForTheSessionAndResetsThem) {
  PseudoDialect dialect;
  dialect.separate_index_steps = true;
  dialect.timeout_settings = true;
  model::Table table = Tbl("t", {Col("a")});
  table.indexes.push_back(Idx("t", {"a"}));
  Plan plan = MustPlan(OneNamespace({table}), model::Schema{}, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_THAT(plan.steps[0].up.Flatten(), ElementsAre("SET LOCAL timeout", "DROP TABLE t"));
  ASSERT_TRUE(plan.steps[0].down) << plan.steps[0].down_reason;
  EXPECT_FALSE(plan.steps[0].down->transactional);
  EXPECT_THAT(plan.steps[0].down->Flatten(),
              ElementsAre("SET timeout", "CREATE TABLE t", "CREATE INDEX t_a_idx", "RESET timeout"));
}

TEST(PlannerTest, UndoThatCannotBeJoinedMakesTheChangeIrreversible) {
  PseudoDialect dialect;
  dialect.unjoinable_drop = true;
  Plan plan = MustPlan(model::Schema{}, OneNamespace({Tbl("t")}), dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_FALSE(plan.steps[0].down);
  EXPECT_EQ(plan.steps[0].down_reason,
            "the undo of this step takes 3 scripts that cannot be combined into one");
  EXPECT_EQ(plan.steps[0].down_kind, DownKind::kNone);
  EXPECT_THAT(plan.DownStatements(), IsEmpty());
  EXPECT_THAT(HazardCodes(plan.steps[0]), ElementsAre(hazard::kIrreversible));
}

TEST(PlannerTest, StepTheDialectMarksIrreversibleHasNoDown) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({}, {MakeEnum("e", {"a", "b"})});
  model::Schema desired = OneNamespace({}, {MakeEnum("e", {"a"})});
  Plan plan = MustPlan(current, desired, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_FALSE(plan.steps[0].down);
  EXPECT_EQ(plan.steps[0].down_reason, "removed enum values cannot be restored in place");
  EXPECT_THAT(HazardCodes(plan.steps[0]), ElementsAre(hazard::kDropEnumValue, hazard::kIrreversible));
  EXPECT_THAT(plan.DownStatements(), IsEmpty());
}

TEST(PlannerTest, ChangeWhoseInverseIsRefusedIsIrreversible) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({}, {MakeEnum("e", {"a"})});
  model::Schema desired = OneNamespace({}, {MakeEnum("e", {"a", "b"})});
  Plan plan = MustPlan(current, desired, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_FALSE(plan.steps[0].down);
  EXPECT_EQ(plan.steps[0].down_reason,
            "the change cannot be undone: removed enum values cannot be restored in place");
  EXPECT_THAT(HazardCodes(plan.steps[0]), ElementsAre(hazard::kIrreversible));
}

TEST(PlannerTest, ChangeWithoutAnyPlannedInverseIsIrreversible) {
  PseudoDialect dialect;
  model::Schema desired = OneNamespace({});
  desired.namespaces.push_back({"billing", {}, {}});
  Plan plan = MustPlan(model::Schema{}, desired, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_FALSE(plan.steps[0].down);
  EXPECT_EQ(plan.steps[0].down_reason, "the pseudo dialect planned no way to undo this change");
}

TEST(PlannerTest, ChangeWithoutStepsAddsNone) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({});
  current.namespaces.push_back({"billing", {}, {}});
  Plan plan = MustPlan(current, OneNamespace({}), dialect);
  EXPECT_EQ(plan.changes.size(), 1u);
  EXPECT_THAT(plan.steps, IsEmpty());
}

TEST(PlannerTest, ColumnRenameAndModifyUndoRenamesFirst) {
  PseudoDialect dialect;
  model::Schema current = OneNamespace({Tbl("t", {Col("a")})});
  model::Schema desired = OneNamespace({Tbl("t", {Renamed(Col("b", TypeKind::Text), {"a"})})});
  Plan plan = MustPlan(current, desired, dialect);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_THAT(plan.steps[0].up.statements, ElementsAre("ALTER t RENAME a TO b", "ALTER t MODIFY b"));
  ASSERT_TRUE(plan.steps[0].down);
  EXPECT_THAT(plan.steps[0].down->statements, ElementsAre("ALTER t RENAME b TO a", "ALTER t MODIFY a"));
}

TEST(PlannerTest, CapabilitiesDecideCycleSplitting) {
  PseudoDialect dialect;
  model::Table a = Tbl("a", {Col("b_id")});
  a.foreign_keys.push_back(Fk("a", {"b_id"}, "b", {"id"}));
  model::Table b = Tbl("b", {Col("a_id")});
  b.foreign_keys.push_back(Fk("b", {"a_id"}, "a", {"id"}));
  EXPECT_EQ(MustPlan(model::Schema{}, OneNamespace({a, b}), dialect).changes.size(), 3u);
  dialect.capabilities.foreign_keys_need_target = false;
  EXPECT_EQ(MustPlan(model::Schema{}, OneNamespace({a, b}), dialect).changes.size(), 2u);
}

TEST(PlannerTest, ThrowingDialectIsAnInternalError) {
  PseudoDialect dialect;
  dialect.throw_on_plan = true;
  Result<Plan> plan = BuildPlan(model::Schema{}, OneNamespace({Tbl("t")}), dialect, PlanPolicy{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInternal);
  EXPECT_THAT(plan.status().message(), HasSubstr("pseudo dialect exploded"));
}

}  // namespace
}  // namespace schemac::compiler
