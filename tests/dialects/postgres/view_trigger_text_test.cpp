// The pure readers of PostgreSQL's view and trigger text (dialects/postgres/view_trigger_text.hpp).
#include "dialects/postgres/view_trigger_text.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::postgres {
namespace {

TEST(TrimViewQuery, DropsBlanksAndTrailingSemicolons) {
  EXPECT_EQ(TrimViewQuery(" SELECT users.id\n   FROM users;"), "SELECT users.id\n   FROM users");
  EXPECT_EQ(TrimViewQuery("SELECT 1 ; ;\n"), "SELECT 1");
  EXPECT_EQ(TrimViewQuery("SELECT ';'"), "SELECT ';'");
  EXPECT_EQ(TrimViewQuery(""), "");
}

TEST(StripOuterParentheses, OnlyAroundTheWhole) {
  EXPECT_EQ(StripOuterParentheses("((new.a > 0))"), "new.a > 0");
  EXPECT_EQ(StripOuterParentheses("(a > 0) OR (b > 0)"), "(a > 0) OR (b > 0)");
  EXPECT_EQ(StripOuterParentheses("( ')' = x )"), "')' = x");
  EXPECT_EQ(StripOuterParentheses("(\"weird)\" = 1)"), "\"weird)\" = 1");
  EXPECT_EQ(StripOuterParentheses("(unbalanced"), "(unbalanced");
  EXPECT_EQ(StripOuterParentheses(""), "");
}

TEST(ParseTriggerDefinition, ReadsConditionFunctionAndArguments) {
  auto call = ParseTriggerDefinition(
      "CREATE TRIGGER t BEFORE INSERT OR UPDATE OF a, b ON users FOR EACH ROW WHEN ((new.a > 0)) "
      "EXECUTE FUNCTION audit.log_change('orders', 'x)y')");
  ASSERT_TRUE(call.ok()) << call.status().message();
  EXPECT_EQ(call->when, "new.a > 0");
  EXPECT_EQ(call->function, "audit.log_change");
  EXPECT_EQ(call->arguments, "'orders', 'x)y'");
}

TEST(ParseTriggerDefinition, WithoutConditionOrArguments) {
  auto call =
      ParseTriggerDefinition("CREATE TRIGGER t AFTER TRUNCATE ON t FOR EACH STATEMENT EXECUTE FUNCTION f()");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->when, "");
  EXPECT_EQ(call->function, "f");
  EXPECT_EQ(call->arguments, "");
}

TEST(ParseTriggerDefinition, UnquotesTheFunctionAndKnowsTheOldKeyword) {
  auto call = ParseTriggerDefinition(
      "CREATE TRIGGER t AFTER INSERT ON t FOR EACH ROW EXECUTE PROCEDURE \"Audit\".\"Log \"\"it\"\"\"()");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->function, "Audit.Log \"it\"");
}

TEST(ParseTriggerDefinition, AConditionMentioningExecuteIsNotTheCall) {
  auto call = ParseTriggerDefinition(
      "CREATE TRIGGER t BEFORE UPDATE ON t FOR EACH ROW WHEN ((new.note = ' EXECUTE FUNCTION x()')) "
      "EXECUTE FUNCTION f('a')");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->when, "new.note = ' EXECUTE FUNCTION x()'");
  EXPECT_EQ(call->function, "f");
  EXPECT_EQ(call->arguments, "'a'");
}

TEST(ParseTriggerDefinition, RefusesTextWithoutACall) {
  auto call = ParseTriggerDefinition("CREATE TRIGGER t BEFORE UPDATE ON t");
  ASSERT_FALSE(call.ok());
  EXPECT_NE(call.status().message().find("cannot read the trigger definition"), std::string::npos);
  EXPECT_FALSE(ParseTriggerDefinition("x EXECUTE FUNCTION f(").ok());
}

TEST(ApplyViewOptions, MapsWhatTheModelHasAndReturnsTheRest) {
  model::View view;
  auto rest = ApplyViewOptions({"check_option=local", "security_invoker=on", "security_barrier=true"}, view);
  EXPECT_EQ(view.check_option, model::ViewCheckOption::Local);
  EXPECT_EQ(view.security, model::ViewSecurity::Invoker);
  EXPECT_EQ(rest, std::vector<std::string>{"security_barrier=true"});
  model::View other;
  EXPECT_TRUE(ApplyViewOptions({"check_option=cascaded", "security_invoker=false"}, other).empty());
  EXPECT_EQ(other.check_option, model::ViewCheckOption::Cascaded);
  EXPECT_EQ(other.security, model::ViewSecurity::Default);
}

TEST(TriggerType, DecodesTgtypeBits) {
  // ROW | BEFORE | INSERT | UPDATE
  const int before_row = 1 | 2 | 4 | 16;
  EXPECT_EQ(TriggerTimingFromType(before_row), model::TriggerTiming::Before);
  EXPECT_TRUE(TriggerForEachRowFromType(before_row));
  EXPECT_EQ(TriggerEventsFromType(before_row),
            (std::vector<model::TriggerEvent>{model::TriggerEvent::Insert, model::TriggerEvent::Update}));
  EXPECT_EQ(TriggerTimingFromType(1 | 64 | 8), model::TriggerTiming::InsteadOf);
  EXPECT_EQ(TriggerTimingFromType(32), model::TriggerTiming::After);
  EXPECT_FALSE(TriggerForEachRowFromType(32));
  EXPECT_EQ(TriggerEventsFromType(32), std::vector<model::TriggerEvent>{model::TriggerEvent::Truncate});
}

TEST(SortTriggerEvents, InPostgresOrderWithoutRepeats) {
  std::vector<model::TriggerEvent> events = {model::TriggerEvent::Truncate, model::TriggerEvent::Update,
                                             model::TriggerEvent::Insert, model::TriggerEvent::Update,
                                             model::TriggerEvent::Delete};
  SortTriggerEvents(events);
  EXPECT_EQ(events,
            (std::vector<model::TriggerEvent>{model::TriggerEvent::Insert, model::TriggerEvent::Delete,
                                              model::TriggerEvent::Update, model::TriggerEvent::Truncate}));
}

}  // namespace
}  // namespace schemac::dialects::postgres
