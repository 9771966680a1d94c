// A live SQLite database, opened from a URL:
//   sqlite:///abs/path.db    an absolute path
//   sqlite://relative/path.db  a path relative to the working directory
//   sqlite::memory:          a private in-memory database (in-process only)
// optionally followed by ?mode=ro (read-only) or ?mode=rw.
//
// Opening never creates a missing file unless asked (`apply` creates; `plan` and `inspect` must
// not leave an empty database behind a typo). Foreign key enforcement is switched on.
// Not thread-safe: one connection, one thread. Owns its sqlite3 handle.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "dialects/database_url.hpp"
#include "dialects/dialect.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::sqlite {

struct SqliteUrl {
  std::string path;  // ":memory:" for an in-memory database
  bool in_memory = false;
  bool read_only = false;
};

bool IsSqliteUrl(const std::string& url);
// Reads a sqlite: URL (UrlShape::kFile); ?mode=ro|rw is its only option.
Result<SqliteUrl> ParseSqliteUrl(const DatabaseUrl& url);
// DatabaseUrl::Parse, then the above.
Result<SqliteUrl> ParseSqliteUrl(const std::string& url);

class SqliteConnection : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const DatabaseUrl& url, bool create_if_missing);
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& url, bool create_if_missing);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // The raw handle, owned by this connection (for the in-memory testing API).
  sqlite3* handle() const { return db_; }
  const SqliteUrl& url() const { return url_; }

  const Dialect& GetDialect() const override;
  Result<model::Schema> Inspect() override;
  Status Execute(const std::string& sql) override;
  Result<bool> QueryHasRows(const std::string& sql) override;
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  // flock() on the sidecar file "<db>.schemac-lock": released by the OS if the process dies.
  // A no-op for an in-memory database, which no other process can see.
  Status AcquireMigrationLock(int timeout_ms) override;
  Status ReleaseMigrationLock() override;
  std::string DisplayUrl() const override { return display_url_; }
  // sqlite3_interrupt, which SQLite documents as safe from another thread.
  Status CancelRunningStatement() override;

 private:
  SqliteConnection(sqlite3* db, SqliteUrl url, std::string display_url);

  sqlite3* db_;
  SqliteUrl url_;
  std::string display_url_;
  int lock_fd_ = -1;
};

}  // namespace schemac::dialects::sqlite
