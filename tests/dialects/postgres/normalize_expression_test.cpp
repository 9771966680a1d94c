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
  auto is_text = [](const std::string& column) {
    if (column == "code") return ColumnClass::kCharacter;
    if (column == "qty" || column == "n") return ColumnClass::kInteger;
    if (column == "price") return ColumnClass::kDecimal;
    if (column == "r") return ColumnClass::kFloat;
    if (column == "d") return ColumnClass::kDate;
    if (column == "t") return ColumnClass::kTimestamp;
    return ColumnClass::kOther;
  };
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
      // pg_get_constraintdef(oid, true) prints nested ANDs / ORs flat.
      {__LINE__, "s in ('a', 'b') and n between 1 and 9",
       "((s = ANY (ARRAY['a'::text, 'b'::text])) AND n >= 1 AND n <= 9)"},
      {__LINE__, "s in ('a', 'b') and n between 1 and 9",
       "((s = ANY (ARRAY['a'::text, 'b'::text])) AND ((n >= 1) AND (n <= 9)))"},
      {__LINE__, "n = 1 or n = 2 or (n = 3 or n = 4)", "n = 1 OR n = 2 OR n = 3 OR n = 4"},
      {__LINE__, "n not between 1 and 9", "(n < 1 OR n > 9)"},
      {__LINE__, "code in ('a')", "(code)::text = 'a'::text"},
      {__LINE__, "n not in (3)", "n <> 3"},
      {__LINE__, "n not in (1, 2)", "(n <> ALL (ARRAY[1, 2]))"},
      {__LINE__, "s::varchar(5) <> 'x'", "s::character varying(5)::text <> 'x'::text"},
      {__LINE__, "cast(n as text) <> ''", "n::text <> ''::text"},
      {__LINE__, "r < 1e9", "r < '1000000000'::numeric::double precision"},
      {__LINE__, "r > 1.5e-3", "r > 0.0015"},
      {__LINE__, "price < 1.50e3", "price < 1500"},
      {__LINE__, "trim(s) <> ''", "TRIM(BOTH FROM s) <> ''::text"},
      {__LINE__, "trim(leading from s) <> ''", "TRIM(LEADING FROM s) <> ''::text"},
      {__LINE__, "trim(trailing 'x' from code) <> ''", "TRIM(TRAILING 'x'::text FROM code) <> ''::text"},
      {__LINE__, "position('@' in s) > 0", "POSITION(('@'::text) IN (s)) > 0"},
      {__LINE__, "substring(s from 1 for 2) <> 'xx'", "SUBSTRING(s FROM 1 FOR 2) <> 'xx'::text"},
      {__LINE__, "substring(s, 1, 2) <> 'xx'", "\"substring\"(s, 1, 2) <> 'xx'::text"},
      {__LINE__, "extract(YEAR from d) > 2000", "EXTRACT(year FROM d) > 2000::numeric"},
      {__LINE__, "overlay(s placing 'x' from 1 for 2) <> ''",
       "OVERLAY(s PLACING 'x'::text FROM 1 FOR 2) <> ''::text"},
      {__LINE__, "code similar to 'a%'", "code::text ~ similar_to_escape('a%'::text)"},
      {__LINE__, "s collate \"C\" > 'a'", "(s COLLATE \"C\") > 'a'::text"},
      {__LINE__, "t > '2020-01-01'::timestamp", "(t > '2020-01-01 00:00:00'::timestamp without time zone)"},
      {__LINE__, "price * qty", "(price * (qty)::numeric)"},
      {__LINE__, "nextval('t_ids')", "nextval('t_ids'::regclass)"},
      {__LINE__, "price * 2 > n + 1", "((price * 2::numeric) > (n + 1)::numeric)"},
      {__LINE__, "r > n", "r > n::double precision"},
      {__LINE__, "d between '2000-01-01' and '2100-01-01'",
       "d >= '2000-01-01'::date AND d <= '2100-01-01'::date"},
      {__LINE__, "t > '2020-01-01'", "t > '2020-01-01 00:00:00'::timestamp without time zone"},
      {__LINE__, "coalesce(code, '') <> 'x'", "COALESCE(code, ''::character varying)::text <> 'x'::text"},
      {__LINE__, "qty * 1.5 > price", "((qty)::numeric * 1.5) > price"},
      {__LINE__, "n::numeric / 3", "((n)::numeric / (3)::numeric)"},
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
  EXPECT_EQ(CanonicalExpression("a or (b and c)"), "a or b and c");
  EXPECT_EQ(CanonicalExpression("(a or b) and c"), "(a or b) and c");
  EXPECT_EQ(CanonicalExpression("a and (b or c) and d"), "a and (b or c) and d");
  EXPECT_EQ(CanonicalExpression("s::varchar(5)::text = 'x'"), "s::character varying(5) = 'x'");
  EXPECT_EQ(CanonicalExpression("n::bigint::text"), "n::bigint::text");  // not a text-to-text cast
  auto integer = [](const std::string&) { return ColumnClass::kInteger; };
  EXPECT_EQ(CanonicalExpression("n::numeric / 3", integer), "n::numeric / 3");  // the cast changes the result
  EXPECT_EQ(CanonicalExpression("t > '2020-01-01'::timestamptz"),
            "t > '2020-01-01'::timestamp with time zone");
}

TEST(RenameColumnsInExpressionTest, RenamesColumnReferencesOnly) {
  const std::map<std::string, std::string> renames = {{"qty", "quantity"}, {"a", "Big Name"}};
  EXPECT_EQ(RenameColumnsInExpression("qty > 0 and lower(s) <> 'qty'", renames),
            "quantity > 0 and lower(s) <> 'qty'");
  EXPECT_EQ(RenameColumnsInExpression("a + qty2 > 1", renames), "\"Big Name\" + qty2 > 1");
  EXPECT_EQ(RenameColumnsInExpression("select $$", renames), std::nullopt);
}

TEST(CanonicalExpressionTest, SpellsNumbersAsNumericPrintsThem) {
  EXPECT_EQ(CanonicalExpression("1e9"), "1000000000");
  EXPECT_EQ(CanonicalExpression("1.50e1"), "15.0");
  EXPECT_EQ(CanonicalExpression("-2.5E-2"), "-0.025");
  EXPECT_EQ(CanonicalExpression("1.5"), "1.5");
}

TEST(CanonicalExpressionTest, IsIdempotent) {
  for (const char* text : {"(((a > 0) AND (b > 0)) OR (c IS NULL))", "status = ANY (ARRAY['a'::text])",
                           "CASE WHEN a THEN 1 ELSE 2 END", "f(DISTINCT x)", "count(*)",
                           "a IS NOT DISTINCT FROM b", "weird $$ text that does not parse"}) {
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
