#include "dialects/mysql/normalize.hpp"

#include <gtest/gtest.h>

#include "dialects/mysql/dialect.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::DataType;
using model::DefaultValue;
using model::TypeKind;

const ServerFeatures kMariaDb = FeaturesFor(ServerVersion::Parse("10.11.6-MariaDB"));
const ServerFeatures kMySql = FeaturesFor(ServerVersion::Parse("8.0.36"));

DataType Portable(TypeKind kind) {
  DataType type;
  type.kind = kind;
  return type;
}

DataType Native(const std::string& spelling) {
  DataType type;
  type.kind = TypeKind::Native;
  type.native["mysql"] = spelling;
  return type;
}

// A portable kind with the exact mysql spelling as its override.
DataType Override(TypeKind kind, const std::string& spelling) {
  DataType type = Native(spelling);
  type.kind = kind;
  return type;
}

TEST(DataTypeFromColumnTypeTest, MapsServerSpellingsToPortableTypes) {
  EXPECT_EQ(DataTypeFromColumnType("int(11)", kMariaDb), Portable(TypeKind::Int));
  EXPECT_EQ(DataTypeFromColumnType("int", kMySql), Portable(TypeKind::Int));
  EXPECT_EQ(DataTypeFromColumnType("bigint(20)", kMariaDb), Portable(TypeKind::BigInt));
  EXPECT_EQ(DataTypeFromColumnType("smallint(6)", kMariaDb), Portable(TypeKind::SmallInt));
  EXPECT_EQ(DataTypeFromColumnType("tinyint(1)", kMariaDb), Portable(TypeKind::Boolean));
  EXPECT_EQ(DataTypeFromColumnType("BOOLEAN", kMariaDb), Portable(TypeKind::Boolean));
  EXPECT_EQ(DataTypeFromColumnType("longtext", kMariaDb), Portable(TypeKind::Text));
  EXPECT_EQ(DataTypeFromColumnType("longblob", kMariaDb), Portable(TypeKind::Bytes));
  EXPECT_EQ(DataTypeFromColumnType("datetime", kMariaDb), Portable(TypeKind::Timestamp));
  EXPECT_EQ(DataTypeFromColumnType("timestamp", kMariaDb), Portable(TypeKind::TimestampTz));
  EXPECT_EQ(DataTypeFromColumnType("uuid", kMariaDb), Portable(TypeKind::Uuid));
  EXPECT_EQ(DataTypeFromColumnType("json", kMySql), Portable(TypeKind::Json));
  EXPECT_EQ(DataTypeFromColumnType("float", kMariaDb), Portable(TypeKind::Real));
  EXPECT_EQ(DataTypeFromColumnType("double", kMariaDb), Portable(TypeKind::Double));

  DataType decimal = Portable(TypeKind::Decimal);
  decimal.precision = 12;
  decimal.scale = 2;
  EXPECT_EQ(DataTypeFromColumnType("decimal(12,2)", kMariaDb), decimal);
  EXPECT_EQ(DataTypeFromColumnType("NUMERIC(12, 2)", kMariaDb), decimal);

  DataType varchar = Portable(TypeKind::Varchar);
  varchar.length = 40;
  EXPECT_EQ(DataTypeFromColumnType("varchar(40)", kMariaDb), varchar);
}

