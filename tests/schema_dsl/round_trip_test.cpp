// Every valid schema parses without diagnostics, and parse -> print -> parse gives the same model.
#include <gtest/gtest.h>

#include "schema_dsl/schema_dsl.hpp"
#include "test_files.hpp"

namespace schemac::dsl {
namespace {

using testing::FilesIn;
using testing::ReadFile;
using testing::ValidSchemaFiles;

std::string Rendered(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) text += RenderDiagnostic(diagnostic, false);
  return text;
}

TEST(RoundTripTest, CorpusIsNotEmpty) {
  EXPECT_GE(FilesIn("tests/schema_dsl/valid", ".schema").size(), 15u);
  EXPECT_GE(FilesIn("examples/shop", ".schema").size(), 3u);
}

TEST(RoundTripTest, ValidFilesParseWithoutDiagnostics) {
  for (const std::string& path : FilesIn("tests/schema_dsl/valid", ".schema")) {
    LoadResult result = ParseSchemaText(ReadFile(path), path);
    EXPECT_TRUE(result.diagnostics.empty()) << path << "\n" << Rendered(result.diagnostics);
  }
}

TEST(RoundTripTest, ExampleDirectoryLoadsAsOneSchema) {
  LoadResult result = LoadSchemaPath(testing::SourcePath("examples/shop"));
  EXPECT_TRUE(result.diagnostics.empty()) << Rendered(result.diagnostics);
  EXPECT_EQ(result.schema.TableCount(), 12u);
}

TEST(RoundTripTest, ParsePrintParseGivesTheSameModel) {
  std::vector<std::string> sources;
  for (const std::string& path : FilesIn("tests/schema_dsl/valid", ".schema")) sources.push_back(path);
  sources.push_back(testing::SourcePath("examples/shop"));
  for (const std::string& path : sources) {
    LoadResult first = LoadSchemaPath(path);
    ASSERT_TRUE(first.ok()) << path << "\n" << Rendered(first.diagnostics);
    const std::string printed = PrintSchema(first.schema);
    LoadResult second = ParseSchemaText(printed, "printed");
    ASSERT_TRUE(second.ok()) << path << "\n" << Rendered(second.diagnostics) << printed;
    EXPECT_TRUE(second.schema == first.schema) << path << "\n" << printed;
    // Hints are not part of equality; they must survive too.
    EXPECT_EQ(PrintSchema(second.schema), printed) << path;
  }
}

TEST(RoundTripTest, PrintIsCanonical) {
  // Two spellings of one schema print the same, canonical text.
  const char* loose =
      "table t{id bigint identity primary key\n name text   not null   default 'x'\n"
      "unique(name)\n}\nenum e{b,a,}";
  const char* tight =
      "enum e { b, a }\ntable t {\n  id bigint primary key identity\n"
      "  name text default 'x' not null\n  constraint t_name_key unique (name)\n}";
  LoadResult a = ParseSchemaText(loose);
  LoadResult b = ParseSchemaText(tight);
  ASSERT_TRUE(a.ok()) << Rendered(a.diagnostics);
  ASSERT_TRUE(b.ok()) << Rendered(b.diagnostics);
  const std::string expected =
      "enum e { b, a }\n"
      "\n"
      "table t {\n"
      "  id   bigint identity primary key\n"
      "  name text   not null default 'x' unique\n"
      "}\n";
  EXPECT_EQ(PrintSchema(a.schema), expected);
  EXPECT_EQ(PrintSchema(b.schema), expected);
}

TEST(RoundTripTest, PrinterQuotesOnlyWhenNeeded) {
  model::Schema schema;
  model::Table table;
  table.name = "order";  // not a keyword of this language: stays bare
  for (const char* name : {"plain_name", "index", "with space", "Quote\"d", "9lives", "null"}) {
    model::Column column;
    column.name = name;
    column.type.kind = model::TypeKind::Int;
    table.columns.push_back(column);
  }
  schema.GetOrAddNamespace("").tables.push_back(table);
  const std::string printed = PrintSchema(schema);
  EXPECT_NE(printed.find("table order {"), std::string::npos) << printed;
  EXPECT_NE(printed.find("  plain_name "), std::string::npos) << printed;
  EXPECT_NE(printed.find("  \"index\" "), std::string::npos) << printed;
  EXPECT_NE(printed.find("  \"with space\" "), std::string::npos) << printed;
  EXPECT_NE(printed.find("  \"Quote\"\"d\" "), std::string::npos) << printed;
  EXPECT_NE(printed.find("  \"9lives\" "), std::string::npos) << printed;
  EXPECT_NE(printed.find("  \"null\" "), std::string::npos) << printed;
  LoadResult reparsed = ParseSchemaText(printed);
  ASSERT_TRUE(reparsed.ok()) << Rendered(reparsed.diagnostics);
  EXPECT_TRUE(reparsed.schema == schema) << printed;
}

TEST(RoundTripTest, PrinterLeavesOutDefaultNamesOnly) {
  LoadResult result = ParseSchemaText(
      "table t {\n  a int\n  b int\n  constraint custom_check check (a > 0)\n  check (b > 0)\n"
      "  index (a)\n  index named_idx (b)\n}\n");
  ASSERT_TRUE(result.ok()) << Rendered(result.diagnostics);
  const std::string printed = PrintSchema(result.schema);
  EXPECT_NE(printed.find("constraint custom_check check (a > 0)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\n  check (b > 0)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("\n  index (a)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("index named_idx (b)"), std::string::npos) << printed;
}

}  // namespace
}  // namespace schemac::dsl
