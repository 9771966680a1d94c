// schemac fmt: canonical, idempotent, and no comment lost.
#include <gtest/gtest.h>

#include "schema_dsl/schema_dsl.hpp"
#include "test_files.hpp"

namespace schemac::dsl {
namespace {

using testing::ReadFile;
using testing::ValidSchemaFiles;

// The comments of a schema text, found with the language's own lexical rules: strings and
// quoted names are skipped, `//` runs to the end of the line, `/* */` to its close.
std::vector<std::string> CommentsOf(const std::string& text) {
  std::vector<std::string> comments;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\'' || c == '"' || c == '`') {
      size_t close = i + 1;
      while (close < text.size()) {
        if (text[close] == c && close + 1 < text.size() && text[close + 1] == c) {
          close += 2;
        } else if (text[close] == c) {
          break;
        } else {
          ++close;
        }
      }
      i = close + 1;
    } else if (text.compare(i, 2, "//") == 0) {
      size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      comments.push_back(text.substr(i, end - i));
      i = end;
    } else if (text.compare(i, 2, "/*") == 0) {
      size_t end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
      comments.push_back(text.substr(i, end - i));
      i = end;
    } else {
      ++i;
    }
  }
  return comments;
}

std::string Rendered(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) text += RenderDiagnostic(diagnostic, false);
  return text;
}

TEST(FormatTest, IsIdempotent) {
  for (const std::string& path : ValidSchemaFiles()) {
    FormatResult once = FormatSchemaText(ReadFile(path), path);
    ASSERT_TRUE(once.ok()) << path << "\n" << Rendered(once.diagnostics);
    FormatResult twice = FormatSchemaText(once.text, path);
    ASSERT_TRUE(twice.ok()) << path << "\n" << Rendered(twice.diagnostics);
    EXPECT_EQ(twice.text, once.text) << path;
  }
}

TEST(FormatTest, KeepsEveryComment) {
  for (const std::string& path : ValidSchemaFiles()) {
    const std::string source = ReadFile(path);
    FormatResult formatted = FormatSchemaText(source, path);
    ASSERT_TRUE(formatted.ok()) << path << "\n" << Rendered(formatted.diagnostics);
    std::vector<std::string> before = CommentsOf(source);
    std::vector<std::string> after = CommentsOf(formatted.text);
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    EXPECT_EQ(after, before) << path << "\n" << formatted.text;
  }
}

TEST(FormatTest, KeepsTheModel) {
  for (const std::string& path : ValidSchemaFiles()) {
    const std::string source = ReadFile(path);
    LoadResult original = ParseSchemaText(source, path);
    if (!original.ok()) continue;  // refers to other files of its directory
    FormatResult formatted = FormatSchemaText(source, path);
    LoadResult reparsed = ParseSchemaText(formatted.text, path);
    ASSERT_TRUE(reparsed.ok()) << path << "\n" << Rendered(reparsed.diagnostics);
    EXPECT_TRUE(reparsed.schema == original.schema) << path << "\n" << formatted.text;
  }
}

TEST(FormatTest, PlacesLeadingTrailingAndDanglingComments) {
  const std::string source =
      "// file header\n"
      "\n"
      "table t { // after brace\n"
      "  // before id\n"
      "    id    int primary key   // on id\n"
      "  name text /* inside name */ not null\n"
      "  // before the index\n"
      "  index (name)\n"
      "  // at the end of t\n"
      "}   // after t\n"
      "// end of file\n";
  FormatResult formatted = FormatSchemaText(source, "t.schema");
  ASSERT_TRUE(formatted.ok()) << Rendered(formatted.diagnostics);
  EXPECT_EQ(formatted.text,
            "// file header\n"
            "\n"
            "table t {\n"
            "  // after brace\n"
            "  // before id\n"
            "  id   int  primary key // on id\n"
            "  name text not null /* inside name */\n"
            "\n"
            "  // before the index\n"
            "  index (name)\n"
            "  // at the end of t\n"
            "} // after t\n"
            "\n"
            "// end of file\n");
}

// Columns align by display width: a byte count would put the type of "größe" (6 bytes, 5
// columns) one column left of the others and that of "名前" (6 bytes, 4 columns) two.
TEST(FormatTest, AlignsByDisplayWidthNotBytes) {
  const std::string text =
      "table t {\n  \"größe\" int not null\n  \"名前\" text\n  abcdefg bigint\n  \"naïve\" real\n}\n";
  FormatResult formatted = FormatSchemaText(text, "w.schema");
  ASSERT_TRUE(formatted.ok());
  EXPECT_EQ(formatted.text,
            "table t {\n"
            "  \"größe\" int    not null\n"
            "  \"名前\"  text\n"
            "  abcdefg bigint\n"
            "  \"naïve\" real\n"
            "}\n");
  EXPECT_EQ(PrintSchema(ParseSchemaText(text).schema), formatted.text) << "inspect prints the same way";
}

TEST(FormatTest, ReturnsTheInputUnchangedOnErrors) {
  const std::string source = "table t {\n  id int primary\n}\n";
  FormatResult formatted = FormatSchemaText(source, "bad.schema");
  EXPECT_FALSE(formatted.ok());
  EXPECT_EQ(formatted.text, source);
  ASSERT_FALSE(formatted.diagnostics.empty());
  EXPECT_EQ(formatted.diagnostics[0].code, "E0001");
}

TEST(FormatTest, DoesNotResolveOtherFiles) {
  // A reference into another file is fine when formatting this file alone.
  FormatResult formatted =
      FormatSchemaText("table t {\n  user_id bigint references users(id)\n  s status\n}\n", "t.schema");
  EXPECT_TRUE(formatted.ok()) << Rendered(formatted.diagnostics);
  EXPECT_EQ(formatted.text, "table t {\n  user_id bigint references users(id)\n  s       status\n}\n");
}

}  // namespace
}  // namespace schemac::dsl
