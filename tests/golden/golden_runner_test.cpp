// Tests of the corpus runner's own parts: a runner that silently accepts a broken case file or
// compares SQL loosely would make the whole corpus pass for the wrong reasons.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "expectation_recorder.hpp"
#include "golden_case.hpp"
#include "scratch_database.hpp"
#include "statement_text.hpp"

namespace schemac::golden {
namespace {

using ::testing::HasSubstr;

class TempCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("schemac-golden-runner-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "tests/golden/sqlite");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& relative, const std::string& text) { std::ofstream(dir_ / relative) << text; }
  std::string Read(const std::string& relative) {
    std::ifstream in(dir_ / relative);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  std::string Root() const { return dir_.string(); }

  std::filesystem::path dir_;
};

TEST_F(TempCorpus, LoadsEveryKey) {
  Write("tests/golden/sqlite/columns.yml", R"yaml(- name: add column
  current: |
    table t { id int primary key }
  desired: |
    table t { id int primary key
      x text }
  up: |
    ALTER TABLE "t" ADD COLUMN "x" TEXT;
  down: ""
  seed: ["INSERT INTO t (id) VALUES (1)"]
  expect:
    - query: SELECT id, NULL FROM t
      rows: [["1", null]]
  expect_after_up:
    - query: SELECT 2
      rows: [[2]]
  allow_destructive: true
  irreversible: true
  skip: not today
)yaml");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 1u);
  const GoldenCase& c = cases[0];
  EXPECT_EQ(c.load_error, "");
  EXPECT_EQ(c.name, "add column");
  EXPECT_EQ(c.TestName(), "columns_add_column");
  EXPECT_EQ(c.line, 1);
  EXPECT_EQ(*c.up, "ALTER TABLE \"t\" ADD COLUMN \"x\" TEXT;\n");
  EXPECT_EQ(*c.down, "");
  ASSERT_EQ(c.seed.size(), 1u);
  ASSERT_EQ(c.expect.size(), 1u);
  EXPECT_EQ(c.expect[0].rows, (std::vector<Row>{{std::string("1"), std::nullopt}}));
  EXPECT_EQ(c.expect_after_up[0].rows, (std::vector<Row>{{std::string("2")}}));
  EXPECT_TRUE(c.allow_destructive);
  EXPECT_TRUE(c.irreversible);
  EXPECT_EQ(c.skip, "not today");
  EXPECT_FALSE(c.error.has_value());
}

TEST_F(TempCorpus, LoadsHandWrittenSqlAndKnownDifferences) {
  Write("tests/golden/sqlite/sql.yml", R"yaml(- name: listed
  current_sql: ["CREATE TABLE t (id INT)", "CREATE INDEX i ON t (id)"]
  desired_sql: |
    CREATE TABLE t (id INT, x TEXT);
  current: "table t { id int }"
  desired: "table t { id int }"
  catalog_differs: "drops a clause, issue 13"
  round_trip_differs: "prints badly, issue 13"
  unmanaged_sql: ["CREATE VIEW v AS SELECT 1"]
  prelude_sql: ["CREATE TABLE f (id INT)"]
- name: without
  desired: ""
)yaml");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].load_error, "");
  ASSERT_TRUE(cases[0].current_sql.has_value());
  EXPECT_EQ(*cases[0].current_sql,
            (std::vector<std::string>{"CREATE TABLE t (id INT)", "CREATE INDEX i ON t (id)"}));
  ASSERT_TRUE(cases[0].desired_sql.has_value());
  EXPECT_EQ(*cases[0].desired_sql, (std::vector<std::string>{"CREATE TABLE t (id INT, x TEXT);\n"}));
  EXPECT_EQ(cases[0].catalog_differs, "drops a clause, issue 13");
  EXPECT_EQ(cases[0].round_trip_differs, "prints badly, issue 13");
  EXPECT_EQ(cases[0].unmanaged_sql, (std::vector<std::string>{"CREATE VIEW v AS SELECT 1"}));
  EXPECT_EQ(cases[0].prelude_sql, (std::vector<std::string>{"CREATE TABLE f (id INT)"}));
  EXPECT_TRUE(cases[1].prelude_sql.empty());
  EXPECT_FALSE(cases[1].current_sql.has_value());
  EXPECT_FALSE(cases[1].desired_sql.has_value());
  EXPECT_EQ(cases[1].catalog_differs, "");
}

TEST_F(TempCorpus, AKnownDifferenceNeedsAReasonAndSqlMustBeText) {
  Write("tests/golden/sqlite/a.yml",
        "- name: empty\n  desired: ''\n  catalog_differs: ''\n- name: map\n  desired: ''\n  current_sql: {a: "
        "1}\n");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_THAT(cases[0].load_error, HasSubstr("`catalog_differs` needs a reason"));
  EXPECT_THAT(cases[1].load_error, HasSubstr("`current_sql` must be a list"));
}

TEST_F(TempCorpus, UnknownKeyIsALoadError) {
  Write("tests/golden/sqlite/a.yml", "- name: typo\n  current: ''\n  desired: ''\n  expcet: []\n");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_THAT(cases[0].load_error, HasSubstr("unknown key `expcet`"));
  EXPECT_THAT(cases[0].load_error, HasSubstr("tests/golden/sqlite/a.yml:1"));
}

TEST_F(TempCorpus, DuplicateNamesAndBrokenYamlAreLoadErrors) {
  Write("tests/golden/sqlite/a.yml", "- name: x\n  desired: ''\n- name: x\n  desired: ''\n");
  Write("tests/golden/sqlite/b.yml", "- name: [unclosed\n");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].load_error, "");
  EXPECT_THAT(cases[1].load_error, HasSubstr("duplicate case name"));
  EXPECT_THAT(cases[2].load_error, HasSubstr("b.yml: cannot read YAML"));
}

TEST_F(TempCorpus, NamesThatSanitizeAlikeStayDistinct) {
  Write("tests/golden/sqlite/a.yml", "- name: a-b\n  desired: ''\n- name: a b\n  desired: ''\n");
  auto cases = LoadGoldenCorpus(Root(), "sqlite");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].TestName(), "a_a_b");
  EXPECT_EQ(cases[1].TestName(), "a_a_b_2");
}

