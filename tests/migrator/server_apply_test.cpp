// Apply against real PostgreSQL and MariaDB servers: the history table's portable DDL, string
// literals that survive each server's escaping rules, idempotence and the advisory lock.
// Each test runs in a database of its own, created and dropped here. Skipped without the server
// URLs (scripts/run-tests.sh provides them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "compiler/planner.hpp"
#include "compiler/saved_plan.hpp"
#include "dialects/registry.hpp"
#include "migrator/apply.hpp"
#include "migrator/history.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::migrator {
namespace {

using test_support::UrlWithDatabase;

using ::testing::HasSubstr;

constexpr const char* kShop = R"(
table users {
  id    bigint primary key
  email varchar(200) not null unique
}
table orders {
  id      bigint primary key
  user_id bigint not null references users(id)
  note    text
}
)";

class ServerApplyTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    const char* server_url = std::getenv(GetParam());
    if (server_url == nullptr || *server_url == '\0')
      GTEST_SKIP() << GetParam() << " is not set; no server to test";
    static std::atomic<int> counter{0};
    database_ = "schemac_migrator_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    // The MariaDB URL of run-tests.sh names no database; its administrative one is `mysql`.
    const bool mysql = std::string(GetParam()).find("MYSQL") != std::string::npos;
    auto admin = dialects::Connect(mysql ? UrlWithDatabase(server_url, "mysql") : std::string(server_url));
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    ASSERT_TRUE(admin_->Execute("CREATE DATABASE " + database_).ok());
    auto connection = dialects::Connect(UrlWithDatabase(server_url, database_));
    ASSERT_TRUE(connection.ok()) << connection.status().message();
    connection_ = std::move(*connection);
  }
  void TearDown() override {
    connection_.reset();  // PostgreSQL drops no database with a session in it
    if (admin_) (void)admin_->Execute("DROP DATABASE IF EXISTS " + database_);
  }

  static model::Schema Parse(const char* text) {
    dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
    EXPECT_TRUE(loaded.ok());
    return loaded.schema;
  }
  ApplyOptions Options() const {
    ApplyOptions options;
    options.retry_base_delay = std::chrono::milliseconds(1);
    options.migration_lock_timeout_ms = 2000;
    return options;
  }

  std::string database_;
  std::unique_ptr<dialects::Connection> admin_;
  std::unique_ptr<dialects::Connection> connection_;
};

TEST_P(ServerApplyTest, AppliesRecordsHistoryAndConverges) {
  Result<ApplyReport> first = Apply(*connection_, Parse(kShop), Options());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->executed);

  Result<ApplyReport> second = Apply(*connection_, Parse(kShop), Options());
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(second->plan.Empty()) << "not converged: " << second->plan.steps.size() << " steps left";

  Result<History> history = History::Open(*connection_);
  ASSERT_TRUE(history.ok()) << history.status().message();
  auto entries = history->Entries();
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].status, "done");
  EXPECT_EQ((*entries)[0].steps_done, (*entries)[0].steps_total);
  // Each step with its duration, and who ran it, in the server's own tables.
  ASSERT_EQ((*entries)[0].steps.size(), first->plan.steps.size());
  EXPECT_EQ((*entries)[0].steps.front().outcome, "applied");
  EXPECT_EQ((*entries)[0].run_by, History::ThisProcess());
}

TEST_P(ServerApplyTest, AWaitingApplyNamesTheHolderOfTheLockOnce) {
  auto holder = dialects::Connect(UrlWithDatabase(std::getenv(GetParam()), database_));
  ASSERT_TRUE(holder.ok()) << holder.status().message();
  ASSERT_TRUE((*holder)->AcquireMigrationLock(1000).ok());
  auto holder_id = (*holder)->Query(std::string(GetParam()).find("MYSQL") != std::string::npos
                                        ? "SELECT CONNECTION_ID()"
                                        : "SELECT pg_backend_pid()");
  ASSERT_TRUE(holder_id.ok()) << holder_id.status().message();
  const std::string id = holder_id->at(0).at(0).value_or("?");

  ApplyOptions options = Options();
  options.migration_lock_timeout_ms = 300;
  Result<ApplyReport> waiting = Apply(*connection_, Parse(kShop), options);
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.status().code(), StatusCode::kLockTimeout);
  const std::string& message = waiting.status().message();
  EXPECT_THAT(message,
              ::testing::HasSubstr(std::string(std::string(GetParam()).find("MYSQL") != std::string::npos
                                                   ? "connection "
                                                   : "session ") +
                                   id))
      << message;
  EXPECT_THAT(message, ::testing::HasSubstr("nothing was changed"));
  // Said once: the message does not repeat that the lock is held.
  EXPECT_EQ(message.find("holds the migration lock"), message.rfind("holds the migration lock")) << message;
  ASSERT_TRUE((*holder)->ReleaseMigrationLock().ok());
}

TEST_P(ServerApplyTest, HistoryKeepsQuotesAndBackslashesVerbatim) {
  Result<History> history = History::Open(*connection_);
  ASSERT_TRUE(history.ok()) << history.status().message();
  const std::string plan = "INSERT INTO t VALUES ('it''s', 'C:\\path\\n');\n";
  Result<std::int64_t> id = history->Start("hash", plan, 1);
  ASSERT_TRUE(id.ok()) << id.status().message();
  ASSERT_TRUE(history->Finish(*id, RunStatus::kDone, "").ok());
  auto entries = history->Entries();
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].plan, plan);
}

