// Apply against real SQLite files: safety rules, idempotence, history, failure and resume, locking.
#include "migrator/apply.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "dialects/registry.hpp"
#include "migrator/history.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "sources/sources.hpp"

namespace schemac::migrator {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kShop = R"(
table users {
  id    bigint primary key
  email text
}
table orders {
  id      bigint primary key
  user_id bigint not null references users(id)
}
)";

constexpr const char* kUsersOnly = R"(
table users {
  id    bigint primary key
  email text
}
)";

// kShop with users.email made NOT NULL and a new table: the NOT NULL step fails while a user
// has no email.
constexpr const char* kShopStrict = R"(
table users {
  id    bigint primary key
  email text not null
}
table orders {
  id      bigint primary key
  user_id bigint not null references users(id)
}
table audit_log {
  id   bigint primary key
  note text
}
)";

model::Schema Parse(const char* text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
  EXPECT_TRUE(loaded.ok());
  for (const auto& diagnostic : loaded.diagnostics) ADD_FAILURE() << dsl::RenderDiagnostic(diagnostic, false);
  return loaded.schema;
}

class ApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("schemac-apply-" + std::string(info->name()) + "-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    url_ = "sqlite://" + (dir_ / "app.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<dialects::Connection> Open() {
    auto connection = dialects::Connect(url_, dialects::ConnectOptions{/*create_if_missing=*/true});
    EXPECT_TRUE(connection.ok()) << connection.status().message();
    return connection.ok() ? std::move(*connection) : nullptr;
  }

  ApplyOptions Options() {
    ApplyOptions options;
    options.retry_base_delay = std::chrono::milliseconds(1);
    options.migration_lock_timeout_ms = 2000;
    return options;
  }

  // Table names in the file, schemac's own included (Inspect leaves those out).
  std::vector<std::string> TableNames(dialects::Connection& connection) {
    auto rows = connection.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<std::string> names;
    if (rows.ok()) {
      for (const auto& row : *rows) names.push_back(row.at(0).value_or(""));
    }
    return names;
  }

  std::vector<HistoryEntry> HistoryOf(dialects::Connection& connection) {
    Result<History> history = History::Open(connection);
    EXPECT_TRUE(history.ok()) << history.status().message();
    if (!history.ok()) return {};
    auto entries = history->Entries();
    EXPECT_TRUE(entries.ok()) << entries.status().message();
    return entries.ok() ? *entries : std::vector<HistoryEntry>{};
  }

  fs::path dir_;
  std::string url_;
};

TEST_F(ApplyTest, AppliesThenSecondApplyChangesNothing) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  Result<ApplyReport> first = Apply(*connection, Parse(kShop), Options());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->executed);
  EXPECT_EQ(first->steps_applied, first->plan.steps.size());
  EXPECT_THAT(TableNames(*connection), ::testing::IsSupersetOf({"orders", "users", "schemac_history"}));

  Result<ApplyReport> second = Apply(*connection, Parse(kShop), Options());
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(second->plan.Empty());
  EXPECT_FALSE(second->executed);
  EXPECT_EQ(HistoryOf(*connection).size(), 1u);  // a run that changes nothing is not recorded
}

TEST_F(ApplyTest, RecordsTheRunInHistory) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  model::Schema desired = Parse(kShop);
  Result<ApplyReport> report = Apply(*connection, desired, Options());
  ASSERT_TRUE(report.ok()) << report.status().message();

  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].id, report->history_id);
  EXPECT_EQ(entries[0].status, "done");
  EXPECT_EQ(entries[0].steps_total, static_cast<std::int64_t>(report->plan.steps.size()));
  EXPECT_EQ(entries[0].steps_done, entries[0].steps_total);
  EXPECT_EQ(entries[0].target_hash, SchemaFingerprint(desired, connection->GetDialect()));
  EXPECT_THAT(entries[0].plan, HasSubstr("CREATE TABLE"));
  EXPECT_FALSE(entries[0].finished_at.empty());
}

TEST_F(ApplyTest, DryRunChangesNothing) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  ApplyOptions options = Options();
  options.dry_run = true;
  Result<ApplyReport> report = Apply(*connection, Parse(kShop), options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_FALSE(report->plan.Empty());
  EXPECT_FALSE(report->executed);
  EXPECT_TRUE(TableNames(*connection).empty());
}

TEST_F(ApplyTest, RefusesDataLossUnlessAllowed) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  ASSERT_TRUE(Apply(*connection, Parse(kShop), Options()).ok());

  Result<ApplyReport> refused = Apply(*connection, Parse(kUsersOnly), Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kRefused);
  EXPECT_THAT(refused.status().message(), HasSubstr("orders"));
  EXPECT_THAT(refused.status().message(), HasSubstr("HZ001"));
  EXPECT_THAT(TableNames(*connection), ::testing::Contains("orders"));

  ApplyOptions allow = Options();
  allow.allow_destructive = true;
  Result<ApplyReport> allowed = Apply(*connection, Parse(kUsersOnly), allow);
  ASSERT_TRUE(allowed.ok()) << allowed.status().message();
  EXPECT_THAT(TableNames(*connection), ::testing::Not(::testing::Contains("orders")));
}

