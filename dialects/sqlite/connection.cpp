#include "dialects/sqlite/connection.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
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

namespace {

// Who holds the migration lock, written into the lock file by its holder so that a waiter can say so.
std::string LockHolderLine() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown host");
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char since[32];
  std::strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return "pid " + std::to_string(::getpid()) + " on " + host + " since " + since;
}

std::string ReadLockHolder(int fd) {
  char buffer[512] = {};
  const ssize_t read = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (read <= 0) return "";
  std::string holder(buffer, static_cast<std::size_t>(read));
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) holder.pop_back();
  return holder;
}

// True when `fd` is still the file at `path`: the previous holder removes the lock file when it lets
// go, so a waiter that got the lock of a removed file must start over on the new one.
bool StillAtPath(int fd, const std::string& path) {
  struct stat open_file {};
  struct stat at_path {};
  if (::fstat(fd, &open_file) != 0 || ::stat(path.c_str(), &at_path) != 0) return false;
  return open_file.st_dev == at_path.st_dev && open_file.st_ino == at_path.st_ino;
}

}  // namespace

// flock on "<database>.schemac-lock", which holds the holder's pid, host and start time while it is
// held and is removed when it is released (nothing is left next to the database).
Status SqliteConnection::AcquireMigrationLock(int timeout_ms) {
  if (url_.in_memory || lock_fd_ >= 0) return Status::Ok();
  const std::string lock_path = url_.path + ".schemac-lock";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  while (true) {
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return Status(StatusCode::kIoError,
                    "cannot open the migration lock file " + lock_path + ": " + std::strerror(errno));
    }
    bool locked = false;
    while (!locked) {
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        locked = true;
        break;
      }
      if (errno != EWOULDBLOCK && errno != EINTR) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        return Status(StatusCode::kIoError, "cannot lock " + lock_path + ": " + why);
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        const std::string holder = ReadLockHolder(fd);
        ::close(fd);
        return Status(StatusCode::kLockTimeout, "another schemac apply holds the migration lock of " +
                                                    url_.path + (holder.empty() ? "" : " (" + holder + ")") +
                                                    "; waited " + std::to_string(timeout_ms) + " ms");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!StillAtPath(fd, lock_path)) {  // released and removed while we waited: take the new one
      ::close(fd);
      continue;
    }
    const std::string holder = LockHolderLine() + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, holder.data(), holder.size(), 0) < 0) {
      // The holder line is for messages only: a lock without it is still a lock.
    }
    lock_fd_ = fd;
    return Status::Ok();
  }
}

Status SqliteConnection::ReleaseMigrationLock() {
  if (lock_fd_ < 0) return Status::Ok();
  // Removed while still locked: a waiter then finds that its file is no longer at the path and
  // starts over (StillAtPath), so two runs never hold locks on two different files at once.
  ::unlink((url_.path + ".schemac-lock").c_str());
  ::flock(lock_fd_, LOCK_UN);
  ::close(lock_fd_);
  lock_fd_ = -1;
  return Status::Ok();
}

Status SqliteConnection::CancelRunningStatement() {
  sqlite3_interrupt(db_);
  return Status::Ok();
}

}  // namespace schemac::dialects::sqlite
