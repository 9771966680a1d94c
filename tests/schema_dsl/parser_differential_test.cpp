// The fast parser against the ANTLR parser (schema_dsl/parser_differential.hpp): on every schema
// file of the repository, and on inputs made to sit on the choices where the grammar needs more
// than one token of lookahead (keywords used as names, the layout predicates, optional parts).
// Whatever the fast parser accepts must equal ANTLR's syntax tree and comments exactly.
#include "schema_dsl/parser_differential.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "test_files.hpp"

namespace schemac::dsl {
namespace {

std::vector<std::string> EverySchemaFile() {
  std::vector<std::string> files = testing::FilesIn("tests", ".schema");
  for (const std::string& example : testing::FilesIn("examples", ".schema")) files.push_back(example);
  return files;
}

TEST(ParserDifferentialTest, EverySchemaFileInTheRepositoryAgrees) {
  const std::vector<std::string> files = EverySchemaFile();
  ASSERT_GE(files.size(), 20u);
  for (const std::string& path : files) {
    ParserComparison comparison = CompareParsers(testing::ReadFile(path), testing::FileName(path));
    EXPECT_TRUE(comparison.Agrees()) << path << ": " << comparison.difference;
  }
}

// The valid corpus and the examples are the language as people write it: the fast parser must
// take all of it, or the speed-up would not reach real schemas.
TEST(ParserDifferentialTest, FastParserHandlesEveryValidFile) {
  for (const std::string& path : testing::ValidSchemaFiles()) {
    ParserComparison comparison = CompareParsers(testing::ReadFile(path), testing::FileName(path));
    EXPECT_TRUE(comparison.antlr_accepted) << path;
    EXPECT_TRUE(comparison.fast_handled) << path << ": the fast parser gave up on a valid file";
  }
}

// Inputs where the fast parser must decide like ANTLR's prediction, or give up.
TEST(ParserDifferentialTest, LookaheadChoicesAgree) {
  const std::vector<std::string> inputs = {
      // keywords as column names, next to the items they could start
      "table t {\n  check int\n  unique text\n  index int not null\n  primary bigint\n  comment text\n}\n",
      "table t {\n  constraint int\n  foreign int\n  option int\n  key int\n  native int\n}\n",
      "table t {\n  a int\n  constraint c check (a > 0)\n  constraint d int\n}\n",
      "table t {\n  a int\n  primary key (a)\n  unique (a)\n  unique index u (a)\n  unique index int\n}\n",
      "table t {\n  a int\n  index (a)\n  index using (a)\n  index using gin (a)\n  index i using gin "
      "(a)\n}\n",
      "table t {\n  a int\n  index using using (a)\n}\n",
      "table t {\n  index foo(5)\n}\n",
      "table t {\n  option mysql.engine = 'InnoDB'\n  option a.b int\n  option sqlite.strict = true\n}\n",
      // continuation lines: deeper indentation continues the column, the same column starts an item
      "table t {\n  a int\n    not null\n    default 0\n  b int\n}\n",
      "table t {\n  a int\n  not null\n}\n",
      "table t {\n  a int\n    not null(5)\n}\n",
      "table t {\n  a int\n    unique index foo (a)\n}\n",
      "table t {\n  a int identity\n  always int\n}\n",
      "table t {\n  a int identity\n    always\n}\n",
      "table t {\n  a text generated always as (b) stored\n  stored int\n}\n",
      "table t {\n  a int generated always as (1) generated always as (2) virtual\n}\n",
      // references tails against clauses and new columns
      "table t {\n  a int references u(id) not null on delete cascade\n}\n",
      "table t {\n  a int references u(id)\n  not deferrable int\n}\n",
      "table t {\n  a int references u(id)\n  on int\n}\n",
      "table t {\n  a int references s.u(id) deferrable initially deferred not deferrable\n}\n",
      "table t {\n  a int references u(id) on update set null on delete set default on delete no action\n}\n",
      "table t {\n  a int references u(id) match full match simple\n  match full\n}\n",
      "table t {\n  a int references u(id)\n  match int\n  full text\n}\n",
      "table t {\n  a int references u(id) match\n}\n",
      // types
      "table t {\n  a native(postgres: 'inet')\n  b native(5)\n  c s.e\n  d decimal(1,2) native(mysql: "
      "'x')\n}\n",
      "table t {\n  a int\n  native(pg: 'x')\n}\n",
      "table t {\n  a int native\n}\n",
      // defaults, repeated clauses (first wins, spans follow the last)
      "table t {\n  a int default 1 default (2) default 'x' collate \"\" collate c comment '' comment "
      "'c'\n}\n",
      "table t {\n  a int default null null not null identity identity always\n}\n",
      // indexes: empty expression keys are dropped, with their index when none is left
      "table t {\n  a int\n  index i (()) where (a > 0)\n  index j ((), a desc nulls first) include (a)\n}\n",
      "table t {\n  a int\n  index i (a asc collate \"C\" opclass x nulls last)\n}\n",
      "table t {\n  a text\n  primary key (a) comment 'k'\n  index i (a(5) desc, a) where (a > 0) comment "
      "'c'\n"
      "  comment 't'\n}\n",
      "table t {\n  a text\n  index i (a(x))\n  index j (a(5)\n}\n",
      // enums, annotations, namespaces
      "@x @y(a, 'b') enum e { a, 'b', c, } comment 'c'\nenum f {}\nenum g { , }\n",
      "namespace n {\n  @strategy(shadow) table t { a int @renamed_from(b) }\n  enum e { a }\n}\n",
      "@x table t {}\n@x(\n) enum e {}\n",
      // expressions, strings and positions
      "table t {\n  a text default (x /* ( */ + ')' || \"q\" || `b`)\n  check ((((a))))\n}\n",
      "table t {\n  a text comment 'multi\nline ''quoted'''\n  \"b\"\"c\" int\n}\n",
      "table t {\n  é int\n}\n",
      "table t {\n  a text default 'é' comment '日本'\n  b int\n}\n// après\n/* multi\n line */\n",
      "\xEF\xBB\xBFtable t { a int }\n",
      "table t { a int }\xEF\xBB\xBF\n",
      "table t {\r\n  a int\r\n  b int -- x\r\n}\r\n",
      "table t { a int check (a /* unclosed ) }\n",
      "table t { a int default -1.5e+3 }\ntable u { a int default 1e }\n",
      "table t { a int } table u { a int } enum e { a } comment 'x' enum f { b }",
      "table t {\n  a int,\n}\n",
      "table t {\n  a int default 'x\n}\n",
  };
  size_t handled = 0;
  for (const std::string& input : inputs) {
    ParserComparison comparison = CompareParsers(input);
    EXPECT_TRUE(comparison.Agrees()) << input << "\n" << comparison.difference;
    handled += comparison.fast_handled;
  }
  // Most of these are valid and plain enough for the fast parser; it must not give up on all.
  EXPECT_GT(handled, inputs.size() / 2);
}

// Random tables built from the grammar's pieces, with keywords for names and random line breaks
// and indentation between every two tokens: they land on the layout predicates and on every
// choice between a clause, a table item and a column named like a keyword. Deterministic.
class RandomTableWriter {
 public:
  explicit RandomTableWriter(uint64_t seed) : random_(seed) {}

