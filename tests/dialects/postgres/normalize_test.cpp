#include "dialects/postgres/normalize.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::postgres {
namespace {

using model::DefaultValue;
using model::TypeKind;

TEST(TypeFromPostgresSpellingTest, MapsPortableTypes) {
  EXPECT_EQ(TypeFromPostgresSpelling("integer").kind, TypeKind::Int);
  EXPECT_EQ(TypeFromPostgresSpelling("int4").kind, TypeKind::Int);
  EXPECT_EQ(TypeFromPostgresSpelling("jsonb").kind, TypeKind::Json);
  EXPECT_EQ(TypeFromPostgresSpelling("timestamp with time zone").kind, TypeKind::TimestampTz);
  auto varchar = TypeFromPostgresSpelling("character varying(20)");
  EXPECT_EQ(varchar.kind, TypeKind::Varchar);
  EXPECT_EQ(varchar.length, 20);
  auto decimal = TypeFromPostgresSpelling("numeric(12,2)");
  EXPECT_EQ(decimal.kind, TypeKind::Decimal);
  EXPECT_EQ(decimal.precision, 12);
  EXPECT_EQ(decimal.scale, 2);
  EXPECT_EQ(TypeFromPostgresSpelling("character").length, 1);
}

TEST(TypeFromPostgresSpellingTest, KeepsOthersNative) {
  auto inet = TypeFromPostgresSpelling("INET");
  EXPECT_EQ(inet.kind, TypeKind::Native);
  EXPECT_EQ(*inet.NativeFor("postgres"), "inet");
  EXPECT_EQ(*TypeFromPostgresSpelling("int[]").NativeFor("postgres"), "integer[]");
  EXPECT_EQ(*TypeFromPostgresSpelling("timestamp(3)").NativeFor("postgres"),
            "timestamp(3) without time zone");
  EXPECT_EQ(*TypeFromPostgresSpelling("json").NativeFor("postgres"), "json");
}

TEST(NormalizeDefaultTest, PrintedFormsBecomeLiterals) {
  model::DataType text_type{TypeKind::Text};
  model::DataType int_type{TypeKind::Int};
  model::DataType bool_type{TypeKind::Boolean};
  auto expr = [](const char* text) { return DefaultValue{DefaultValue::Kind::Expression, text}; };
  EXPECT_EQ(NormalizeDefault(expr("'abc'::text"), text_type),
            (DefaultValue{DefaultValue::Kind::String, "abc"}));
  EXPECT_EQ(NormalizeDefault(expr("'-1'::integer"), int_type),
            (DefaultValue{DefaultValue::Kind::Number, "-1"}));
  EXPECT_EQ(NormalizeDefault(DefaultValue{DefaultValue::Kind::String, "5"}, int_type),
            (DefaultValue{DefaultValue::Kind::Number, "5"}));
  EXPECT_EQ(NormalizeDefault(expr("true"), bool_type), (DefaultValue{DefaultValue::Kind::Bool, "true"}));
  EXPECT_EQ(NormalizeDefault(expr("CURRENT_TIMESTAMP"), text_type),
            NormalizeDefault(expr("now()"), text_type));
  EXPECT_EQ(NormalizeDefault(DefaultValue{DefaultValue::Kind::Null, ""}, text_type), std::nullopt);
  EXPECT_EQ(NormalizeDefault(expr("NULL::text"), text_type), std::nullopt);
  EXPECT_EQ(NormalizeDefault(expr("'it''s'::character varying"), text_type),
            (DefaultValue{DefaultValue::Kind::String, "it's"}));
  // default 1e3 on a double column comes back as '1000'::numeric.
  model::DataType double_type{TypeKind::Double};
  EXPECT_EQ(NormalizeDefault(DefaultValue{DefaultValue::Kind::Number, "1e3"}, double_type),
            NormalizeDefault(expr("'1000'::numeric"), double_type));
  model::DataType timestamp_type{TypeKind::Timestamp};
  EXPECT_EQ(NormalizeDefault(DefaultValue{DefaultValue::Kind::String, "2020-01-01"}, timestamp_type),
            NormalizeDefault(expr("'2020-01-01 00:00:00'::timestamp without time zone"), timestamp_type));
}

model::Schema SampleSchema() {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  model::Table table;
  table.name = "orders";
  model::Column id;
  id.name = "id";
  id.type.kind = TypeKind::BigInt;
  id.type.native["mysql"] = "bigint unsigned";
  id.identity = model::Identity{false};
  table.columns.push_back(id);
  model::Column code;
  code.name = "code";
  code.type = model::DataType{TypeKind::Native};
  code.type.native["postgres"] = "VARCHAR(10)";
  code.default_value = DefaultValue{DefaultValue::Kind::Expression, "'x'::character varying"};
  table.columns.push_back(code);
  table.primary_key = model::PrimaryKey{"orders_pkey", {"id"}};
  table.checks.push_back(model::Check{"z_check", "code IN ('x', 'y')"});
  table.checks.push_back(model::Check{"a_check", "(id > 0)"});
  model::Index index;
  index.name = "orders_code_idx";
  index.method = "btree";
  index.keys.push_back(model::IndexKey{"", "LOWER(code)", false, model::NullsOrder::Default, "", ""});
  table.indexes.push_back(index);
  table.options["mysql"]["engine"] = "InnoDB";
  ns.tables.push_back(table);
  return schema;
}

TEST(NormalizeSchemaTest, CanonicalizesAndIsIdempotent) {
  model::Schema schema = SampleSchema();
  NormalizeSchema(schema);
  const model::Table& table = schema.namespaces[0].tables[0];
  EXPECT_TRUE(table.columns[0].type.native.empty());
  EXPECT_FALSE(table.columns[0].nullable);
  EXPECT_EQ(table.columns[1].type.kind, TypeKind::Varchar);
  EXPECT_EQ(table.columns[1].type.length, 10);
  EXPECT_EQ(table.columns[1].default_value, (DefaultValue{DefaultValue::Kind::String, "x"}));
  EXPECT_EQ(table.checks[0].name, "a_check");
  EXPECT_EQ(table.checks[0].expression, "id > 0");
  EXPECT_EQ(table.checks[1].expression, "code in ('x', 'y')");
  EXPECT_EQ(table.indexes[0].method, "");
  EXPECT_EQ(table.indexes[0].keys[0].expression, "lower(code)");
  EXPECT_TRUE(table.options.empty());
  model::Schema again = schema;
  NormalizeSchema(again);
  EXPECT_EQ(again, schema);
}

TEST(NormalizeSchemaTest, CutsNamesTo63BytesOnACharacterBoundary) {
  model::Schema schema;
  model::Table table;
  table.name = std::string(62, 'a') + "\xc3\xa9" + "tail";  // é straddles byte 63
  table.primary_key = model::PrimaryKey{std::string(70, 'k'), {"id"}};
  schema.GetOrAddNamespace("").tables.push_back(table);
  NormalizeSchema(schema);
  EXPECT_EQ(schema.namespaces[0].tables[0].name, std::string(62, 'a'));
  EXPECT_EQ(schema.namespaces[0].tables[0].primary_key->name, std::string(63, 'k'));
}

}  // namespace
}  // namespace schemac::dialects::postgres
