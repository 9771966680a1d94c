// model -> CREATE TABLE -> server -> inspect -> normalize == model normalized.
#include <gtest/gtest.h>

#include "dialects/mysql/dialect.hpp"
#include "test_database.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::DataType;
using model::TypeKind;
using testing::TestDatabase;

model::Column Col(const std::string& name, TypeKind kind, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

model::IndexKey Key(const std::string& column, bool descending = false) {
  return model::IndexKey{column, "", descending, model::NullsOrder::Default, "", ""};
}

// Creates every table of `desired` through PlanChange(kAddTable), then checks the inspected
// database equals `desired` after both are normalized.
void ExpectRoundTrip(TestDatabase& db, model::Schema desired) {
  const Dialect& dialect = db.connection().GetDialect();
  ASSERT_TRUE(dialect.Unsupported(desired).empty()) << dialect.Unsupported(desired)[0];
  std::vector<std::string> creation_order;  // as written: referenced tables first
  for (const auto& table : desired.namespaces[0].tables) creation_order.push_back(table.name);
  dialect.Normalize(desired);
  PlanPolicy policy;
  model::Schema empty;
  PlanContext context{empty, desired, policy, 0};
  for (const auto& name : creation_order) {
    Change change;
    change.kind = ChangeKind::kAddTable;
    change.table_after = *desired.FindTable("", name);
    ASSERT_EQ(db.ApplySteps(dialect.PlanChange(change, context)), "");
  }
  auto inspected = db.InspectNormalized();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  ASSERT_EQ(inspected->namespaces.size(), 1u);
  const auto& got = inspected->namespaces[0].tables;
  const auto& want = desired.namespaces[0].tables;
  ASSERT_EQ(got.size(), want.size());
  for (const auto& table : want) {
    const model::Table* actual = inspected->FindTable("", table.name);
    ASSERT_NE(actual, nullptr) << table.name;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      ASSERT_LT(i, actual->columns.size());
      EXPECT_EQ(actual->columns[i], table.columns[i]) << table.name << "." << table.columns[i].name;
    }
    EXPECT_EQ(actual->primary_key, table.primary_key) << table.name;
    EXPECT_EQ(actual->uniques, table.uniques) << table.name;
    EXPECT_EQ(actual->indexes, table.indexes) << table.name;
    EXPECT_EQ(actual->foreign_keys, table.foreign_keys) << table.name;
    EXPECT_EQ(actual->checks, table.checks) << table.name;
    EXPECT_EQ(actual->comment, table.comment) << table.name;
    EXPECT_EQ(actual->options, table.options) << table.name;
  }
  EXPECT_TRUE(*inspected == desired);
}

