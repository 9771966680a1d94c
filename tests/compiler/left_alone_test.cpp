// Objects a plan leaves alone (excluded by a pattern, or not managed by schemac) must not be broken
// by it: planning between schema texts on each real dialect (no server), a change that drops,
// reshapes or rebuilds what such an object reads or is part of stops with an error naming it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/planner.hpp"
#include "dialects/mysql/dialect.hpp"
#include "dialects/postgres/dialect.hpp"
#include "dialects/sqlite/dialect.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::compiler {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
  EXPECT_TRUE(loaded.ok()) << text;
  return loaded.schema;
}

const dialects::sqlite::SqliteDialect kSqlite;
const dialects::mysql::MysqlDialect kMysql{dialects::mysql::ServerVersion{}};

Result<Plan> PlanWith(const dialects::Dialect& dialect, const model::Schema& from, const std::string& to,
                      std::vector<std::string> excludes) {
  PlanPolicy policy;
  policy.excludes = std::move(excludes);
  return BuildPlan(from, Parse(to), dialect, policy);
}

Result<Plan> PlanWith(const dialects::Dialect& dialect, const std::string& from, const std::string& to,
                      std::vector<std::string> excludes) {
  return PlanWith(dialect, Parse(from), to, std::move(excludes));
}

std::string Refusal(const Result<Plan>& plan) {
  EXPECT_FALSE(plan.ok()) << "the plan should stop";
  return plan.ok() ? std::string() : plan.status().message();
}

constexpr const char* kUsers = R"(
  table users {
    id    bigint primary key
    email varchar(100)
    name  text
  }
  view report as $$ SELECT id, email FROM users $$
)";

TEST(LeftAloneTest, AnExcludedViewOverARetypedColumnStopsThePlan) {
  const std::string retyped = R"(
    table users {
      id    bigint primary key
      email varchar(200)
      name  text
    }
  )";
  const std::string message =
      Refusal(PlanWith(dialects::postgres::PostgresDialect::Instance(), kUsers, retyped, {"view:rep*"}));
  EXPECT_THAT(message, HasSubstr("the plan would break 1 object it leaves alone"));
  EXPECT_THAT(message,
              HasSubstr("view report (excluded by view:rep*) reads users.email, whose type changes"));
  // Managed, the same view is dropped before the change and created again after it.
  EXPECT_TRUE(PlanWith(dialects::postgres::PostgresDialect::Instance(), kUsers,
                       retyped + "view report as $$ SELECT id, email FROM users $$", {})
                  .ok());
}

TEST(LeftAloneTest, AColumnTheExcludedViewDoesNotReadMayChange) {
  const std::string retyped = R"(
    table users {
      id    bigint primary key
      email varchar(100)
      name  varchar(40)
    }
  )";
  for (const dialects::Dialect* dialect :
       std::vector<const dialects::Dialect*>{&dialects::postgres::PostgresDialect::Instance(), &kMysql}) {
    Result<Plan> plan = PlanWith(*dialect, kUsers, retyped, {"view:report"});
    EXPECT_TRUE(plan.ok()) << dialect->Name() << ": " << plan.status().message();
  }
}

TEST(LeftAloneTest, ARenameBreaksAViewOnlyWhereViewsDoNotFollowIt) {
  const std::string renamed = R"(
    @renamed_from(users)
    table people {
      id    bigint primary key
      email varchar(100)
      name  text
    }
  )";
  EXPECT_TRUE(
      PlanWith(dialects::postgres::PostgresDialect::Instance(), kUsers, renamed, {"view:report"}).ok())
      << "PostgreSQL views follow a renamed table";
  EXPECT_THAT(Refusal(PlanWith(kMysql, kUsers, renamed, {"view:report"})),
              HasSubstr("view report (excluded by view:report) reads table users, which this plan renames to "
                        "people"));
}

TEST(LeftAloneTest, AnExcludedTriggerOnARebuiltSqliteTableStopsThePlan) {
  const std::string current = R"(
    table users {
      id    int primary key
      email text
    }
    trigger users_audit after insert on users $$ SELECT 1; $$
  )";
  const std::string rebuilt = R"(
    table users {
      id    int primary key
      email text not null
    }
  )";
  EXPECT_THAT(Refusal(PlanWith(kSqlite, current, rebuilt, {"trigger:users_audit"})),
              HasSubstr("trigger users_audit (excluded by trigger:users_audit) is part of table users, which "
                        "this plan copies into a new table (rebuild)"));
  // An ALTER that keeps the table keeps its triggers.
  const std::string added = R"(
    table users {
      id    int primary key
      email text
      name  text
    }
  )";
  EXPECT_TRUE(PlanWith(kSqlite, current, added, {"trigger:users_audit"}).ok());
}

