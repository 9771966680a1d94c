// What the binder puts in the model: default names, inline constraints at table level, types,
// namespaces, hints.
#include <gtest/gtest.h>

#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

model::Schema Parse(const std::string& text) {
  LoadResult result = ParseSchemaText(text, "test.schema");
  std::string rendered;
  for (const Diagnostic& diagnostic : result.diagnostics) rendered += RenderDiagnostic(diagnostic, false);
  EXPECT_TRUE(result.diagnostics.empty()) << rendered;
  return result.schema;
}

const model::Table& TableOf(const model::Schema& schema, const std::string& name,
                            const std::string& ns = "") {
  const model::Table* table = schema.FindTable(ns, name);
  if (table == nullptr) {
    static const model::Table kMissing;
    ADD_FAILURE() << "no table " << ns << "." << name;
    return kMissing;
  }
  return *table;
}

TEST(BinderTest, InlineConstraintsMoveToTableLevelWithDefaultNames) {
  model::Schema schema = Parse(
      "table users {\n  id bigint primary key\n}\n"
      "table orders {\n"
      "  id bigint primary key\n"
      "  user_id bigint references users(id) on delete cascade\n"
      "  code text unique\n"
      "  qty int check (qty > 0)\n"
      "  check (qty < 10)\n"
      "}\n");
  const model::Table& orders = TableOf(schema, "orders");
  ASSERT_TRUE(orders.primary_key.has_value());
  EXPECT_EQ(orders.primary_key->name, "orders_pkey");
  EXPECT_EQ(orders.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(orders.foreign_keys.size(), 1u);
  EXPECT_EQ(orders.foreign_keys[0].name, "orders_user_id_fkey");
  EXPECT_EQ(orders.foreign_keys[0].ref_table, "users");
  EXPECT_EQ(orders.foreign_keys[0].ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(orders.foreign_keys[0].on_delete, model::ReferentialAction::Cascade);
  EXPECT_EQ(orders.foreign_keys[0].on_update, model::ReferentialAction::NoAction);
  ASSERT_EQ(orders.uniques.size(), 1u);
  EXPECT_EQ(orders.uniques[0].name, "orders_code_key");
  ASSERT_EQ(orders.checks.size(), 2u);
  EXPECT_EQ(orders.checks[0].name, "orders_qty_check");
  EXPECT_EQ(orders.checks[0].expression, "qty > 0");
  EXPECT_EQ(orders.checks[1].name, "orders_check");
}

// The binder is dialect-neutral: integers of different widths and native types are the dialect's
// to judge (SQLite stores every integer alike), other kinds must match.
TEST(BinderTest, ForeignKeyTypesAreCheckedOnlyWhereEveryDialectAgrees) {
  model::Schema schema = Parse(
      "table parent {\n  id bigint primary key identity\n  alias native(sqlite: 'INTEGER') unique\n}\n"
      "table child {\n  p int references parent(id)\n  q bigint references parent(alias)\n}\n");
  EXPECT_EQ(TableOf(schema, "child").foreign_keys.size(), 2u);

  LoadResult mismatch = ParseSchemaText(
      "table parent {\n  id bigint primary key\n}\ntable child {\n  p text references parent(id)\n}\n",
      "test.schema");
  ASSERT_EQ(mismatch.diagnostics.size(), 1u);
  EXPECT_EQ(mismatch.diagnostics[0].code, "E0011");
  EXPECT_EQ(mismatch.diagnostics[0].line, 5);
}

// MySQL's index names are unique per table: the language allows a name in two tables (PostgreSQL
// and SQLite refuse it in Unsupported()), not twice in one.
TEST(BinderTest, IndexNamesAreUniquePerTable) {
  model::Schema schema = Parse(
      "table a {\n  x int\n  index idx_x (x)\n}\ntable b {\n  x int\n  index idx_x (x)\n  index (x)\n}\n");
  EXPECT_EQ(TableOf(schema, "a").indexes.at(0).name, "idx_x");
  ASSERT_EQ(TableOf(schema, "b").indexes.size(), 2u);
  EXPECT_EQ(TableOf(schema, "b").indexes[0].name, "idx_x");
  EXPECT_EQ(TableOf(schema, "b").indexes[1].name, "b_x_idx");

  LoadResult twice =
      ParseSchemaText("table a {\n  x int\n  index idx_x (x)\n  index idx_x (x)\n}\n", "t.schema");
  ASSERT_EQ(twice.diagnostics.size(), 1u);
  EXPECT_EQ(twice.diagnostics[0].code, "E0005");
  EXPECT_EQ(twice.diagnostics[0].line, 4);
  EXPECT_NE(twice.diagnostics[0].message.find("in table \"a\""), std::string::npos);
}

TEST(BinderTest, PrimaryKeyColumnsAreNotNull) {
  model::Schema schema = Parse("table t {\n  a int\n  b int null\n  c int\n  primary key (a, b)\n}\n");
  const model::Table& table = TableOf(schema, "t");
  EXPECT_FALSE(table.FindColumn("a")->nullable);
  EXPECT_FALSE(table.FindColumn("b")->nullable);
  EXPECT_TRUE(table.FindColumn("c")->nullable);
}

TEST(BinderTest, TakenDefaultNamesGetANumberLikePostgres) {
  model::Schema schema = Parse(
      "table t {\n  a int\n  check (a > 0)\n  check (a < 9)\n  constraint t_check2 check (a <> 5)\n  check "
      "(a <> 6)\n"
      "  index (a)\n  index (a desc)\n}\n");
  const model::Table& table = TableOf(schema, "t");
  ASSERT_EQ(table.checks.size(), 4u);
  EXPECT_EQ(table.checks[0].name, "t_check");
  EXPECT_EQ(table.checks[1].name, "t_check1");
  EXPECT_EQ(table.checks[2].name, "t_check2");
  EXPECT_EQ(table.checks[3].name, "t_check3");
  ASSERT_EQ(table.indexes.size(), 2u);
  EXPECT_EQ(table.indexes[0].name, "t_a_idx");
  EXPECT_EQ(table.indexes[1].name, "t_a_idx1");
}

TEST(BinderTest, IndexesKeepEverythingWritten) {
  model::Schema schema = Parse(
      "table t {\n  a int\n  b text\n  c int\n"
      "  unique index t_idx using btree (a desc nulls last, (lower(b)) collate \"C\" opclass text_ops) "
      "include (c) where (a > 0)\n}\n");
  const model::Index& index = TableOf(schema, "t").indexes.at(0);
  EXPECT_EQ(index.name, "t_idx");
  EXPECT_TRUE(index.unique);
  EXPECT_EQ(index.method, "btree");
  ASSERT_EQ(index.keys.size(), 2u);
  EXPECT_EQ(index.keys[0].column, "a");
  EXPECT_TRUE(index.keys[0].descending);
  EXPECT_EQ(index.keys[0].nulls, model::NullsOrder::Last);
  EXPECT_EQ(index.keys[1].expression, "lower(b)");
  EXPECT_EQ(index.keys[1].collation, "C");
  EXPECT_EQ(index.keys[1].opclass, "text_ops");
  EXPECT_EQ(index.include, std::vector<std::string>{"c"});
  EXPECT_EQ(index.where, "a > 0");
  EXPECT_EQ(model::DefaultIndexName("t", index.keys), "t_a_expr_idx");
}

TEST(BinderTest, PrefixLengthsAndComments) {
  model::Schema schema = Parse(
      "table t {\n  a varchar(10)\n  b int\n  primary key (b) comment 'the key'\n"
      "  index t_idx (a(5) desc, b) comment 'by a'\n  comment 'the table'\n}\n");
  const model::Table& table = TableOf(schema, "t");
  EXPECT_EQ(table.primary_key->comment, "the key");
  const model::Index& index = table.indexes.at(0);
  EXPECT_EQ(index.keys[0].prefix_length, 5);
  EXPECT_TRUE(index.keys[0].descending);
  EXPECT_EQ(index.keys[1].prefix_length, 0);
  EXPECT_EQ(index.comment, "by a");
  EXPECT_EQ(table.comment, "the table") << "a comment on a line of its own is the table's";
}

TEST(BinderTest, PrefixLengthMustBeAWholePositiveNumber) {
  for (const char* bad : {"0", "1.5", "-2", "4000"}) {
    std::string text = std::string("table t {\n  a varchar(10)\n  index i (a(") + bad + "))\n}\n";
    LoadResult result = ParseSchemaText(text, "bad.schema");
    ASSERT_EQ(result.diagnostics.size(), 1u) << bad;
    EXPECT_EQ(result.diagnostics[0].line, 3);
    EXPECT_EQ(result.diagnostics[0].column, 14) << "at the number";
    EXPECT_NE(result.diagnostics[0].message.find("prefix length of index key \"a\""), std::string::npos)
        << result.diagnostics[0].message;
  }
}

TEST(BinderTest, TypesAndDefaults) {
  model::Schema schema = Parse(
      "enum mood { happy, sad }\n"
      "table t {\n"
      "  a varchar(40) not null default 'it''s'\n"
      "  b decimal(12,2) default -1.50\n"
      "  c mood default 'sad'\n"
      "  d native(postgres: 'inet', mysql: 'varchar(45)')\n"
      "  e bigint native(mysql: 'bigint unsigned') identity always\n"
      "  f timestamp default (CURRENT_TIMESTAMP)\n"
      "  g int generated always as (e * 2) virtual\n"
      "  h boolean default true\n"
      "  i text default null collate \"C\" comment 'note'\n"
      "}\n");
  const model::Table& table = TableOf(schema, "t");
  const model::Column& a = *table.FindColumn("a");
  EXPECT_EQ(a.type.kind, model::TypeKind::Varchar);
  EXPECT_EQ(a.type.length, 40);
  EXPECT_FALSE(a.nullable);
  EXPECT_EQ(a.default_value->kind, model::DefaultValue::Kind::String);
  EXPECT_EQ(a.default_value->text, "it's");
  const model::Column& b = *table.FindColumn("b");
  EXPECT_EQ(b.type.precision, 12);
  EXPECT_EQ(b.type.scale, 2);
  EXPECT_EQ(b.default_value->kind, model::DefaultValue::Kind::Number);
  EXPECT_EQ(b.default_value->text, "-1.50");
  const model::Column& c = *table.FindColumn("c");
  EXPECT_EQ(c.type.kind, model::TypeKind::Enum);
  EXPECT_EQ(c.type.enum_name, "mood");
  EXPECT_EQ(c.type.enum_namespace, "");
  const model::Column& d = *table.FindColumn("d");
  EXPECT_EQ(d.type.kind, model::TypeKind::Native);
  EXPECT_EQ(*d.type.NativeFor("postgres"), "inet");
  EXPECT_EQ(d.type.NativeFor("sqlite"), nullptr);
  const model::Column& e = *table.FindColumn("e");
  EXPECT_EQ(e.type.kind, model::TypeKind::BigInt);
  EXPECT_EQ(*e.type.NativeFor("mysql"), "bigint unsigned");
  ASSERT_TRUE(e.identity.has_value());
  EXPECT_TRUE(e.identity->always);
  const model::Column& f = *table.FindColumn("f");
  EXPECT_EQ(f.default_value->kind, model::DefaultValue::Kind::Expression);
  EXPECT_EQ(f.default_value->text, "CURRENT_TIMESTAMP");
  const model::Column& g = *table.FindColumn("g");
  ASSERT_TRUE(g.generated.has_value());
  EXPECT_EQ(g.generated->expression, "e * 2");
  EXPECT_FALSE(g.generated->stored);
  EXPECT_EQ(table.FindColumn("h")->default_value->kind, model::DefaultValue::Kind::Bool);
  const model::Column& i = *table.FindColumn("i");
  EXPECT_EQ(i.default_value->kind, model::DefaultValue::Kind::Null);
  EXPECT_EQ(i.collation, "C");
  EXPECT_EQ(i.comment, "note");
}

TEST(BinderTest, NamespacesAndCrossNamespaceReferences) {
  model::Schema schema = Parse(
      "table root {\n  id int primary key\n}\n"
      "namespace billing {\n"
      "  enum currency { eur }\n"
      "  table accounts {\n    id int primary key\n    c currency\n  }\n"
      "  table invoices {\n    account_id int references billing.accounts(id)\n    other int references "
      "accounts(id)\n  }\n"
      "}\n"
      "namespace audit {\n"
      "  table events {\n    account_id int references billing.accounts(id)\n    c billing.currency\n  }\n"
      "}\n");
  ASSERT_EQ(schema.namespaces.size(), 3u);
  EXPECT_EQ(schema.namespaces[0].name, "");
  EXPECT_EQ(schema.namespaces[1].name, "billing");
  EXPECT_EQ(schema.namespaces[2].name, "audit");
  const model::Table& invoices = TableOf(schema, "invoices", "billing");
  // The referencing table's own namespace is left empty, however it was written.
  EXPECT_EQ(invoices.foreign_keys[0].ref_namespace, "");
  EXPECT_EQ(invoices.foreign_keys[1].ref_namespace, "");
  const model::Table& events = TableOf(schema, "events", "audit");
  EXPECT_EQ(events.foreign_keys[0].ref_namespace, "billing");
  EXPECT_EQ(events.FindColumn("c")->type.enum_namespace, "billing");
  EXPECT_EQ(TableOf(schema, "accounts", "billing").FindColumn("c")->type.enum_namespace, "");
}

TEST(BinderTest, HintsAndOptions) {
  model::Schema schema = Parse(
      "@renamed_from(orders_v2, orders_v1)\n@strategy(shadow)\n"
      "table orders {\n  id int @renamed_from(order_id)\n"
      "  option mysql.engine = 'InnoDB'\n  option sqlite.strict = true\n  option postgres.fillfactor = "
      "70\n}\n"
      "@renamed_from(state)\nenum status { a }\n");
  const model::Table& orders = TableOf(schema, "orders");
  EXPECT_EQ(orders.renamed_from, (std::vector<std::string>{"orders_v2", "orders_v1"}));
  EXPECT_EQ(orders.strategy, "shadow");
  EXPECT_EQ(orders.FindColumn("id")->renamed_from, std::vector<std::string>{"order_id"});
  EXPECT_EQ(orders.options.at("mysql").at("engine"), "InnoDB");
  EXPECT_EQ(orders.options.at("sqlite").at("strict"), "true");
  EXPECT_EQ(orders.options.at("postgres").at("fillfactor"), "70");
  EXPECT_EQ(schema.FindEnum("", "status")->renamed_from, std::vector<std::string>{"state"});
}

TEST(BinderTest, KeywordsServeAsNames) {
  model::Schema schema = Parse("table index {\n  key int\n  comment text comment 'c'\n  index (key)\n}\n");
  const model::Table& table = TableOf(schema, "index");
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[1].comment, "c");
  ASSERT_EQ(table.indexes.size(), 1u);
  EXPECT_EQ(table.indexes[0].keys[0].column, "key");
}

TEST(BinderTest, ContinuationLinesMustBeIndentedDeeper) {
  // Indented deeper: the clause belongs to the column.
  model::Schema schema = Parse("table t {\n  a int\n    not null\n  comment 'table comment'\n}\n");
  const model::Table& table = TableOf(schema, "t");
  EXPECT_FALSE(table.FindColumn("a")->nullable);
  EXPECT_EQ(table.comment, "table comment");
  EXPECT_EQ(table.FindColumn("a")->comment, "");
}

TEST(BinderTest, ExpressionTextIsKeptVerbatim) {
  model::Schema schema =
      Parse("table t {\n  a text\n  check ( a <> 'x)' and (a || '(') <> \"b\" /* c */ )\n}\n");
  EXPECT_EQ(TableOf(schema, "t").checks[0].expression, "a <> 'x)' and (a || '(') <> \"b\" /* c */");
}

}  // namespace
}  // namespace schemac::dsl
