// Render -> execute on a real in-memory SQLite -> inspect -> compare with the normalized model.
#include "dialects/sqlite/render.hpp"

#include <gtest/gtest.h>

#include "dialects/sqlite/sql_text.hpp"
#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::DefaultValue;
using model::TypeKind;
using testing::Col;
using testing::SchemaOf;

// Creates every table of `desired` through PlanChange(kAddTable) and inspects the result.
model::Schema CreateAndInspect(Connection& db, const model::Schema& desired) {
  const model::Schema normalized = testing::Normalized(desired);
  const model::Schema empty;
  const PlanPolicy policy;
  for (const auto& table : normalized.namespaces[0].tables) {
    Change change;
    change.kind = ChangeKind::kAddTable;
    change.table_after = table;
    const PlanContext context{empty, normalized, policy, 0};
    Status status = testing::RunSteps(db, SqliteDialectInstance().PlanChange(change, context));
    EXPECT_TRUE(status.ok()) << status.message();
  }
  return testing::InspectOk(db);
}

void ExpectRoundTrip(const model::Schema& desired) {
  auto db = testing::OpenMemory();
  const model::Schema inspected = CreateAndInspect(*db, desired);
  const model::Schema normalized = testing::Normalized(desired);
  ASSERT_EQ(inspected.namespaces.size(), 1u);
  ASSERT_EQ(inspected.namespaces[0].tables.size(), normalized.namespaces[0].tables.size());
  for (std::size_t i = 0; i < normalized.namespaces[0].tables.size(); ++i) {
    const model::Table& want = normalized.namespaces[0].tables[i];
    const model::Table* got = inspected.FindTable("", want.name);
    ASSERT_NE(got, nullptr) << want.name;
    ASSERT_EQ(got->columns.size(), want.columns.size());
    for (std::size_t c = 0; c < want.columns.size(); ++c) {
      EXPECT_EQ(got->columns[c], want.columns[c]) << want.name << "." << want.columns[c].name;
    }
    EXPECT_EQ(got->primary_key, want.primary_key) << want.name;
    EXPECT_EQ(got->uniques, want.uniques) << want.name;
    EXPECT_EQ(got->indexes, want.indexes) << want.name;
    EXPECT_EQ(got->foreign_keys, want.foreign_keys) << want.name;
    EXPECT_EQ(got->checks, want.checks) << want.name;
    EXPECT_EQ(got->options, want.options) << want.name;
  }
  EXPECT_EQ(inspected.namespaces[0].enums, normalized.namespaces[0].enums);
  EXPECT_EQ(inspected, normalized);
}

TEST(SqliteQuote, DoublesQuotes) {
  EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(QuoteIdentifier("x; DROP TABLE y"), "\"x; DROP TABLE y\"");
  EXPECT_EQ(QuoteString("it's"), "'it''s'");
  EXPECT_EQ(SqliteDialectInstance().QuoteIdentifier("select"), "\"select\"");
}

// Default names are left out of the CREATE TABLE text, so that they follow a table rename; other
// names are written, so that they round-trip.
TEST(SqliteRender, CreateTableNamesConstraintsWithOtherThanDefaultNames) {
  model::Table t;
  t.name = "t";
  t.columns = {Col("a", TypeKind::Int, false), Col("b", TypeKind::Varchar)};
  t.columns[1].type.length = 5;
  t.columns[1].default_value = DefaultValue{DefaultValue::Kind::String, "it's"};
  t.primary_key = model::PrimaryKey{"t_pkey", {"a"}};
  t.uniques = {{"t_b_key", {"b"}}, {"b_once", {"b"}}};
  t.checks = {{"t_check", "a > 0"}, {"t_a_check", "a < 9"}};
  t.foreign_keys = {model::ForeignKey{"t_a_fkey", {"a"}, "", "u", {"id"}}};
  EXPECT_EQ(RenderCreateTable(t, "_schemac_new_t", {}),
            "CREATE TABLE \"_schemac_new_t\" (\"a\" INT NOT NULL, \"b\" VARCHAR(5) DEFAULT 'it''s', "
            "PRIMARY KEY (\"a\"), UNIQUE (\"b\"), CONSTRAINT \"b_once\" UNIQUE (\"b\"), "
            "FOREIGN KEY (\"a\") REFERENCES \"u\" (\"id\"), CHECK (a > 0), CONSTRAINT \"t_a_check\" CHECK (a "
            "< 9))");
  t.primary_key->name = "t_key";
  EXPECT_NE(RenderCreateTable(t, t.name, {}).find("CONSTRAINT \"t_key\" PRIMARY KEY"), std::string::npos);
}

