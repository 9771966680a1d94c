// A uniquely named database on the server of SCHEMAC_TEST_PG_URL, dropped when the test ends.
#pragma once

#include <memory>
#include <string>

#include "dialects/postgres/connection.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::dialects::postgres::testing {

// The server URL from the environment, or empty (the test then calls GTEST_SKIP()).
std::string ServerUrl();

// `url` with its database part replaced by `database`.
using test_support::UrlWithDatabase;

class TestDatabase {
 public:
  // Creates database schemac_test_<pid>_<counter>_<suffix>. Check ok() (and error()) afterwards.
  explicit TestDatabase(const std::string& suffix);
  ~TestDatabase();

  bool ok() const { return connection_ != nullptr; }
  const std::string& error() const { return error_; }
  const std::string& url() const { return url_; }
  PostgresConnection& connection() { return *connection_; }
  // Runs SQL and returns an empty string, or the error message.
  std::string Run(const std::string& sql);

 private:
  std::string name_;
  std::string url_;
  std::string error_;
  std::unique_ptr<PostgresConnection> connection_;
};

// Runs a plan step's `up` the way `apply` does: before, statements (in a transaction when the
// script is transactional), after. The first error, with the step and statement as context.
Status ExecuteStep(Connection& connection, const PlanStep& step);

}  // namespace schemac::dialects::postgres::testing

// Skips the test without a server; fails it when the database cannot be made.
#define SCHEMAC_PG_TEST_DATABASE(var, suffix)                                               \
  if (::schemac::dialects::postgres::testing::ServerUrl().empty())                          \
    GTEST_SKIP() << "SCHEMAC_TEST_PG_URL is not set (start one with scripts/pg-server.sh)"; \
  ::schemac::dialects::postgres::testing::TestDatabase var(suffix);                         \
  ASSERT_TRUE(var.ok()) << var.error()
