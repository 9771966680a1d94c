// Per-step downs on the PostgreSQL dialect's plan (no server: planning between two schema texts).
// Each step's down must undo that step alone: an apply that stops after step k is undone by the
// downs of steps k..1. Before, the downs of a change's inverse were handed out by position (or
// grouped onto the last step), so these plans showed the wrong undo on almost every step.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/planner.hpp"
#include "compiler/render_plan.hpp"
#include "dialects/postgres/dialect.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::compiler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
  EXPECT_TRUE(loaded.ok());
  return loaded.schema;
}

Plan PlanPostgres(const std::string& from, const std::string& to) {
  auto plan =
      BuildPlan(Parse(from), Parse(to), dialects::postgres::PostgresDialect::Instance(), PlanPolicy{});
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : Plan{};
}

std::vector<std::string> Descriptions(const Plan& plan) {
  std::vector<std::string> all;
  for (const auto& step : plan.steps) all.push_back(step.description);
  return all;
}

// The down's statements, without the timeouts every PostgreSQL script sets.
std::vector<std::string> Down(const PlanStep& step) {
  EXPECT_TRUE(step.down) << step.description << ": " << step.down_reason;
  if (!step.down) return {};
  EXPECT_THAT(step.down->settings.local,
              ElementsAre("SET LOCAL lock_timeout = '5000ms'", "SET LOCAL statement_timeout = '0ms'"));
  return step.down->statements;
}

TEST(StepDownsTest, ThreeColumnsAWiderTypeAndAnIndexEachUndoTheirOwnStep) {
  Plan plan = PlanPostgres(R"(
    table users {
      id bigint primary key
      display_name varchar(80)
    })",
                           R"(
    table users {
      id bigint primary key
      display_name varchar(200)
      tier text
      plan text
      score int
      index users_tier_idx (tier)
    })");
  ASSERT_THAT(Descriptions(plan),
              ElementsAre("add column tier to users", "add column plan to users", "add column score to users",
                          "change type of users.display_name to character varying(200)",
                          "create index users_tier_idx on users"));
  EXPECT_THAT(Down(plan.steps[0]), ElementsAre("ALTER TABLE users DROP COLUMN tier"));
  EXPECT_THAT(Down(plan.steps[1]), ElementsAre("ALTER TABLE users DROP COLUMN plan"));
  EXPECT_THAT(Down(plan.steps[2]), ElementsAre("ALTER TABLE users DROP COLUMN score"));
  EXPECT_THAT(Down(plan.steps[3]),
              ElementsAre("ALTER TABLE users ALTER COLUMN display_name TYPE character varying(80) USING "
                          "display_name"));
  EXPECT_THAT(Down(plan.steps[4]), ElementsAre("DROP INDEX CONCURRENTLY IF EXISTS users_tier_idx"));
  EXPECT_FALSE(plan.steps[4].down->transactional);
  for (const auto& step : plan.steps) EXPECT_EQ(step.down_kind, DownKind::kExact) << step.description;
}

TEST(StepDownsTest, NotNullWithADefaultAndUniqueUndoesEachOfItsSixSteps) {
  Plan plan = PlanPostgres(R"(
    table a {
      id bigint primary key
      name text
    })",
                           R"(
    table a {
      id bigint primary key
      name text not null default 'x' unique
    })");
  ASSERT_THAT(Descriptions(plan),
              ElementsAre("set default of a.name", "add NOT VALID null check on a.name",
                          "validate null check on a.name", "set a.name not null",
                          "create index a_name_key on a", "attach unique a_name_key to a"));
  EXPECT_THAT(Down(plan.steps[0]), ElementsAre("ALTER TABLE a ALTER COLUMN name DROP DEFAULT"));
  EXPECT_THAT(Down(plan.steps[1]),
              ElementsAre("ALTER TABLE a DROP CONSTRAINT IF EXISTS a_name_not_null_schemac"));
  EXPECT_THAT(
      Down(plan.steps[2]),
      ElementsAre("ALTER TABLE a DROP CONSTRAINT a_name_not_null_schemac",
                  "ALTER TABLE a ADD CONSTRAINT a_name_not_null_schemac CHECK (name IS NOT NULL) NOT VALID"));
  EXPECT_THAT(Down(plan.steps[3]),
              ElementsAre("ALTER TABLE a ALTER COLUMN name DROP NOT NULL",
                          "ALTER TABLE a ADD CONSTRAINT a_name_not_null_schemac CHECK (name IS NOT NULL)"));
  EXPECT_THAT(Down(plan.steps[4]), ElementsAre("DROP INDEX CONCURRENTLY IF EXISTS a_name_key"));
  EXPECT_THAT(Down(plan.steps[5]), ElementsAre("ALTER TABLE a DROP CONSTRAINT a_name_key",
                                               "CREATE UNIQUE INDEX CONCURRENTLY a_name_key ON a (name)"));
  // The plan's own down (a finished apply undone) is the whole change's inverse, as before.
  std::vector<std::string> whole;
  for (const auto& statement : plan.DownStatements()) {
    if (statement.rfind("SET ", 0) != 0) whole.push_back(statement);
  }
  EXPECT_THAT(whole, ElementsAre("ALTER TABLE a DROP CONSTRAINT a_name_key",
                                 "ALTER TABLE a ALTER COLUMN name DROP DEFAULT",
                                 "ALTER TABLE a ALTER COLUMN name DROP NOT NULL"));
}

TEST(StepDownsTest, DroppedColumnIsLossyInEveryFormat) {
  Plan plan = PlanPostgres("table t {\n id bigint primary key\n note text\n}\n",
                           "table t {\n id bigint primary key\n}\n");
  ASSERT_EQ(plan.steps.size(), 1u);
  const PlanStep& step = plan.steps[0];
  EXPECT_EQ(step.down_kind, DownKind::kLossy);
  EXPECT_EQ(step.down_reason, "the down restores the schema, not the data: drops column t.note and its data");
  EXPECT_THAT(Down(step), ElementsAre("ALTER TABLE t ADD COLUMN note text"));
  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["steps"][0]["down_kind"], "lossy");
  EXPECT_EQ(json["steps"][0]["down_reason"], step.down_reason);
  EXPECT_NE(RenderPlan(plan, PlanFormat::kText, false).find("down: lossy (" + step.down_reason + ")"),
            std::string::npos);
  const std::string markdown = RenderPlan(plan, PlanFormat::kMarkdown, false);
  EXPECT_NE(markdown.find("| HZ002-drop-column, HZ014-drop-column-in-use | lossy |"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("Lossy: " + step.down_reason), std::string::npos) << markdown;
}

TEST(StepDownsTest, EnumValuesAddedOneByOneEachRemoveTheirOwn) {
  Plan plan = PlanPostgres("enum s { a }\ntable t {\n id bigint primary key\n}\n",
                           "enum s { a, b, c }\ntable t {\n id bigint primary key\n}\n");
  ASSERT_THAT(Descriptions(plan), ElementsAre("add value b to enum s", "add value c to enum s"));
  EXPECT_THAT(Down(plan.steps[0]), ElementsAre("ALTER TYPE s RENAME TO s_old_schemac",
                                               "CREATE TYPE s AS ENUM ('a')", "DROP TYPE s_old_schemac"));
  EXPECT_THAT(Down(plan.steps[1]),
              ElementsAre("ALTER TYPE s RENAME TO s_old_schemac", "CREATE TYPE s AS ENUM ('a', 'b')",
                          "DROP TYPE s_old_schemac"));
  EXPECT_THAT(plan.unmanaged, IsEmpty());
}

}  // namespace
}  // namespace schemac::compiler