TEST(DataTypeFromColumnTypeTest, KeepsWhatHasNoPortableEquivalentAsCanonicalNative) {
  EXPECT_EQ(DataTypeFromColumnType("bigint(20) unsigned", kMariaDb),
            Override(TypeKind::BigInt, "bigint unsigned"));
  EXPECT_EQ(DataTypeFromColumnType("int(10) unsigned", kMariaDb), Override(TypeKind::BigInt, "int unsigned"))
      << "the portable kind holds every value";
  EXPECT_EQ(DataTypeFromColumnType("INT(5) UNSIGNED ZEROFILL", kMariaDb),
            Override(TypeKind::BigInt, "int(5) unsigned zerofill"));
  EXPECT_EQ(DataTypeFromColumnType("tinyint(4)", kMariaDb), Override(TypeKind::SmallInt, "tinyint"));
  EXPECT_EQ(DataTypeFromColumnType("enum('a', 'B c')", kMariaDb), Native("enum('a','B c')"));
  EXPECT_EQ(DataTypeFromColumnType("mediumtext", kMariaDb), Override(TypeKind::Text, "mediumtext"));
  EXPECT_EQ(DataTypeFromColumnType("datetime(6)", kMariaDb), Override(TypeKind::Timestamp, "datetime(6)"));
  EXPECT_EQ(DataTypeFromColumnType("DATETIME(0)", kMariaDb), Portable(TypeKind::Timestamp));
  EXPECT_EQ(DataTypeFromColumnType("timestamp(0)", kMariaDb), Portable(TypeKind::TimestampTz));
  EXPECT_EQ(DataTypeFromColumnType("time(0)", kMariaDb), Portable(TypeKind::Time));
  EXPECT_EQ(DataTypeFromColumnType("datetime on update CURRENT_TIMESTAMP", kMariaDb),
            Native("datetime on update current_timestamp()"));
  EXPECT_EQ(DataTypeFromColumnType("uuid", kMySql), Native("uuid"));
  EXPECT_EQ(DataTypeFromColumnType("set('a','b')", kMySql), Native("set('a','b')"));
}

TEST(CanonicalDefaultTest, TypesLiteralsByTheirColumn) {
  DataType decimal = Portable(TypeKind::Decimal);
  decimal.precision = 12;
  decimal.scale = 2;
  EXPECT_EQ(CanonicalDefault(decimal, {DefaultValue::Kind::Number, "1.5"}),
            (DefaultValue{DefaultValue::Kind::Number, "1.50"}));
  EXPECT_EQ(CanonicalDefault(decimal, {DefaultValue::Kind::Expression, "1.50"}),
            (DefaultValue{DefaultValue::Kind::Number, "1.50"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Int), {DefaultValue::Kind::Expression, "'5'"}),
            (DefaultValue{DefaultValue::Kind::Number, "5"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Int), {DefaultValue::Kind::String, "-0"}),
            (DefaultValue{DefaultValue::Kind::Number, "0"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Boolean), {DefaultValue::Kind::Expression, "1"}),
            (DefaultValue{DefaultValue::Kind::Bool, "true"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Boolean), {DefaultValue::Kind::Number, "0"}),
            (DefaultValue{DefaultValue::Kind::Bool, "false"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Double), {DefaultValue::Kind::Number, "1.50"}),
            (DefaultValue{DefaultValue::Kind::Number, "1.5"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Text), {DefaultValue::Kind::Expression, "'it''s'"}),
            (DefaultValue{DefaultValue::Kind::String, "it's"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Text), {DefaultValue::Kind::Number, "5"}),
            (DefaultValue{DefaultValue::Kind::String, "5"}));
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Int), {DefaultValue::Kind::Expression, "NULL"}),
            std::nullopt);
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Int), {DefaultValue::Kind::Null, ""}), std::nullopt);
  EXPECT_EQ(CanonicalDefault(Portable(TypeKind::Timestamp), {DefaultValue::Kind::Expression, "now()"}),
            (DefaultValue{DefaultValue::Kind::Expression, "current_timestamp()"}));
}

model::Schema SchemaWith(model::Table table) {
  model::Schema schema;
  schema.GetOrAddNamespace("").tables.push_back(std::move(table));
  return schema;
}

model::Column MakeColumn(const std::string& name, DataType type, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type = std::move(type);
  column.nullable = nullable;
  return column;
}

TEST(NormalizeSchemaTest, InlinesEnumsAndDropsTheirDefinitions) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  ns.enums.push_back(model::Enum{"status", {"new", "it's"}, "", {}});
  model::Table table;
  table.name = "orders";
  DataType status;
  status.kind = TypeKind::Enum;
  status.enum_name = "status";
  table.columns.push_back(MakeColumn("status", status));
  ns.tables.push_back(table);

  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  EXPECT_TRUE(schema.namespaces[0].enums.empty());
  EXPECT_EQ(schema.namespaces[0].tables[0].columns[0].type, Native("enum('new','it''s')"));
}