  std::string Table() {
    out_ = "table " + Name() + " {";
    const size_t items = 1 + Below(5);
    for (size_t i = 0; i < items; ++i) {
      out_ += '\n';
      out_.append(2 * (1 + Below(2)), ' ');
      Item();
    }
    out_ += Below(8) == 0 ? " }" : "\n}\n";
    return out_;
  }

 private:
  size_t Below(size_t bound) { return std::uniform_int_distribution<size_t>(0, bound - 1)(random_); }

  std::string Pick(const std::vector<std::string>& choices) { return choices[Below(choices.size())]; }

  std::string Name() {
    return Pick({"a",       "b",          "id",        "index",   "check",   "unique", "primary",
                 "key",     "not",        "null",      "default", "comment", "option", "constraint",
                 "foreign", "native",     "always",    "stored",  "on",      "using",  "include",
                 "where",   "deferrable", "initially", "match",   "full",    "simple", "\"q\""});
  }

  // A separator: usually a space, sometimes a line break indented less, as much, or deeper.
  void Gap() {
    switch (Below(4)) {
      case 0:
        out_ += '\n';
        out_.append(Below(8), ' ');
        break;
      default:
        out_ += ' ';
        break;
    }
  }

  void Emit(const std::string& pieces) {
    // Pieces are separated by single spaces in `pieces`; each space becomes a random gap.
    size_t begin = 0;
    for (;;) {
      size_t space = pieces.find(' ', begin);
      out_ += pieces.substr(begin, space - begin);
      if (space == std::string::npos) return;
      Gap();
      begin = space + 1;
    }
  }

