#include "tests/dialects/postgres/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace schemac::dialects::postgres::testing {

std::string ServerUrl() {
  const char* url = std::getenv("SCHEMAC_TEST_PG_URL");
  return url ? std::string(url) : std::string();
}

TestDatabase::TestDatabase(const std::string& suffix) {
  static std::atomic<int> counter{0};
  name_ = "schemac_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" + suffix;
  auto admin = PostgresConnection::Open(ServerUrl());
  if (!admin.ok()) {
    error_ = admin.status().message();
    return;
  }
  Status created = (*admin)->Execute("CREATE DATABASE \"" + name_ + "\"");
  if (!created.ok()) {
    error_ = created.message();
    return;
  }
  url_ = UrlWithDatabase(ServerUrl(), name_);
  auto opened = PostgresConnection::Open(url_);
  if (!opened.ok()) {
    error_ = opened.status().message();
    return;
  }
  connection_ = std::move(*opened);
}

TestDatabase::~TestDatabase() {
  connection_.reset();
  if (url_.empty()) return;
  auto admin = PostgresConnection::Open(ServerUrl());
  if (admin.ok()) (void)(*admin)->Execute("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
}

std::string TestDatabase::Run(const std::string& sql) {
  Status status = connection_->Execute(sql);
  return status.ok() ? std::string() : status.message();
}

Status ExecuteStep(Connection& connection, const PlanStep& step) {
  for (const auto& sql : step.up.before) {
    if (Status s = connection.Execute(sql); !s.ok()) return s.WithContext(step.description + ": " + sql);
  }
  if (step.up.transactional) {
    if (Status s = connection.Begin(); !s.ok()) return s;
  }
  for (const auto& sql : step.up.OpeningSettings()) {
    if (Status s = connection.Execute(sql); !s.ok()) {
      if (step.up.transactional) (void)connection.Rollback();
      return s.WithContext(step.description + ": " + sql);
    }
  }
  for (const auto& sql : step.up.statements) {
    if (Status s = connection.Execute(sql); !s.ok()) {
      if (step.up.transactional) (void)connection.Rollback();
      return s.WithContext(step.description + ": " + sql);
    }
  }
  for (const auto& sql : step.up.verify) {
    auto rows = connection.QueryHasRows(sql);
    if (!rows.ok() || *rows) {
      if (step.up.transactional) (void)connection.Rollback();
      return Status(StatusCode::kDatabaseError, step.description + ": verify failed: " + sql);
    }
  }
  if (step.up.transactional) {
    if (Status s = connection.Commit(); !s.ok()) return s;
  }
  for (const auto& sql : step.up.ClosingSettings()) (void)connection.Execute(sql);
  for (const auto& sql : step.up.after) (void)connection.Execute(sql);
  return Status::Ok();
}

}  // namespace schemac::dialects::postgres::testing
