// The online shadow-table swap against a real MariaDB server (SCHEMAC_TEST_MYSQL_URL; skipped
// without it): the swap runs while several connections write at random, and afterwards the
// table equals a control table that received the same writes; the schemac CLI stopped with
// SIGTERM and killed with SIGKILL mid-copy resumes from its checkpoint and converges the same way.
// The column's new type is read from information_schema, not through schemac.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dialects/registry.hpp"
#include "migrator/apply.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "tests/support/database_url.hpp"

#ifndef SCHEMAC_CLI_PATH
#error "SCHEMAC_CLI_PATH must name the built schemac binary"
#endif

namespace schemac::migrator {
namespace {

using test_support::UrlWithDatabase;
using Connection = dialects::Connection;

constexpr int kRows = 20000;
constexpr int kWriters = 4;

// `t` changes a's type (a blocking COPY on MariaDB); `ctl` stays as it is and gets the same writes.
constexpr const char* kTableBody = R"(
  id bigint primary key
  a  int not null
  b  varchar(64)
  c  timestamp
  d  decimal(10,2)
  index (a)
)";

std::string Schema(const std::string& a_type) {
  std::string t = kTableBody;
  t.replace(t.find("a  int"), 6, "a  " + a_type);
  return "table t {" + t + "}\ntable ctl {" + std::string(kTableBody) + "}\n";
}

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "shadow_swap.schema");
  EXPECT_TRUE(loaded.ok()) << text;
  for (const auto& diagnostic : loaded.diagnostics) ADD_FAILURE() << diagnostic.message;
  return loaded.schema;
}

