// Property: any identifier survives. For each hostile name, a schema that uses it as a table,
// column, index, primary key, unique, check and foreign key name (and as an enum and its value)
// is built on a fresh SQLite file, inspected back, and re-planned: the plan must be empty, the
// printed inspection must parse back to the same plan, rows must be reachable through the names,
// and a table rebuild with those names must keep the rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"
#include "migrator/apply.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::properties {
namespace {

// Quotes that break naive quoting, statement separators, comment starters, reserved words,
// unicode, spaces, case, a leading digit, and a long name.
const std::vector<std::string> kHostileNames = {
    "a\"b",
    "x; DROP TABLE y",
    "select",
    "order",
    "täble",
    "with space",
    "\"",
    "'",
    "a'b",
    "--",
    "/*",
    "]",
    "`",
    "[x]",
    "Mixed Case",
    "_",
    "1st",
    "日本語",
    "tab\there",
    "x\"; DROP TABLE y; --",
    std::string(120, 'n'),
};

// `name` as a schema-language identifier: always double-quoted, "" for a quote.
std::string Quoted(const std::string& name) {
  std::string quoted = "\"";
  for (char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

// Every role a name can play, filled with variants of `name` so they stay distinct. `rebuilt`
// makes a column NOT NULL, which SQLite can only do by rebuilding the table.
std::string SchemaUsing(const std::string& name, bool rebuilt) {
  const std::string t = Quoted(name);
  const std::string c = Quoted(name + "c");
  const std::string v = Quoted(name + "v");
  const std::string e = Quoted(name + "e");
  std::string text;
  text += "enum " + e + " { " + Quoted(name) + ", plain }\n";
  text += "table " + t + " {\n";
  text += "  " + c + " int not null\n";
  text += "  " + v + (rebuilt ? " text not null default ''\n" : " text\n");
  text += "  kind " + e + "\n";
  text += "  parent int\n";
  if (rebuilt) text += "  " + Quoted(name + "x") + " int not null default 0\n";
  text += "  constraint " + Quoted(name + "pk") + " primary key (" + c + ")\n";
  text += "  constraint " + Quoted(name + "uq") + " unique (" + v + ")\n";
  text += "  constraint " + Quoted(name + "ck") + " check (" + c + " > 0)\n";
  text += "  constraint " + Quoted(name + "fk") + " foreign key (parent) references " + t + "(" + c + ")\n";
  text += "  index " + Quoted(name + "ix") + " (" + v + " desc, parent)\n";
  text += "}\n";
  return text;
}

// SQL quoting of the same names, for the rows this test inserts itself.
std::string SqlQuoted(const std::string& name) { return Quoted(name); }

std::string SqlString(const std::string& text) {
  std::string quoted = "'";
  for (char ch : text) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return quoted + "'";
}

class HostileIdentifier : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("schemac-hostile-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    std::ofstream((dir_ / "db.sqlite").string()).close();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Url() const { return "sqlite://" + (dir_ / "db.sqlite").string(); }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "<hostile>");
  std::string diagnostics;
  for (const auto& d : loaded.diagnostics) diagnostics += dsl::RenderDiagnostic(d, false);
  EXPECT_TRUE(loaded.ok()) << diagnostics << "\n" << text;
  return loaded.schema;
}

::testing::AssertionResult PlansEmpty(dialects::Connection& db, const model::Schema& target) {
  auto inspected = db.Inspect();
  if (!inspected.ok()) return ::testing::AssertionFailure() << "inspect: " << inspected.status().message();
  auto plan = compiler::BuildPlan(*inspected, target, db.GetDialect(), PlanPolicy{});
  if (!plan.ok()) return ::testing::AssertionFailure() << "plan: " << plan.status().message();
  if (plan->Empty()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure() << "plan not empty:\n";
  for (const auto& statement : plan->UpStatements()) failure << statement << ";\n";
  return failure;
}

TEST_P(HostileIdentifier, BuildsInspectsAndReplansEmpty) {
  const std::string& name = GetParam();
  const model::Schema desired = Parse(SchemaUsing(name, false));
  ASSERT_FALSE(HasFailure());

  auto connection = dialects::Connect(Url());
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  dialects::Connection& db = **connection;
  migrator::ApplyOptions options;
  auto applied = migrator::Apply(db, desired, options);
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_TRUE(PlansEmpty(db, desired)) << "after apply";

  // The printed inspection is a schema file that describes the same database.
  auto inspected = db.Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  const std::string printed = dsl::PrintSchema(*inspected);
  const model::Schema reparsed = Parse(printed);
  EXPECT_TRUE(PlansEmpty(db, reparsed)) << "printed inspection:\n" << printed;

  // Rows go in and come out through the quoted names; then a rebuild keeps them.
  const std::string insert = "INSERT INTO " + SqlQuoted(name) + " (" + SqlQuoted(name + "c") + ", " +
                             SqlQuoted(name + "v") + ", kind) VALUES (1, " + SqlString(name) + ", " +
                             SqlString(name) + ")";
  ASSERT_TRUE(db.Execute(insert).ok()) << insert;
  const model::Schema rebuilt_schema = Parse(SchemaUsing(name, true));
  auto rebuilt = migrator::Apply(db, rebuilt_schema, options);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().message();
  bool was_rebuilt = false;
  for (const auto& step : rebuilt->plan.steps) was_rebuilt = was_rebuilt || step.strategy == "rebuild";
  EXPECT_TRUE(was_rebuilt) << "the change was meant to exercise a table rebuild";
  EXPECT_TRUE(PlansEmpty(db, rebuilt_schema)) << "after the rebuild";
  auto rows = db.Query("SELECT " + SqlQuoted(name + "c") + ", " + SqlQuoted(name + "v") + ", kind FROM " +
                       SqlQuoted(name));
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][1], std::optional<std::string>(name));
  EXPECT_EQ((*rows)[0][2], std::optional<std::string>(name));
}

std::string NameOfCase(const ::testing::TestParamInfo<std::string>& info) {
  return "name" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, HostileIdentifier, ::testing::ValuesIn(kHostileNames), NameOfCase);

}  // namespace
}  // namespace schemac::properties
