// LoadSchemaPath: files, directories (recursive, in path order), unreadable paths.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

namespace fs = std::filesystem;

// A scratch directory removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("schemac_load_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  void Write(const std::string& relative, const std::string& text) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

TEST(LoadTest, DirectoryIsReadRecursivelyInPathOrder) {
  ScratchDir dir;
  dir.Write("b/orders.schema",
            "table orders {\n  id int primary key\n  user_id int references users(id)\n}\n");
  dir.Write("a.schema", "table users {\n  id int primary key\n}\n");
  dir.Write("c/d/e.schema", "enum e { x }\n");
  dir.Write("notes.txt", "this is not a schema {{{");
  LoadResult result = LoadSchemaPath(dir.path().string());
  ASSERT_TRUE(result.ok()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  const model::Namespace* ns = result.schema.FindNamespace("");
  ASSERT_NE(ns, nullptr);
  ASSERT_EQ(ns->tables.size(), 2u);
  EXPECT_EQ(ns->tables[0].name, "users");  // a.schema comes before b/orders.schema
  EXPECT_EQ(ns->tables[1].name, "orders");
  ASSERT_EQ(ns->enums.size(), 1u);
}

TEST(LoadTest, SingleFile) {
  ScratchDir dir;
  dir.Write("one.schema", "table t {\n  id int\n}\n");
  LoadResult result = LoadSchemaPath((dir.path() / "one.schema").string());
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.schema.TableCount(), 1u);
}

TEST(LoadTest, DiagnosticsNameTheFileTheyAreIn) {
  ScratchDir dir;
  dir.Write("a.schema", "table a {\n  id int\n}\n");
  dir.Write("b.schema", "table b {\n  id intt\n}\n");
  LoadResult result = LoadSchemaPath(dir.path().string());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, (dir.path() / "b.schema").string());
  EXPECT_EQ(result.diagnostics[0].line, 2);
}

TEST(LoadTest, DuplicateTableAcrossFilesNamesTheFirst) {
  ScratchDir dir;
  dir.Write("a.schema", "table t {\n  id int\n}\n");
  dir.Write("b.schema", "table t {\n  id int\n}\n");
  LoadResult result = LoadSchemaPath(dir.path().string());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E0002");
  EXPECT_NE(result.diagnostics[0].message.find("a.schema:1"), std::string::npos)
      << result.diagnostics[0].message;
}

TEST(LoadTest, MissingPathIsAnError) {
  LoadResult result = LoadSchemaPath("/nonexistent/schemac/path.schema");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E0023");
  EXPECT_EQ(result.diagnostics[0].file, "/nonexistent/schemac/path.schema");
  EXPECT_FALSE(result.ok());
  EXPECT_NE(RenderDiagnostic(result.diagnostics[0], false).find("error[E0023]: cannot read"),
            std::string::npos);
}

TEST(LoadTest, DirectoryWithoutSchemaFilesIsAnError) {
  ScratchDir dir;
  dir.Write("readme.md", "# nothing here\n");
  LoadResult result = LoadSchemaPath(dir.path().string());
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "E0023");
  EXPECT_NE(result.diagnostics[0].message.find("no .schema files"), std::string::npos);
}

TEST(LoadTest, ByteOrderMarkIsIgnored) {
  LoadResult result = ParseSchemaText("\xEF\xBB\xBFtable t {\n  id int\n}\n");
  EXPECT_TRUE(result.ok()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  EXPECT_EQ(result.schema.TableCount(), 1u);
}

TEST(LoadTest, EmptyTextIsAnEmptySchema) {
  LoadResult result = ParseSchemaText("");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.schema.TableCount(), 0u);
}

}  // namespace
}  // namespace schemac::dsl
