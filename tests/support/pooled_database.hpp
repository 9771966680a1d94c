// A database of its own on the PostgreSQL server behind the test PgBouncer, for the tests that go
// through the pooler: reachable directly (`direct_url_`) and through PgBouncer (`pooled_url_`,
// without options), with a scratch directory. Skipped, visibly, without SCHEMAC_TEST_PG_URL and
// SCHEMAC_TEST_PGBOUNCER_URL. Dropped afterwards, once the server connections PgBouncer keeps
// open to it are ended.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "dialects/registry.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::test_support {

class PooledDatabaseTest : public ::testing::Test {
 protected:
  // Call first in SetUp, then `if (IsSkipped() || HasFatalFailure()) return;`.
  void CreatePooledDatabase(const std::string& name) {
    const char* direct = std::getenv("SCHEMAC_TEST_PG_URL");
    const char* pooled = std::getenv("SCHEMAC_TEST_PGBOUNCER_URL");
    if (direct == nullptr || *direct == '\0' || pooled == nullptr || *pooled == '\0')
      GTEST_SKIP() << "SCHEMAC_TEST_PG_URL or SCHEMAC_TEST_PGBOUNCER_URL is not set; no pooler to test";
    database_ = name;
    auto admin = dialects::Connect(direct);
    ASSERT_TRUE(admin.ok()) << admin.status().message();
    admin_ = std::move(*admin);
    ASSERT_TRUE(admin_->Execute("DROP DATABASE IF EXISTS " + database_).ok());
    ASSERT_TRUE(admin_->Execute("CREATE DATABASE " + database_).ok());
    direct_url_ = UrlWithDatabase(direct, database_);
    pooled_url_ = UrlWithDatabase(pooled, database_);
    dir_ = std::string(::testing::TempDir()) + database_;
    std::filesystem::create_directories(dir_);
  }

  void TearDown() override {
    if (!admin_) return;
    // PgBouncer keeps server connections to the database open; end them so it can be dropped.
    (void)admin_->Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                          database_ + "' AND pid <> pg_backend_pid()");
    (void)admin_->Execute("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    std::filesystem::remove_all(dir_);
  }

  std::string database_;
  std::string direct_url_;
  std::string pooled_url_;
  std::string dir_;
  std::unique_ptr<dialects::Connection> admin_;
};

}  // namespace schemac::test_support
