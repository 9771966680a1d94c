// SIGINT in the middle of a long step, on real PostgreSQL and MariaDB servers, through the built
// CLI: the statement the server is running is cancelled (seen from a second session, while the
// session that made the step wait still holds its lock), nothing of the step stays, the CLI exits
// 130 saying what ran and what did not, schemac_history records the run as interrupted at once,
// and the next apply converges.
//
// The step is made long without big tables: a second session holds a lock the step's ALTER TABLE
// must wait for (PostgreSQL: ACCESS SHARE in an open transaction; MariaDB: the metadata lock of an
// open transaction that read the table), and apply runs with a lock timeout of a minute. Without
// the cancel, the server would go on waiting after schemac exited: a waiting backend does not
// notice that its client is gone. Skipped without the server URLs.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "dialects/registry.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/database_url.hpp"

#ifndef SCHEMAC_CLI_PATH
#error "SCHEMAC_CLI_PATH must name the built schemac binary"
#endif

namespace schemac {
namespace {

using test_support::UrlWithDatabase;

constexpr const char* kBefore = R"(
table accounts {
  id      bigint primary key
  balance int not null
}
)";
constexpr const char* kAfter = R"(
table accounts {
  id      bigint primary key
  balance int not null
  note    varchar(40)
}
)";

struct Server {
  const char* name;
  const char* env;
  const char* admin_database;
  // Holds a lock that ALTER TABLE accounts must wait for, in an open transaction.
  std::vector<std::string> hold_lock;
  // Counts the sessions whose ALTER TABLE waits for that lock.
  const char* count_waiting;
  const char* count_column;  // 1 when accounts.note exists
  const char* last_run_status;
  // What apply's progress line says of the step while it waits for that lock.
  const char* waiting_phase;
};

const Server kPostgres{
    "postgres",
    "SCHEMAC_TEST_PG_URL",
    "postgres",
    {"BEGIN", "LOCK TABLE accounts IN ACCESS SHARE MODE"},
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'ALTER "
    "TABLE%accounts%'",
    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note'",
    "SELECT status FROM schemac_history ORDER BY id DESC LIMIT 1",
    "waiting for a lock (relation)"};

const Server kMariadb{
    "mariadb",
    "SCHEMAC_TEST_MYSQL_URL",
    "mysql",
    {"START TRANSACTION", "SELECT * FROM accounts"},
    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE = 'Waiting for table metadata lock' AND "
    "INFO LIKE 'ALTER TABLE%accounts%'",
    "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
    "'accounts' AND COLUMN_NAME = 'note'",
    "SELECT status FROM schemac_history ORDER BY id DESC LIMIT 1",
    "Waiting for table metadata lock"};

using test_support::SlurpFile;

class InterruptTest : public ::testing::TestWithParam<Server> {
 protected:
  void SetUp() override {
    const char* url = std::getenv(GetParam().env);
    if (url == nullptr || *url == '\0') GTEST_SKIP() << GetParam().env << " is not set; no server to test";
    server_url_ = url;
    database_ = std::string("schemac_interrupt_") + std::to_string(getpid());
    auto admin = dialects::Connect(UrlWithDatabase(server_url_, GetParam().admin_database));
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    ASSERT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database_).ok());
    ASSERT_TRUE(admin_->Execute("CREATE DATABASE " + database_).ok());
    url_ = UrlWithDatabase(server_url_, database_);
    dir_ = std::string(::testing::TempDir()) + "schemac_interrupt_" + std::to_string(getpid());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/before.schema") << kBefore;
    std::ofstream(dir_ + "/after.schema") << kAfter;
  }
  void TearDown() override {
    if (!admin_) return;
    (void)admin_->Execute("DROP DATABASE IF EXISTS " + database_);
    std::filesystem::remove_all(dir_);
  }

  // Starts `schemac args...` with no terminal; stdout and stderr go to files in dir_.
  pid_t Start(const std::vector<std::string>& args) {
    return test_support::StartChild(SCHEMAC_CLI_PATH, args, dir_ + "/out", dir_ + "/err");
  }
  static int WaitFor(pid_t pid, std::chrono::seconds limit) { return test_support::WaitForChild(pid, limit); }

  int Run(const std::vector<std::string>& args) { return WaitFor(Start(args), std::chrono::seconds(60)); }

  std::string Scalar(dialects::Connection& connection, const char* sql) {
    auto rows = connection.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok() || rows->empty() || rows->front().empty()) return "";
    return rows->front().front().value_or("NULL");
  }

  // Polls `sql` on `connection` until it returns `want`, for at most `limit`.
  bool Eventually(dialects::Connection& connection, const char* sql, const std::string& want,
                  std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Scalar(connection, sql) == want) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
  }

  std::string server_url_;
  std::string database_;
  std::string url_;
  std::string dir_;
  std::unique_ptr<dialects::Connection> admin_;
};

