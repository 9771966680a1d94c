// Apply against a PostgreSQL table that another session holds ACCESS EXCLUSIVE: a step that times
// out on the lock is retried (bounded by lock_retries) and succeeds once the holder lets go; when
// the holder outlasts the retries, apply fails with kLockTimeout, leaves the schema exactly as it
// was, and a later apply converges. The same for the inspection apply starts with, when the table
// was locked before apply began (its check constraint makes inspect read it). Skipped without
// SCHEMAC_TEST_PG_URL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "dialects/registry.hpp"
#include "migrator/apply.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::migrator {
namespace {

using test_support::UrlWithDatabase;

constexpr const char* kBefore = R"(
table t {
  id   bigint primary key
  name text
}
)";
constexpr const char* kAfter = R"(
table t {
  id    bigint primary key
  name  text
  extra int
}
)";

// `t` as above, and `checked`, whose check constraint inspect can only print by opening the table
// (pg_get_constraintdef takes ACCESS SHARE): inspect waits for a session holding it exclusively.
// `t` has no check or default, so the step tests above wait in the step, not in inspect.
constexpr const char* kChecked = R"(
table t {
  id   bigint primary key
  name text
}
table checked {
  id  bigint primary key
  qty int check (qty > 0)
}
)";
constexpr const char* kCheckedAfter = R"(
table t {
  id   bigint primary key
  name text
}
table checked {
  id    bigint primary key
  qty   int check (qty > 0)
  extra int
}
)";

model::Schema Parse(const char* text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
  EXPECT_TRUE(loaded.ok());
  return loaded.schema;
}

class PostgresLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* server_url = std::getenv("SCHEMAC_TEST_PG_URL");
    if (server_url == nullptr || *server_url == '\0') GTEST_SKIP() << "SCHEMAC_TEST_PG_URL is not set";
    static std::atomic<int> counter{0};
    database_ = "schemac_lock_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto admin = dialects::Connect(server_url);
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    ASSERT_TRUE(admin_->Execute("CREATE DATABASE " + database_).ok());
    auto connection = dialects::Connect(UrlWithDatabase(server_url, database_));
    ASSERT_TRUE(connection.ok()) << connection.status().message();
    connection_ = std::move(*connection);
    auto holder = dialects::Connect(UrlWithDatabase(server_url, database_));  // a second libpq session
    ASSERT_TRUE(holder.ok()) << holder.status().message();
    holder_ = std::move(*holder);

    Result<ApplyReport> created = Apply(*connection_, Parse(kBefore), Options(5));
    ASSERT_TRUE(created.ok()) << created.status().message();
    ASSERT_TRUE(connection_->Execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')").ok());
  }
  void TearDown() override {
    holder_.reset();
    connection_.reset();
    if (admin_) (void)admin_->Execute("DROP DATABASE IF EXISTS " + database_);
  }

  static ApplyOptions Options(int retries) {
    ApplyOptions options;
    options.policy.lock_timeout_ms = 200;
    options.policy.lock_retries = retries;
    options.retry_base_delay = std::chrono::milliseconds(100);
    options.migration_lock_timeout_ms = 2000;
    return options;
  }
  // A further apply finds nothing left to do.
  void ExpectConverged(const char* schema, int retries) {
    Result<ApplyReport> again = Apply(*connection_, Parse(schema), Options(retries));
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_TRUE(again->plan.Empty()) << "not converged: " << again->plan.steps.size() << " steps left";
  }

  void HoldLock(const std::string& table = "t") {
    ASSERT_TRUE(holder_->Execute("BEGIN").ok());
    ASSERT_TRUE(holder_->Execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE").ok());
  }
  std::string FirstValue(dialects::Connection& connection, const std::string& sql) {
    auto rows = connection.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok() || rows->empty() || !(*rows)[0][0]) return "";
    return *(*rows)[0][0];
  }
  // Creates `checked` next to `t`, without a lock in the way.
  void CreateChecked() {
    Result<ApplyReport> created = Apply(*connection_, Parse(kChecked), Options(5));
    ASSERT_TRUE(created.ok()) << created.status().message();
  }
  // The columns of t as the catalog lists them, in order.
  std::string Columns() {
    Result<model::Schema> schema = connection_->Inspect();
    EXPECT_TRUE(schema.ok()) << schema.status().message();
    if (!schema.ok()) return "";
    return SchemaFingerprint(*schema, connection_->GetDialect());
  }

  std::string database_;
  std::unique_ptr<dialects::Connection> admin_;
  std::unique_ptr<dialects::Connection> connection_;
  std::unique_ptr<dialects::Connection> holder_;
};

