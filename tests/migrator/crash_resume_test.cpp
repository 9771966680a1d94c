// Crash-resume against a real MariaDB server: an apply killed with SIGKILL at every step boundary
// must be finished by the next `schemac apply` (the built CLI), leaving an empty re-plan and every
// row intact.
//
// For each boundary k (0..n, n = number of plan steps) a forked child opens its own connection and
// runs migrator::Apply with an on_step hook that raises SIGKILL on itself once k steps have been
// applied (k = 0: as step 0 starts; k = n: right after the last step, before the run is recorded
// as done). No cooperation from the killed process, no clean disconnect: the server only sees
// the socket drop. The parent then runs the CLI binary to completion and checks the result.
// Skipped without SCHEMAC_TEST_MYSQL_URL.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

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

constexpr const char* kBefore = R"(
table users {
  id    bigint primary key
  email varchar(200) not null
}
table products {
  id    bigint primary key
  sku   varchar(64) not null
}
table orders {
  id         bigint primary key
  user_id    bigint not null
  product_id bigint not null
  quantity   int not null
}
)";

// Every change touches a table with rows: columns with defaults, unique and plain indexes, FKs.
constexpr const char* kAfter = R"(
table users {
  id         bigint primary key
  email      varchar(200) not null unique
  nickname   varchar(64)
  created_at timestamp not null default (CURRENT_TIMESTAMP)
}
table products {
  id          bigint primary key
  sku         varchar(64) not null unique
  price_cents bigint not null default 0
}
table orders {
  id         bigint primary key
  user_id    bigint not null references users(id)
  product_id bigint not null references products(id)
  quantity   int not null
  note       text
  index (user_id, quantity)
}
table audit_log {
  id      bigint primary key
  message text
}
)";

constexpr int kRows = 300;

model::Schema Parse(const char* text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "crash_resume.schema");
  EXPECT_TRUE(loaded.ok());
  return loaded.schema;
}

ApplyOptions Options() {
  ApplyOptions options;
  options.retry_base_delay = std::chrono::milliseconds(1);
  options.migration_lock_timeout_ms = 10000;
  return options;
}

// The rows, as one string: what must survive every crash unchanged.
std::string Snapshot(dialects::Connection& connection) {
  std::string out;
  for (const char* sql :
       {"SELECT id, email FROM users ORDER BY id", "SELECT id, sku FROM products ORDER BY id",
        "SELECT id, user_id, product_id, quantity FROM orders ORDER BY id"}) {
    auto rows = connection.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (!rows.ok()) return out;
    out += std::string(sql) + ": " + std::to_string(rows->size()) + " rows\n";
    for (const auto& row : *rows) {
      for (const auto& cell : row) out += (cell ? *cell : std::string("NULL")) + "|";
      out += '\n';
    }
  }
  return out;
}

class CrashResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SCHEMAC_TEST_MYSQL_URL");
    if (url == nullptr || *url == '\0')
      GTEST_SKIP() << "SCHEMAC_TEST_MYSQL_URL is not set; no server to test";
    server_url_ = url;
    auto admin = dialects::Connect(UrlWithDatabase(server_url_, "mysql"));
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    schema_path_ = std::string(::testing::TempDir()) + "crash_resume_" + std::to_string(getpid()) + ".schema";
    std::ofstream(schema_path_) << kAfter;
  }
  void TearDown() override {
    if (!schema_path_.empty()) std::remove(schema_path_.c_str());
  }

  // A fresh database at kBefore with kRows rows per table; returns its URL.
  std::string Prepare(const std::string& database) {
    EXPECT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database).ok());
    EXPECT_TRUE(admin_->Execute("CREATE DATABASE " + database).ok());
    const std::string url = UrlWithDatabase(server_url_, database);
    auto connection = dialects::Connect(url);
    EXPECT_TRUE(connection.ok()) << connection.status().message();
    if (!connection.ok()) return url;
    auto applied = Apply(**connection, Parse(kBefore), Options());
    EXPECT_TRUE(applied.ok()) << applied.status().message();
    std::string users = "INSERT INTO users VALUES ", products = "INSERT INTO products VALUES ",
                orders = "INSERT INTO orders VALUES ";
    for (int i = 1; i <= kRows; ++i) {
      const std::string sep = i == 1 ? "" : ",";
      const std::string n = std::to_string(i);
      users += sep + "(" + n + ",'user" + n + "@example.com')";
      products += sep + "(" + n + ",'SKU-" + n + "')";
      orders += sep + "(" + n + "," + std::to_string((i * 7) % kRows + 1) + "," +
                std::to_string((i * 13) % kRows + 1) + "," + std::to_string(i % 5 + 1) + ")";
    }
    EXPECT_TRUE((*connection)->Execute(users).ok());
    EXPECT_TRUE((*connection)->Execute(products).ok());
    EXPECT_TRUE((*connection)->Execute(orders).ok());
    return url;
  }

  // Forks a child that applies kAfter and SIGKILLs itself once `k` steps are applied. Returns the
  // signal that ended the child (0 when it exited instead).
  int ApplyAndKillAfter(const std::string& url, std::size_t k) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      auto connection = dialects::Connect(url);
      if (!connection.ok()) _exit(3);
      ApplyOptions options = Options();
      options.on_step = [k](const StepProgress& progress) {
        const bool before_step_k =
            k == 0 && progress.index == 0 && progress.event == StepProgress::Event::kStarted;
        const bool after_step_k =
            k > 0 && progress.index + 1 == k && progress.event == StepProgress::Event::kApplied;
        if (before_step_k || after_step_k) raise(SIGKILL);
      };
      auto applied = Apply(**connection, Parse(kAfter), options);
      _exit(applied.ok() ? 0 : 4);
    }
    int status = 0;
    EXPECT_EQ(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) return WTERMSIG(status);
    ADD_FAILURE() << "child exited with " << WEXITSTATUS(status) << " instead of being killed at step " << k;
    return 0;
  }

  int RunCli(const std::string& args) {
    const std::string command = std::string(SCHEMAC_CLI_PATH) + " " + args + " > /dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::string server_url_;
  std::string schema_path_;
  std::unique_ptr<dialects::Connection> admin_;
};

TEST_F(CrashResumeTest, KilledAtEveryStepBoundaryResumesToCompletion) {
  // The plan, from a database at kBefore.
  const std::string database = "schemac_crash_" + std::to_string(getpid());
  std::size_t steps = 0;
  {
    const std::string url = Prepare(database);
    auto connection = dialects::Connect(url);
    ASSERT_TRUE(connection.ok());
    ApplyOptions options = Options();
    options.dry_run = true;
    auto planned = Apply(**connection, Parse(kAfter), options);
    ASSERT_TRUE(planned.ok()) << planned.status().message();
    steps = planned->plan.steps.size();
  }
  ASSERT_GE(steps, 6u) << "the plan must be long enough to crash in the middle of";
  RecordProperty("plan_steps", static_cast<int>(steps));
  std::printf("plan of %zu steps; killing at each of %zu boundaries\n", steps, steps + 1);

  for (std::size_t k = 0; k <= steps; ++k) {
    SCOPED_TRACE("killed after " + std::to_string(k) + " of " + std::to_string(steps) + " steps");
    const std::string url = Prepare(database);
    std::string before;
    {
      auto connection = dialects::Connect(url);
      ASSERT_TRUE(connection.ok());
      before = Snapshot(**connection);
    }
    ASSERT_EQ(ApplyAndKillAfter(url, k), SIGKILL);

    ASSERT_EQ(
        RunCli("apply --url '" + url + "' --to '" + schema_path_ + "' --auto-approve --lock-timeout 10000"),
        0)
        << "schemac apply did not finish the interrupted migration";

    auto connection = dialects::Connect(url);
    ASSERT_TRUE(connection.ok());
    ApplyOptions options = Options();
    options.dry_run = true;
    auto replan = Apply(**connection, Parse(kAfter), options);
    ASSERT_TRUE(replan.ok()) << replan.status().message();
    EXPECT_TRUE(replan->plan.Empty()) << replan->plan.steps.size() << " steps left after resuming";
    EXPECT_EQ(Snapshot(**connection), before) << "rows changed across the crash";
  }
  EXPECT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database).ok());
}

}  // namespace
}  // namespace schemac::migrator