  void Item() {
    switch (Below(9)) {
      case 0:
        Emit("primary key ( " + Name() + " )");
        return;
      case 1:
        Emit("unique ( " + Name() + " , " + Name() + " )");
        return;
      case 2:
        Emit("constraint " + Name() + " check ( a > 0 )");
        return;
      case 3:
        Emit(Pick({"", "unique "}) + "index " + Pick({"", Name() + " "}) + Pick({"", "using gin "}) + "( " +
             Name() + Pick({"", " desc", " nulls last"}) + " )" +
             Pick({"", " include ( a )", " where ( a )"}));
        return;
      case 4:
        Emit("comment 'c'");
        return;
      case 5:
        Emit("option mysql.engine = " + Pick({"'x'", "1", "true", "innodb"}));
        return;
      case 6:
        Emit("foreign key ( a ) references " + Name() + " ( id )" + Tail());
        return;
      default:
        Column();
        return;
    }
  }

  std::string Tail() {
    return Pick({"", " on delete cascade", " on update set null", " not deferrable",
                 " deferrable initially deferred", " deferrable", " match full", " match simple"});
  }

  void Column() {
    std::string text = Name() + " " +
                       Pick({"int", "text", "varchar ( 20 )", "decimal ( 12 , 2 )", "s . e",
                             "native ( pg : 'x' )", "int native ( mysql : 'y' )", "null", "key", "index"});
    const size_t clauses = Below(4);
    for (size_t i = 0; i < clauses; ++i) {
      text += ' ';
      text += Pick({"not null", "null", "default 0", "default ( now ( ) )", "default 'x'", "primary key",
                    "unique", "identity", "identity always", "generated always as ( 1 ) stored", "collate c",
                    "comment 'c'", "references u ( id )" + Tail(), "check ( a )", "@renamed_from ( x )"});
    }
    Emit(text);
  }

  std::mt19937_64 random_;
  std::string out_;
};

TEST(ParserDifferentialTest, RandomLayoutsOfGrammarPiecesAgree) {
  RandomTableWriter writer(20261121);
  size_t handled = 0;
  size_t accepted = 0;
  size_t failures = 0;
  constexpr size_t kTables = 5000;
  for (size_t i = 0; i < kTables; ++i) {
    const std::string input = writer.Table();
    ParserComparison comparison = CompareParsers(input);
    handled += comparison.fast_handled;
    accepted += comparison.antlr_accepted;
    if (!comparison.Agrees() && ++failures <= 5) ADD_FAILURE() << input << "\n" << comparison.difference;
  }
  EXPECT_EQ(failures, 0u);
  // Enough of both outcomes for the comparison to mean something.
  EXPECT_GT(accepted, kTables / 10);
  EXPECT_GT(handled, accepted / 2);
  std::cout << kTables << " random tables: ANTLR accepted " << accepted << ", the fast parser handled "
            << handled << "\n";
}

}  // namespace
}  // namespace schemac::dsl
