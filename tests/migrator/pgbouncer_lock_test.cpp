// The migration lock through PgBouncer in transaction pooling mode, where session advisory locks
// exclude nothing (consecutive statements run on different server sessions): with
// ?migration_lock=lease, eight concurrent applies of one schema (the built CLI, as deploys run
// it) apply it exactly once, and a holder killed with SIGKILL is taken over once its lease has
// expired. Skipped without SCHEMAC_TEST_PG_URL and SCHEMAC_TEST_PGBOUNCER_URL.
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
#include "tests/support/pooled_database.hpp"

#ifndef SCHEMAC_CLI_PATH
#error "SCHEMAC_CLI_PATH must name the built schemac binary"
#endif

namespace schemac {
namespace {

constexpr int kLeaseSeconds = 3;

using test_support::SlurpFile;

class PgBouncerLockTest : public test_support::PooledDatabaseTest {
 protected:
  void SetUp() override {
    CreatePooledDatabase("schemac_pooled_" + std::to_string(getpid()));
    if (IsSkipped() || HasFatalFailure()) return;
    pooled_url_ += "?migration_lock=lease&lease_seconds=" + std::to_string(kLeaseSeconds);
  }

  pid_t Start(const std::vector<std::string>& args, const std::string& name) {
    return test_support::StartChild(SCHEMAC_CLI_PATH, args, dir_ + "/" + name + ".out",
                                    dir_ + "/" + name + ".err");
  }
  static int Wait(pid_t pid) { return test_support::WaitForChild(pid); }

  std::string Scalar(dialects::Connection& connection, const std::string& sql) {
    auto rows = connection.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok() || rows->empty() || rows->front().empty()) return "";
    return rows->front().front().value_or("NULL");
  }

  std::string WriteSchema(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(PgBouncerLockTest, EightConcurrentAppliesApplyOnce) {
  std::string schema;
  for (int t = 0; t < 40; ++t) {
    schema += "table t" + std::to_string(t) + " {\n  id bigint primary key\n  note text\n}\n";
  }
  const std::string path = WriteSchema("many.schema", schema);
  std::vector<pid_t> runs;
  for (int i = 0; i < 8; ++i) {
    runs.push_back(
        Start({"apply", "--url", pooled_url_, "--to", path, "--auto-approve", "--lock-timeout", "60000"},
              "run" + std::to_string(i)));
  }
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(Wait(runs[static_cast<std::size_t>(i)]), 0)
        << SlurpFile(dir_ + "/run" + std::to_string(i) + ".err");
  }
  auto direct = dialects::Connect(direct_url_);
  ASSERT_TRUE(direct.ok()) << direct.status().message();
  // Exactly one run changed the database; the others found nothing left to do.
  EXPECT_EQ(Scalar(**direct, "SELECT count(*) FROM schemac_history"), "1");
  EXPECT_EQ(Scalar(**direct, "SELECT status FROM schemac_history"), "done");
  EXPECT_EQ(Scalar(**direct,
                   "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND "
                   "table_name ~ '^t[0-9]+$'"),
            "40");
  // Released on the way out: no lease is left behind.
  EXPECT_EQ(Scalar(**direct, "SELECT count(*) FROM schemac_lock"), "0");
}

TEST_F(PgBouncerLockTest, AHolderKilledWithSigkillIsTakenOverAfterItsLeaseExpires) {
  const std::string before = WriteSchema("before.schema", "table a {\n  id bigint primary key\n}\n");
  const std::string after =
      WriteSchema("after.schema", "table a {\n  id bigint primary key\n  note text\n}\n");
  const pid_t setup = Start({"apply", "--url", pooled_url_, "--to", before, "--auto-approve"}, "setup");
  ASSERT_EQ(Wait(setup), 0) << SlurpFile(dir_ + "/setup.err");

  // The holder's step waits for a lock held directly on the server; it is killed while it waits.
  auto blocker = dialects::Connect(direct_url_);
  auto observer = dialects::Connect(direct_url_);
  ASSERT_TRUE(blocker.ok() && observer.ok());
  ASSERT_TRUE((*blocker)->Execute("BEGIN").ok());
  ASSERT_TRUE((*blocker)->Execute("LOCK TABLE a IN ACCESS SHARE MODE").ok());
  const pid_t holder = Start({"apply", "--url", pooled_url_, "--to", after, "--auto-approve",
                              "--lock-timeout", "60000", "--lock-retries", "0"},
                             "holder");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (Scalar(**observer,
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE "
                "'ALTER TABLE%'") != "1") {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << SlurpFile(dir_ + "/holder.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(Scalar(**observer, "SELECT count(*) FROM schemac_lock"), "1");
  ASSERT_EQ(kill(holder, SIGKILL), 0);
  EXPECT_EQ(Wait(holder), -1);
  ASSERT_TRUE((*blocker)->Execute("ROLLBACK").ok());

  // The dead holder's row is still there; the next apply waits for it to expire, then takes over.
  const auto started = std::chrono::steady_clock::now();
  const pid_t next = Start({"apply", "--url", pooled_url_, "--to", after, "--auto-approve", "--lock-timeout",
                            std::to_string(kLeaseSeconds * 4 * 1000)},
                           "next");
  EXPECT_EQ(Wait(next), 0) << SlurpFile(dir_ + "/next.err");
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(500)) << "took over a lease that had not expired";
  EXPECT_EQ(Scalar(**observer,
                   "SELECT count(*) FROM information_schema.columns WHERE table_name = 'a' AND "
                   "column_name = 'note'"),
            "1");
  EXPECT_EQ(Scalar(**observer, "SELECT string_agg(status, ',' ORDER BY id) FROM schemac_history"),
            "done,interrupted,done");
  EXPECT_EQ(Scalar(**observer, "SELECT count(*) FROM schemac_lock"), "0");
}

}  // namespace
}  // namespace schemac
