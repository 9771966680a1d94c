// WriteSchemaJson prints byte for byte what nlohmann::json(schema).dump(2) prints: the schemas
// below cover every level it spells out itself (schema, namespace) and their optional keys.
#include "cli/schema_json_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "schema_dsl/schema_dsl.hpp"
#include "schemac/model_json.hpp"

namespace schemac::cli {
namespace {

std::string Written(const model::Schema& schema) {
  std::ostringstream out;
  WriteSchemaJson(schema, out);
  return out.str();
}

std::string Dumped(const model::Schema& schema) { return nlohmann::json(schema).dump(2); }

TEST(SchemaJsonWriterTest, EmptySchema) {
  model::Schema schema;
  EXPECT_EQ(Written(schema), Dumped(schema));
}

TEST(SchemaJsonWriterTest, NamespacesWithoutTablesOrEnums) {
  model::Schema schema;
  schema.GetOrAddNamespace("");
  schema.GetOrAddNamespace("billing \"quoted\" \u00e9");
  EXPECT_EQ(Written(schema), Dumped(schema));
}

TEST(SchemaJsonWriterTest, EnumsTablesAndUnmanaged) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  ns.enums.push_back(model::Enum{"status", {"a", "b"}, "lifecycle", {}});
  model::Table table;
  table.name = "t";
  model::Column column;
  column.name = "id";
  column.type.kind = model::TypeKind::BigInt;
  column.nullable = false;
  table.columns.push_back(column);
  table.comment = "line\nbreak";
  ns.tables.push_back(table);
  table.name = "u";
  ns.tables.push_back(table);
  schema.GetOrAddNamespace("audit").enums.push_back(model::Enum{"level", {"x"}, "", {}});
  schema.unmanaged.push_back(model::UnmanagedObject{"view", "", "v", "not expressible"});
  schema.unmanaged.push_back(model::UnmanagedObject{"extension", "", "pgcrypto", ""});
  EXPECT_EQ(Written(schema), Dumped(schema));
}

TEST(SchemaJsonWriterTest, ShopExample) {
  dsl::LoadResult loaded =
      dsl::LoadSchemaPath(std::string(SCHEMAC_SOURCE_DIR) + "/tests/cli/data/shop_v2.schema");
  ASSERT_TRUE(loaded.ok());
  ASSERT_GT(loaded.schema.TableCount(), 1u);
  EXPECT_EQ(Written(loaded.schema), Dumped(loaded.schema));
}

// More than the writer buffers before it flushes: the pieces still join up.
TEST(SchemaJsonWriterTest, ManyTables) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  for (int i = 0; i < 2000; ++i) {
    model::Table table;
    table.name = "table_" + std::to_string(i);
    model::Column column;
    column.name = "c";
    column.type.kind = model::TypeKind::Text;
    table.columns.push_back(column);
    ns.tables.push_back(table);
  }
  EXPECT_EQ(Written(schema), Dumped(schema));
}

}  // namespace
}  // namespace schemac::cli
