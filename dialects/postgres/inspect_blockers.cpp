#include "dialects/postgres/inspect_blockers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace schemac::dialects::postgres {
namespace {

// Enough holders to act on; a deploy blocked by dozens of sessions has a bigger problem.
constexpr int kMaxHolders = 3;
// Queries can be long; the start says what it is.
constexpr int kMaxQueryLength = 120;

// Relation locks only (not advisory or transaction ids), granted, in this database, held by
// anyone but us. A relation created in the holder's open transaction is invisible to our
// snapshot, so the name falls back to the oid. A prepared transaction holds locks without a pid.
constexpr fmt::string_view kHoldersQuery = R"(
SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence'
                      WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
       COALESCE(quote_ident(n.nspname) || '.' || quote_ident(c.relname), 'oid ' || l.relation::text),
       l.pid, a.state, left(regexp_replace(a.query, '\s+', ' ', 'g'), {max_query}),
       CASE WHEN l.pid IS NULL THEN true ELSE false END
FROM pg_locks l
LEFT JOIN pg_class c ON c.oid = l.relation
LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND l.granted AND l.mode = 'AccessExclusiveLock'
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.pid IS DISTINCT FROM pg_backend_pid()
ORDER BY 2, 3
LIMIT {limit})";

std::string Text(const std::vector<std::optional<std::string>>& row, std::size_t column) {
  return column < row.size() && row[column] ? *row[column] : std::string();
}

std::string DescribeHolder(const std::vector<std::optional<std::string>>& row) {
  const std::string kind = Text(row, 0);
  const std::string name = Text(row, 1);
  if (Text(row, 5) == "t")
    return kind + " " + name + " is locked by a prepared transaction (see pg_prepared_xacts)";
  std::string session = "pid " + Text(row, 2);
  if (!Text(row, 3).empty()) session += ", " + Text(row, 3);
  if (!Text(row, 4).empty()) {
    std::string query = Text(row, 4);
    if (query.size() >= static_cast<std::size_t>(kMaxQueryLength)) query += "...";
    session += ", last query `" + query + "`";
  }
  return kind + " " + name + " is locked by another session (" + session + ")";
}

}  // namespace

std::string DescribeExclusiveLockHolders(Connection& connection) {
  // One more than shown, to know whether there are more.
  auto rows = connection.Query(
      fmt::format(kHoldersQuery, fmt::arg("max_query", kMaxQueryLength), fmt::arg("limit", kMaxHolders + 1)));
  if (!rows.ok() || rows->empty()) return "";
  std::string description;
  const std::size_t shown = std::min(rows->size(), static_cast<std::size_t>(kMaxHolders));
  for (std::size_t i = 0; i < shown; ++i) {
    if (!description.empty()) description += "; ";
    description += DescribeHolder((*rows)[i]);
  }
  if (rows->size() > shown) description += "; and more";
  return description;
}

}  // namespace schemac::dialects::postgres
