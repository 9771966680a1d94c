// A uniquely named database on the test server (SCHEMAC_TEST_MYSQL_URL), dropped at the end, so
// tests can run in parallel against one shared server.
#pragma once

#include <memory>
#include <string>

#include "dialects/mysql/connection.hpp"

namespace schemac::dialects::mysql::testing {

// The server URL from SCHEMAC_TEST_MYSQL_URL, or "" when unset (tests then GTEST_SKIP).
std::string ServerUrl();

#define SCHEMAC_REQUIRE_MYSQL()                                                                             \
  do {                                                                                                      \
    if (::schemac::dialects::mysql::testing::ServerUrl().empty())                                           \
      GTEST_SKIP() << "SCHEMAC_TEST_MYSQL_URL is not set (start one: scripts/mariadb-server.sh start DIR)"; \
  } while (0)

class TestDatabase {
 public:
  // Creates the database and connects to it; check ok() / error() before use.
  TestDatabase();
  ~TestDatabase();

  bool ok() const { return connection_ != nullptr; }
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }
  // The server URL with this database as its path.
  const std::string& url() const { return url_; }
  MysqlConnection& connection() { return *connection_; }

  // Runs each ;-free statement, stopping at the first failure (returned as text, "" if fine).
  std::string Run(const std::vector<std::string>& statements);

  // Runs each step's up script the way apply does, checking that its precondition probe finds
  // no row before and a row after. Returns "" or what went wrong.
  std::string ApplySteps(const std::vector<PlanStep>& steps);

  // Inspects and normalizes with the connection's dialect.
  Result<model::Schema> InspectNormalized();

 private:
  std::string name_;
  std::string url_;
  std::string error_;
  std::unique_ptr<MysqlConnection> admin_;
  std::unique_ptr<MysqlConnection> connection_;
};

}  // namespace schemac::dialects::mysql::testing
