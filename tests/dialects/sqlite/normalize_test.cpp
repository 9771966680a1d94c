#include "dialects/sqlite/normalize.hpp"

#include <gtest/gtest.h>

#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/types.hpp"
#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::DefaultValue;
using model::TypeKind;
using testing::Col;
using testing::Normalized;
using testing::SchemaOf;

TEST(SqliteCanonicalExpression, OneSpellingForEquivalentText) {
  EXPECT_EQ(CanonicalExpression("((total>=0))"), "total >= 0");
  EXPECT_EQ(CanonicalExpression("\"total\"  >=  0"), "total >= 0");
  EXPECT_EQ(CanonicalExpression("status <> 'x' and NOT (a is null)"), "status <> 'x' AND NOT (a IS NULL)");
  EXPECT_EQ(CanonicalExpression("LOWER( code )"), "lower(code)");
  EXPECT_EQ(CanonicalExpression("a == 1 OR b != 2"), "a = 1 OR b <> 2");
  EXPECT_EQ(CanonicalExpression("x in('a','b')"), "x IN ('a', 'b')");
  EXPECT_EQ(CanonicalExpression("-1 - -2"), "-1 - -2");
  EXPECT_EQ(CanonicalExpression("(a) AND (b)"), "(a) AND (b)") << "not one pair of outer parentheses";
  EXPECT_EQ(CanonicalExpression("\"select\" > 0"), "\"select\" > 0") << "keywords stay quoted";
  EXPECT_EQ(CanonicalExpression("first || ' ' || last"), "first || ' ' || last");
  EXPECT_EQ(CanonicalExpression("t.a"), "t.a");
}

TEST(SqliteCanonicalExpression, IsIdempotent) {
  for (const char* text :
       {"((total>=0))", "CASE WHEN a THEN -1 ELSE +2 END", "x in('a','b')", "abs(-1)+2", "\"a b\"||'c''d'",
        "datetime('now', 'localtime')", "a NOT LIKE 'x%' ESCAPE '\\'"}) {
    const std::string once = CanonicalExpression(text);
    EXPECT_EQ(CanonicalExpression(once), once) << text;
  }
}

TEST(SqliteCanonicalNumber, OneSpellingPerValue) {
  EXPECT_EQ(CanonicalNumber("1.50"), "1.5");
  EXPECT_EQ(CanonicalNumber("+007"), "7");
  EXPECT_EQ(CanonicalNumber("-0.0"), "0");
  EXPECT_EQ(CanonicalNumber(".5"), "0.5");
  EXPECT_EQ(CanonicalNumber("10"), "10");
  EXPECT_EQ(CanonicalNumber("1e5"), "1e5");
}

TEST(SqliteTypes, EveryPortableTypeRoundTripsThroughItsDeclaredType) {
  for (TypeKind kind : {TypeKind::SmallInt, TypeKind::Int, TypeKind::BigInt, TypeKind::Decimal,
                        TypeKind::Real, TypeKind::Double, TypeKind::Boolean, TypeKind::Text,
                        TypeKind::Varchar, TypeKind::Char, TypeKind::Bytes, TypeKind::Date, TypeKind::Time,
                        TypeKind::Timestamp, TypeKind::TimestampTz, TypeKind::Uuid, TypeKind::Json}) {
    model::DataType type;
    type.kind = kind;
    if (kind == TypeKind::Varchar || kind == TypeKind::Char) type.length = 12;
    if (kind == TypeKind::Decimal) {
      type.precision = 10;
      type.scale = 3;
    }
    EXPECT_EQ(TypeFromDeclared(DeclaredType(type, false)), type) << DeclaredType(type, false);
  }
}

TEST(SqliteTypes, NativeSpellingsAndOverrides) {
  model::DataType native;
  native.kind = TypeKind::Native;
  native.native = {{"postgres", "inet"}, {"sqlite", "text"}};
  EXPECT_EQ(CanonicalType(native, false).kind, TypeKind::Text) << "a sqlite spelling of a portable type";
  native.native = {{"sqlite", "GEOMETRY"}};
  EXPECT_EQ(CanonicalType(native, false), native);
  model::DataType integer;
  integer.kind = TypeKind::Int;
  integer.native = {{"mysql", "int unsigned"}};
  EXPECT_EQ(CanonicalType(integer, false).native.size(), 0u) << "other dialects' spellings dropped";
  EXPECT_EQ(CanonicalType(integer, true).kind, TypeKind::Int) << "STRICT tables: INT";
  model::DataType big;
  big.kind = TypeKind::BigInt;
  EXPECT_EQ(DeclaredType(big, true), "INT") << "INTEGER would turn a strict table's key into a rowid alias";
}

