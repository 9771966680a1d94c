// model -> PlanChange SQL -> live server -> Inspect -> Normalize == the model normalized.
#include <gtest/gtest.h>

#include "dialects/postgres/dialect.hpp"
#include "tests/dialects/postgres/test_database.hpp"

namespace schemac::dialects::postgres {
namespace {

using model::DefaultValue;
using model::TypeKind;

model::Column Col(const std::string& name, TypeKind kind, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

// The desired schema, written as the binder would produce it from a schema file.
model::Schema DesiredSchema() {
  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  ns.enums.push_back(model::Enum{"order_status", {"pending", "paid", "shipped"}, "lifecycle", {}});

  model::Table users;
  users.name = "users";
  model::Column id = Col("id", TypeKind::BigInt, false);
  id.identity = model::Identity{true};
  users.columns.push_back(id);
  model::Column email = Col("email", TypeKind::Varchar, false);
  email.type.length = 200;
  users.columns.push_back(email);
  users.columns.push_back(Col("first", TypeKind::Text));
  users.columns.push_back(Col("last", TypeKind::Text));
  model::Column full = Col("full_name", TypeKind::Text);
  full.generated = model::Generated{"first || ' ' || last", true};
  users.columns.push_back(full);
  model::Column code = Col("code", TypeKind::Char);
  code.type.length = 3;
  code.collation = "C";
  users.columns.push_back(code);
  users.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  users.uniques.push_back(model::UniqueConstraint{"users_email_key", {"email"}});
  ns.tables.push_back(users);

  model::Table orders;
  orders.name = "orders";
  orders.comment = "one row per order";
  model::Column oid = Col("id", TypeKind::Int, false);
  oid.identity = model::Identity{false};
  orders.columns.push_back(oid);
  orders.columns.push_back(Col("user_id", TypeKind::BigInt, false));
  model::Column status = Col("status", TypeKind::Enum, false);
  status.type.enum_name = "order_status";
  status.default_value = DefaultValue{DefaultValue::Kind::String, "pending"};
  orders.columns.push_back(status);
  model::Column total = Col("total", TypeKind::Decimal, false);
  total.type.precision = 12;
  total.type.scale = 2;
  total.default_value = DefaultValue{DefaultValue::Kind::Number, "0"};
  orders.columns.push_back(total);
  model::Column created = Col("created", TypeKind::TimestampTz, false);
  created.default_value = DefaultValue{DefaultValue::Kind::Expression, "CURRENT_TIMESTAMP"};
  orders.columns.push_back(created);
  model::Column note = Col("note", TypeKind::Text);
  note.default_value = DefaultValue{DefaultValue::Kind::String, "it's"};
  note.comment = "free text";
  orders.columns.push_back(note);
  model::Column neg = Col("delta", TypeKind::Int);
  neg.default_value = DefaultValue{DefaultValue::Kind::Number, "-1"};
  orders.columns.push_back(neg);
  model::Column ip = Col("ip", TypeKind::Native);
  ip.type.native["postgres"] = "inet";
  ip.type.native["mysql"] = "varchar(45)";
  orders.columns.push_back(ip);
  model::Column flag = Col("paid_flag", TypeKind::Boolean, false);
  flag.default_value = DefaultValue{DefaultValue::Kind::Bool, "false"};
  orders.columns.push_back(flag);
  orders.primary_key = model::PrimaryKey{"orders_pkey", {"id"}};
  orders.checks.push_back(model::Check{"orders_total_check", "total >= 0"});
  orders.checks.push_back(
      model::Check{"orders_cap", "total < 1000000 AND status IN ('pending', 'paid') OR note LIKE 'x%'"});
  orders.foreign_keys.push_back(model::ForeignKey{"orders_user_id_fkey",
                                                  {"user_id"},
                                                  "",
                                                  "users",
                                                  {"id"},
                                                  model::ReferentialAction::Cascade,
                                                  model::ReferentialAction::NoAction,
                                                  true,
                                                  true});
  model::Index by_user;
  by_user.name = "orders_user_idx";
  by_user.keys.push_back(model::IndexKey{"user_id", "", false, model::NullsOrder::Default, "", ""});
  by_user.keys.push_back(model::IndexKey{"created", "", true, model::NullsOrder::Default, "", ""});
  by_user.where = "status <> 'shipped'";
  orders.indexes.push_back(by_user);
  model::Index lower;
  lower.name = "orders_expr_idx";
  lower.unique = true;
  lower.keys.push_back(model::IndexKey{"", "lower(note)", false, model::NullsOrder::Default, "", ""});
  lower.include = {"total"};
  orders.indexes.push_back(lower);
  model::Index pattern;
  pattern.name = "orders_note_idx";
  pattern.keys.push_back(
      model::IndexKey{"note", "", false, model::NullsOrder::First, "text_pattern_ops", ""});
  orders.indexes.push_back(pattern);
  ns.tables.push_back(orders);

  // Hostile names everywhere.
  model::Table hostile;
  hostile.name = "Weird \"Table\"; DROP";
  model::Column select = Col("select", TypeKind::Int, false);
  hostile.columns.push_back(select);
  model::Column spaced = Col("Mixed Case", TypeKind::Text);
  spaced.default_value = DefaultValue{DefaultValue::Kind::String, "a'b\"c"};
  spaced.comment = "quote ' here";
  hostile.columns.push_back(spaced);
  hostile.primary_key = model::PrimaryKey{"weird pk", {"select"}};
  hostile.checks.push_back(model::Check{"weird check", "\"select\" > 0 AND \"Mixed Case\" <> 'x'"});
  ns.tables.push_back(hostile);
  return schema;
}

Status ApplyChange(Connection& connection, const Change& change, const model::Schema& current,
                   const model::Schema& desired, const PlanPolicy& policy = PlanPolicy{}) {
  PlanContext context{current, desired, policy, 0};
  for (const PlanStep& step : PostgresDialect::Instance().PlanChange(change, context)) {
    if (Status s = testing::ExecuteStep(connection, step); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<model::Schema> InspectNormalized(Connection& connection) {
  auto inspected = connection.Inspect();
  if (!inspected.ok()) return inspected.status();
  model::Schema schema = std::move(*inspected);
  PostgresDialect::Instance().Normalize(schema);
  return schema;
}

void ExpectSameTables(const model::Schema& expected, const model::Schema& actual) {
  for (const auto& ns : expected.namespaces) {
    const model::Namespace* other = actual.FindNamespace(ns.name);
    ASSERT_NE(other, nullptr) << "namespace " << ns.name;
    for (const auto& table : ns.tables) {
      const model::Table* found = other->FindTable(table.name);
      ASSERT_NE(found, nullptr) << "table " << table.name;
      ASSERT_EQ(found->columns.size(), table.columns.size()) << table.name;
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const auto& want = table.columns[i];
        const auto& got = found->columns[i];
        EXPECT_EQ(got.type, want.type) << table.name << "." << want.name;
        EXPECT_EQ(got.nullable, want.nullable) << table.name << "." << want.name;
        EXPECT_EQ(got.default_value.has_value(), want.default_value.has_value())
            << table.name << "." << want.name;
        if (got.default_value && want.default_value) {
          EXPECT_EQ(got.default_value->text, want.default_value->text) << table.name << "." << want.name;
          EXPECT_EQ(static_cast<int>(got.default_value->kind), static_cast<int>(want.default_value->kind))
              << table.name << "." << want.name;
        }
        EXPECT_EQ(got, want) << table.name << "." << want.name;
      }
      EXPECT_EQ(found->primary_key, table.primary_key) << table.name;
      EXPECT_EQ(found->uniques, table.uniques) << table.name;
      EXPECT_EQ(found->checks, table.checks) << table.name;
      EXPECT_EQ(found->foreign_keys, table.foreign_keys) << table.name;
      ASSERT_EQ(found->indexes.size(), table.indexes.size()) << table.name;
      for (std::size_t i = 0; i < table.indexes.size(); ++i) {
        EXPECT_EQ(found->indexes[i], table.indexes[i]) << table.name << " index " << table.indexes[i].name;
      }
      EXPECT_EQ(found->comment, table.comment);
    }
    EXPECT_EQ(other->enums, ns.enums);
  }
}

TEST(PostgresRoundTripTest, ModelToDdlToInspectComparesEqual) {
  SCHEMAC_PG_TEST_DATABASE(db, "roundtrip");
  model::Schema desired = DesiredSchema();
  PostgresDialect::Instance().Normalize(desired);
  model::Schema empty;
  const model::Namespace& ns = desired.namespaces[0];
  for (const auto& type : ns.enums) {
    Change change;
    change.kind = ChangeKind::kAddEnum;
    change.enum_after = type;
    ASSERT_TRUE(ApplyChange(db.connection(), change, empty, desired).ok());
  }
  for (const auto& table : ns.tables) {
    Change change;
    change.kind = ChangeKind::kAddTable;
    change.table_after = table;
    Status applied = ApplyChange(db.connection(), change, empty, desired);
    ASSERT_TRUE(applied.ok()) << applied.message();
  }
  auto inspected = InspectNormalized(db.connection());
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  ExpectSameTables(desired, *inspected);
  EXPECT_EQ(*inspected, desired);
}

// Online strategies, run for real: each modification lands, and inspecting shows the target.
TEST(PostgresRoundTripTest, OnlineModificationsConverge) {
  SCHEMAC_PG_TEST_DATABASE(db, "online");
  ASSERT_EQ(
      db.Run(
          "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
          "CREATE TABLE orgs (id bigint PRIMARY KEY);"
          "CREATE TABLE users (id bigint PRIMARY KEY, org_id bigint, email text, m mood DEFAULT 'ok', n int);"
          "INSERT INTO orgs VALUES (1); INSERT INTO users VALUES (1, 1, 'a', 'sad', 5), (2, 1, 'b', 'happy', "
          "6);"),
      "");
  auto current = InspectNormalized(db.connection());
  ASSERT_TRUE(current.ok()) << current.status().message();
  const model::Table before = *current->FindTable("", "users");
  model::Table after = before;

  TableDiff diff;
  model::Index index;
  index.name = "users_email_idx";
  index.keys.push_back(model::IndexKey{"email", "", false, model::NullsOrder::Default, "", ""});
  diff.indexes.push_back(IndexChange{ChangeOp::kAdd, std::nullopt, index, 0});
  after.indexes.push_back(index);
  model::ForeignKey fk{"users_org_id_fkey", {"org_id"}, "", "orgs", {"id"}};
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, fk, 0});
  after.foreign_keys.push_back(fk);
  model::Check check{"users_n_check", "n > 0"};
  diff.checks.push_back(CheckChange{ChangeOp::kAdd, std::nullopt, check, 0});
  after.checks.push_back(check);
  model::UniqueConstraint unique{"users_email_key", {"email"}};
  diff.uniques.push_back(UniqueChange{ChangeOp::kAdd, std::nullopt, unique, 0});
  after.uniques.push_back(unique);
  model::Column email_after = *after.FindColumn("email");
  email_after.nullable = false;
  diff.columns.push_back(
      ColumnChange{ChangeOp::kModify, *before.FindColumn("email"), email_after, kColumnNullability});
  *after.FindColumn("email") = email_after;
  model::Column n_after = *after.FindColumn("n");
  n_after.type.kind = TypeKind::BigInt;
  n_after.default_value = DefaultValue{DefaultValue::Kind::Number, "7"};
  diff.columns.push_back(
      ColumnChange{ChangeOp::kModify, *before.FindColumn("n"), n_after, kColumnType | kColumnDefault});
  *after.FindColumn("n") = n_after;

  Change change;
  change.kind = ChangeKind::kModifyTable;
  change.table_before = before;
  change.table_after = after;
  change.table_diff = diff;
  model::Schema desired = *current;
  *desired.GetOrAddNamespace("").FindTable("users") = after;
  PostgresDialect::Instance().Normalize(desired);
  Status applied = ApplyChange(db.connection(), change, *current, desired);
  ASSERT_TRUE(applied.ok()) << applied.message();

  // Enum: add a value, then remove one (rebuild with the column's default kept).
  Change add_value;
  add_value.kind = ChangeKind::kModifyEnum;
  add_value.enum_before = model::Enum{"mood", {"sad", "ok", "happy"}};
  add_value.enum_after = model::Enum{"mood", {"sad", "ok", "meh", "happy"}};
  ASSERT_TRUE(ApplyChange(db.connection(), add_value, desired, desired).ok());
  Change remove_value;
  remove_value.kind = ChangeKind::kModifyEnum;
  remove_value.enum_before = add_value.enum_after;
  remove_value.enum_after = model::Enum{"mood", {"sad", "ok", "happy"}};
  Status rebuilt = ApplyChange(db.connection(), remove_value, desired, desired);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.message();

  auto inspected = InspectNormalized(db.connection());
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  desired.GetOrAddNamespace("").FindEnum("mood")->values = {"sad", "ok", "happy"};
  ExpectSameTables(desired, *inspected);
  for (const auto& object : inspected->unmanaged)
    ADD_FAILURE() << "left over: " << object.kind << " " << object.name;
}

}  // namespace
}  // namespace schemac::dialects::postgres