TEST(NormalizeSchemaTest, InheritedCharsetAndCollationAreDropped) {
  model::Table table;
  table.name = "t";
  table.options["mysql"]["charset"] = "utf8mb4";
  table.options["mysql"]["engine"] = "innodb";
  table.options["postgres"]["fillfactor"] = "70";
  DataType varchar = Portable(TypeKind::Varchar);
  varchar.length = 10;
  model::Column same = MakeColumn("same", varchar);
  same.collation = "utf8mb4_general_ci";
  model::Column different = MakeColumn("different", varchar);
  different.collation = "utf8mb4_bin";
  model::Column number = MakeColumn("number", Portable(TypeKind::Int));
  number.collation = "utf8mb4_bin";
  table.columns = {same, different, number};
  model::Schema schema = SchemaWith(table);

  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  const model::Table& normalized = schema.namespaces[0].tables[0];
  EXPECT_TRUE(normalized.options.empty());
  EXPECT_EQ(normalized.columns[0].collation, "");
  EXPECT_EQ(normalized.columns[1].collation, "utf8mb4_bin");
  EXPECT_EQ(normalized.columns[2].collation, "");
}

TEST(NormalizeSchemaTest, CharsetOptionFoldsIntoItsDefaultCollation) {
  model::Table table;
  table.name = "t";
  table.options["mysql"]["charset"] = "latin1";
  model::Schema schema = SchemaWith(table);
  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  EXPECT_EQ(schema.namespaces[0].tables[0].options.at("mysql").at("collation"), "latin1_swedish_ci");
  EXPECT_EQ(schema.namespaces[0].tables[0].options.at("mysql").count("charset"), 0u);
}

TEST(NormalizeSchemaTest, MariaDbJsonIsLongtextWithAJsonValidCheck) {
  model::Table inspected;
  inspected.name = "docs";
  model::Column body = MakeColumn("body", Portable(TypeKind::Text));
  body.collation = "utf8mb4_bin";
  inspected.columns.push_back(body);
  inspected.checks.push_back(model::Check{"body", "json_valid(`body`)"});
  model::Schema from_server = SchemaWith(inspected);

  model::Table desired;
  desired.name = "docs";
  desired.columns.push_back(MakeColumn("body", Portable(TypeKind::Json)));
  model::Schema from_file = SchemaWith(desired);

  NormalizeSchema(from_server, kMariaDb, DatabaseDefaults{});
  NormalizeSchema(from_file, kMariaDb, DatabaseDefaults{});
  EXPECT_EQ(from_server, from_file);
}