model::Schema Sample() {
  model::Table t;
  t.name = "t";
  t.comment = "a table comment";
  t.options["mysql"]["engine"] = "InnoDB";
  t.options["sqlite"]["strict"] = "false";
  model::Column id = Col("id", TypeKind::Int, true);
  id.identity = model::Identity{true};
  t.columns.push_back(id);
  model::Column flag = Col("flag", TypeKind::Boolean);
  flag.default_value = DefaultValue{DefaultValue::Kind::Bool, "true"};
  flag.comment = "column comment";
  t.columns.push_back(flag);
  model::Column price = Col("price", TypeKind::Decimal);
  price.default_value = DefaultValue{DefaultValue::Kind::Number, "01.50"};
  price.collation = "binary";
  t.columns.push_back(price);
  model::Column name = Col("name", TypeKind::Text);
  name.default_value = DefaultValue{DefaultValue::Kind::Expression, "('x')"};
  name.collation = "nocase";
  t.columns.push_back(name);
  model::Column at = Col("at", TypeKind::Timestamp);
  at.default_value = DefaultValue{DefaultValue::Kind::Expression, "current_timestamp"};
  t.columns.push_back(at);
  model::Column gone = Col("gone", TypeKind::Text);
  gone.default_value = DefaultValue{DefaultValue::Kind::Null, ""};
  t.columns.push_back(gone);
  t.primary_key = model::PrimaryKey{"t_pkey", {"id"}};
  t.checks.push_back(model::Check{"c", "((price>0))"});
  model::Index index;
  index.name = "i";
  index.method = "btree";
  index.keys.push_back(model::IndexKey{"", "(\"name\")", false, model::NullsOrder::Default, "", "BINARY"});
  index.where = "price>0";
  t.indexes.push_back(index);
  model::Enum unused{"unused", {"a"}, "c", {}};
  return SchemaOf({t}, {unused});
}

TEST(SqliteNormalize, CanonicalizesEverySide) {
  const model::Schema schema = Normalized(Sample());
  const model::Table& t = schema.namespaces[0].tables[0];
  EXPECT_TRUE(t.comment.empty());
  EXPECT_TRUE(t.options.empty()) << "mysql options and false flags dropped";
  EXPECT_EQ(t.columns[0].type.kind, TypeKind::BigInt) << "identity is INTEGER PRIMARY KEY";
  EXPECT_FALSE(t.columns[0].identity->always);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[1].default_value, (DefaultValue{DefaultValue::Kind::Number, "1"}));
  EXPECT_TRUE(t.columns[1].comment.empty());
  EXPECT_EQ(t.columns[2].default_value, (DefaultValue{DefaultValue::Kind::Number, "1.5"}));
  EXPECT_EQ(t.columns[2].collation, "");
  EXPECT_EQ(t.columns[3].default_value, (DefaultValue{DefaultValue::Kind::String, "x"}));
  EXPECT_EQ(t.columns[3].collation, "NOCASE");
  EXPECT_EQ(t.columns[4].default_value, (DefaultValue{DefaultValue::Kind::Expression, "CURRENT_TIMESTAMP"}));
  EXPECT_FALSE(t.columns[5].default_value.has_value());
  EXPECT_EQ(t.checks[0].expression, "price > 0");
  EXPECT_EQ(t.indexes[0].method, "");
  EXPECT_EQ(t.indexes[0].keys[0].column, "name");
  EXPECT_EQ(t.indexes[0].keys[0].expression, "");
  EXPECT_EQ(t.indexes[0].keys[0].collation, "");
  EXPECT_EQ(t.indexes[0].where, "price > 0");
  EXPECT_TRUE(schema.namespaces[0].enums.empty()) << "an enum no column uses cannot exist in SQLite";
}

TEST(SqliteNormalize, IsIdempotent) {
  const model::Schema once = Normalized(Sample());
  const model::Schema twice = Normalized(once);
  EXPECT_EQ(once, twice);
}

}  // namespace
}  // namespace schemac::dialects::sqlite