TEST_P(ServerApplyTest, RefusesDataLossUnlessAllowed) {
  ASSERT_TRUE(Apply(*connection_, Parse(kShop), Options()).ok());
  Result<ApplyReport> refused = Apply(
      *connection_, Parse("table users {\n id bigint primary key\n email varchar(200) not null unique\n}\n"),
      Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kRefused);
  EXPECT_THAT(refused.status().message(), HasSubstr("orders"));
}

// Saved plans (`plan --out` / `apply --plan`): bound to the catalog they were made against. The
// catalog is read here with the server's own information_schema, not through schemac's model.
class SavedPlanTest : public ServerApplyTest {
 protected:
  bool IsMysql() const { return std::string(GetParam()).find("MYSQL") != std::string::npos; }
  // The columns of `table`, sorted, as information_schema lists them.
  std::string ColumnsOf(const std::string& table) {
    const std::string schema = IsMysql() ? "DATABASE()" : "'public'";
    auto rows = connection_->Query("SELECT column_name FROM information_schema.columns WHERE table_name = '" +
                                   table + "' AND table_schema = " + schema + " ORDER BY column_name");
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::string columns;
    if (!rows.ok()) return columns;
    for (const auto& row : *rows) columns += (columns.empty() ? "" : ",") + row[0].value_or("NULL");
    return columns;
  }
  // A plan from the live database to `desired`, saved and read back as `apply --plan` reads it.
  Plan SavedPlanTo(const model::Schema& desired) {
    auto current = connection_->Inspect();
    EXPECT_TRUE(current.ok()) << current.status().message();
    auto plan = compiler::BuildPlan(*current, desired, connection_->GetDialect(), PlanPolicy{});
    EXPECT_TRUE(plan.ok()) << plan.status().message();
    const std::string text = compiler::WriteSavedPlan(compiler::SavedPlan{"test", PlanPolicy{}, *plan});
    auto read = compiler::ReadSavedPlan(text, "test", dialects::FindDialect);
    EXPECT_TRUE(read.ok()) << read.status().message();
    EXPECT_EQ(read->plan.UpStatements(), plan->UpStatements());
    EXPECT_EQ(read->plan.DownStatements(), plan->DownStatements());
    return read.ok() ? read->plan : Plan{};
  }
};

constexpr const char* kShopWithTier = R"(
table users {
  id    bigint primary key
  email varchar(200) not null unique
  tier  int
}
table orders {
  id      bigint primary key
  user_id bigint not null references users(id)
  note    text
}
)";

TEST_P(SavedPlanTest, RefusesADatabaseChangedSinceThePlanAndSaysWhat) {
  ASSERT_TRUE(Apply(*connection_, Parse(kShop), Options()).ok());
  const Plan saved = SavedPlanTo(Parse(kShopWithTier));
  ASSERT_FALSE(saved.steps.empty());
  ASSERT_TRUE(connection_->Execute("ALTER TABLE orders ADD COLUMN extra int").ok());
  const std::string users_before = ColumnsOf("users");
  const std::string orders_before = ColumnsOf("orders");

  Result<ApplyReport> refused = ApplySavedPlan(*connection_, saved, Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kStale);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("column orders.extra exists now; it did not when the plan"));
  EXPECT_EQ(ColumnsOf("users"), users_before) << "nothing changed";
  EXPECT_EQ(ColumnsOf("orders"), orders_before) << "nothing changed";
  EXPECT_EQ(ColumnsOf("users"), "email,id");

  // Back to the catalog the plan was made against: it applies exactly, and the database converges.
  ASSERT_TRUE(connection_->Execute("ALTER TABLE orders DROP COLUMN extra").ok());
  Result<ApplyReport> applied = ApplySavedPlan(*connection_, saved, Options());
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_TRUE(applied->executed);
  EXPECT_EQ(ColumnsOf("users"), "email,id,tier");
  Result<ApplyReport> again = Apply(*connection_, Parse(kShopWithTier), Options());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(again->executed) << "converged: nothing left to do";
  // Applied once, the plan's source no longer matches: a second run is refused, not repeated.
  Result<ApplyReport> twice = ApplySavedPlan(*connection_, saved, Options());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kStale);
  EXPECT_THAT(twice.status().message(), HasSubstr("column users.tier exists now"));
}

INSTANTIATE_TEST_SUITE_P(Servers, SavedPlanTest,
                         ::testing::Values("SCHEMAC_TEST_PG_URL", "SCHEMAC_TEST_MYSQL_URL"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param).find("PG") != std::string::npos ? "postgres"
                                                                                          : "mysql";
                         });

INSTANTIATE_TEST_SUITE_P(Servers, ServerApplyTest,
                         ::testing::Values("SCHEMAC_TEST_PG_URL", "SCHEMAC_TEST_MYSQL_URL"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param).find("PG") != std::string::npos ? "postgres"
                                                                                          : "mysql";
                         });

}  // namespace
}  // namespace schemac::migrator