TEST(SqliteRender, HostileIdentifiersRoundTrip) {
  const std::vector<std::string> names = {"a\"b",           "x; DROP TABLE y", "select", "ünïcödé",
                                          "[br]",           "`tick`",          "it's",   "with space",
                                          "Mixed\"\"Quotes"};
  std::vector<model::Table> tables;
  for (const auto& name : names) {
    model::Table t;
    t.name = name;
    model::Column id = Col("id " + name, TypeKind::BigInt, false);
    model::Column value = Col(name, TypeKind::Text);
    value.default_value = DefaultValue{DefaultValue::Kind::String, name};
    t.columns = {id, value};
    t.primary_key = model::PrimaryKey{"pk " + name, {id.name}};
    t.uniques = {{"uq " + name, {name}}};
    t.checks = {{"ck " + name, QuoteIdentifier(name) + " <> ''"}};
    model::Index index;
    index.name = "ix " + name;
    index.keys.push_back(model::IndexKey{name, "", true, model::NullsOrder::Default, "", ""});
    index.where = QuoteIdentifier(name) + " IS NOT NULL";
    t.indexes = {index};
    t.foreign_keys = {model::ForeignKey{"fk " + name, {name}, "", names[0], {names[0]}}};
    tables.push_back(t);
  }
  ExpectRoundTrip(SchemaOf(tables));
}

TEST(SqliteRender, EveryConstructRoundTrips) {
  model::Table users;
  users.name = "users";
  model::Column id = Col("id", TypeKind::BigInt, false);
  id.identity = model::Identity{};
  model::Column email = Col("email", TypeKind::Varchar, false);
  email.type.length = 200;
  email.collation = "NOCASE";
  model::Column status = Col("status", TypeKind::Enum, false);
  status.type.enum_name = "user_status";
  status.default_value = DefaultValue{DefaultValue::Kind::String, "active"};
  model::Column created = Col("created", TypeKind::Timestamp, false);
  created.default_value = DefaultValue{DefaultValue::Kind::Expression, "CURRENT_TIMESTAMP"};
  model::Column score = Col("score", TypeKind::Decimal);
  score.type.precision = 8;
  score.type.scale = 2;
  score.default_value = DefaultValue{DefaultValue::Kind::Number, "-1.25"};
  model::Column active = Col("active", TypeKind::Boolean, false);
  active.default_value = DefaultValue{DefaultValue::Kind::Bool, "false"};
  model::Column upper = Col("upper_email", TypeKind::Text);
  upper.generated = model::Generated{"upper(email)", false};
  model::Column length = Col("email_length", TypeKind::Int);
  length.generated = model::Generated{"length(email)", true};
  model::Column computed = Col("computed", TypeKind::Int);
  computed.default_value = DefaultValue{DefaultValue::Kind::Expression, "abs(-3) * 2"};
  model::Column geo = Col("geo", TypeKind::Native);
  geo.type.native = {{"sqlite", "GEOMETRY"}};
  users.columns = {id, email, status, created, score, active, upper, length, computed, geo};
  users.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  users.uniques = {{"users_email_key", {"email"}}};
  users.checks = {{"score_range", "score BETWEEN -100 AND 100"}};
  model::Index by_created{"users_created_idx", false, {}, "active = 1", "", {}};
  by_created.keys.push_back(model::IndexKey{"created", "", true, model::NullsOrder::Default, "", ""});
  by_created.keys.push_back(model::IndexKey{"", "lower(email)", false, model::NullsOrder::Default, "", ""});
  users.indexes = {by_created};

  model::Table orders;
  orders.name = "orders";
  orders.columns = {Col("user_id", TypeKind::BigInt, false), Col("number", TypeKind::Int, false),
                    Col("note", TypeKind::Text)};
  orders.primary_key = model::PrimaryKey{"orders_pkey", {"user_id", "number"}};
  orders.foreign_keys = {model::ForeignKey{"orders_user_fk",
                                           {"user_id"},
                                           "",
                                           "users",
                                           {"id"},
                                           model::ReferentialAction::Cascade,
                                           model::ReferentialAction::Restrict,
                                           true,
                                           true}};
  orders.options["sqlite"]["without_rowid"] = "true";

  model::Table strict;
  strict.name = "strict_things";
  strict.columns = {Col("n", TypeKind::Int, false), Col("label", TypeKind::Varchar)};
  strict.options["sqlite"]["strict"] = "true";
  strict.primary_key = model::PrimaryKey{"strict_things_pkey", {"n"}};  // no rowid alias, so no identity

  ExpectRoundTrip(
      SchemaOf({users, orders, strict}, {model::Enum{"user_status", {"active", "banned"}, "", {}}}));
}

}  // namespace
}  // namespace schemac::dialects::sqlite
