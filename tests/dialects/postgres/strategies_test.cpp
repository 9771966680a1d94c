#include "dialects/postgres/strategies.hpp"

#include <gtest/gtest.h>

#include "dialects/postgres/dialect.hpp"

namespace schemac::dialects::postgres {
namespace {

model::Column MakeColumn(const std::string& name, model::TypeKind kind, bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type.kind = kind;
  column.nullable = nullable;
  return column;
}

model::Table UsersTable() {
  model::Table table;
  table.name = "users";
  table.columns.push_back(MakeColumn("id", model::TypeKind::BigInt, false));
  table.columns.push_back(MakeColumn("email", model::TypeKind::Text));
  table.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  return table;
}

class StrategiesTest : public ::testing::Test {
 protected:
  std::vector<PlanStep> Plan(const Change& change) {
    PlanContext context{current_, desired_, policy_, 0};
    return PostgresDialect::Instance().PlanChange(change, context);
  }
  Change Modify(TableDiff diff) {
    Change change;
    change.kind = ChangeKind::kModifyTable;
    change.table_before = UsersTable();
    change.table_after = UsersTable();
    change.table_diff = std::move(diff);
    return change;
  }
  model::Schema current_;
  model::Schema desired_;
  PlanPolicy policy_;
};

TEST_F(StrategiesTest, CreateTableRendersEverythingInOneTransactionalStep) {
  Change change;
  change.kind = ChangeKind::kAddTable;
  change.table_after = UsersTable();
  change.table_after->comment = "people";
  auto steps = Plan(change);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].up.transactional);
  // The timeouts end with the step's transaction: nothing stays on the server connection.
  EXPECT_TRUE(steps[0].up.before.empty());
  EXPECT_EQ(steps[0].up.settings.local, (std::vector<std::string>{"SET LOCAL lock_timeout = '5000ms'",
                                                                  "SET LOCAL statement_timeout = '0ms'"}));
  EXPECT_EQ(steps[0].up.Flatten().front(), "SET LOCAL lock_timeout = '5000ms'");
  EXPECT_EQ(steps[0].up.statements,
            (std::vector<std::string>{"CREATE TABLE users (\n  id bigint NOT NULL,\n  email text,\n"
                                      "  CONSTRAINT users_pkey PRIMARY KEY (id)\n)",
                                      "COMMENT ON TABLE users IS 'people'"}));
}

TEST_F(StrategiesTest, IndexOnExistingTableIsConcurrentAndNonTransactional) {
  TableDiff diff;
  model::Index index;
  index.name = "users_email_idx";
  index.keys.push_back(model::IndexKey{"email", "", true, model::NullsOrder::Last, "", ""});
  index.where = "email IS NOT NULL";
  diff.indexes.push_back(IndexChange{ChangeOp::kAdd, std::nullopt, index, 0});
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_FALSE(steps[0].up.transactional);
  EXPECT_EQ(steps[0].strategy, "concurrent-index");
  EXPECT_EQ(steps[0].up.statements,
            (std::vector<std::string>{"DROP INDEX CONCURRENTLY IF EXISTS users_email_idx",
                                      "CREATE INDEX CONCURRENTLY users_email_idx ON users (email DESC NULLS "
                                      "LAST) WHERE (email IS NOT NULL)"}));
  EXPECT_FALSE(steps[0].precondition_probe.empty());
  // Outside a transaction the timeouts are the session's, and reset after the statements.
  const std::vector<std::string> all = steps[0].up.Flatten();
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0], "SET lock_timeout = '5000ms'");
  EXPECT_EQ(all[1], "SET statement_timeout = '0ms'");
  EXPECT_EQ(all[4], "RESET lock_timeout");
  EXPECT_EQ(all[5], "RESET statement_timeout");
}

TEST_F(StrategiesTest, OfflinePolicyUsesPlainTransactionalForms) {
  policy_.online = false;
  policy_.lock_timeout_ms = 250;
  TableDiff diff;
  model::Index index;
  index.name = "users_email_idx";
  index.keys.push_back(model::IndexKey{"email", "", false, model::NullsOrder::Default, "", ""});
  diff.indexes.push_back(IndexChange{ChangeOp::kAdd, std::nullopt, index, 0});
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].up.transactional);
  EXPECT_EQ(steps[0].up.settings.local[0], "SET LOCAL lock_timeout = '250ms'");
  EXPECT_EQ(steps[0].up.statements,
            (std::vector<std::string>{"CREATE INDEX users_email_idx ON users (email)"}));
}

TEST_F(StrategiesTest, ForeignKeyIsAddedNotValidThenValidated) {
  TableDiff diff;
  model::ForeignKey fk{"users_org_fkey", {"org_id"}, "", "orgs", {"id"}, model::ReferentialAction::Cascade};
  diff.foreign_keys.push_back(ForeignKeyChange{ChangeOp::kAdd, std::nullopt, fk, 0});
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].up.statements.back(),
            "ALTER TABLE users ADD CONSTRAINT users_org_fkey FOREIGN KEY (org_id) REFERENCES orgs (id) "
            "ON DELETE CASCADE NOT VALID");
  EXPECT_EQ(steps[1].up.statements,
            (std::vector<std::string>{"ALTER TABLE users VALIDATE CONSTRAINT users_org_fkey"}));
  EXPECT_EQ(steps[1].lock, "SHARE UPDATE EXCLUSIVE");
  ASSERT_EQ(steps[1].hazards.size(), 1u);
  EXPECT_EQ(steps[1].hazards[0].code, hazard::kConstraintMayFail);
}

