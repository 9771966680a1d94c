// JSON conversion: every schema of the examples and the valid corpus survives to_json ->
// from_json exactly (hints included), and the spelling of enums is the documented one.
#include "schemac/model_json.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "schema_dsl/schema_dsl.hpp"

namespace schemac::model {
namespace {

std::vector<std::string> SchemaSources() {
  std::vector<std::string> sources = {std::string(SCHEMAC_SOURCE_DIR) + "/examples/shop"};
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(SCHEMAC_SOURCE_DIR) + "/tests/schema_dsl/valid")) {
    if (entry.path().extension() == ".schema") sources.push_back(entry.path().string());
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

// Equality leaves rename hints and strategy out on purpose; JSON must keep them anyway.
void ExpectSameHints(const Schema& a, const Schema& b, const std::string& source) {
  ASSERT_EQ(a.namespaces.size(), b.namespaces.size()) << source;
  for (size_t n = 0; n < a.namespaces.size(); ++n) {
    const Namespace& x = a.namespaces[n];
    const Namespace& y = b.namespaces[n];
    ASSERT_EQ(x.tables.size(), y.tables.size()) << source;
    for (size_t t = 0; t < x.tables.size(); ++t) {
      EXPECT_EQ(x.tables[t].renamed_from, y.tables[t].renamed_from) << source;
      EXPECT_EQ(x.tables[t].strategy, y.tables[t].strategy) << source;
      for (size_t c = 0; c < x.tables[t].columns.size(); ++c) {
        EXPECT_EQ(x.tables[t].columns[c].renamed_from, y.tables[t].columns[c].renamed_from) << source;
      }
    }
    for (size_t e = 0; e < x.enums.size(); ++e)
      EXPECT_EQ(x.enums[e].renamed_from, y.enums[e].renamed_from) << source;
  }
}

TEST(ModelJsonTest, EverySchemaRoundTrips) {
  const std::vector<std::string> sources = SchemaSources();
  ASSERT_GE(sources.size(), 10u);
  for (const std::string& source : sources) {
    dsl::LoadResult loaded = dsl::LoadSchemaPath(source);
    ASSERT_TRUE(loaded.ok()) << source;
    nlohmann::json json = loaded.schema;
    Schema back = json.get<Schema>();
    EXPECT_TRUE(back == loaded.schema) << source << "\n" << json.dump(2);
    ExpectSameHints(back, loaded.schema, source);
    nlohmann::json again = back;
    EXPECT_EQ(again, json) << source;
    // Through text too, as a file would hold it.
    EXPECT_TRUE(nlohmann::json::parse(json.dump()).get<Schema>() == loaded.schema) << source;
  }
}

TEST(ModelJsonTest, EnumsAreLowerCaseStrings) {
  ForeignKey key;
  key.name = "fk";
  key.on_delete = ReferentialAction::SetNull;
  key.on_update = ReferentialAction::Cascade;
  nlohmann::json json = key;
  EXPECT_EQ(json["on_delete"], "set_null");
  EXPECT_EQ(json["on_update"], "cascade");
  DataType type;
  type.kind = TypeKind::TimestampTz;
  EXPECT_EQ(nlohmann::json(type)["kind"], "timestamptz");
  IndexKey index_key;
  index_key.nulls = NullsOrder::Last;
  EXPECT_EQ(nlohmann::json(index_key)["nulls"], "last");
  DefaultValue value{DefaultValue::Kind::Expression, "now()"};
  EXPECT_EQ(nlohmann::json(value)["kind"], "expression");
}

TEST(ModelJsonTest, UnmanagedObjectsAndOptionalFieldsSurvive) {
  Schema schema;
  schema.unmanaged.push_back(UnmanagedObject{"view", "app", "v", "select 1"});
  Table table;
  table.name = "t";
  Column column;
  column.name = "c";
  column.type.kind = TypeKind::Decimal;
  column.type.precision = 10;
  column.type.scale = 0;  // a zero scale is not "no scale"
  column.default_value = DefaultValue{DefaultValue::Kind::Null, ""};
  table.columns.push_back(column);
  schema.GetOrAddNamespace("app").tables.push_back(table);
  Schema back = nlohmann::json(schema).get<Schema>();
  EXPECT_TRUE(back == schema);
  ASSERT_EQ(back.unmanaged.size(), 1u);
  EXPECT_TRUE(back.unmanaged[0] == schema.unmanaged[0]);
  EXPECT_EQ(back.namespaces[0].tables[0].columns[0].type.scale, 0);
  EXPECT_TRUE(back.namespaces[0].tables[0].columns[0].default_value.has_value());
}

TEST(ModelJsonTest, UnknownEnumSpellingIsRejected) {
  nlohmann::json json = {{"kind", "varchar2"}};
  EXPECT_THROW(json.get<DataType>(), std::invalid_argument);
}

}  // namespace
}  // namespace schemac::model
