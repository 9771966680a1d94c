#include "dialects/sqlite/connection.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "dialects/sqlite/dialect.hpp"
#include "dialects/sqlite/inspect.hpp"
#include "dialects/sqlite/statement.hpp"

namespace schemac::dialects::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 1000;

Status BadUrl(const DatabaseUrl& url, const std::string& why) {
  return Status(StatusCode::kInvalidArgument, "invalid SQLite URL '" + url.Masked() + "': " + why);
}

Status ApplyOptions(const DatabaseUrl& url, SqliteUrl& parsed) {
  for (const auto& [key, value] : url.options()) {
    if (key == "mode" && value == "ro") {
      parsed.read_only = true;
    } else if (key == "mode" && value == "rw") {
      parsed.read_only = false;
    } else {
      return BadUrl(url, "unknown parameter '" + key + "=" + value + "' (supported: mode=ro, mode=rw)");
    }
  }
  if (url.has_password()) return BadUrl(url, "SQLite databases take no password");
  return Status::Ok();
}

bool FileExists(const std::string& path, bool& is_directory) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  is_directory = S_ISDIR(info.st_mode);
  return true;
}

std::string ParentDirectory(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status CheckFileBeforeOpen(const SqliteUrl& url, bool create_if_missing) {
  bool is_directory = false;
  if (!FileExists(url.path, is_directory)) {
    if (!create_if_missing || url.read_only) {
      return Status(StatusCode::kNotFound, "SQLite database file not found: " + url.path +
                                               " (only `apply` creates a missing database)");
    }
    bool parent_is_directory = false;
    const std::string parent = ParentDirectory(url.path);
    if (!FileExists(parent, parent_is_directory) || !parent_is_directory) {
      return Status(StatusCode::kNotFound, "cannot create SQLite database " + url.path + ": directory " +
                                               parent + " does not exist");
    }
    return Status::Ok();
  }
  if (is_directory) {
    return Status(StatusCode::kInvalidArgument, "SQLite database path is a directory: " + url.path);
  }
  if (::access(url.path.c_str(), R_OK) != 0) {
    return Status(StatusCode::kIoError,
                  "cannot read SQLite database file " + url.path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

bool IsSqliteUrl(const std::string& url) { return DatabaseUrl::SchemeOf(url) == "sqlite"; }

Result<SqliteUrl> ParseSqliteUrl(const DatabaseUrl& url) {
  if (url.scheme() != "sqlite") {
    return BadUrl(url, "expected sqlite:///abs/path.db, sqlite://relative/path.db or sqlite::memory:");
  }
  SqliteUrl parsed;
  parsed.in_memory = url.in_memory();
  parsed.path = url.path();
  if (Status status = ApplyOptions(url, parsed); !status.ok()) return status;
  return parsed;
}

Result<SqliteUrl> ParseSqliteUrl(const std::string& text) {
  Result<DatabaseUrl> url = DatabaseUrl::Parse(text, UrlShape::kFile);
  if (!url.ok()) return url.status();
  return ParseSqliteUrl(*url);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& text,
                                                                 bool create_if_missing) {
  Result<DatabaseUrl> url = DatabaseUrl::Parse(text, UrlShape::kFile);
  if (!url.ok()) return url.status();
  return Open(*url, create_if_missing);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const DatabaseUrl& url,
                                                                 bool create_if_missing) {
  Result<SqliteUrl> parsed = ParseSqliteUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->in_memory) {
    if (Status status = CheckFileBeforeOpen(*parsed, create_if_missing); !status.ok()) return status;
  }
  int flags = parsed->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!parsed->read_only && (create_if_missing || parsed->in_memory)) flags |= SQLITE_OPEN_CREATE;

  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(parsed->path.c_str(), &db, flags, nullptr);
  // From here on the connection owns `db` (sqlite3_open_v2 allocates it even on failure).
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, *parsed, url.Masked()));
  if (rc != SQLITE_OK) {
    return SqliteStatus(db, rc, "").WithContext("opening SQLite database " + parsed->path);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // Reading the catalog is where SQLite notices a file that is not a database.
  if (Result<Rows> probe = QueryRows(db, "SELECT count(*) FROM sqlite_schema"); !probe.ok()) {
    return probe.status().WithContext("opening SQLite database " + parsed->path);
  }
  if (Status status = ExecuteSql(db, "PRAGMA foreign_keys = ON"); !status.ok()) {
    return status.WithContext("opening SQLite database " + parsed->path);
  }
  return connection;
}

SqliteConnection::SqliteConnection(sqlite3* db, SqliteUrl url, std::string display_url)
    : db_(db), url_(std::move(url)), display_url_(std::move(display_url)) {}

SqliteConnection::~SqliteConnection() {
  ReleaseMigrationLock();
  sqlite3_close_v2(db_);
}

const Dialect& SqliteConnection::GetDialect() const { return SqliteDialectInstance(); }

Result<model::Schema> SqliteConnection::Inspect() { return InspectDatabase(db_); }

Status SqliteConnection::Execute(const std::string& sql) { return ExecuteSql(db_, sql); }

Result<bool> SqliteConnection::QueryHasRows(const std::string& sql) {
  Result<Rows> rows = QueryRows(db_, sql);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Result<std::vector<std::vector<std::optional<std::string>>>> SqliteConnection::Query(const std::string& sql) {
  return QueryRows(db_, sql);
}

// IMMEDIATE takes the write lock at once, so a migration never fails half-way on a busy database.
Status SqliteConnection::Begin() { return ExecuteSql(db_, "BEGIN IMMEDIATE"); }
Status SqliteConnection::Commit() { return ExecuteSql(db_, "COMMIT"); }
Status SqliteConnection::Rollback() {
  if (sqlite3_get_autocommit(db_))
    return Status::Ok();  // SQLite already rolled back (e.g. on a constraint error)
  return ExecuteSql(db_, "ROLLBACK");
}

Status SqliteConnection::AcquireMigrationLock(int timeout_ms) {
  if (url_.in_memory || lock_fd_ >= 0) return Status::Ok();
  const std::string lock_path = url_.path + ".schemac-lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status(StatusCode::kIoError,
                  "cannot open the migration lock file " + lock_path + ": " + std::strerror(errno));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return Status(StatusCode::kIoError, "cannot lock " + lock_path + ": " + why);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      return Status(StatusCode::kLockTimeout, "another schemac migration holds the lock on " + url_.path +
                                                  " (waited " + std::to_string(timeout_ms) + " ms for " +
                                                  lock_path + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  lock_fd_ = fd;
  return Status::Ok();
}

Status SqliteConnection::ReleaseMigrationLock() {
  if (lock_fd_ < 0) return Status::Ok();
  // The lock file stays: removing it would let a waiter lock an unlinked file while a newcomer
  // locks a fresh one.
  ::flock(lock_fd_, LOCK_UN);
  ::close(lock_fd_);
  lock_fd_ = -1;
  return Status::Ok();
}

}  // namespace schemac::dialects::sqlite