TEST_P(InterruptTest, SigintCancelsTheWaitingStatementAndTheRerunConverges) {
  const Server& server = GetParam();
  ASSERT_EQ(Run({"apply", "--url", url_, "--to", dir_ + "/before.schema", "--auto-approve"}), 0)
      << SlurpFile(dir_ + "/err");
  auto blocker = dialects::Connect(url_);
  auto observer = dialects::Connect(url_);
  ASSERT_TRUE(blocker.ok() && observer.ok());
  ASSERT_TRUE((*blocker)->Execute("INSERT INTO accounts (id, balance) VALUES (1, 10), (2, 20)").ok());
  for (const auto& sql : server.hold_lock) ASSERT_TRUE((*blocker)->Execute(sql).ok()) << sql;

  const pid_t pid = Start({"apply", "--url", url_, "--to", dir_ + "/after.schema", "--auto-approve",
                           "--lock-timeout", "60000", "--lock-retries", "0"});
  ASSERT_TRUE(Eventually(**observer, server.count_waiting, "1", std::chrono::seconds(30)))
      << "the step never started waiting for the lock; schemac said: " << SlurpFile(dir_ + "/err");
  ASSERT_EQ(kill(pid, SIGINT), 0);
  const int exit_code = WaitFor(pid, std::chrono::seconds(20));
  const std::string err = SlurpFile(dir_ + "/err");
  EXPECT_EQ(exit_code, 130) << err;
  EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  EXPECT_NE(err.find("No step was applied"), std::string::npos) << err;

  // The lock is still held, so only a cancel can have ended the wait.
  EXPECT_TRUE(Eventually(**observer, server.count_waiting, "0", std::chrono::seconds(2)))
      << "the ALTER TABLE still waits on the server after schemac exited";
  EXPECT_EQ(Scalar(**observer, server.count_column), "0");
  EXPECT_EQ(Scalar(**observer, server.last_run_status), "interrupted");

  ASSERT_TRUE((*blocker)->Execute("ROLLBACK").ok());
  ASSERT_EQ(Run({"apply", "--url", url_, "--to", dir_ + "/after.schema", "--auto-approve"}), 0)
      << SlurpFile(dir_ + "/err");
  EXPECT_EQ(Scalar(**observer, server.count_column), "1");
  EXPECT_EQ(Scalar(**observer, "SELECT COUNT(*) FROM accounts"), "2");
  EXPECT_EQ(Run({"plan", "--from", url_, "--to", dir_ + "/after.schema", "--exit-code"}), 0)
      << SlurpFile(dir_ + "/out");
  // The interrupted run and its step are in the history as `schemac history` shows it.
  ASSERT_EQ(Run({"history", "--url", url_}), 0) << SlurpFile(dir_ + "/err");
  const std::string history = SlurpFile(dir_ + "/out");
  EXPECT_NE(history.find("interrupted"), std::string::npos) << history;
  EXPECT_NE(history.find("done"), std::string::npos) << history;
}

// A step that waits says so while it waits (the progress watcher's line, without a terminal),
// and still ends with its own line once the lock is free.
TEST_P(InterruptTest, AWaitingStepReportsWhatItWaitsFor) {
  const Server& server = GetParam();
  ASSERT_EQ(Run({"apply", "--url", url_, "--to", dir_ + "/before.schema", "--auto-approve"}), 0)
      << SlurpFile(dir_ + "/err");
  auto blocker = dialects::Connect(url_);
  ASSERT_TRUE(blocker.ok());
  for (const auto& sql : server.hold_lock) ASSERT_TRUE((*blocker)->Execute(sql).ok()) << sql;

  const pid_t pid = Start({"apply", "--url", url_, "--to", dir_ + "/after.schema", "--auto-approve",
                           "--lock-timeout", "60000", "--lock-retries", "0", "--progress-interval", "200"});
  const std::string wanted = std::string(": ") + server.waiting_phase;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (SlurpFile(dir_ + "/out").find(wanted) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE((*blocker)->Execute("ROLLBACK").ok());
  const int exit_code = WaitFor(pid, std::chrono::seconds(30));
  const std::string out = SlurpFile(dir_ + "/out");
  EXPECT_EQ(exit_code, 0) << SlurpFile(dir_ + "/err");
  const std::size_t waiting = out.find("  [1/1] ");
  ASSERT_NE(waiting, std::string::npos) << out;
  EXPECT_NE(out.substr(waiting, out.find('\n', waiting) - waiting).find(wanted), std::string::npos) << out;
  const std::size_t done = out.find("\n[1/1] ", waiting);
  EXPECT_NE(done, std::string::npos) << out;
  EXPECT_NE(out.find(": done (", done), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Servers, InterruptTest, ::testing::Values(kPostgres, kMariadb),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace schemac