TEST(MysqlRoundTripTest, EveryPortableTypeAndClause) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();

  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  ns.enums.push_back(model::Enum{"mood", {"happy", "it's complicated"}, "", {}});

  model::Table users;
  users.name = "users";
  users.comment = "people";
  users.columns.push_back(Col("id", TypeKind::BigInt, false));
  users.columns.back().identity = model::Identity{true};
  users.columns.push_back(Col("small", TypeKind::SmallInt));
  users.columns.push_back(Col("n", TypeKind::Int, false));
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "7"};
  users.columns.push_back(Col("amount", TypeKind::Decimal));
  users.columns.back().type.precision = 12;
  users.columns.back().type.scale = 2;
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "0"};
  users.columns.push_back(Col("ratio", TypeKind::Real));
  users.columns.push_back(Col("score", TypeKind::Double));
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::Number, "1.50"};
  users.columns.push_back(Col("active", TypeKind::Boolean, false));
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::Bool, "true"};
  users.columns.push_back(Col("bio", TypeKind::Text));
  users.columns.back().default_value =
      model::DefaultValue{model::DefaultValue::Kind::String, "back\\slash 'quoted'"};
  users.columns.push_back(Col("email", TypeKind::Varchar, false));
  users.columns.back().type.length = 200;
  users.columns.back().collation = "utf8mb4_bin";
  users.columns.back().comment = "login; it's unique";
  users.columns.push_back(Col("code", TypeKind::Char));
  users.columns.back().type.length = 3;
  users.columns.push_back(Col("avatar", TypeKind::Bytes));
  users.columns.push_back(Col("born", TypeKind::Date));
  users.columns.push_back(Col("wakes", TypeKind::Time));
  users.columns.push_back(Col("created", TypeKind::Timestamp, false));
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::Expression, "now()"};
  users.columns.push_back(Col("seen", TypeKind::TimestampTz));
  users.columns.push_back(Col("token", TypeKind::Uuid));
  users.columns.push_back(Col("profile", TypeKind::Json));
  users.columns.push_back(Col("mood", TypeKind::Enum));
  users.columns.back().type.enum_name = "mood";
  users.columns.back().default_value = model::DefaultValue{model::DefaultValue::Kind::String, "happy"};
  users.columns.push_back(Col("n_plus", TypeKind::Int));
  users.columns.back().generated = model::Generated{"n + 1", false};
  users.columns.push_back(Col("email_lower", TypeKind::Varchar));
  users.columns.back().type.length = 200;
  users.columns.back().generated = model::Generated{"lower(email)", true};
  users.columns.push_back(Col("legacy", TypeKind::Native));
  users.columns.back().type.native["mysql"] = "MEDIUMINT(8) UNSIGNED";
  users.columns.back().type.native["postgres"] = "integer";
  users.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  users.uniques.push_back(model::UniqueConstraint{"users_email_key", {"email"}});
  model::Index by_name;
  by_name.name = "users_small_n_idx";
  by_name.keys = {Key("small"), Key("n", true)};
  users.indexes.push_back(by_name);
  model::Index by_bio;
  by_bio.name = "users_bio_idx";
  by_bio.keys = {Key("bio")};
  users.indexes.push_back(by_bio);
  users.checks.push_back(model::Check{"users_n_check", "n >= 0 AND n < 1000"});
  ns.tables.push_back(users);

  model::Table orders;
  orders.name = "orders";
  orders.options["mysql"]["engine"] = "InnoDB";
  orders.options["mysql"]["charset"] = "latin1";
  orders.columns.push_back(Col("id", TypeKind::Int));
  orders.columns.push_back(Col("user_id", TypeKind::BigInt));
  orders.columns.push_back(Col("note", TypeKind::Varchar));
  orders.columns.back().type.length = 20;
  orders.primary_key = model::PrimaryKey{"orders_pkey", {"id"}};
  model::ForeignKey fk;
  fk.name = "orders_user_id_fkey";
  fk.columns = {"user_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  fk.on_delete = model::ReferentialAction::Cascade;
  fk.on_update = model::ReferentialAction::Restrict;
  orders.foreign_keys.push_back(fk);
  ns.tables.push_back(orders);

  ExpectRoundTrip(db, schema);
}

TEST(MysqlRoundTripTest, HostileIdentifiers) {
  SCHEMAC_REQUIRE_MYSQL();
  TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  model::Table table;
  table.name = "select`from \"where\"";
  table.columns.push_back(Col("order", TypeKind::Int, false));
  table.columns.push_back(Col("we`ird", TypeKind::Int));
  table.columns.push_back(Col("it's", TypeKind::Varchar));
  table.columns.back().type.length = 30;
  table.columns.back().default_value =
      model::DefaultValue{model::DefaultValue::Kind::String, "'; DROP TABLE x; --"};
  table.columns.push_back(Col("ünïcødé 名前", TypeKind::Text));
  table.columns.back().comment = "accents é and 名前";
  table.primary_key = model::PrimaryKey{"", {"order"}};
  model::Index index;
  index.name = "index`name";
  index.keys = {Key("we`ird"), Key("it's")};
  table.indexes.push_back(index);
  table.uniques.push_back(model::UniqueConstraint{"key", {"it's"}});
  table.checks.push_back(model::Check{"check`1", "`we``ird` > 0"});
  table.comment = "a 'comment' with \\ backslash";
  ns.tables.push_back(table);

  model::Table child;
  child.name = "table";
  child.columns.push_back(Col("group", TypeKind::Int));
  model::ForeignKey fk;
  fk.name = "fk`quoted";
  fk.columns = {"group"};
  fk.ref_table = table.name;
  fk.ref_columns = {"order"};
  child.foreign_keys.push_back(fk);
  ns.tables.push_back(child);
  ExpectRoundTrip(db, schema);
}

TEST(MysqlRoundTripTest, EmojiInMetadataIsReportedNotSilentlyMangled) {
  model::Schema schema;
  model::Table table;
  table.name = "t";
  table.columns.push_back(Col("a", TypeKind::Int));
  table.columns.back().comment = "party 🎉";
  schema.GetOrAddNamespace("").tables.push_back(table);
  auto problems = DefaultMariaDbDialect().Unsupported(schema);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("4-byte"), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace schemac::dialects::mysql
