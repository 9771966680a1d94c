// A fresh, empty database for one golden case, removed when the object goes away.
//
// SQLite: a file in a new temporary directory (memory-backed /dev/shm when there is one). PostgreSQL /
// MariaDB: a uniquely named database created on the throwaway server that SCHEMAC_TEST_PG_URL /
// SCHEMAC_TEST_MYSQL_URL point at, and dropped afterwards, so cases never see each other's tables and may run
// in parallel.
#pragma once

#include <memory>
#include <string>

#include "dialects/dialect.hpp"
#include "schemac/status.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::golden {

class ScratchDatabase {
 public:
  // The database for `dialect`, or nullptr with `skip_reason` set when the dialect's server is not
  // configured (its environment variable is unset). Errors creating it are a Status.
  static Result<std::unique_ptr<ScratchDatabase>> Create(const std::string& dialect,
                                                         std::string* skip_reason);

  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  // Drops the database (close every connection to it first) or removes the SQLite directory.
  ~ScratchDatabase();

  const std::string& url() const { return url_; }
  // A new connection to the database.
  Result<std::unique_ptr<dialects::Connection>> Connect() const;

 private:
  ScratchDatabase() = default;

  std::string dialect_;
  std::string url_;
  std::string sqlite_dir_;                       // SQLite: the temporary directory
  std::string database_name_;                    // servers: the database created
  std::unique_ptr<dialects::Connection> admin_;  // servers: to drop it afterwards
};

// postgres://u@h:1/postgres?x=y -> postgres://u@h:1/<database>?x=y, and postgres://h/db?x=y -> "db".
using test_support::DatabaseOfUrl;
using test_support::UrlWithDatabase;

// The environment variable naming the server of `dialect`, or "" for SQLite.
std::string ServerUrlVariable(const std::string& dialect);

}  // namespace schemac::golden