TEST_F(ApplyTest, DeclinedConfirmationChangesNothing) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  ApplyOptions options = Options();
  bool asked = false;
  options.confirm = [&](const Plan& plan) {
    asked = !plan.Empty();
    return false;
  };
  Result<ApplyReport> report = Apply(*connection, Parse(kShop), options);
  EXPECT_TRUE(asked);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kRefused);
  EXPECT_TRUE(TableNames(*connection).empty());
}

TEST_F(ApplyTest, FailingStepRollsBackAndReRunConverges) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  ASSERT_TRUE(Apply(*connection, Parse(kShop), Options()).ok());
  ASSERT_TRUE(
      connection->Execute("INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, NULL)").ok());

  std::vector<StepProgress::Event> events;
  ApplyOptions options = Options();
  options.on_step = [&](const StepProgress& progress) { events.push_back(progress.event); };
  // The data checks count the NULL first and start nothing (no step, no history row)...
  Result<ApplyReport> checked = Apply(*connection, Parse(kShopStrict), options);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().code(), StatusCode::kRefused);
  EXPECT_THAT(checked.status().message(), HasSubstr("1 row: rows of users with email NULL"));
  EXPECT_TRUE(events.empty());
  ASSERT_EQ(HistoryOf(*connection).size(), 1u);
  // ...and without them the step itself fails on the server and rolls back.
  options.skip_data_checks = true;
  Result<ApplyReport> failed = Apply(*connection, Parse(kShopStrict), options);
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("step"));
  EXPECT_THAT(events, ::testing::Contains(StepProgress::Event::kFailed));

  // The failed step left users as it was: both rows, email still nullable.
  auto rows = connection->Query("SELECT COUNT(*) FROM users");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at(0).at(0), std::optional<std::string>("2"));
  std::vector<HistoryEntry> history = HistoryOf(*connection);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].status, "failed");
  EXPECT_FALSE(history[1].error.empty());
  EXPECT_LT(history[1].steps_done, history[1].steps_total);

  // Fix the data and run again: it re-plans from what is there and finishes.
  ASSERT_TRUE(connection->Execute("UPDATE users SET email = 'b@example.com' WHERE email IS NULL").ok());
  Result<ApplyReport> resumed = Apply(*connection, Parse(kShopStrict), Options());
  ASSERT_TRUE(resumed.ok()) << resumed.status().message();
  Result<ApplyReport> after = Apply(*connection, Parse(kShopStrict), Options());
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_TRUE(after->plan.Empty()) << "not converged: " << after->plan.steps.size() << " steps left";
  rows = connection->Query("SELECT COUNT(*) FROM users");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at(0).at(0), std::optional<std::string>("2"));
  EXPECT_EQ(HistoryOf(*connection).back().status, "done");
}

TEST_F(ApplyTest, MigrationLockHeldElsewhereTimesOutClearly) {
  auto holder = Open();
  auto applier = Open();
  ASSERT_TRUE(holder && applier);
  ASSERT_TRUE(holder->AcquireMigrationLock(1000).ok());

  ApplyOptions options = Options();
  options.migration_lock_timeout_ms = 200;
  Result<ApplyReport> report = Apply(*applier, Parse(kShop), options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kLockTimeout);
  EXPECT_THAT(report.status().message(), HasSubstr("migration lock"));

  ASSERT_TRUE(holder->ReleaseMigrationLock().ok());
  Result<ApplyReport> retried = Apply(*applier, Parse(kShop), Options());
  EXPECT_TRUE(retried.ok()) << retried.status().message();
}

TEST_F(ApplyTest, InterruptedRunIsMarkedWhenTheNextOneStarts) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  Result<History> history = History::Open(*connection);
  ASSERT_TRUE(history.ok()) << history.status().message();
  ASSERT_TRUE(history->Start("abc", "CREATE TABLE x (y int);\n", 3).ok());  // a run that died

  ASSERT_TRUE(Apply(*connection, Parse(kShop), Options()).ok());
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].status, "interrupted");
  EXPECT_EQ(entries[1].status, "done");
}

TEST_F(ApplyTest, HistoryKeepsQuotesAndBackslashesVerbatim) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  Result<History> history = History::Open(*connection);
  ASSERT_TRUE(history.ok()) << history.status().message();
  const std::string plan = "INSERT INTO t VALUES ('it''s', 'C:\\path\\n');\n";
  Result<std::int64_t> id = history->Start("hash", plan, 1);
  ASSERT_TRUE(id.ok()) << id.status().message();
  ASSERT_TRUE(history->Finish(*id, RunStatus::kFailed, "near \"x\": syntax error \\ 'quoted'").ok());
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].plan, plan);
  EXPECT_EQ(entries[0].error, "near \"x\": syntax error \\ 'quoted'");
}

