// Diagnostics: the invalid corpus (each *.schema with a sibling *.expected), the kinds table,
// and the rendered form.
#include "schema_dsl/diagnostics.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <tuple>

#include "schema_dsl/schema_dsl.hpp"
#include "test_files.hpp"

namespace schemac::dsl {
namespace {

using testing::FileName;
using testing::FilesIn;
using testing::ReadFile;

// `CODE line:col message`, one per diagnostic; the format of the *.expected files.
std::string Summarize(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    text += diagnostic.code + " " + std::to_string(diagnostic.line) + ":" +
            std::to_string(diagnostic.column) + " " + diagnostic.message + "\n";
  }
  return text;
}

// The expected file without blank lines and `#` comment lines.
std::string ExpectedLines(const std::string& path) {
  std::istringstream in(ReadFile(path));
  std::string line;
  std::string kept;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    kept += line + "\n";
  }
  return kept;
}

std::string ExpectedPathFor(const std::string& schema_path) {
  return schema_path.substr(0, schema_path.size() - std::string(".schema").size()) + ".expected";
}

TEST(DiagnosticsTest, InvalidCorpusGivesExactlyTheExpectedDiagnostics) {
  const std::vector<std::string> files = FilesIn("tests/schema_dsl/invalid", ".schema");
  ASSERT_GE(files.size(), 10u);
  for (const std::string& path : files) {
    LoadResult result = ParseSchemaText(ReadFile(path), FileName(path));
    EXPECT_FALSE(result.ok()) << path;
    EXPECT_EQ(Summarize(result.diagnostics), ExpectedLines(ExpectedPathFor(path))) << path;
  }
}

// A misspelt keyword is a plain name to the lexer: the error names it, at its place, with the
// keyword it is close to, whichever token the parser tripped on (`primary` for `primary kye`).
TEST(DiagnosticsTest, MisspeltKeywordsGetADidYouMean) {
  struct Case {
    const char* text;
    const char* rendered;
  };
  const Case cases[] = {
      {"table t {\n  name text not nul\n}\n",
       "k.schema:2:17: error[E0001]: unknown word \"nul\" where a keyword is expected; did you mean "
       "\"null\"?\n"
       "  name text not nul\n"
       "                ^^^\n"},
      {"table t {\n  id int primary kye\n}\n",
       "k.schema:2:18: error[E0001]: unknown word \"kye\" where a keyword is expected; did you mean "
       "\"key\"?\n"
       "  id int primary kye\n"
       "                 ^^^\n"},
      {"table t {\n  qty int defualt 0\n}\n",
       "k.schema:2:11: error[E0001]: unknown word \"defualt\" where a keyword is expected; did you mean "
       "\"default\"?\n"
       "  qty int defualt 0\n"
       "          ^^^^^^^\n"},
  };
  for (const Case& c : cases) {
    LoadResult result = ParseSchemaText(c.text, "k.schema");
    ASSERT_EQ(result.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(RenderDiagnostic(result.diagnostics[0], false), c.rendered);
  }
  // A name far from every keyword gets no suggestion.
  LoadResult far = ParseSchemaText("table t {\n  qty int zzzzzz 0\n}\n", "k.schema");
  ASSERT_FALSE(far.diagnostics.empty());
  EXPECT_EQ(far.diagnostics[0].message.find("did you mean"), std::string::npos) << far.diagnostics[0].message;
}

// A dialect's problem names the object it is about at its head; the diagnostic is placed at the
// declaration of the longest object name it starts with.
TEST(DiagnosticsTest, DialectProblemsAreLocatedAtTheObjectTheyName) {
  LoadResult loaded = ParseSchemaText(
      "namespace app {\n  table t {\n    id int primary key\n    t_id int references t(id)\n  }\n}\n"
      "table t {\n  id int\n  index t_id_idx (id)\n}\n",
      "p.schema");
  ASSERT_TRUE(loaded.ok());
  Diagnostic column = DialectProblemDiagnostic(loaded, "sqlite", "table app.t, column t_id: no");
  EXPECT_EQ(column.code, "E0031");
  EXPECT_EQ(column.message, "sqlite: table app.t, column t_id: no");
  EXPECT_EQ(std::make_tuple(column.file, column.line, column.column, column.length),
            std::make_tuple(std::string("p.schema"), 4, 5, 4));
  EXPECT_EQ(column.source_line, "    t_id int references t(id)");
  Diagnostic fk = DialectProblemDiagnostic(loaded, "mysql", "table app.t, foreign key t_t_id_fkey: no");
  EXPECT_EQ(std::make_tuple(fk.line, fk.column), std::make_tuple(4, 14)) << "the inline references clause";
  Diagnostic index = DialectProblemDiagnostic(loaded, "postgres", "index t_id_idx uses method 'x'");
  EXPECT_EQ(std::make_tuple(index.line, index.column), std::make_tuple(9, 9));
  Diagnostic table = DialectProblemDiagnostic(loaded, "sqlite", "table t: no");
  EXPECT_EQ(std::make_tuple(table.line, table.column), std::make_tuple(7, 7));
  Diagnostic ns = DialectProblemDiagnostic(loaded, "sqlite", "namespace app: one namespace only");
  EXPECT_EQ(std::make_tuple(ns.line, ns.column), std::make_tuple(1, 11));
  Diagnostic unlocated = DialectProblemDiagnostic(loaded, "sqlite", "the schema: too big");
  EXPECT_TRUE(unlocated.file.empty());
  EXPECT_EQ(unlocated.line, 0);
}

TEST(DiagnosticsTest, EveryKindIsCoveredByTheCorpus) {
  // cannot-read needs a missing file (load_test.cpp); dialect-cannot-build a dialect (cli_test.cpp
  // and DialectProblemsAreLocatedAtTheObjectTheyName).
  std::set<std::string> seen = {"E0023", "E0031"};
  for (const std::string& path : FilesIn("tests/schema_dsl/invalid", ".expected")) {
    std::istringstream in(ExpectedLines(path));
    std::string code;
    std::string rest;
    while (in >> code && std::getline(in, rest)) seen.insert(code);
  }
  for (const DiagnosticInfo& info : AllDiagnosticKinds())
    EXPECT_EQ(seen.count(info.code), 1u) << info.code << " " << info.name;
}

TEST(DiagnosticsTest, TableMatchesTheKindsOneToOne) {
  const std::vector<DiagnosticInfo>& all = AllDiagnosticKinds();
  ASSERT_EQ(all.size(), static_cast<size_t>(DiagnosticKind::kCount));
  std::set<std::string> codes;
  std::set<std::string> names;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(all[i].kind), i) << all[i].code;
    EXPECT_EQ(&InfoOf(all[i].kind), &all[i]);
    EXPECT_TRUE(codes.insert(all[i].code).second) << all[i].code;
    EXPECT_TRUE(names.insert(all[i].name).second) << all[i].name;
    EXPECT_EQ(all[i].code[0] == 'W', all[i].severity == Severity::kWarning) << all[i].code;
  }
}

