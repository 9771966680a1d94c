#include "test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>

#include "dialects/mysql/render.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::dialects::mysql::testing {

using test_support::UrlWithDatabase;

std::string ServerUrl() {
  const char* url = std::getenv("SCHEMAC_TEST_MYSQL_URL");
  return url ? std::string(url) : std::string();
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  std::mt19937_64 random(std::random_device{}() ^ static_cast<unsigned long>(::getpid()));
  name_ = "sct_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(random() % 100000);
  // An administrative connection to the always-present `mysql` database creates ours.
  auto admin = MysqlConnection::Open(UrlWithDatabase(ServerUrl(), "mysql"));
  if (!admin.ok()) {
    error_ = admin.status().message();
    return;
  }
  admin_ = std::move(admin).value();
  Status created = admin_->Execute("CREATE DATABASE " + QuoteIdentifier(name_) +
                                   " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
  if (!created.ok()) {
    error_ = created.message();
    return;
  }
  url_ = UrlWithDatabase(ServerUrl(), name_);
  auto connection = MysqlConnection::Open(url_);
  if (!connection.ok()) {
    error_ = connection.status().message();
    return;
  }
  connection_ = std::move(connection).value();
}

TestDatabase::~TestDatabase() {
  connection_.reset();
  if (admin_) (void)admin_->Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(name_));
}

std::string TestDatabase::Run(const std::vector<std::string>& statements) {
  for (const auto& sql : statements) {
    Status status = connection_->Execute(sql);
    if (!status.ok()) return sql + "\n  -> " + status.message();
  }
  return "";
}

std::string TestDatabase::ApplySteps(const std::vector<PlanStep>& steps) {
  for (const PlanStep& step : steps) {
    if (step.up.transactional) return step.description + ": a MySQL step must not claim to be transactional";
    if (step.precondition_probe.empty()) return step.description + ": no precondition probe";
    auto before = connection_->QueryHasRows(step.precondition_probe);
    if (!before.ok()) return step.description + ": probe failed: " + before.status().message();
    if (*before)
      return step.description + ": probe says done before the step ran:\n  " + step.precondition_probe;
    for (const auto& query : step.up.precheck) {
      auto rows = connection_->Query(query);
      if (!rows.ok()) return step.description + ": precheck failed: " + rows.status().message();
      if (!rows->empty())
        return step.description + ": refused by precheck: " + rows->front().front().value_or("NULL");
    }
    std::vector<std::string> all = step.up.before;
    all.insert(all.end(), step.up.statements.begin(), step.up.statements.end());
    all.insert(all.end(), step.up.after.begin(), step.up.after.end());
    if (std::string error = Run(all); !error.empty()) return step.description + ": " + error;
    auto after = connection_->QueryHasRows(step.precondition_probe);
    if (!after.ok()) return step.description + ": probe failed: " + after.status().message();
    if (!*after)
      return step.description + ": probe says not done after the step ran:\n  " + step.precondition_probe;
  }
  return "";
}

Result<model::Schema> TestDatabase::InspectNormalized() {
  auto schema = connection_->Inspect();
  if (!schema.ok()) return schema.status();
  connection_->GetDialect().Normalize(*schema);
  return schema;
}

}  // namespace schemac::dialects::mysql::testing
