// Identifier quoting and "did you mean" suggestions.
#include "schema_dsl/identifiers.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "schema_dsl/name_suggestions.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "test_files.hpp"

namespace schemac::dsl {
namespace {

// The keywords the lexer defines: rules of the form `NAME: 'word';`.
std::vector<std::string> LexerKeywords() {
  const std::string grammar = testing::ReadFile(testing::SourcePath("grammar/SchemaLexer.g4"));
  std::vector<std::string> keywords;
  std::regex rule(R"(\n[A-Z_]+: '([a-z]+)';)");
  for (auto it = std::sregex_iterator(grammar.begin(), grammar.end(), rule); it != std::sregex_iterator();
       ++it) {
    keywords.push_back((*it)[1]);
  }
  return keywords;
}

TEST(IdentifiersTest, EveryLexerKeywordIsQuotedWhenPrinted) {
  const std::vector<std::string> keywords = LexerKeywords();
  ASSERT_GE(keywords.size(), 40u);
  for (const std::string& keyword : keywords) {
    EXPECT_TRUE(IsKeyword(keyword)) << keyword;
    EXPECT_EQ(QuoteIdentifier(keyword), "\"" + keyword + "\"");
  }
}

TEST(IdentifiersTest, KeywordNamesRoundTrip) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  for (const std::string& keyword : LexerKeywords()) {
    model::Table table;
    table.name = keyword;
    model::Column column;
    column.name = keyword;
    table.columns.push_back(column);
    ns.tables.push_back(table);
  }
  const std::string printed = PrintSchema(schema);
  LoadResult reparsed = ParseSchemaText(printed);
  ASSERT_TRUE(reparsed.ok()) << (reparsed.diagnostics.empty() ? "" : reparsed.diagnostics[0].message);
  EXPECT_TRUE(reparsed.schema == schema) << printed;
}

TEST(IdentifiersTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(QuoteIdentifier("user_id"), "user_id");
  EXPECT_EQ(QuoteIdentifier("_x9"), "_x9");
  EXPECT_EQ(QuoteIdentifier("Users"), "Users");
  EXPECT_EQ(QuoteIdentifier("9x"), "\"9x\"");
  EXPECT_EQ(QuoteIdentifier("a b"), "\"a b\"");
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(QuoteIdentifier(""), "\"\"");
  EXPECT_EQ(QuoteIdentifier("café"), "\"café\"");
  EXPECT_EQ(QuoteString("it's"), "'it''s'");
}

TEST(IdentifiersTest, NumberLiterals) {
  for (const char* number : {"0", "-1", "1.50", "-0.5", "1e10", "2.5E-3", "7e+2"})
    EXPECT_TRUE(IsNumberLiteral(number)) << number;
  for (const char* text : {"", "-", "1.", ".5", "1e", "0x10", "1 2", "+1", "abc"})
    EXPECT_FALSE(IsNumberLiteral(text)) << text;
}

TEST(NameSuggestionsTest, EditDistance) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 10), 3u);
  EXPECT_EQ(EditDistance("abc", "abc", 0), 0u);
  EXPECT_EQ(EditDistance("ABC", "abc", 0), 0u);
  EXPECT_GT(EditDistance("short", "a much longer word", 2), 2u);
}

TEST(NameSuggestionsTest, SuggestsCloseNamesOnly) {
  std::vector<std::string_view> columns = {"id", "user_id", "created_at"};
  EXPECT_EQ(SuggestName("usr_id", columns), "user_id");
  EXPECT_EQ(SuggestName("creatd_at", columns), "created_at");
  EXPECT_EQ(SuggestName("Id", columns), "id");
  EXPECT_EQ(SuggestName("totally_else", columns), "");
  EXPECT_EQ(SuggestName("id", columns), "");  // the name itself is no suggestion
  EXPECT_EQ(SuggestName("x", {}), "");
}

}  // namespace
}  // namespace schemac::dsl
