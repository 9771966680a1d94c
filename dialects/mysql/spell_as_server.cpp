#include "dialects/mysql/spell_as_server.hpp"

#include <cctype>
#include <set>
#include <vector>

#include "dialects/mysql/render.hpp"
#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {
namespace {

constexpr const char* kScratchPrefix = "schemac_scratch_";

// A refusal of one object leaves it unspelled; a lock timeout stops the plan, as on PostgreSQL.
// (The driver reports "access denied" as a connection error, so that code cannot tell a lost
// connection: one really lost fails the USE and DROP DATABASE that always follow.)
bool IsFatal(const Status& status) { return status.code() == StatusCode::kLockTimeout; }

std::string Lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Cell(const std::vector<std::optional<std::string>>& row, std::size_t column) {
  return column < row.size() && row[column] ? *row[column] : std::string();
}

// Scratch databases whose session is gone: left by a schemac that was killed between creating
// and dropping one. A live session's is never touched.
Status DropAbandonedScratchDatabases(Connection& connection) {
  auto rows = connection.Query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'schemac\\_scratch\\_%' "
      "AND SUBSTRING(SCHEMA_NAME, 17) NOT IN (SELECT CAST(ID AS CHAR) FROM information_schema.PROCESSLIST)");
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    if (Status dropped = connection.Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(Cell(row, 0)));
        !dropped.ok() && IsFatal(dropped))
      return dropped;
  }
  return Status::Ok();
}

// The views of `views`, created in `scratch` in rounds: each round creates those whose relations
// exist by now (a view over a view after it); a round that creates none ends it.
Status CreateViews(Connection& connection, std::vector<model::View>& views) {
  std::vector<const model::View*> pending;
  for (const auto& view : views) pending.push_back(&view);
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    std::vector<const model::View*> still_pending;
    for (const model::View* view : pending) {
      // A plain view: the stored query is the same whatever the options, and a check option could
      // refuse a query that the real CREATE reports itself.
      model::View probe;
      probe.name = view->name;
      probe.columns = view->columns;
      probe.query = view->query;
      Status created = connection.Execute(RenderCreateView(probe, false));
      if (created.ok()) {
        progress = true;
      } else if (IsFatal(created)) {
        return created;
      } else {
        still_pending.push_back(view);
      }
    }
    pending = std::move(still_pending);
  }
  return Status::Ok();
}

Status SpellIn(Connection& connection, const std::string& database, const std::string& scratch,
               model::Namespace& ns) {
  auto tables = connection.Query(
      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = "
      "'BASE TABLE'");
  if (!tables.ok()) return tables.status();
  // Only the tables a view's text names (by a case-insensitive search: a few too many is harmless).
  std::string all_queries;
  for (const auto& view : ns.views) all_queries += Lowered(view.query) + "\n";
  for (const auto& row : *tables) {
    const std::string table = Cell(row, 0);
    if (all_queries.find(Lowered(table)) == std::string::npos) continue;
    Status copied =
        connection.Execute("CREATE TABLE " + QuoteIdentifier(scratch) + "." + QuoteIdentifier(table) +
                           " LIKE " + QuoteIdentifier(database) + "." + QuoteIdentifier(table));
    if (!copied.ok() && IsFatal(copied)) return copied;
  }
  if (Status used = connection.Execute("USE " + QuoteIdentifier(scratch)); !used.ok()) return used;
  Status created = CreateViews(connection, ns.views);
  Status back = connection.Execute("USE " + QuoteIdentifier(database));
  if (!created.ok()) return created;
  if (!back.ok()) return back;
  auto spelled = connection.Query(
      "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE "
      "TABLE_SCHEMA = " +
      QuoteString(scratch));
  if (!spelled.ok()) return spelled.status();
  for (const auto& row : *spelled) {
    for (auto& view : ns.views) {
      // A column list and SELECT * are refused with the way to write them (dialect.cpp): kept
      // as written so that the refusal still sees them.
      if (view.name != Cell(row, 0) || !view.columns.empty() || SelectsStar(view.query)) continue;
      view.query = StripDatabaseQualifier(Cell(row, 1), scratch);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ScratchDatabaseName(unsigned long session_id) {
  return kScratchPrefix + std::to_string(session_id);
}

Status SpellViewsInScratchDatabase(Connection& connection, const std::string& database,
                                   unsigned long session_id, model::Schema& desired) {
  model::Namespace* ns = desired.FindNamespace("");
  if (ns == nullptr || ns->views.empty() || database.empty()) return Status::Ok();
  if (Status dropped = DropAbandonedScratchDatabases(connection); !dropped.ok() && IsFatal(dropped))
    return dropped;
  const std::string scratch = ScratchDatabaseName(session_id);
  Status made = connection.Execute("CREATE DATABASE " + QuoteIdentifier(scratch));
  if (!made.ok()) {
    // Not allowed here (access denied): the offline normalizer alone decides.
    if (IsFatal(made)) return made;
    return Status::Ok();
  }
  Status spelled = SpellIn(connection, database, scratch, *ns);
  Status dropped = connection.Execute("DROP DATABASE IF EXISTS " + QuoteIdentifier(scratch));
  if (!spelled.ok()) return spelled.WithContext("spelling views in scratch database " + scratch);
  if (!dropped.ok()) return dropped.WithContext("dropping scratch database " + scratch);
  return Status::Ok();
}

}  // namespace schemac::dialects::mysql
