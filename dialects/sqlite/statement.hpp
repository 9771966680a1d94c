// Running SQL on a raw sqlite3 handle, with SQLite's result codes turned into schemac Statuses.
// Shared by the connection and the inspector (which also serves the in-memory testing API, where
// only a sqlite3* exists).
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::dialects::sqlite {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

// Runs `sql` (one or more statements) and discards any rows.
Status ExecuteSql(sqlite3* db, const std::string& sql);
// Runs one query and returns every row, each value as text (NULL as nullopt).
Result<Rows> QueryRows(sqlite3* db, const std::string& sql);
// The Status for SQLite result code `rc` on `db` while running `sql`: kLockTimeout for a busy or
// locked database (retryable), a clear message for read-only and non-database files.
Status SqliteStatus(sqlite3* db, int rc, const std::string& sql);

}  // namespace schemac::dialects::sqlite
