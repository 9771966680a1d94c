// Exclude patterns: what they accept, and which objects they take out of a schema.
#include "compiler/excludes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace schemac::compiler {
namespace {

using ::testing::HasSubstr;

std::vector<ExcludePattern> Patterns(const std::vector<std::string>& texts) {
  Result<std::vector<ExcludePattern>> parsed = ParseExcludePatterns(texts);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? *parsed : std::vector<ExcludePattern>{};
}

model::Table Table(const std::string& name, const std::vector<std::string>& indexes = {}) {
  model::Table table;
  table.name = name;
  model::Column id;
  id.name = "id";
  table.columns.push_back(id);
  for (const auto& index_name : indexes) {
    model::Index index;
    index.name = index_name;
    model::IndexKey key;
    key.column = "id";
    index.keys.push_back(key);
    table.indexes.push_back(index);
  }
  return table;
}

model::View View(const std::string& name) {
  model::View view;
  view.name = name;
  view.query = "SELECT 1";
  return view;
}

std::vector<std::string> TableNames(const model::Namespace& ns) {
  std::vector<std::string> names;
  for (const auto& table : ns.tables) names.push_back(table.name);
  return names;
}

TEST(ExcludesTest, MalformedPatternsSayWhatIsWrong) {
  EXPECT_THAT(ParseExcludePattern("audit_*").status().message(), HasSubstr("needs a kind and a pattern"));
  EXPECT_THAT(ParseExcludePattern("table:").status().message(), HasSubstr("empty pattern"));
  Result<ExcludePattern> typo = ParseExcludePattern("tabel:audit_*");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(typo.status().message(), HasSubstr("unknown kind 'tabel'"));
  EXPECT_THAT(typo.status().message(), HasSubstr("materialized_view"));
  // A space in a kind is the same kind as its underscore form.
  Result<ExcludePattern> spaced = ParseExcludePattern("materialized view:mv_*");
  ASSERT_TRUE(spaced.ok()) << spaced.status().message();
  EXPECT_EQ(spaced->kind, "materialized_view");
}

TEST(ExcludesTest, PatternsMatchNamesOrQualifiedNames) {
  const ExcludePattern audit = Patterns({"table:audit_*"}).front();
  EXPECT_TRUE(Excludes(audit, "table", "", "audit_log"));
  EXPECT_TRUE(Excludes(audit, "table", "ops", "audit_log"));
  EXPECT_FALSE(Excludes(audit, "table", "", "audit"));
  EXPECT_FALSE(Excludes(audit, "view", "", "audit_log"));
  const ExcludePattern reporting = Patterns({"view:reporting.*"}).front();
  EXPECT_TRUE(Excludes(reporting, "view", "reporting", "daily"));
  EXPECT_FALSE(Excludes(reporting, "view", "", "daily"));
  EXPECT_FALSE(Excludes(reporting, "view", "public", "daily"));
  const ExcludePattern any = Patterns({"*:tmp_?"}).front();
  EXPECT_TRUE(Excludes(any, "materialized view", "", "tmp_1"));
  EXPECT_FALSE(Excludes(any, "table", "", "tmp_12"));
}

TEST(ExcludesTest, RemovesTablesWithTheirTriggersAndNamedObjectsOnly) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  ns.tables = {Table("users", {"users_dba_email", "users_name"}), Table("audit_log"), Table("audit")};
  ns.views = {View("reporting_daily"), View("active_users")};
  model::Trigger on_audit;
  on_audit.name = "audit_touch";
  on_audit.table = "audit_log";
  model::Trigger on_users;
  on_users.name = "users_touch";
  on_users.table = "users";
  ns.triggers = {on_audit, on_users};
  model::Enum legacy;
  legacy.name = "legacy_status";
  legacy.values = {"a"};
  ns.enums.push_back(legacy);
  schema.unmanaged.push_back(model::UnmanagedObject{"function", "", "audit_fn", "audit_fn()"});
  schema.unmanaged.push_back(model::UnmanagedObject{"function", "", "touch", "touch()"});

  RemoveExcluded(schema, Patterns({"table:audit_*", "index:*_dba_*", "view:reporting_*", "enum:legacy_*",
                                   "function:audit_*"}));
  EXPECT_EQ(TableNames(ns), (std::vector<std::string>{"users", "audit"}));
  ASSERT_EQ(ns.tables[0].indexes.size(), 1u);
  EXPECT_EQ(ns.tables[0].indexes[0].name, "users_name");
  ASSERT_EQ(ns.views.size(), 1u);
  EXPECT_EQ(ns.views[0].name, "active_users");
  ASSERT_EQ(ns.triggers.size(), 1u) << "the excluded table's trigger goes with it";
  EXPECT_EQ(ns.triggers[0].name, "users_touch");
  EXPECT_TRUE(ns.enums.empty());
  ASSERT_EQ(schema.unmanaged.size(), 1u);
  EXPECT_EQ(schema.unmanaged[0].name, "touch");
}

TEST(ExcludesTest, NoPatternsChangeNothing) {
  model::Schema schema;
  schema.GetOrAddNamespace("").tables = {Table("a")};
  const model::Schema before = schema;
  RemoveExcluded(schema, {});
  EXPECT_EQ(schema, before);
}

}  // namespace
}  // namespace schemac::compiler
