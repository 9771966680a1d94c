#include "dialects/postgres/normalize_expression.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::postgres {
namespace {

struct Case {
  int line;
  std::string written;  // as a schema file says it
  std::string printed;  // as PostgreSQL 15 prints it back (pg_get_expr / pg_get_constraintdef)
};

// Each pair must reach the same canonical form; the text PostgreSQL prints was taken from a live
// server (the live test in round_trip_test.cpp checks more of them against one).
TEST(CanonicalExpressionTest, WrittenAndPrintedFormsAgree) {
  auto is_text = [](const std::string& column) { return column == "code"; };
  const Case cases[] = {
      {__LINE__, "total >= 0", "(total >= (0)::numeric)"},
      {__LINE__, "status <> 'cancelled'", "(status <> 'cancelled'::order_status)"},
      {__LINE__, "status IN ('a', 'b')", "(status = ANY (ARRAY['a'::text, 'b'::text]))"},
      {__LINE__, "code in ('x')", "((code)::text = ANY ((ARRAY['x'::character varying])::text[]))"},
      {__LINE__, "first || ' ' || last", "((first || ' '::text) || last)"},
      {__LINE__, "a > 0 AND b > 0 OR c IS NULL", "(((a > 0) AND (b > 0)) OR (c IS NULL))"},
      {__LINE__, "name LIKE 'x%'", "(name ~~ 'x%'::text)"},
      {__LINE__, "n BETWEEN 1 AND 5", "((n >= 1) AND (n <= 5))"},
      {__LINE__, "CURRENT_TIMESTAMP", "now()"},
      {__LINE__, "lower(code)", "lower((code)::text)"},
      {__LINE__, "x != -1", "(x <> '-1'::integer)"},
      {__LINE__, "(a + b) * c", "((a + b) * c)"},
      {__LINE__, "NOT deleted", "(NOT deleted)"},
      {__LINE__, "created > now() - interval '1 day'", "(created > (now() - '1 day'::interval))"},
      {__LINE__, "price * 2", "(price * (2)::numeric)"},
      {__LINE__, "\"Weird Col\" > 1", "(\"Weird Col\" > 1)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalExpression(c.written, is_text), CanonicalExpression(c.printed, is_text))
        << "case at line " << c.line;
  }
}

TEST(CanonicalExpressionTest, KeepsMeaningfulParenthesesAndCasts) {
  EXPECT_EQ(CanonicalExpression("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(CanonicalExpression("a + (b * c)"), "a + b * c");
  EXPECT_EQ(CanonicalExpression("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(CanonicalExpression("'2020-01-01'::date"), "'2020-01-01'::date");
  EXPECT_EQ(CanonicalExpression("x::text || 'a'"), "x::text || 'a'");  // x is not a text column
}

TEST(CanonicalExpressionTest, IsIdempotent) {
  for (const char* text : {"(((a > 0) AND (b > 0)) OR (c IS NULL))", "status = ANY (ARRAY['a'::text])",
                           "CASE WHEN a THEN 1 ELSE 2 END", "f(DISTINCT x)", "count(*)", "a IS NOT DISTINCT FROM b",
                           "weird $$ text that does not parse"}) {
    std::string once = CanonicalExpression(text);
    EXPECT_EQ(CanonicalExpression(once), once) << text;
  }
}

TEST(CanonicalExpressionTest, FallsBackToWhitespaceAndCase) {
  EXPECT_EQ(CanonicalExpression("SELECT  1\n FROM t"), "select 1 from t");
  EXPECT_EQ(CanonicalExpression("x = 'Keep  Case'   AND"), "x = 'Keep  Case' and");
}

TEST(CanonicalTypeSpellingTest, ResolvesAliases) {
  EXPECT_EQ(CanonicalTypeSpelling("INT4"), "integer");
  EXPECT_EQ(CanonicalTypeSpelling("varchar(20)"), "character varying(20)");
  EXPECT_EQ(CanonicalTypeSpelling("timestamptz"), "timestamp with time zone");
  EXPECT_EQ(CanonicalTypeSpelling("timestamp(3)"), "timestamp(3) without time zone");
  EXPECT_EQ(CanonicalTypeSpelling("timestamp (3) with time zone"), "timestamp(3) with time zone");
  EXPECT_EQ(CanonicalTypeSpelling("int[]"), "integer[]");
  EXPECT_EQ(CanonicalTypeSpelling("pg_catalog.text"), "text");
  EXPECT_EQ(CanonicalTypeSpelling("numeric( 12, 2 )"), "numeric(12,2)");
}

}  // namespace
}  // namespace schemac::dialects::postgres
