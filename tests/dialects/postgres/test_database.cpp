#include "tests/dialects/postgres/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace schemac::dialects::postgres::testing {

std::string ServerUrl() {
  const char* url = std::getenv("SCHEMAC_TEST_PG_URL");
  return url ? std::string(url) : std::string();
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  std::size_t scheme = url.find("://");
  std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::size_t query = url.find('?');
  std::string base = url.substr(0, path == std::string::npos ? (query == std::string::npos ? url.size() : query) : path);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + tail;
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
  url_ = WithDatabase(ServerUrl(), name_);
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

}  // namespace schemac::dialects::postgres::testing
