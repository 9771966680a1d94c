// Schema text -> compiler::BuildPlan against the live database -> run the steps -> a new plan is
// empty; then the down migration returns to the start, and planning again is empty as well.
#include <gtest/gtest.h>

#include "compiler/planner.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "test_database.hpp"

namespace schemac::dialects::mysql {
namespace {

using testing::TestDatabase;

class EndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHEMAC_REQUIRE_MYSQL();
    db_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
  }

  // The plan from the live database to `text`; fails the test on a parse or plan error.
  Plan PlanTo(const std::string& text) {
    auto loaded = dsl::ParseSchemaText(text);
    std::string diagnostics;
    for (const auto& d : loaded.diagnostics) diagnostics += d.message + "\n";
    EXPECT_TRUE(loaded.ok()) << diagnostics;
    auto current = db_->connection().Inspect();
    EXPECT_TRUE(current.ok()) << current.status().message();
    if (!current.ok()) return Plan{};
    auto plan = compiler::BuildPlan(*current, loaded.schema, db_->connection().GetDialect(), PlanPolicy{});
    EXPECT_TRUE(plan.ok()) << plan.status().message();
    return plan.ok() ? *plan : Plan{};
  }

  static std::string Describe(const Plan& plan) {
    std::string text;
    for (const auto& change : plan.changes) text += "  change: " + change.Describe() + "\n";
    for (const auto& sql : plan.UpStatements()) text += "  up: " + sql + "\n";
    return text;
  }

  // Applies `text` and checks convergence; returns the plan that was applied.
  Plan Converge(const std::string& text) {
    Plan plan = PlanTo(text);
    EXPECT_FALSE(plan.Empty()) << "expected changes";
    EXPECT_EQ(db_->ApplySteps(plan.steps), "") << Describe(plan);
    Plan again = PlanTo(text);
    EXPECT_TRUE(again.Empty()) << "not converged after applying:\n"
                               << Describe(plan) << "left over:\n"
                               << Describe(again);
    return plan;
  }

  // Runs the plan's down migration (Plan::down: each change's inverse, last change first). The
  // steps' own downs are walked one by one in tests/golden/step_walk_test.cpp.
  void RunDown(const Plan& plan) {
    for (const auto& step : plan.steps)
      ASSERT_TRUE(step.down.has_value()) << step.description << ": " << step.down_reason;
    for (const auto& script : plan.down) {
      std::vector<std::string> all = script.before;
      all.insert(all.end(), script.statements.begin(), script.statements.end());
      all.insert(all.end(), script.after.begin(), script.after.end());
      ASSERT_EQ(db_->Run(all), "");
    }
  }

  std::unique_ptr<TestDatabase> db_;
};

const char* kShopV1 = R"(
enum order_status { pending, paid, shipped }

table users {
  id         bigint       primary key identity
  email      varchar(190) not null unique
  name       varchar(100) not null default 'anonymous' comment 'shown on invoices'
  active     boolean      not null default true
  balance    decimal(12,2) not null default 0
  created_at timestamp    not null default (now())
  profile    json
  token      uuid
  comment 'people who buy'
}

table orders {
  id       bigint        primary key identity
  user_id  bigint        not null references users(id) on delete cascade
  status   order_status  not null default 'pending'
  total    decimal(12,2) not null default 0 check (total >= 0)
  note     text
  index orders_user_idx (user_id, total desc)
}
)";

TEST_F(EndToEndTest, CreateFromEmptyThenDownToEmpty) {
  Plan plan = Converge(kShopV1);
  RunDown(plan);
  auto inspected = db_->connection().Inspect();
  ASSERT_TRUE(inspected.ok());
  EXPECT_EQ(inspected->TableCount(), 0u) << Describe(plan);
}

TEST_F(EndToEndTest, EvolveWithRowsInPlaceAndBack) {
  Converge(kShopV1);
  ASSERT_EQ(db_->Run({"INSERT INTO users (email) VALUES ('a@example.com'), ('b@example.com')",
                      "INSERT INTO orders (user_id, total, note) VALUES (1, 10.50, 'first'), (2, 3, NULL)"}),
            "");
  const char* v2 = R"(
enum order_status { pending, paid, shipped, refunded }

@renamed_from(users)
table customers {
  id          bigint        primary key identity
  email       varchar(255)  not null unique
  full_name   varchar(100)  not null default 'anonymous' comment 'shown on invoices' @renamed_from(name)
  active      boolean       not null default false
  balance     decimal(12,2) not null default 0
  created_at  timestamp     not null default (now())
  profile     json
  token       uuid
  country     char(2)
  comment 'people who buy'
}

table orders {
  id       bigint        primary key identity
  user_id  bigint        not null references customers(id) on delete cascade
  status   order_status  not null default 'pending'
  total    decimal(14,2) not null default 0 check (total >= 0)
  note     text
  shipped  boolean       not null default false
  index orders_status_idx (status)
  check (total < 1000000)
}
)";
  Plan forward = Converge(v2);
  auto rows = db_->connection().Query(
      "SELECT full_name, total FROM customers JOIN orders ON orders.user_id = customers.id ORDER BY "
      "orders.id");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u) << "rows survive the renames and type changes";
  EXPECT_EQ(*(*rows)[0][1], "10.50");

  RunDown(forward);
  Plan back = PlanTo(kShopV1);
  EXPECT_TRUE(back.Empty()) << "the down migration returns to v1:\n" << Describe(back);
}

TEST_F(EndToEndTest, InspectedDatabasePlansEmptyAgainstItself) {
  ASSERT_EQ(db_->Run({"CREATE TABLE hand_made (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                      " code char(3) NOT NULL DEFAULT 'abc', amount decimal(8,3) DEFAULT 1.5,"
                      " state enum('x','y') DEFAULT 'x', seen datetime(3) NULL,"
                      " touched timestamp NOT NULL DEFAULT current_timestamp ON UPDATE current_timestamp,"
                      " KEY hand_made_code (code), CONSTRAINT hand_made_amount CHECK (amount > 0))"}),
            "");
  auto inspected = db_->connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  auto plan = compiler::BuildPlan(*inspected, *inspected, db_->connection().GetDialect(), PlanPolicy{});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_TRUE(plan->Empty()) << Describe(*plan);
  // The printed schema, parsed back, still plans empty: inspect --format dsl round trip.
  std::string printed = dsl::PrintSchema(*inspected);
  auto reparsed = dsl::ParseSchemaText(printed);
  std::string diagnostics;
  for (const auto& d : reparsed.diagnostics) diagnostics += d.message + "\n";
  ASSERT_TRUE(reparsed.ok()) << printed << diagnostics;
  auto replan =
      compiler::BuildPlan(*inspected, reparsed.schema, db_->connection().GetDialect(), PlanPolicy{});
  ASSERT_TRUE(replan.ok()) << replan.status().message();
  EXPECT_TRUE(replan->Empty()) << printed << "\n" << Describe(*replan);
}

}  // namespace
}  // namespace schemac::dialects::mysql