TEST(NormalizeSchemaTest, KeysIndexesAndForeignKeys) {
  model::Table table;
  table.name = "orders";
  table.columns = {MakeColumn("id", Portable(TypeKind::BigInt)),
                   MakeColumn("user_id", Portable(TypeKind::BigInt)),
                   MakeColumn("code", Portable(TypeKind::Int))};
  table.primary_key = model::PrimaryKey{"PRIMARY", {"id"}};
  model::Index unique_index;
  unique_index.name = "orders_code_key";
  unique_index.unique = true;
  unique_index.keys.push_back(model::IndexKey{"code", "", false, model::NullsOrder::Default, "", ""});
  model::Index implicit_fk_index;
  implicit_fk_index.name = "orders_user_id_fkey";
  implicit_fk_index.keys.push_back(model::IndexKey{"user_id", "", false, model::NullsOrder::Default, "", ""});
  table.indexes = {unique_index, implicit_fk_index};
  model::ForeignKey fk;
  fk.name = "orders_user_id_fkey";
  fk.columns = {"user_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  fk.on_delete = model::ReferentialAction::Restrict;
  table.foreign_keys.push_back(fk);
  model::Schema schema = SchemaWith(table);

  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  const model::Table& normalized = schema.namespaces[0].tables[0];
  EXPECT_EQ(normalized.primary_key->name, "PRIMARY") << "MySQL names every primary key PRIMARY";
  EXPECT_FALSE(normalized.columns[0].nullable);
  ASSERT_EQ(normalized.uniques.size(), 1u);
  EXPECT_EQ(normalized.uniques[0].name, "orders_code_key");
  EXPECT_TRUE(normalized.indexes.empty()) << "the implicit FK index and the unique index are gone";
  EXPECT_EQ(normalized.foreign_keys[0].on_delete, model::ReferentialAction::NoAction);
}

// A key declared without a name in CREATE TABLE: the server names its index after the column.
// That name is remembered in the key, not compared, and shown again for reading.
model::Table OrdersWithForeignKeyIndex(const std::string& index_name, bool with_unique) {
  model::Table table;
  table.name = "orders";
  table.columns = {MakeColumn("id", Portable(TypeKind::BigInt)),
                   MakeColumn("user_id", Portable(TypeKind::BigInt))};
  table.primary_key = model::PrimaryKey{"PRIMARY", {"id"}};
  if (!index_name.empty()) {
    model::Index index;
    index.name = index_name;
    index.keys.push_back(model::IndexKey{"user_id", "", false, model::NullsOrder::Default, "", ""});
    table.indexes.push_back(index);
  }
  if (with_unique) table.uniques.push_back(model::UniqueConstraint{"orders_user_id_key", {"user_id"}});
  model::ForeignKey fk;
  fk.name = "orders_ibfk_1";
  fk.columns = {"user_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  table.foreign_keys.push_back(fk);
  return table;
}

TEST(NormalizeSchemaTest, ServerNamedForeignKeyIndexIsRememberedNotCompared) {
  model::Schema from_server = SchemaWith(OrdersWithForeignKeyIndex("user_id", false));
  model::Schema from_file = SchemaWith(OrdersWithForeignKeyIndex("", false));
  NormalizeSchema(from_server, kMariaDb, DatabaseDefaults{});
  NormalizeSchema(from_file, kMariaDb, DatabaseDefaults{});
  const model::Table& normalized = from_server.namespaces[0].tables[0];
  EXPECT_TRUE(normalized.indexes.empty());
  EXPECT_EQ(normalized.foreign_keys[0].index_name, "user_id");
  EXPECT_EQ(from_server, from_file) << "the index's name is not part of the key";

  model::Schema again = from_server;
  NormalizeSchema(again, kMariaDb, DatabaseDefaults{});
  EXPECT_EQ(again.namespaces[0].tables[0].foreign_keys[0].index_name, "user_id") << "idempotent";

  ShowForeignKeyIndexes(again);
  ASSERT_EQ(again.namespaces[0].tables[0].indexes.size(), 1u) << "printed, so a rebuild names it alike";
  EXPECT_EQ(again.namespaces[0].tables[0].indexes[0].name, "user_id");
  NormalizeSchema(again, kMariaDb, DatabaseDefaults{});
  EXPECT_TRUE(again.namespaces[0].tables[0].indexes.empty());
  EXPECT_EQ(again.namespaces[0].tables[0].foreign_keys[0].index_name, "user_id");
}

TEST(NormalizeSchemaTest, ForeignKeyNamedIndexNextToAnotherServingKeyIsKept) {
  // The server drops its own index when another key takes over: one still there is someone's.
  model::Schema schema = SchemaWith(OrdersWithForeignKeyIndex("orders_ibfk_1", true));
  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  const model::Table& normalized = schema.namespaces[0].tables[0];
  ASSERT_EQ(normalized.indexes.size(), 1u);
  EXPECT_EQ(normalized.indexes[0].name, "orders_ibfk_1");
  EXPECT_TRUE(normalized.foreign_keys[0].index_name.empty());
}

TEST(NormalizeSchemaTest, IsIdempotent) {
  model::Table table;
  table.name = "t";
  model::Column amount = MakeColumn("amount", Native("DECIMAL(12,2)"));
  amount.default_value = DefaultValue{DefaultValue::Kind::Number, "1"};
  model::Column created = MakeColumn("created", Portable(TypeKind::Timestamp));
  created.default_value = DefaultValue{DefaultValue::Kind::Expression, "(now())"};
  model::Column flag = MakeColumn("flag", Portable(TypeKind::Boolean));
  flag.default_value = DefaultValue{DefaultValue::Kind::Number, "1"};
  model::Column id = MakeColumn("id", Portable(TypeKind::Uuid));
  table.columns = {amount, created, flag, id};
  table.checks.push_back(model::Check{"t_amount_check", "(amount>=0)"});
  for (const ServerFeatures& features : {kMariaDb, kMySql}) {
    model::Schema once = SchemaWith(table);
    NormalizeSchema(once, features, DatabaseDefaults{});
    model::Schema twice = once;
    NormalizeSchema(twice, features, DatabaseDefaults{});
    EXPECT_EQ(once, twice);
    const model::Table& normalized = once.namespaces[0].tables[0];
    EXPECT_EQ(normalized.columns[0].default_value->text, "1.00");
    EXPECT_EQ(normalized.columns[1].default_value->text, "current_timestamp()");
    EXPECT_EQ(normalized.columns[2].default_value->kind, DefaultValue::Kind::Bool);
    EXPECT_EQ(normalized.checks[0].expression, "amount >= 0");
  }
  model::Schema on_mysql = SchemaWith(table);
  NormalizeSchema(on_mysql, kMySql, DatabaseDefaults{});
  EXPECT_EQ(on_mysql.namespaces[0].tables[0].columns[3].type.kind, TypeKind::Char)
      << "MySQL has no UUID type";
}

TEST(MysqlDialectTest, ReportsWhatMysqlCannotBuild) {
  model::Schema schema;
  model::Table table;
  table.name = "t";
  table.columns.push_back(MakeColumn("a", Portable(TypeKind::Int)));
  DataType inet;
  inet.kind = TypeKind::Native;
  inet.native["postgres"] = "inet";
  table.columns.push_back(MakeColumn("ip", inet));
  model::Index partial;
  partial.name = "t_a_idx";
  partial.keys.push_back(model::IndexKey{"a", "", false, model::NullsOrder::Default, "", ""});
  partial.where = "a > 0";
  table.indexes.push_back(partial);
  model::Column computed = MakeColumn("twice", Portable(TypeKind::Int), false);
  computed.generated = model::Generated{"a * 2", true};
  table.columns.push_back(computed);
  model::ForeignKey full_match;
  full_match.name = "t_self_fkey";
  full_match.columns = {"a"};
  full_match.ref_table = "t";
  full_match.ref_columns = {"a"};
  full_match.match = model::MatchType::Full;
  table.foreign_keys.push_back(full_match);
  schema.GetOrAddNamespace("").tables.push_back(table);
  schema.GetOrAddNamespace("billing").tables.push_back(table);
  auto problems = DefaultMariaDbDialect().Unsupported(schema);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_NE(all.find("native type has no mysql spelling"), std::string::npos) << all;
  EXPECT_NE(all.find("partial"), std::string::npos) << all;
  EXPECT_NE(all.find("namespace billing"), std::string::npos) << all;
  EXPECT_NE(all.find("generated column NOT NULL"), std::string::npos) << all;
  EXPECT_NE(all.find("ignores MATCH FULL"), std::string::npos) << all;
  std::string on_mysql;
  for (const auto& p : DefaultMysqlDialect().Unsupported(schema)) on_mysql += p + "\n";
  EXPECT_EQ(on_mysql.find("generated column NOT NULL"), std::string::npos) << "MySQL allows it";
}

TEST(NameInlineEnumsTest, InlineEnumsBecomeNamedEnumsThatNormalizeInlinesAgain) {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  model::Table tasks;
  tasks.name = "tasks";
  tasks.columns.push_back(
      model::Column{"status", Native("enum('new','it''s done')"), false, {}, {}, {}, "", "", {}});
  tasks.columns.push_back(model::Column{"kind", Native("set('a','b')"), true, {}, {}, {}, "", "", {}});
  ns.tables.push_back(tasks);
  model::Table taken;  // a table already called tasks_other keeps that column native
  taken.name = "tasks_other";
  ns.tables.push_back(taken);
  ns.tables[0].columns.push_back(model::Column{"other", Native("enum('x')"), true, {}, {}, {}, "", "", {}});
  model::Schema normalized = schema;
  NameInlineEnums(schema);
  ASSERT_EQ(schema.namespaces[0].enums.size(), 1u);
  EXPECT_EQ(schema.namespaces[0].enums[0].name, "tasks_status");
  EXPECT_EQ(schema.namespaces[0].enums[0].values, (std::vector<std::string>{"new", "it's done"}));
  EXPECT_EQ(schema.namespaces[0].tables[0].columns[0].type.kind, TypeKind::Enum);
  EXPECT_EQ(schema.namespaces[0].tables[0].columns[1].type, Native("set('a','b')"));
  EXPECT_EQ(schema.namespaces[0].tables[0].columns[2].type, Native("enum('x')"));
  NormalizeSchema(schema, kMariaDb, DatabaseDefaults{});
  NormalizeSchema(normalized, kMariaDb, DatabaseDefaults{});
  EXPECT_EQ(schema, normalized);
}

}  // namespace
}  // namespace schemac::dialects::mysql
