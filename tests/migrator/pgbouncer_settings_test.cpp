// Session settings through PgBouncer in transaction pooling mode, where each transaction (and each
// statement outside one) may run on any server connection of the pool and a session SET stays on
// that server connection for whichever client gets it next. After an apply through the pooler
// with distinctive timeouts, no server connection of the pool shows them: the steps in a
// transaction set them with SET LOCAL, and the step outside one (CREATE INDEX CONCURRENTLY)
// resets them. The control shows the test can fail: a plain session SET through the pooler does
// stay on a pooled server connection. Skipped without SCHEMAC_TEST_PG_URL and
// SCHEMAC_TEST_PGBOUNCER_URL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dialects/registry.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/database_url.hpp"
#include "tests/support/pooled_database.hpp"

#ifndef SCHEMAC_CLI_PATH
#error "SCHEMAC_CLI_PATH must name the built schemac binary"
#endif

namespace schemac {
namespace {

using test_support::SlurpFile;

// Values no server default and no other test uses, so seeing one means schemac's leaked.
constexpr const char* kLockTimeout = "4321";
constexpr const char* kStatementTimeout = "98765";

std::string WithOption(const std::string& url, const std::string& option) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + option;
}

// What one server connection of the pool says, read inside a transaction a client holds open.
struct PooledSession {
  std::string backend_pid;
  std::string lock_timeout;
  std::string statement_timeout;
};

class PgBouncerSettingsTest : public test_support::PooledDatabaseTest {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    CreatePooledDatabase("schemac_pooled_settings_" + std::to_string(getpid()) + "_" +
                         std::to_string(test->line()));
  }

  std::string Scalar(dialects::Connection& connection, const std::string& sql) {
    auto rows = connection.Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().message();
    if (!rows.ok() || rows->empty() || rows->front().empty()) return "";
    return rows->front().front().value_or("NULL");
  }

  // Runs the built CLI's apply through the pooler; its stderr is returned through `errors`.
  int Apply(const std::string& name, const std::string& schema, std::string& errors) {
    const std::string path = dir_ + "/" + name + ".schema";
    std::ofstream(path) << schema;
    const pid_t pid = test_support::StartChild(
        SCHEMAC_CLI_PATH,
        {"apply", "--url", WithOption(pooled_url_, "migration_lock=lease&lease_seconds=3600"), "--to", path,
         "--auto-approve", "--lock-timeout", kLockTimeout, "--statement-timeout", kStatementTimeout},
        dir_ + "/" + name + ".out", dir_ + "/" + name + ".err");
    const int code = test_support::WaitForChild(pid);
    errors = SlurpFile(dir_ + "/" + name + ".err");
    return code;
  }

  // Every server connection the pool holds for the database, as seen through the pooler: more
  // clients than there are server connections each hold a transaction open, so the pooler has
  // to hand each one its own server connection, the existing ones first.
  std::vector<PooledSession> EveryPooledSession() {
    const int servers = std::stoi(Scalar(*admin_, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" +
                                                      database_ + "' AND pid <> pg_backend_pid()"));
    std::vector<std::unique_ptr<dialects::Connection>> clients;
    std::vector<PooledSession> sessions;
    for (int i = 0; i < servers + 2; ++i) {
      auto client = dialects::Connect(pooled_url_);
      EXPECT_TRUE(client.ok()) << client.status().message();
      if (!client.ok()) return sessions;
      EXPECT_TRUE((*client)->Execute("BEGIN").ok());
      sessions.push_back(PooledSession{Scalar(**client, "SELECT pg_backend_pid()::text"),
                                       Scalar(**client, "SHOW lock_timeout"),
                                       Scalar(**client, "SHOW statement_timeout")});
      clients.push_back(std::move(*client));
    }
    for (auto& client : clients) (void)client->Execute("ROLLBACK");
    std::set<std::string> pids;
    for (const auto& session : sessions) pids.insert(session.backend_pid);
    EXPECT_EQ(pids.size(), sessions.size())
        << "the pooler shared a server connection between open transactions";
    EXPECT_GE(sessions.size(), static_cast<std::size_t>(servers));
    return sessions;
  }
};

TEST_F(PgBouncerSettingsTest, NoTimeoutOfAnApplyStaysOnAPooledServerConnection) {
  // Every server connection of the pool, after each apply: a later step's RESET could hide what
  // an earlier apply left behind.
  auto expect_no_timeouts_left = [&](const std::string& after) {
    ASSERT_NE(Scalar(*admin_, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database_ + "'"),
              "0")
        << "the pooler kept no server connection: nothing to look at";
    const std::vector<PooledSession> sessions = EveryPooledSession();
    ASSERT_FALSE(sessions.empty());
    for (const auto& session : sessions) {
      EXPECT_NE(session.lock_timeout, std::string(kLockTimeout) + "ms")
          << after << ": backend " << session.backend_pid;
      EXPECT_NE(session.statement_timeout, std::string(kStatementTimeout) + "ms")
          << after << ": backend " << session.backend_pid;
    }
  };
  std::string errors;
  // Steps in a transaction only: new tables.
  ASSERT_EQ(Apply("first", "table a {\n  id bigint primary key\n}\ntable b {\n  id bigint primary key\n}\n",
                  errors),
            0)
      << errors;
  EXPECT_EQ(errors.find("runs outside a transaction"), std::string::npos) << errors;
  expect_no_timeouts_left("after creating the tables");
  // On an existing table, a column (in a transaction) and an index built concurrently (outside
  // one).
  ASSERT_EQ(Apply("second",
                  "table a {\n  id bigint primary key\n  note text\n  index a_note_idx (note)\n}\n"
                  "table b {\n  id bigint primary key\n}\n",
                  errors),
            0)
      << errors;
  // Behind the pooler the step outside a transaction says its timeouts may not hold.
  EXPECT_NE(errors.find("runs outside a transaction"), std::string::npos) << errors;
  EXPECT_NE(errors.find("a_note_idx"), std::string::npos) << errors;
  expect_no_timeouts_left("after the index built concurrently");
}

// The old behaviour, by hand: a session SET through the pooler outlives the client's statement on
// the server connection, where another client of the pool reads it.
TEST_F(PgBouncerSettingsTest, ControlASessionSetThroughThePoolerStaysOnAServerConnection) {
  auto client = dialects::Connect(pooled_url_);
  ASSERT_TRUE(client.ok()) << client.status().message();
  ASSERT_TRUE((*client)->Execute(std::string("SET lock_timeout = '") + kLockTimeout + "ms'").ok());
  ASSERT_TRUE((*client)->Execute(std::string("SET statement_timeout = '") + kStatementTimeout + "ms'").ok());
  const std::vector<PooledSession> sessions = EveryPooledSession();
  std::size_t leaked = 0;
  for (const auto& session : sessions) {
    if (session.lock_timeout == std::string(kLockTimeout) + "ms" &&
        session.statement_timeout == std::string(kStatementTimeout) + "ms")
      ++leaked;
  }
  EXPECT_EQ(leaked, 1u) << "a plain SET through the pooler should stay on exactly one server connection";
}

}  // namespace
}  // namespace schemac