std::string Scalar(Connection& connection, const std::string& sql) {
  auto rows = connection.Query(sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().message();
  if (!rows.ok() || rows->empty() || rows->front().empty()) return "<none>";
  return rows->front().front().value_or("NULL");
}

// What each writer did, to check against the swapped table afterwards.
struct Accounting {
  std::mutex mutex;
  std::set<long long> deleted;
  std::map<long long, std::pair<long long, std::string>> last_update;  // id -> (a, b)
  long long inserted = 0;
  long long failed = 0;
  std::string first_failure;
};

// Random INSERT / UPDATE / DELETE on t, each repeated on ctl. Writer k owns the keys equal to k
// modulo kWriters, so both tables see each key's writes in the same order.
void Write(const std::string& url, int k, std::atomic<bool>& stop, Accounting& accounting) {
  auto connected = dialects::Connect(url);
  if (!connected.ok()) {
    std::lock_guard<std::mutex> lock(accounting.mutex);
    ++accounting.failed;
    accounting.first_failure = connected.status().message();
    return;
  }
  Connection& db = **connected;
  std::mt19937_64 random(1234 + k);
  long long next_id = kRows + 1 + k;
  while (next_id % kWriters != k) ++next_id;
  std::set<long long> deleted;
  while (!stop.load()) {
    const int choice = static_cast<int>(random() % 10);
    long long id = static_cast<long long>(random() % kRows) + 1;
    id -= (id % kWriters) - k;
    if (id < 1) id += kWriters;
    std::string sql;
    long long a = static_cast<long long>(random() % 100000);
    const std::string b = "w" + std::to_string(k) + "-" + std::to_string(random() % 1000000);
    if (choice < 4) {
      id = next_id;
      next_id += kWriters;
      sql = "INSERT INTO {} (id, a, b, c, d) VALUES (" + std::to_string(id) + ", " + std::to_string(a) +
            ", '" + b + "', '2026-06-01 12:00:00', " + std::to_string(a % 1000) + ".25)";
    } else if (choice < 8) {
      if (deleted.count(id)) continue;
      sql = "UPDATE {} SET a = " + std::to_string(a) + ", b = '" + b + "' WHERE id = " + std::to_string(id);
    } else {
      if (deleted.count(id)) continue;
      sql = "DELETE FROM {} WHERE id = " + std::to_string(id);
    }
    bool ok = true;
    for (const char* table : {"t", "ctl"}) {
      std::string statement = sql;
      statement.replace(statement.find("{}"), 2, table);
      Status status = db.Execute(statement);
      if (!status.ok()) {
        std::lock_guard<std::mutex> lock(accounting.mutex);
        ++accounting.failed;
        if (accounting.first_failure.empty()) accounting.first_failure = statement + ": " + status.message();
        ok = false;
        break;
      }
    }
    if (!ok) break;
    std::lock_guard<std::mutex> lock(accounting.mutex);
    if (choice < 4) {
      ++accounting.inserted;
    } else if (choice < 8) {
      accounting.last_update[id] = {a, b};
    } else {
      deleted.insert(id);
      accounting.deleted.insert(id);
      accounting.last_update.erase(id);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

class Writers {
 public:
  Writers(const std::string& url, Accounting& accounting) {
    for (int k = 0; k < kWriters; ++k)
      threads_.emplace_back([this, url, k, &accounting] { Write(url, k, stop_, accounting); });
  }
  void Stop() {
    stop_ = true;
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }
  ~Writers() {
    if (!threads_.empty()) Stop();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

class ShadowSwapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SCHEMAC_TEST_MYSQL_URL");
    if (url == nullptr || *url == '\0')
      GTEST_SKIP() << "SCHEMAC_TEST_MYSQL_URL is not set; no server to test";
    server_url_ = url;
    auto admin = dialects::Connect(UrlWithDatabase(server_url_, "mysql"));
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    database_ = "swap_online_" + std::to_string(getpid());
    ASSERT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database_).ok());
    ASSERT_TRUE(admin_->Execute("CREATE DATABASE " + database_).ok());
    url_ = UrlWithDatabase(server_url_, database_);
    auto connection = dialects::Connect(url_);
    ASSERT_TRUE(connection.ok()) << connection.status().message();
    db_ = std::move(*connection);
    ASSERT_TRUE(Apply(*db_, Parse(Schema("int")), ApplyOptions{}).ok());
    ASSERT_TRUE(
        db_->Execute("INSERT INTO t SELECT seq, seq % 1000, CONCAT('row', seq), '2026-01-01 00:00:00' + "
                     "INTERVAL seq SECOND, seq / 7 FROM seq_1_to_" +
                     std::to_string(kRows))
            .ok());
    ASSERT_TRUE(db_->Execute("INSERT INTO ctl SELECT * FROM t").ok());
    ASSERT_TRUE(db_->Execute("ANALYZE TABLE t").ok());
    schema_path_ = std::string(::testing::TempDir()) + "shadow_swap_" + std::to_string(getpid()) + ".schema";
    std::ofstream(schema_path_) << Schema("bigint");
  }

  void TearDown() override {
    if (!schema_path_.empty()) std::remove(schema_path_.c_str());
    db_.reset();
    if (admin_) EXPECT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database_).ok());
  }

  // Checksum and count of the common columns, the same query on both tables.
  std::string Checksum(const std::string& table) {
    return Scalar(
        *db_, "SELECT CONCAT(COUNT(*), '/', BIT_XOR(CRC32(CONCAT_WS('#', id, a, b, c, d)))) FROM " + table);
  }

  // After the swap: t holds exactly what ctl holds, every deleted key is gone, every updated row
  // holds its last written values; a is bigint in the catalog; no trigger or checkpoint is left.
  void ExpectConverged(Accounting& accounting) {
    EXPECT_EQ(accounting.failed, 0) << accounting.first_failure;
    EXPECT_EQ(Checksum("t"), Checksum("ctl"));
    EXPECT_EQ(
        Scalar(*db_, "SELECT COUNT(*) FROM t"),
        std::to_string(kRows + accounting.inserted - static_cast<long long>(accounting.deleted.size())));
    EXPECT_GT(accounting.deleted.size(), 0u) << "the writers must have deleted during the test";
    EXPECT_GT(accounting.last_update.size(), 0u);
    std::string deleted_list;
    for (long long id : accounting.deleted)
      deleted_list += (deleted_list.empty() ? "" : ",") + std::to_string(id);
    EXPECT_EQ(Scalar(*db_, "SELECT COUNT(*) FROM t WHERE id IN (" + deleted_list + ")"), "0");
    int wrong = 0;
    for (const auto& [id, values] : accounting.last_update) {
      auto row = db_->Query("SELECT a, b FROM t WHERE id = " + std::to_string(id));
      ASSERT_TRUE(row.ok());
      if (row->size() != 1 || (*row)[0][0] != std::to_string(values.first) || (*row)[0][1] != values.second)
        ++wrong;
    }
    EXPECT_EQ(wrong, 0) << "updated rows that do not hold their last values";
    EXPECT_EQ(Scalar(*db_,
                     "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                     "TABLE_NAME = 't' AND COLUMN_NAME = 'a'"),
              "bigint");
    EXPECT_EQ(
        Scalar(*db_, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"),
        "0");
    EXPECT_EQ(Scalar(*db_, "SELECT COUNT(*) FROM schemac_shadow_swaps"), "0");
    EXPECT_EQ(Scalar(*db_,
                     "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                     "TABLE_NAME = '_t_new'"),
              "0");
    ApplyOptions dry;
    dry.dry_run = true;
    auto replan = Apply(*db_, Parse(Schema("bigint")), dry);
    ASSERT_TRUE(replan.ok()) << replan.status().message();
    EXPECT_TRUE(replan->plan.Empty()) << replan->plan.steps.size() << " steps left";
  }

  // Starts the CLI applying the bigint schema online; returns its pid.
  // Small chunks (`chunk_ms`) make a copy long enough to stop in the middle of.
  pid_t StartCli(const std::string& log, const char* chunk_ms = "3") {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      std::freopen(log.c_str(), "a", stdout);
      std::freopen(log.c_str(), "a", stderr);
      execl(SCHEMAC_CLI_PATH, SCHEMAC_CLI_PATH, "apply", "--url", url_.c_str(), "--to", schema_path_.c_str(),
            "--auto-approve", "--shadow-min-rows", "0", "--chunk-time", chunk_ms,
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  }

  // Waits until the swap's checkpoint says the copy is under way (some rows, not all).
  bool WaitMidCopy(Connection& watcher) {
    for (int i = 0; i < 2000; ++i) {
      auto rows = watcher.Query("SELECT phase, rows_copied FROM schemac_shadow_swaps WHERE table_name = 't'");
      if (rows.ok() && !rows->empty() && (*rows)[0][0] == std::string("copy") &&
          std::stoll((*rows)[0][1].value_or("0")) > 0)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  std::string server_url_, database_, url_, schema_path_;
  std::unique_ptr<Connection> admin_, db_;
};

TEST_F(ShadowSwapTest, SwapUnderConcurrentWritesEqualsControl) {
  Accounting accounting;
  ApplyOptions options;
  options.policy.shadow_min_rows = 0;
  options.swap.chunk_target = std::chrono::milliseconds(25);
  options.swap.first_chunk_rows = 200;
  std::vector<SwapProgress::Phase> phases;
  long long copied = 0;
  options.swap.on_progress = [&](const SwapProgress& progress) {
    if (phases.empty() || phases.back() != progress.phase) phases.push_back(progress.phase);
    if (progress.phase == SwapProgress::Phase::kCopy) copied = progress.rows_done;
  };
  Writers writers(url_, accounting);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto started = std::chrono::steady_clock::now();
  auto applied = Apply(*db_, Parse(Schema("bigint")), options);
  std::printf("swap took %.2f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // writes to the new table too
  writers.Stop();
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  ASSERT_EQ(applied->plan.steps.size(), 1u);
  EXPECT_EQ(applied->plan.steps[0].strategy, "shadow-swap");
  EXPECT_EQ(phases.size(), 5u) << "prepare, copy, verify, cut-over, done";
  // The chunks copy most rows; the others were deleted first, or written by the triggers first.
  EXPECT_GT(copied, kRows / 2);
  std::printf("writes during the swap: %lld inserts, %zu deletes, %zu updated rows\n", accounting.inserted,
              accounting.deleted.size(), accounting.last_update.size());
  ExpectConverged(accounting);
  // The old table is kept (and reported, not planned against).
  EXPECT_EQ(Scalar(*db_,
                   "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "TABLE_NAME = '_t_old' AND COLUMN_NAME = 'a'"),
            "int");
}

// A declared trigger stays with the table: RENAME TABLE would carry it to the old copy, so the
// change is not swapped but copied in place, and says why. (apply's preflight refuses a trigger
// created after planning.)
TEST_F(ShadowSwapTest, TableWithItsOwnTriggerIsCopiedNotSwapped) {
  ASSERT_TRUE(db_->Execute("CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW SET @seen = 1").ok());
  ApplyOptions options;
  options.policy.shadow_min_rows = 0;
  // Adding a check copies the table and leaves the trigger alone (a column type change would drop
  // the trigger before the change and create it after: compiler/diff_views.hpp).
  std::string with_check = Schema("int");
  with_check.replace(with_check.find("index (a)"), 9, "index (a)\n  check (a >= 0)");
  auto applied =
      Apply(*db_, Parse(with_check + "trigger t_audit after insert on t for each row $$ SET @seen = 1 $$\n"),
            options);
  ASSERT_TRUE(applied.ok()) << applied.status().message();
  ASSERT_EQ(applied->plan.steps.size(), 1u);
  EXPECT_NE(applied->plan.steps[0].strategy, "shadow-swap");
  bool explained = false;
  for (const auto& hazard : applied->plan.steps[0].hazards)
    explained = explained || hazard.message.find("has trigger t_audit") != std::string::npos;
  EXPECT_TRUE(explained) << "the step says why it was not swapped";
  EXPECT_EQ(Scalar(*db_,
                   "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                   "TABLE_NAME = '_t_new'"),
            "0");
  EXPECT_EQ(Scalar(*db_,
                   "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND "
                   "TRIGGER_NAME = 't_audit' AND EVENT_OBJECT_TABLE = 't'"),
            "1");
  EXPECT_EQ(
      Scalar(*db_,
             "SELECT COUNT(*) FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
             "AND TABLE_NAME = 't'"),
      "1");
}

TEST_F(ShadowSwapTest, DryRunShowsTheSwapAndChangesNothing) {
  const std::string log = std::string(::testing::TempDir()) + "shadow_swap_dry_" + std::to_string(getpid());
  const std::string command = std::string(SCHEMAC_CLI_PATH) + " apply --dry-run --url '" + url_ + "' --to '" +
                              schema_path_ + "' --shadow-min-rows 0 > " + log + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(log.c_str());
  EXPECT_NE(output.find("strategy: shadow-swap"), std::string::npos) << output;
  EXPECT_NE(output.find("estimate: ~"), std::string::npos) << output;
  EXPECT_NE(output.find("expected duration: seconds"), std::string::npos) << output;
  EXPECT_NE(output.find("why: the ALTER would copy the table and block writes"), std::string::npos) << output;
  EXPECT_EQ(Scalar(*db_,
                   "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                   "TABLE_NAME IN ('_t_new', 'schemac_shadow_swaps')"),
            "0");
  EXPECT_EQ(Scalar(*db_,
                   "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                   "TABLE_NAME = 't' AND COLUMN_NAME = 'a'"),
            "int");
}

TEST_F(ShadowSwapTest, StoppedThenKilledMidCopyResumesAndConverges) {
  const std::string log = std::string(::testing::TempDir()) + "shadow_swap_cli_" + std::to_string(getpid());
  std::remove(log.c_str());
  auto watcher = dialects::Connect(url_);
  ASSERT_TRUE(watcher.ok());
  Accounting accounting;
  {
    Writers writers(url_, accounting);

    // SIGTERM: stops between chunks, keeps the checkpoint, exits 130.
    pid_t pid = StartCli(log);
    ASSERT_TRUE(WaitMidCopy(**watcher)) << "the copy never started";
    ASSERT_EQ(kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 130);
    const long long after_stop =
        std::stoll(Scalar(**watcher, "SELECT rows_copied FROM schemac_shadow_swaps WHERE table_name = 't'"));
    EXPECT_GT(after_stop, 0);
    EXPECT_LT(after_stop, kRows) << "stopped after the copy: nothing left to resume";
    EXPECT_EQ(Scalar(**watcher,
                     "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"),
              "3")
        << "the capture triggers stay, so the resumed copy misses no write";

    // SIGKILL of the resumed run, mid-copy: no cleanup at all.
    pid = StartCli(log);
    for (int i = 0; i < 2000; ++i) {
      if (std::stoll(Scalar(
              **watcher, "SELECT rows_copied FROM schemac_shadow_swaps WHERE table_name = 't'")) > after_stop)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
    const long long after_kill =
        std::stoll(Scalar(**watcher, "SELECT rows_copied FROM schemac_shadow_swaps WHERE table_name = 't'"));
    EXPECT_GT(after_kill, after_stop) << "the second run resumed from the checkpoint";

    // The third run finishes.
    const auto third = std::chrono::steady_clock::now();
    pid = StartCli(log, "100");
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    std::ifstream in(log);
    const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
    EXPECT_NE(output.find("resumed"), std::string::npos) << output;
    std::printf("the resumed run took %.2f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - third).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::remove(log.c_str());
  ExpectConverged(accounting);
}

}  // namespace
}  // namespace schemac::migrator
