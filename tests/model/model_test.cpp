// The model on its own: lookups, equality semantics, default names, type keywords.
#include "schemac/model.hpp"

#include <gtest/gtest.h>

#if __cplusplus > 201703L
#error "model_test must build as C++17: the model promises C++17 to embedding services"
#endif

namespace schemac::model {
namespace {

Column MakeColumn(const std::string& name, TypeKind kind) {
  Column column;
  column.name = name;
  column.type.kind = kind;
  return column;
}

Schema SmallSchema() {
  Schema schema;
  Table users;
  users.name = "users";
  users.columns.push_back(MakeColumn("id", TypeKind::BigInt));
  users.columns.push_back(MakeColumn("email", TypeKind::Text));
  users.primary_key = PrimaryKey{DefaultPrimaryKeyName("users"), {"id"}};
  users.uniques.push_back(UniqueConstraint{DefaultUniqueName("users", {"email"}), {"email"}});
  schema.GetOrAddNamespace("").tables.push_back(users);
  Enum status;
  status.name = "status";
  status.values = {"a", "b"};
  schema.GetOrAddNamespace("billing").enums.push_back(status);
  return schema;
}

TEST(ModelTest, LookupsFindWhatIsThereAndOnlyThat) {
  Schema schema = SmallSchema();
  ASSERT_NE(schema.FindTable("", "users"), nullptr);
  EXPECT_EQ(schema.FindTable("", "nobody"), nullptr);
  EXPECT_EQ(schema.FindTable("billing", "users"), nullptr);
  EXPECT_EQ(schema.FindTable("nowhere", "users"), nullptr);
  ASSERT_NE(schema.FindEnum("billing", "status"), nullptr);
  EXPECT_EQ(schema.FindEnum("", "status"), nullptr);
  const Table& users = *schema.FindTable("", "users");
  ASSERT_NE(users.FindColumn("email"), nullptr);
  EXPECT_EQ(users.FindColumn("missing"), nullptr);
  ASSERT_NE(users.FindUnique("users_email_key"), nullptr);
  EXPECT_EQ(users.FindIndex("users_email_key"), nullptr);
  EXPECT_EQ(schema.TableCount(), 1u);
}

TEST(ModelTest, GetOrAddNamespaceAddsOnce) {
  Schema schema;
  schema.GetOrAddNamespace("app").tables.push_back(Table{});
  schema.GetOrAddNamespace("app");
  schema.GetOrAddNamespace("");
  ASSERT_EQ(schema.namespaces.size(), 2u);
  EXPECT_EQ(schema.namespaces[0].name, "app");
  EXPECT_EQ(schema.namespaces[0].tables.size(), 1u);
}

TEST(ModelTest, EqualityIgnoresHintsAndUnmanagedObjects) {
  Schema a = SmallSchema();
  Schema b = SmallSchema();
  EXPECT_TRUE(a == b);
  Table& table = b.namespaces[0].tables[0];
  table.renamed_from = {"people"};
  table.strategy = "shadow";
  table.columns[1].renamed_from = {"mail"};
  b.namespaces[1].enums[0].renamed_from = {"state"};
  b.unmanaged.push_back(UnmanagedObject{"view", "", "v", "select 1"});
  EXPECT_TRUE(a == b) << "rename and strategy hints are instructions, not database state";
  table.columns[1].nullable = false;
  EXPECT_TRUE(a != b);
}

TEST(ModelTest, EqualityNoticesEveryStateField) {
  const Schema base = SmallSchema();
  auto differs = [&](auto change) {
    Schema changed = base;
    change(changed.namespaces[0].tables[0]);
    return changed != base;
  };
  EXPECT_TRUE(differs([](Table& t) { t.comment = "x"; }));
  EXPECT_TRUE(differs([](Table& t) { t.options["mysql"]["engine"] = "InnoDB"; }));
  EXPECT_TRUE(differs([](Table& t) { t.columns[0].type.kind = TypeKind::Int; }));
  EXPECT_TRUE(differs([](Table& t) { t.columns[0].type.native["mysql"] = "bigint unsigned"; }));
  EXPECT_TRUE(differs([](Table& t) {
    t.columns[0].default_value = DefaultValue{DefaultValue::Kind::Number, "1"};
  }));
  EXPECT_TRUE(differs([](Table& t) { t.columns[0].identity = Identity{true}; }));
  EXPECT_TRUE(differs([](Table& t) { t.columns[1].generated = Generated{"1", true}; }));
  EXPECT_TRUE(differs([](Table& t) { t.columns[1].collation = "C"; }));
  EXPECT_TRUE(differs([](Table& t) { t.primary_key->name = "pk"; }));
  EXPECT_TRUE(differs([](Table& t) { t.uniques.clear(); }));
  EXPECT_TRUE(differs([](Table& t) { t.checks.push_back(Check{"c", "1 = 1"}); }));
  EXPECT_TRUE(differs([](Table& t) { t.indexes.push_back(Index{}); }));
  EXPECT_TRUE(differs([](Table& t) { t.foreign_keys.push_back(ForeignKey{}); }));
  EXPECT_TRUE(differs([](Table& t) { std::swap(t.columns[0], t.columns[1]); })) << "column order is state";
}

TEST(ModelTest, DefaultNamesFollowPostgres) {
  EXPECT_EQ(DefaultPrimaryKeyName("orders"), "orders_pkey");
  EXPECT_EQ(DefaultUniqueName("orders", {"user_id", "code"}), "orders_user_id_code_key");
  EXPECT_EQ(DefaultForeignKeyName("orders", {"user_id"}), "orders_user_id_fkey");
  EXPECT_EQ(DefaultCheckName("orders", "total"), "orders_total_check");
  EXPECT_EQ(DefaultCheckName("orders", ""), "orders_check");
  IndexKey column_key;
  column_key.column = "user_id";
  IndexKey expression_key;
  expression_key.expression = "lower(code)";
  EXPECT_EQ(DefaultIndexName("orders", {column_key, expression_key}), "orders_user_id_expr_idx");
}

TEST(ModelTest, TypeKeywordsRoundTrip) {
  for (int value = 0; value <= static_cast<int>(TypeKind::Native); ++value) {
    auto kind = static_cast<TypeKind>(value);
    std::optional<TypeKind> back = TypeKindFromKeyword(TypeKindKeyword(kind));
    if (kind == TypeKind::Enum || kind == TypeKind::Native) {
      EXPECT_FALSE(back.has_value()) << TypeKindKeyword(kind) << " is not a type keyword of its own";
    } else {
      ASSERT_TRUE(back.has_value()) << TypeKindKeyword(kind);
      EXPECT_EQ(*back, kind);
    }
  }
  EXPECT_FALSE(TypeKindFromKeyword("integer").has_value());
  EXPECT_TRUE(IsIntegerKind(TypeKind::SmallInt));
  EXPECT_FALSE(IsIntegerKind(TypeKind::Decimal));
}

TEST(ModelTest, NativeSpellingIsPerDialect) {
  DataType type;
  type.kind = TypeKind::Native;
  type.native["postgres"] = "inet";
  ASSERT_NE(type.NativeFor("postgres"), nullptr);
  EXPECT_EQ(*type.NativeFor("postgres"), "inet");
  EXPECT_EQ(type.NativeFor("mysql"), nullptr);
}

TEST(ModelTest, ReferentialActionSql) {
  EXPECT_STREQ(ReferentialActionSql(ReferentialAction::Cascade), "CASCADE");
  EXPECT_STREQ(ReferentialActionSql(ReferentialAction::SetNull), "SET NULL");
  EXPECT_STREQ(ReferentialActionSql(ReferentialAction::NoAction), "NO ACTION");
}

}  // namespace
}  // namespace schemac::model
