#include "dialects/sqlite/statement.hpp"

#include <memory>

namespace schemac::dialects::sqlite {
namespace {

struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

std::string Shortened(const std::string& sql) {
  constexpr std::size_t kMax = 300;
  return sql.size() <= kMax ? sql : sql.substr(0, kMax) + "...";
}

}  // namespace

Status SqliteStatus(sqlite3* db, int rc, const std::string& sql) {
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string where = sql.empty() ? "" : " (in: " + Shortened(sql) + ")";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(StatusCode::kLockTimeout,
                    "the SQLite database is locked by another connection: " + detail + where);
    case SQLITE_READONLY:
      return Status(
          StatusCode::kDatabaseError,
          "the SQLite database is read-only (opened with ?mode=ro, or the file or its directory is not "
          "writable): " +
              detail + where);
    case SQLITE_NOTADB:
      return Status(StatusCode::kInvalidArgument, "the file is not a SQLite database: " + detail);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      return Status(StatusCode::kIoError, "cannot access the SQLite database file: " + detail + where);
    default:
      return Status(StatusCode::kDatabaseError, detail + where);
  }
}

Status ExecuteSql(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);  // sqlite3_errmsg still holds the message
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, sql);
  return Status::Ok();
}

Result<Rows> QueryRows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
  StatementPtr statement(raw);
  if (rc != SQLITE_OK) return SqliteStatus(db, rc, sql);
  Rows rows;
  if (!statement) return rows;  // empty text or only a comment
  const int columns = sqlite3_column_count(statement.get());
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    std::vector<std::optional<std::string>> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) {
      if (sqlite3_column_type(statement.get(), i) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), i));
        row.emplace_back(
            std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement.get(), i))));
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return SqliteStatus(db, rc, sql);
  return rows;
}

}  // namespace schemac::dialects::sqlite