TEST_F(ApplyTest, HistoryKeepsEachStepWithItsDurationAndWhoRanIt) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  Result<ApplyReport> report = Apply(*connection, Parse(kShop), Options());
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].run_by, History::ThisProcess());
  EXPECT_THAT(entries[0].run_by, HasSubstr("(pid " + std::to_string(getpid()) + ")"));
  EXPECT_EQ(entries[0].source_hash, report->plan.binding.source_fingerprint);
  ASSERT_EQ(entries[0].steps.size(), report->plan.steps.size());
  for (std::size_t i = 0; i < entries[0].steps.size(); ++i) {
    EXPECT_EQ(entries[0].steps[i].step, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entries[0].steps[i].description, report->plan.steps[i].description);
    EXPECT_EQ(entries[0].steps[i].outcome, "applied");
    EXPECT_GE(entries[0].steps[i].duration_ms, 0);
    EXPECT_FALSE(entries[0].steps[i].started_at.empty());
  }
}

TEST_F(ApplyTest, ReadingHistoryOfANeverAppliedDatabaseCreatesNothing) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  Result<std::vector<HistoryEntry>> entries = ReadHistory(*connection);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_TRUE(entries->empty());
  EXPECT_TRUE(TableNames(*connection).empty());
}

TEST_F(ApplyTest, HistoryTableOfAnOlderSchemacIsReadAndUpgraded) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  // The table as the first releases created it: no run_by, no source_hash, no steps table.
  ASSERT_TRUE(
      connection
          ->Execute("CREATE TABLE schemac_history (id BIGINT NOT NULL PRIMARY KEY, started_at VARCHAR(32) "
                    "NOT NULL, finished_at VARCHAR(32), target_hash VARCHAR(64) NOT NULL, status "
                    "VARCHAR(16) NOT NULL, steps_total BIGINT NOT NULL, steps_done BIGINT NOT NULL, "
                    "plan_sql TEXT NOT NULL, error_message TEXT)")
          .ok());
  ASSERT_TRUE(connection
                  ->Execute("INSERT INTO schemac_history VALUES (1, '2026-01-01T00:00:00Z', "
                            "'2026-01-01T00:00:01Z', 'old', 'done', 1, 1, 'CREATE TABLE a (b int);', NULL)")
                  .ok());
  Result<std::vector<HistoryEntry>> old = ReadHistory(*connection);
  ASSERT_TRUE(old.ok()) << old.status().message();
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ((*old)[0].run_by, "");
  EXPECT_TRUE((*old)[0].steps.empty());

  ASSERT_TRUE(Apply(*connection, Parse(kShop), Options()).ok());
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].target_hash, "old");
  EXPECT_EQ(entries[1].run_by, History::ThisProcess());
  EXPECT_FALSE(entries[1].steps.empty());
}

TEST_F(ApplyTest, StopRequestedBeforeTheFirstStepChangesNothingAndIsRecorded) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  std::stop_source stop;
  ApplyOptions options = Options();
  options.stop = stop.get_token();
  // Approved, then stopped: the stop lands between approval and the first step.
  options.confirm = [&](const Plan&) {
    stop.request_stop();
    return true;
  };
  Result<ApplyReport> report = Apply(*connection, Parse(kShop), options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInterrupted);
  EXPECT_THAT(report.status().message(), HasSubstr("No step was applied"));
  EXPECT_THAT(report.status().message(), HasSubstr("did not run"));
  EXPECT_THAT(TableNames(*connection), ::testing::Not(::testing::Contains("users")));
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].status, "interrupted");
  EXPECT_EQ(entries[0].steps_done, 0);
}

TEST_F(ApplyTest, StopAfterAStepKeepsItAndTheRerunContinues) {
  auto connection = Open();
  ASSERT_TRUE(connection);
  std::stop_source stop;
  ApplyOptions options = Options();
  options.stop = stop.get_token();
  options.on_step = [&](const StepProgress& progress) {
    if (progress.event == StepProgress::Event::kApplied && progress.index == 0) stop.request_stop();
  };
  Result<ApplyReport> report = Apply(*connection, Parse(kShop), options);
  ASSERT_FALSE(report.ok());
  ASSERT_EQ(report.status().code(), StatusCode::kInterrupted) << report.status().message();
  EXPECT_THAT(report.status().message(), HasSubstr("1 step stayed applied"));
  std::vector<HistoryEntry> entries = HistoryOf(*connection);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].status, "interrupted");
  EXPECT_EQ(entries[0].steps_done, 1);
  ASSERT_EQ(entries[0].steps.size(), 1u);

  Result<ApplyReport> rerun = Apply(*connection, Parse(kShop), Options());
  ASSERT_TRUE(rerun.ok()) << rerun.status().message();
  EXPECT_EQ(rerun->plan.steps.size(), entries[0].steps_total - 1);  // only what was left
  Result<ApplyReport> after = Apply(*connection, Parse(kShop), Options());
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_TRUE(after->plan.Empty());
}

}  // namespace
}  // namespace schemac::migrator
