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
      {"CAST(n AS CHAR)", "cast(`n` as char charset utf8mb4)"},
      {"d > CURRENT_DATE", "`d` > curdate()"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalExpression(c.written), CanonicalExpression(c.server))
        << c.written << " vs " << c.server;
  }
}

// Each pair: what a schema may say, and what MariaDB 10.11 printed back for it (CHECK_CLAUSE,
// GENERATION_EXPRESSION, COLUMN_DEFAULT), probed on the server.
TEST(CanonicalExpressionTest, MariaDbRewritesCompareEqualToWhatWasWritten) {
  const Case cases[] = {
      {"length(title) > 0", "octet_length(`title`) > 0"},
      {"character_length(title) > 0", "char_length(`title`) > 0"},
      {"substring(title, 1, 2) = 'ab'", "substr(`title`,1,2) = 'ab'"},
      {"substring(title from 1 for 2) = 'ab'", "substr(`title`,1,2) = 'ab'"},
      {"substr(title from 2) = 'a'", "substr(`title`,2) = 'a'"},
      {"mid(title, 1, 2) = 'ab'", "substr(`title`,1,2) = 'ab'"},
      {"lower(title) = title", "lcase(`title`) = `title`"},
      {"UPPER(title) = title", "ucase(`title`) = `title`"},
      {"power(a, 2) > 0", "pow(`a`,2) > 0"},
      {"a != b", "`a` <> `b`"},
      {"not (a > 1)", "`a` <= 1"},
      {"NOT (a = 1)", "`a` <> 1"},
      {"!(a > 1)", "`a` <= 1"},
      {"not (a in (1, 2))", "`a` not in (1,2)"},
      {"not (a between 1 and 2)", "`a` not between 1 and 2"},
      {"not (a is null)", "`a` is not null"},
      {"not (title like 'a%')", "`title`  not like 'a%'"},
      {"cast(a as char) = '1'", "cast(`a` as char charset utf8mb4) = '1'"},
      {"cast(a as char(5)) = '1'", "cast(`a` as char(5) charset utf8mb4) = '1'"},
      {"convert(a, char) = '1'", "cast(`a` as char charset utf8mb4) = '1'"},
      {"a > 0 && b > 0", "`a` > 0 and `b` > 0"},
      {"a > 0 || b > 0", "`a` > 0 or `b` > 0"},
      {"a % 2 = 0", "`a` MOD 2 = 0"},
      {"title rlike '^a'", "`title` regexp '^a'"},
      {"position('a' in title) > 0", "locate('a',`title`) > 0"},
      {"instr(title, 'a') > 0", "locate('a',`title`) > 0"},
      {"ceil(a) >= 0", "ceiling(`a`) >= 0"},
      {"round(a) >= 0", "round(`a`,0) >= 0"},
      {"date(d) > '2020-01-01'", "cast(`d` as date) > '2020-01-01'"},
      {"date_add(d, interval 1 day) > d", "`d` + interval 1 day > `d`"},
      {"date_sub(d, interval 1 day) < d", "`d` - interval 1 day < `d`"},
      {"a = true", "`a` = 1"},
      {"a is not false", "`a` is not false"},
      {"title = 'it''s'", "`title` = 'it\\'s'"},
      {"title = N'x'", "`title` = 'x'"},
      {"(a > 0) and (b > 0)", "`a` > 0 and `b` > 0"},
      {"((a > 0))", "`a` > 0"},
      {"a + (b * 2) > 0", "`a` + `b` * 2 > 0"},
      {"a > (b)", "`a` > `b`"},
      {"a - (-1) > 0", "`a` - -1 > 0"},
      {"a > 0 or (b > 0 and a < b)", "`a` > 0 or `b` > 0 and `a` < `b`"},
      {"case when a != 0 then 1 else 0 end", "case when `a` <> 0 then 1 else 0 end"},
      {"ifnull(a, 0) + power(a, 2)", "ifnull(`a`,0) + pow(`a`,2)"},
      {"\"a \"\"quoted\"\" name\" > 0", "`a \"quoted\" name` > 0"},
      {"a > 0 /* why */ -- more", "`a` > 0"},
      {"b >= 0 and not (a is null and b is not null)", "`b` >= 0 and (`a` is not null or `b` is null)"},
      {"not (a > 0 or b > 0)", "`a` <= 0 and `b` <= 0"},
      {"not (a > 0 and b > 0 and a < 3)", "`a` <= 0 or `b` <= 0 or `a` >= 3"},
      {"not (a > 0 and (b > 0 or a < 3))", "`a` <= 0 or `b` <= 0 and `a` >= 3"},
      {"not (a > 0 and b)", "`a` <= 0 or `b` = 0"},
      {"not a", "`a` = 0"},
      {"not (qty < 0) and not (price is null and qty is not null)",
       "`qty` >= 0 and (`price` is not null or `qty` is null)"},
      {"a > 0 and not (b < 0)", "`a` > 0 and `b` >= 0"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanonicalExpression(c.written), CanonicalExpression(c.server))
        << c.written << " vs " << c.server;
    std::string once = CanonicalExpression(c.written);
    EXPECT_EQ(CanonicalExpression(once), once) << c.written;
  }
}

TEST(CanonicalExpressionTest, ParenthesesThatChangeTheMeaningStay) {
  EXPECT_EQ(CanonicalExpression("(a + b) * 2"), "(a + b) * 2");
  EXPECT_EQ(CanonicalExpression("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(CanonicalExpression("(a > 0 or b > 0) and a < 5"), "(a > 0 or b > 0) and a < 5");
  EXPECT_EQ(CanonicalExpression("a in (1, 2)"), "a in (1, 2)");
  EXPECT_EQ(CanonicalExpression("(a, b) = (1, 2)"), "(a, b) = (1, 2)");
  EXPECT_EQ(CanonicalExpression("a is true"), "a is true");
  EXPECT_EQ(CanonicalExpression("-(a + b)"), "-(a + b)");
}

TEST(CanonicalExpressionTest, DoubleQuotedNamesAreIdentifiersInBackticks) {
  // The schema language's quoted identifier; MySQL would read "x" as a string.
  EXPECT_EQ(CanonicalExpression("\"a \"\"quoted\"\" name\" > 0"), "`a \"quoted\" name` > 0");
  EXPECT_EQ(CanonicalExpression("\"qty\" > 0"), "qty > 0");
}

TEST(CanonicalExpressionTest, KeywordsWrittenBareStayBare) {
  EXPECT_EQ(CanonicalExpression("CAST(n AS CHAR)"), "cast(n as char charset utf8mb4)");
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