TEST_F(PostgresLockTest, RetriesUntilTheHolderReleases) {
  HoldLock();
  std::thread release([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    EXPECT_TRUE(holder_->Execute("COMMIT").ok());
  });
  const auto start = std::chrono::steady_clock::now();
  Result<ApplyReport> applied = Apply(*connection_, Parse(kAfter), Options(5));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  release.join();
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_TRUE(applied->executed);
  EXPECT_GE(applied->steps_applied, 1u);
  EXPECT_GE(elapsed, std::chrono::milliseconds(900)) << "the step did not wait for the lock";

  ExpectConverged(kAfter, 5);
  Result<bool> rows =
      connection_->QueryHasRows("SELECT 1 FROM t WHERE id = 2 AND name = 'b' AND extra IS NULL");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_TRUE(*rows);
}

TEST_F(PostgresLockTest, GivesUpAfterTheRetriesAndLeavesTheSchemaUntouched) {
  const std::string before = Columns();
  ASSERT_FALSE(before.empty());
  HoldLock();
  const auto start = std::chrono::steady_clock::now();
  Result<ApplyReport> applied = Apply(*connection_, Parse(kAfter), Options(2));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(applied.ok()) << "applied while another session held the table";
  EXPECT_EQ(applied.status().code(), StatusCode::kLockTimeout) << applied.status().message();
  EXPECT_THAT(applied.status().message(), ::testing::HasSubstr("gave up after 3 attempts"));
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_EQ(Columns(), before) << "a half-done migration was left behind";

  ASSERT_TRUE(holder_->Execute("COMMIT").ok());
  EXPECT_EQ(Columns(), before);
  Result<ApplyReport> later = Apply(*connection_, Parse(kAfter), Options(2));
  ASSERT_TRUE(later.ok()) << later.status().message();
  EXPECT_TRUE(later->executed);
  ExpectConverged(kAfter, 2);
  EXPECT_NE(Columns(), before);
}

TEST_F(PostgresLockTest, InspectionWaitsForTheHolderWithinTheRetryBound) {
  CreateChecked();
  HoldLock("checked");
  // Inspect alone is what waits here: it times out while the lock is held.
  connection_->SetInspectTimeouts(100, 0);
  Result<model::Schema> blocked = connection_->Inspect();
  ASSERT_FALSE(blocked.ok()) << "inspect read a table another session holds ACCESS EXCLUSIVE";
  EXPECT_EQ(blocked.status().code(), StatusCode::kLockTimeout) << blocked.status().message();

  std::thread release([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    EXPECT_TRUE(holder_->Execute("COMMIT").ok());
  });
  const auto start = std::chrono::steady_clock::now();
  Result<ApplyReport> applied = Apply(*connection_, Parse(kCheckedAfter), Options(5));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  release.join();
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  EXPECT_TRUE(applied->executed);
  EXPECT_GE(elapsed, std::chrono::milliseconds(600)) << "apply did not wait for the lock";

  ExpectConverged(kCheckedAfter, 5);
}

TEST_F(PostgresLockTest, InspectionGivesUpCleanlyAndNamesTheHolder) {
  CreateChecked();
  const std::string before = Columns();
  ASSERT_FALSE(before.empty());
  const std::string runs_before = FirstValue(*connection_, "SELECT count(*) FROM schemac_history");
  const std::string lock_timeout_before = FirstValue(*connection_, "SHOW lock_timeout");
  const std::string holder_pid = FirstValue(*holder_, "SELECT pg_backend_pid()");
  HoldLock("checked");

  const auto start = std::chrono::steady_clock::now();
  Result<ApplyReport> applied = Apply(*connection_, Parse(kCheckedAfter), Options(2));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(applied.ok()) << "applied while another session held the table";
  EXPECT_EQ(applied.status().code(), StatusCode::kLockTimeout) << applied.status().message();
  EXPECT_THAT(applied.status().message(), ::testing::HasSubstr("inspecting "));
  EXPECT_THAT(applied.status().message(),
              ::testing::HasSubstr("table public.checked is locked by another session (pid " + holder_pid));
  EXPECT_THAT(applied.status().message(),
              ::testing::HasSubstr("LOCK TABLE checked IN ACCESS EXCLUSIVE MODE"));
  EXPECT_THAT(applied.status().message(), ::testing::HasSubstr("gave up after 3 attempts"));
  EXPECT_THAT(applied.status().message(), ::testing::HasSubstr("nothing was changed"));
  // 3 attempts of 200 ms and waits of 100 + 200 ms, with room for a loaded machine.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  // The inspection's settings were local to it.
  EXPECT_EQ(FirstValue(*connection_, "SHOW lock_timeout"), lock_timeout_before);

  ASSERT_TRUE(holder_->Execute("COMMIT").ok());
  EXPECT_EQ(Columns(), before) << "something changed although apply gave up";
  EXPECT_EQ(FirstValue(*connection_, "SELECT count(*) FROM schemac_history"), runs_before)
      << "a run was recorded although nothing ran";
  Result<ApplyReport> later = Apply(*connection_, Parse(kCheckedAfter), Options(2));
  ASSERT_TRUE(later.ok()) << later.status().message();
  EXPECT_TRUE(later->executed);
  EXPECT_NE(Columns(), before);
}

}  // namespace
}  // namespace schemac::migrator
