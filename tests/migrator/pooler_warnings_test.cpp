// Which steps apply warns of behind a transaction pooler (migrator/pooler_warnings.hpp): those
// that set their settings for the session because they run outside a transaction.
#include "migrator/pooler_warnings.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "fake_connection.hpp"

namespace schemac::migrator {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

PlanStep Step(std::string description, bool transactional) {
  PlanStep step;
  step.description = std::move(description);
  step.up.statements = {"CREATE INDEX CONCURRENTLY i ON t (x)"};
  step.up.transactional = transactional;
  step.up.settings = ScriptSettings{
      {"SET LOCAL lock_timeout = '5000ms'"}, {"SET lock_timeout = '5000ms'"}, {"RESET lock_timeout"}};
  return step;
}

Plan TwoSteps() {
  Plan plan;
  plan.steps = {Step("add column x to t", true), Step("create index i on t", false)};
  return plan;
}

TEST(PoolerWarnings, OnlyAStepOutsideATransactionBehindAPoolerIsWarnedOf) {
  testing::FakeConnection connection;
  connection.behind_pooler = true;
  const std::vector<std::string> warnings = PoolerWarnings(connection, TwoSteps());
  ASSERT_THAT(warnings, SizeIs(1));
  EXPECT_THAT(warnings[0], HasSubstr("step 2 (create index i on t) runs outside a transaction"));
  EXPECT_THAT(warnings[0], HasSubstr("SET lock_timeout = '5000ms'"));
  EXPECT_THAT(warnings[0], HasSubstr("may not apply"));
}

TEST(PoolerWarnings, NoneOnADirectConnection) {
  testing::FakeConnection connection;
  EXPECT_THAT(PoolerWarnings(connection, TwoSteps()), IsEmpty());
}

TEST(PoolerWarnings, NoneForAStepOutsideATransactionThatSetsNothing) {
  PlanStep step = Step("create index i on t", false);
  step.up.settings = ScriptSettings{};
  EXPECT_EQ(PoolerWarning(step, 1), "");
}

}  // namespace
}  // namespace schemac::migrator