TEST_F(StrategiesTest, SetNotNullGoesThroughAValidatedCheck) {
  TableDiff diff;
  ColumnChange change{ChangeOp::kModify, MakeColumn("email", model::TypeKind::Text, true),
                      MakeColumn("email", model::TypeKind::Text, false), kColumnNullability};
  diff.columns.push_back(change);
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_NE(steps[0].up.statements.back().find("CHECK (email IS NOT NULL) NOT VALID"), std::string::npos);
  EXPECT_NE(steps[1].up.statements[0].find("VALIDATE CONSTRAINT"), std::string::npos);
  EXPECT_EQ(steps[2].up.statements[0], "ALTER TABLE users ALTER COLUMN email SET NOT NULL");
}

TEST_F(StrategiesTest, TypeChangeThatRewritesIsFlagged) {
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kModify, MakeColumn("id", model::TypeKind::Int, false),
                                      MakeColumn("id", model::TypeKind::BigInt, false), kColumnType});
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].up.statements[0], "ALTER TABLE users ALTER COLUMN id TYPE bigint USING id::bigint");
  ASSERT_FALSE(steps[0].hazards.empty());
  EXPECT_EQ(steps[0].hazards[0].code, hazard::kTableRewrite);
  EXPECT_EQ(steps[0].lock, "ACCESS EXCLUSIVE");
}

TEST_F(StrategiesTest, WideningVarcharDoesNotRewrite) {
  model::Column before = MakeColumn("email", model::TypeKind::Varchar);
  before.type.length = 10;
  model::Column after = before;
  after.type.length = 20;
  TableDiff diff;
  diff.columns.push_back(ColumnChange{ChangeOp::kModify, before, after, kColumnType});
  auto steps = Plan(Modify(diff));
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].hazards.empty());
}

TEST_F(StrategiesTest, EnumValueAddedOutsideATransaction) {
  Change change;
  change.kind = ChangeKind::kModifyEnum;
  change.enum_before = model::Enum{"mood", {"sad", "happy"}};
  change.enum_after = model::Enum{"mood", {"sad", "ok", "happy"}};
  auto steps = Plan(change);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_FALSE(steps[0].up.transactional);
  EXPECT_EQ(steps[0].up.statements[0], "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'");
}

TEST_F(StrategiesTest, EnumValueRemovedRebuildsTheType) {
  Change change;
  change.kind = ChangeKind::kModifyEnum;
  change.enum_before = model::Enum{"mood", {"sad", "ok", "happy"}};
  change.enum_after = model::Enum{"mood", {"sad", "happy"}};
  auto steps = Plan(change);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].strategy, "enum-rebuild");
  EXPECT_TRUE(steps[0].HasDataLoss());
  EXPECT_EQ(steps[0].hazards[0].code, hazard::kDropEnumValue);
}

TEST_F(StrategiesTest, DropsAreDataLoss) {
  Change change;
  change.kind = ChangeKind::kDropTable;
  change.table_before = UsersTable();
  auto steps = Plan(change);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].HasDataLoss());
  EXPECT_EQ(steps[0].hazards[0].code, hazard::kDropTable);
}

TEST(PostgresUnsupportedTest, ReportsWhatPostgresCannotBuild) {
  model::Schema schema;
  model::Table table = UsersTable();
  model::Column ip = MakeColumn("ip", model::TypeKind::Native);
  ip.type.native["mysql"] = "varchar(45)";
  table.columns.push_back(ip);
  model::Column virtual_column = MakeColumn("v", model::TypeKind::Int);
  virtual_column.generated = model::Generated{"id + 1", false};
  table.columns.push_back(virtual_column);
  model::Index index;
  index.name = "users_email_idx";
  index.method = "fulltext";
  index.keys.push_back(model::IndexKey{"email", "", false, model::NullsOrder::Default, "", ""});
  table.indexes.push_back(index);
  schema.GetOrAddNamespace("").tables.push_back(table);
  auto problems = PostgresDialect::Instance().Unsupported(schema);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("users.ip"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("virtual"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("fulltext"), std::string::npos) << problems[2];
  EXPECT_TRUE(PostgresDialect::Instance().Unsupported(model::Schema{}).empty());
}

TEST_F(StrategiesTest, HostileIdentifiersAreQuoted) {
  EXPECT_EQ(PostgresDialect::Instance().QuoteIdentifier("user"), "\"user\"");
  EXPECT_EQ(PostgresDialect::Instance().QuoteIdentifier("a\"b; DROP TABLE x"), "\"a\"\"b; DROP TABLE x\"");
  EXPECT_EQ(PostgresDialect::Instance().QuoteIdentifier("Mixed"), "\"Mixed\"");
  EXPECT_EQ(PostgresDialect::Instance().QuoteIdentifier("plain_name1"), "plain_name1");
}

}  // namespace
}  // namespace schemac::dialects::postgres