TEST(DiagnosticsTest, RendersLocationSourceLineAndCarets) {
  LoadResult result = ParseSchemaText("table t {\n  user_id bigint\n  index x (usr_id)\n}\n", "shop.schema");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(
      RenderDiagnostic(result.diagnostics[0], false),
      "shop.schema:3:12: error[E0003]: unknown column \"usr_id\" in index \"x\"; did you mean \"user_id\"?\n"
      "  index x (usr_id)\n"
      "           ^^^^^^\n");
}

TEST(DiagnosticsTest, CaretLineKeepsTabsAndCountsCharacters) {
  LoadResult result = ParseSchemaText("table t {\n\t\"café\" text\n\tindex (\"naïve\")\n}\n", "tabs.schema");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = result.diagnostics[0];
  EXPECT_EQ(diagnostic.line, 3);
  EXPECT_EQ(diagnostic.column, 9);
  EXPECT_EQ(diagnostic.length, 7);  // "naïve" with its quotes, in characters
  EXPECT_EQ(RenderDiagnostic(diagnostic, false),
            "tabs.schema:3:9: error[E0003]: unknown column \"naïve\" in index \"t_naïve_idx\"\n"
            "\tindex (\"naïve\")\n"
            "\t       ^^^^^^^\n");
}

TEST(DiagnosticsTest, ColorWrapsTheSameText) {
  LoadResult result = ParseSchemaText("table t {\n  a intt\n}\n", "c.schema");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  std::string colored = RenderDiagnostic(result.diagnostics[0], true);
  EXPECT_NE(colored.find("\x1b["), std::string::npos);
  std::string stripped;
  for (size_t i = 0; i < colored.size(); ++i) {
    if (colored[i] == '\x1b') {
      i = colored.find('m', i);
      continue;
    }
    stripped += colored[i];
  }
  EXPECT_EQ(stripped, RenderDiagnostic(result.diagnostics[0], false));
}

TEST(DiagnosticsTest, WarningsDoNotFailTheLoad) {
  LoadResult result =
      ParseSchemaText("table t {\n  id int\n  option mysql.engne = 'InnoDB'\n}\n", "w.schema");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "W0001");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::kWarning);
  EXPECT_TRUE(result.ok());
  EXPECT_NE(RenderDiagnostic(result.diagnostics[0], false).find("warning[W0001]"), std::string::npos);
}

TEST(DiagnosticsTest, DiagnosticsComeInSourceOrder) {
  LoadResult result = ParseSchemaText("table b {\n  x intt\n}\ntable a {\n  y texx\n  z int\n  z int\n}\n");
  ASSERT_EQ(result.diagnostics.size(), 3u);
  EXPECT_LT(result.diagnostics[0].line, result.diagnostics[1].line);
  EXPECT_LT(result.diagnostics[1].line, result.diagnostics[2].line);
}

}  // namespace
}  // namespace schemac::dsl
