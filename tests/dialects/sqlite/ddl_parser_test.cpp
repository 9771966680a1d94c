#include "dialects/sqlite/ddl_parser.hpp"

#include <gtest/gtest.h>

#include "dialects/sqlite/sql_lexer.hpp"

namespace schemac::dialects::sqlite {
namespace {

TEST(SqlLexer, ReadsEveryQuoteKindAndSkipsComments) {
  auto tokens = Tokenize(R"sql("a""b" `c``d` [e f] 'g''h' X'0a' -- comment ( ' "
      /* block ) */ 12.5e3 <= || ->>)sql");
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(tokens[0].value, "a\"b");
  EXPECT_EQ(tokens[1].value, "c`d");
  EXPECT_EQ(tokens[2].value, "e f");
  EXPECT_EQ(tokens[3].kind, TokenKind::kString);
  EXPECT_EQ(tokens[3].value, "g'h");
  EXPECT_EQ(tokens[4].kind, TokenKind::kBlob);
  EXPECT_EQ(tokens[5].text, "12.5e3");
  EXPECT_EQ(tokens[6].text, "<=");
  EXPECT_EQ(tokens[7].text, "||");
  EXPECT_EQ(tokens[8].text, "->>");
}

TEST(SqlLexer, UnterminatedTextDoesNotCrash) {
  EXPECT_FALSE(Tokenize("'open").empty());
  EXPECT_FALSE(Tokenize("\"open").empty());
  EXPECT_TRUE(Tokenize("/* open").empty());
  EXPECT_FALSE(Tokenize("[open").empty());
}

TEST(DdlParser, ReadsNamesChecksAndOptionsFromCreateTable) {
  auto parsed = ParseCreateTable(R"sql(CREATE TABLE IF NOT EXISTS main."Order Items" (
      -- a comment with ( and ,
      id INTEGER CONSTRAINT items_pk PRIMARY KEY AUTOINCREMENT,
      [qty] INT NOT NULL DEFAULT (1 + (2 * 3)) CONSTRAINT qty_positive CHECK (qty > 0),
      `note` VARCHAR ( 20 ) COLLATE NOCASE DEFAULT 'a, (b)',
      total DECIMAL(10, 2) GENERATED ALWAYS AS (qty * 2.5) STORED,
      "order" BIGINT REFERENCES orders(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
      code TEXT UNIQUE,
      /* block ) comment */
      CONSTRAINT one_note UNIQUE (note, code),
      CHECK (length(note) < 10),
      CONSTRAINT fk_pair FOREIGN KEY ("order", code) REFERENCES other ON UPDATE SET NULL
    ) WITHOUT ROWID, STRICT)sql");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->name, "Order Items");
  ASSERT_EQ(parsed->columns.size(), 6u);
  EXPECT_EQ(parsed->columns[0].declared_type, "INTEGER");
  EXPECT_TRUE(parsed->columns[0].autoincrement);
  EXPECT_EQ(parsed->columns[1].name, "qty");
  EXPECT_EQ(parsed->columns[2].name, "note");
  EXPECT_EQ(parsed->columns[2].declared_type, "VARCHAR ( 20 )");
  EXPECT_EQ(parsed->columns[2].collation, "NOCASE");
  ASSERT_TRUE(parsed->columns[3].generated_expression.has_value());
  EXPECT_EQ(*parsed->columns[3].generated_expression, "qty * 2.5");
  EXPECT_EQ(parsed->columns[3].declared_type, "DECIMAL(10, 2)");
  ASSERT_TRUE(parsed->primary_key.has_value());
  EXPECT_EQ(parsed->primary_key->name, "items_pk");
  ASSERT_EQ(parsed->uniques.size(), 2u);
  EXPECT_EQ(parsed->uniques[0].name, "");
  EXPECT_EQ(parsed->uniques[1].name, "one_note");
  EXPECT_EQ(parsed->uniques[1].columns, (std::vector<std::string>{"note", "code"}));
  ASSERT_EQ(parsed->checks.size(), 2u);
  EXPECT_EQ(parsed->checks[0].name, "qty_positive");
  EXPECT_EQ(parsed->checks[0].column, "qty");
  EXPECT_EQ(parsed->checks[0].expression, "qty > 0");
  EXPECT_EQ(parsed->checks[1].expression, "length(note) < 10");
  ASSERT_EQ(parsed->foreign_keys.size(), 2u);
  EXPECT_TRUE(parsed->foreign_keys[0].deferrable);
  EXPECT_TRUE(parsed->foreign_keys[0].initially_deferred);
  EXPECT_EQ(parsed->foreign_keys[0].columns, (std::vector<std::string>{"order"}));
  EXPECT_EQ(parsed->foreign_keys[1].name, "fk_pair");
  EXPECT_EQ(parsed->foreign_keys[1].ref_table, "other");
  EXPECT_TRUE(parsed->foreign_keys[1].ref_columns.empty());
  EXPECT_TRUE(parsed->without_rowid);
  EXPECT_TRUE(parsed->strict);
}

TEST(DdlParser, RejectsTextThatIsNoCreateTable) {
  EXPECT_FALSE(ParseCreateTable("SELECT 1").ok());
  EXPECT_FALSE(ParseCreateTable("CREATE TABLE t").ok());
  EXPECT_FALSE(ParseCreateTable("").ok());
  EXPECT_FALSE(ParseCreateTable("CREATE TABLE t (a INT").ok());
}

TEST(DdlParser, ReadsIndexKeysAndPredicate) {
  auto parsed = ParseCreateIndex(
      R"sql(CREATE UNIQUE INDEX "idx ""x""" ON [t] (a COLLATE NOCASE DESC, (lower(b) || ','), c ASC) WHERE a > 0 AND b <> ')')sql");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->name, "idx \"x\"");
  EXPECT_EQ(parsed->table, "t");
  EXPECT_TRUE(parsed->unique);
  ASSERT_EQ(parsed->keys.size(), 3u);
  EXPECT_EQ(parsed->keys[0].column, "a");
  EXPECT_EQ(parsed->keys[0].collation, "NOCASE");
  EXPECT_TRUE(parsed->keys[0].descending);
  EXPECT_EQ(parsed->keys[1].expression, "(lower(b) || ',')");
  EXPECT_EQ(parsed->keys[2].column, "c");
  EXPECT_FALSE(parsed->keys[2].descending);
  EXPECT_EQ(parsed->where, "a > 0 AND b <> ')'");
}

TEST(DdlParser, FindsTheTableOfATrigger) {
  EXPECT_EQ(TriggerTable("CREATE TRIGGER trg AFTER UPDATE OF a, b ON \"my t\" BEGIN SELECT 1; END"), "my t");
  EXPECT_EQ(TriggerTable("CREATE TEMP TRIGGER IF NOT EXISTS x BEFORE INSERT ON main.t BEGIN SELECT 1; END"),
            "t");
  EXPECT_EQ(TriggerTable("garbage"), "");
}

}  // namespace
}  // namespace schemac::dialects::sqlite
