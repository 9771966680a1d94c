#include "dialects/mysql/normalize_expression.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::mysql {
namespace {

struct Case {
  const char* written;
  const char* server;  // how MariaDB / MySQL print the same expression back
};

TEST(CanonicalExpressionTest, SchemaSpellingAndServerSpellingAgree) {
  const Case cases[] = {
      {"total >= 0", "`total` >= 0"},
      {"(d<1000 AND n>-1)", "`d` < 1000 and `n` > -1"},
      {"json_valid(doc)", "json_valid(`doc`)"},
      {"now()", "current_timestamp()"},
      {"CURRENT_TIMESTAMP", "current_timestamp()"},
      {"a + b * 2", "`a` + `b` * 2"},
      {"concat(first, ' ', last)", "concat(`first`,' ',`last`)"},
      {"status IN ('a','b')", "`status` in ('a','b')"},
      {"`order` > 1", "`order` > 1"},
      {"lower(Name)", "lower(`Name`)"},
      {"CAST(n AS CHAR)", "cast(`n` as char)"},
      {"d > CURRENT_DATE", "`d` > curdate()"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalExpression(c.written), CanonicalExpression(c.server))
        << c.written << " vs " << c.server;
  }
}

TEST(CanonicalExpressionTest, KeywordsWrittenBareStayBare) {
  EXPECT_EQ(CanonicalExpression("CAST(n AS CHAR)"), "cast(n as char)");
  EXPECT_EQ(CanonicalExpression("d > CURRENT_DATE"), "d > curdate()");
}

TEST(CanonicalExpressionTest, IsIdempotent) {
  const char* expressions[] = {"`a b` + 1", "x IS NOT NULL AND (y < -2 OR z = 'It''s')", "now()", "-(a)",
                               "`order` * 2"};
  for (const char* expression : expressions) {
    std::string once = CanonicalExpression(expression);
    EXPECT_EQ(CanonicalExpression(once), once) << expression;
  }
}

TEST(CanonicalExpressionTest, KeepsStringLiteralsAndQuotesIdentifiersThatNeedIt) {
  EXPECT_EQ(CanonicalExpression("name = 'Hello World'"), "name = 'Hello World'");
  EXPECT_EQ(CanonicalExpression("`order` > 1"), "`order` > 1");
  EXPECT_EQ(CanonicalExpression("`we``ird` > 1"), "`we``ird` > 1");
  EXPECT_EQ(CanonicalExpression("n > -1"), "n > -1");
  EXPECT_EQ(CanonicalExpression("a - 1"), "a - 1");
}

TEST(CanonicalExpressionTest, DifferentExpressionsStayDifferent) {
  EXPECT_NE(CanonicalExpression("a > 1"), CanonicalExpression("a >= 1"));
  EXPECT_NE(CanonicalExpression("name = 'A'"), CanonicalExpression("name = 'a'"));
}

}  // namespace
}  // namespace schemac::dialects::mysql