TEST(LeftAloneTest, AnExcludedTableWhoseForeignKeyTargetIsDroppedStopsThePlan) {
  const std::string current = R"(
    table users { id bigint primary key }
    table audit_log {
      id      bigint primary key
      user_id bigint references users(id)
    }
  )";
  EXPECT_THAT(
      Refusal(PlanWith(kSqlite, current, "", {"table:audit_*"})),
      HasSubstr("table audit_log (excluded by table:audit_*) reads table users, which this plan drops"));
}

TEST(LeftAloneTest, AnExcludedIndexGoesWithADroppedColumnButSurvivesARetype) {
  const std::string current = R"(
    table users {
      id    bigint primary key
      email varchar(100)
      index users_email_ext (email)
    }
  )";
  const std::string dropped = "table users { id bigint primary key }";
  EXPECT_THAT(
      Refusal(PlanWith(dialects::postgres::PostgresDialect::Instance(), current, dropped, {"index:*_ext"})),
      HasSubstr("index users_email_ext (excluded by index:*_ext) is defined on users.email, which this "
                "plan drops"));
  const std::string retyped = "table users {\n  id bigint primary key\n  email varchar(200)\n}";
  EXPECT_TRUE(
      PlanWith(dialects::postgres::PostgresDialect::Instance(), current, retyped, {"index:*_ext"}).ok());
}

TEST(LeftAloneTest, AnUnmanagedPolicyOnADroppedTableStopsThePlan) {
  model::Schema current = Parse("table users { id bigint primary key }\ntable keep { id int }");
  current.unmanaged.push_back(model::UnmanagedObject{"policy", "", "users_own", "on users", "users"});
  const std::string message = Refusal(
      PlanWith(dialects::postgres::PostgresDialect::Instance(), current, "table keep { id int }", {}));
  EXPECT_THAT(message,
              HasSubstr("policy users_own (not managed by schemac) is part of table users, which this "
                        "plan drops"));
  // Excluding the policy does not make the drop safe: it still goes with its table.
  EXPECT_THAT(Refusal(PlanWith(dialects::postgres::PostgresDialect::Instance(), current,
                               "table keep { id int }", {"policy:*"})),
              HasSubstr("policy users_own"));
}

TEST(LeftAloneTest, AnExcludedTriggerWhoseFunctionIsRecreatedStopsThePlan) {
  const std::string current = R"(
    table users { id bigint primary key }
    function touch() returns trigger language plpgsql as $$ BEGIN RETURN NEW; END $$
    trigger users_touch before update on users execute function touch()
  )";
  const std::string other_signature = R"(
    table users { id bigint primary key }
    function touch(reason text) returns trigger language plpgsql as $$ BEGIN RETURN NEW; END $$
  )";
  EXPECT_THAT(
      Refusal(PlanWith(dialects::postgres::PostgresDialect::Instance(), current, other_signature,
                       {"trigger:users_touch"})),
      HasSubstr("trigger users_touch (excluded by trigger:users_touch) uses function touch, which this "
                "plan drops"));
}

TEST(LeftAloneTest, EveryBrokenObjectIsNamedOnce) {
  const std::string current = R"(
    table users {
      id    bigint primary key
      email varchar(100)
    }
    view a as $$ SELECT email FROM users $$
    view b as $$ SELECT * FROM users $$
    view c as $$ SELECT 1 AS one $$
  )";
  const std::string message = Refusal(PlanWith(dialects::postgres::PostgresDialect::Instance(), current,
                                               "table users { id bigint primary key }", {"view:*"}));
  EXPECT_THAT(message, HasSubstr("break 2 objects"));
  EXPECT_THAT(message, HasSubstr("view a (excluded by view:*) reads users.email, which this plan drops"));
  EXPECT_THAT(message, HasSubstr("view b (excluded by view:*) reads users.email, which this plan drops"));
  EXPECT_THAT(message, Not(HasSubstr("view c")));
}

}  // namespace
}  // namespace schemac::compiler