TEST_F(TempCorpus, RecorderFillsOnlyWhatIsMissingAndKeepsTheRest) {
  const std::string original =
      "# topic comment\n"
      "- name: first\n"
      "  desired: |\n"
      "    table t { id int }\n"
      "\n"
      "- name: second\n"
      "  desired: ''\n"
      "  up: |\n"
      "    KEEP;\n";
  Write("tests/golden/sqlite/r.yml", original);
  auto cases = LoadGoldenFile(Root(), "tests/golden/sqlite/r.yml", "sqlite");
  ASSERT_EQ(cases.size(), 2u);
  ASSERT_TRUE(RecordExpectations(Root(), cases[0], std::string("A;\nB;\n"), std::string("")).ok());
  ASSERT_TRUE(RecordExpectations(Root(), cases[1], std::nullopt, std::string("C;\n")).ok());
  EXPECT_EQ(Read("tests/golden/sqlite/r.yml"),
            "# topic comment\n"
            "- name: first\n"
            "  desired: |\n"
            "    table t { id int }\n"
            "  up: |\n"
            "    A;\n"
            "    B;\n"
            "  down: \"\"\n"
            "\n"
            "- name: second\n"
            "  desired: ''\n"
            "  up: |\n"
            "    KEEP;\n"
            "  down: |\n"
            "    C;\n");
  auto reloaded = LoadGoldenFile(Root(), "tests/golden/sqlite/r.yml", "sqlite");
  ASSERT_EQ(reloaded.size(), 2u);
  EXPECT_EQ(*reloaded[0].up, "A;\nB;\n");
  EXPECT_EQ(*reloaded[0].down, "");
  EXPECT_EQ(*reloaded[1].up, "KEEP;\n");
}

TEST(StatementText, ComparesTrimmedNonEmptyLinesExactly) {
  EXPECT_EQ(StatementsAsText({"A", "B"}), "A;\nB;\n");
  EXPECT_TRUE(SameStatements("  A;\n\n   B;\n", "A;\nB;"));
  EXPECT_FALSE(SameStatements("A;\nB;\n", "B;\nA;\n"));
  EXPECT_FALSE(SameStatements("A;\n", "A ;\n"));
  EXPECT_FALSE(SameStatements("A;\n", "a;\n"));
  EXPECT_FALSE(SameStatements("", "A;\n"));
}

TEST(StatementText, DiffMarksMissingAndExtraLines) {
  EXPECT_EQ(LineDiff("A;\nB;\nC;\n", "A;\nX;\nC;\n"), "  A;\n+ X;\n- B;\n  C;\n");
  EXPECT_EQ(LineDiff("", "A;\n"), "+ A;\n");
}

TEST(ScratchDatabaseUrl, ReplacesTheDatabaseKeepingEverythingElse) {
  EXPECT_EQ(UrlWithDatabase("postgres://postgres@127.0.0.1:5432/postgres", "g1"),
            "postgres://postgres@127.0.0.1:5432/g1");
  EXPECT_EQ(UrlWithDatabase("postgres://u:p@h:1/db?search_path=app", "g1"),
            "postgres://u:p@h:1/g1?search_path=app");
  EXPECT_EQ(UrlWithDatabase("mysql://root@127.0.0.1:3306", "g1"), "mysql://root@127.0.0.1:3306/g1");
  EXPECT_EQ(UrlWithDatabase("mysql://root@h:1?x=1", "g1"), "mysql://root@h:1/g1?x=1");
}

TEST(ScratchDatabaseUrl, FindsTheDatabaseOfAUrl) {
  EXPECT_EQ(DatabaseOfUrl("postgres://postgres@127.0.0.1:5432/postgres"), "postgres");
  EXPECT_EQ(DatabaseOfUrl("postgres://u@h:1/db?search_path=app"), "db");
  EXPECT_EQ(DatabaseOfUrl("mysql://root@127.0.0.1:3306/"), "");
  EXPECT_EQ(DatabaseOfUrl("mysql://root@127.0.0.1:3306"), "");
}

TEST(ScratchDatabaseUrl, UnsetServerVariableSkipsWithItsName) {
  const std::string variable = ServerUrlVariable("postgres");
  ASSERT_EQ(variable, "SCHEMAC_TEST_PG_URL");
  const char* saved = std::getenv(variable.c_str());
  const std::string saved_value = saved ? saved : "";
  ::unsetenv(variable.c_str());
  std::string skip_reason;
  auto db = ScratchDatabase::Create("postgres", &skip_reason);
  if (!saved_value.empty()) ::setenv(variable.c_str(), saved_value.c_str(), 1);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db, nullptr);
  EXPECT_THAT(skip_reason, HasSubstr("SCHEMAC_TEST_PG_URL is not set"));
}

}  // namespace
}  // namespace schemac::golden
