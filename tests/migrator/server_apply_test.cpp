// Apply against real PostgreSQL and MariaDB servers: the history table's portable DDL, string
// literals that survive each server's escaping rules, idempotence and the advisory lock.
// Each test runs in a database of its own, created and dropped here. Skipped without the server
// URLs (scripts/run-tests.sh provides them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

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

INSTANTIATE_TEST_SUITE_P(Servers, ServerApplyTest,
                         ::testing::Values("SCHEMAC_TEST_PG_URL", "SCHEMAC_TEST_MYSQL_URL"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           return std::string(info.param).find("PG") != std::string::npos ? "postgres"
                                                                                          : "mysql";
                         });

}  // namespace
}  // namespace schemac::migrator
