// An independent reading of a database's catalog, for tests that judge convergence without
// asking schemac: schemac's own plan cannot see what its model lacks (a clause inspect drops
// compares equal on both sides), so a migrated database is compared, catalog against catalog,
// with a database built directly.
//
// Never uses schemac's Inspect or model: only raw catalog queries through Connection::Query.
// The snapshot is a sorted list of lines ("table users column email: type=text ..."), one fact
// per line, so two snapshots compare as sets and a difference reads as a -/+ line diff.
//
// What counts and what does not:
// - Order carries meaning where the database gives it one (enum values, index and key columns,
//   foreign key column pairs) and none elsewhere (tables, indexes, constraints, triggers).
// - Column order does not count: schemac appends added columns and deliberately does not diff
//   column positions, so columns are compared as a set.
// - Names of the database itself (MySQL's schema, a SQLite file path) never appear; PostgreSQL
//   schema names do. Schemac's bookkeeping tables (schemac_*) are left out.
// - Server-chosen names are kept (an index MySQL named for a foreign key, a SQLite autoindex is
//   named by its columns instead of its number, which depends on clause order only).
// Per dialect, see catalog_reader_<dialect>.cpp for what is read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schemac/status.hpp"

namespace schemac::test_support {

struct CatalogSnapshot {
  std::vector<std::string> lines;  // sorted; one fact of the catalog per line
};

// The catalog of the database `connection` is connected to, for its dialect (GetDialect().Name()).
// Leaves the connection as it found it (PostgreSQL reads inside a transaction rolled back).
Result<CatalogSnapshot> ReadCatalog(dialects::Connection& connection);

Result<CatalogSnapshot> ReadSqliteCatalog(dialects::Connection& connection);
Result<CatalogSnapshot> ReadPostgresCatalog(dialects::Connection& connection);
Result<CatalogSnapshot> ReadMysqlCatalog(dialects::Connection& connection);

// "" when the snapshots are equal; otherwise every differing line, "- " for a line only
// `expected` has and "+ " for one only `actual` has, in line order.
std::string DiffCatalogs(const CatalogSnapshot& expected, const CatalogSnapshot& actual);

// Helpers shared by the readers (also tested on their own).
namespace catalog_text {
using Rows = std::vector<std::vector<std::optional<std::string>>>;
// The cell as text, "NULL" for SQL NULL.
std::string Cell(const std::vector<std::optional<std::string>>& row, std::size_t index);
// Runs `sql`, with `what` in the error.
Result<Rows> QueryRows(dialects::Connection& connection, const std::string& sql, const std::string& what);
// Runs of whitespace (spaces, tabs, newlines) outside quotes collapsed to one space, trimmed.
std::string CollapseWhitespace(const std::string& text);
// 'text' as an SQL string literal (quotes doubled): values containing spaces stay readable.
std::string Quoted(const std::string& text);
}  // namespace catalog_text

}  // namespace schemac::test_support
