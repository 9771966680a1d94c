// MySQL / MariaDB: information_schema, for the connection's database (DATABASE()) only, its name
// taken out of every definition the server qualifies with it (views, triggers, routines), so two
// databases of different names compare. DEFINER is read: both sides are built by the same user, so
// it differs only where a plan set another one or failed to keep one. Counters (AUTO_INCREMENT,
// row counts) are data.
#include <algorithm>
#include <map>

#include "tests/support/catalog_reader.hpp"

namespace schemac::test_support {
namespace {

using catalog_text::Cell;
using catalog_text::CollapseWhitespace;
using catalog_text::QueryRows;
using catalog_text::Quoted;

constexpr const char* kNotBookkeeping = " AND LEFT(TABLE_NAME, 8) <> 'schemac_'";

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

Result<CatalogSnapshot> ReadMysqlCatalog(dialects::Connection& connection) {
  auto identity = QueryRows(connection, "SELECT DATABASE(), VERSION()", "database name");
  if (!identity.ok()) return identity.status();
  if (identity->empty() || !(*identity)[0][0]) {
    return Status(StatusCode::kInvalidArgument, "reading the catalog: the connection has no database");
  }
  const std::string database = *(*identity)[0][0];
  const bool mariadb = Cell((*identity)[0], 1).find("MariaDB") != std::string::npos;
  // `db`.`t` -> `t`: the reference database has another name.
  auto unqualified = [&](const std::string& text) {
    return CollapseWhitespace(ReplaceAll(ReplaceAll(text, "`" + database + "`.", ""), database + ".", ""));
  };

  // MariaDB writes Aria's page_checksum=1 into CREATE_OPTIONS after any copying ALTER of an Aria
  // table (and keeps it when the engine changes), where CREATE TABLE leaves the server default
  // implicit: the same table. Left out when it is the server default.
  bool page_checksum_by_default = false;
  if (mariadb) {
    auto setting = QueryRows(connection, "SELECT @@GLOBAL.aria_page_checksum", "aria_page_checksum");
    page_checksum_by_default = setting.ok() && !setting->empty() && Cell((*setting)[0], 0) == "1";
  }
  auto table_options = [&](const std::string& options) {
    if (!page_checksum_by_default) return options;
    std::string kept;
    std::size_t start = 0;
    while (start <= options.size()) {
      std::size_t end = options.find(' ', start);
      if (end == std::string::npos) end = options.size();
      const std::string option = options.substr(start, end - start);
      if (!option.empty() && option != "page_checksum=1") kept += (kept.empty() ? "" : " ") + option;
      start = end + 1;
    }
    return kept;
  };

  CatalogSnapshot snapshot;
  auto add = [&](const std::string& what, const std::string& sql, auto&& line) -> Status {
    auto rows = QueryRows(connection, sql, what);
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) snapshot.lines.push_back(line(row));
    return Status::Ok();
  };
  using Row = catalog_text::Rows::value_type;
  const std::string in_database = " WHERE TABLE_SCHEMA = DATABASE()";

  Status status =
      add("tables",
          "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT, "
          "ROW_FORMAT FROM information_schema.TABLES" +
              in_database + kNotBookkeeping,
          [&](const Row& r) {
            return "table " + Cell(r, 0) + ": type=" + Quoted(Cell(r, 1)) + " engine=" + Cell(r, 2) +
                   " collation=" + Cell(r, 3) + " options=" + Quoted(table_options(Cell(r, 4))) +
                   " comment=" + Quoted(Cell(r, 5)) + " row_format=" + Cell(r, 6);
          });
  if (status.ok()) {
    status = add("columns",
                 "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                 "GENERATION_EXPRESSION, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_COMMENT FROM "
                 "information_schema.COLUMNS" +
                     in_database + kNotBookkeeping,
                 [](const Row& r) {
                   return "table " + Cell(r, 0) + " column " + Cell(r, 1) + ": type=" + Cell(r, 2) +
                          " nullable=" + Cell(r, 3) + " default=" + (r[4] ? Quoted(*r[4]) : "NULL") +
                          " extra=" + Quoted(Cell(r, 5)) + " generated=" + Quoted(Cell(r, 6)) +
                          " charset=" + Cell(r, 7) + " collation=" + Cell(r, 8) +
                          " comment=" + Quoted(Cell(r, 9));
                 });
  }
  if (status.ok()) {
    // One line per index, its columns in key order (with prefix length and direction).
    auto rows =
        QueryRows(connection,
                  "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, "
                  "INDEX_TYPE, COMMENT, INDEX_COMMENT FROM information_schema.STATISTICS" +
                      in_database + kNotBookkeeping + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
                  "indexes");
    if (!rows.ok()) return rows.status();
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> indexes;
    for (const auto& r : *rows) {
      auto& [head, columns] = indexes[{Cell(r, 0), Cell(r, 1)}];
      head = "non_unique=" + Cell(r, 2) + " type=" + Cell(r, 6) + " comment=" + Quoted(Cell(r, 7)) +
             " index_comment=" + Quoted(Cell(r, 8));
      columns +=
          (columns.empty() ? "" : ", ") + Cell(r, 3) + (r[4] ? "(" + *r[4] + ")" : "") + " " + Cell(r, 5);
    }
    for (const auto& [key, value] : indexes) {
      snapshot.lines.push_back("table " + key.first + " index " + key.second + ": " + value.first +
                               " keys=[" + value.second + "]");
    }
  }
  if (status.ok()) {
    status =
        add("constraints",
            "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS "
            "WHERE CONSTRAINT_SCHEMA = DATABASE()" +
                std::string(kNotBookkeeping),
            [](const Row& r) {
              return "table " + Cell(r, 0) + " constraint " + Cell(r, 1) + ": type=" + Cell(r, 2);
            });
  }
  if (status.ok()) {
    status = add(
        "foreign keys",
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION), "
        "IF(k.REFERENCED_TABLE_SCHEMA = DATABASE(), '', k.REFERENCED_TABLE_SCHEMA), "
        "k.REFERENCED_TABLE_NAME, GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION), "
        "r.UPDATE_RULE, r.DELETE_RULE, r.MATCH_OPTION FROM information_schema.KEY_COLUMN_USAGE k JOIN "
        "information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND "
        "r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME WHERE "
        "k.CONSTRAINT_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL AND "
        "LEFT(k.TABLE_NAME, 8) <> 'schemac_' GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, "
        "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE, "
        "r.MATCH_OPTION",
        [](const Row& r) {
          return "table " + Cell(r, 0) + " foreign key " + Cell(r, 1) + ": (" + Cell(r, 2) + ") -> " +
                 (Cell(r, 3).empty() ? "" : Cell(r, 3) + ".") + Cell(r, 4) + "(" + Cell(r, 5) +
                 ") on_update=" + Cell(r, 6) + " on_delete=" + Cell(r, 7) + " match=" + Cell(r, 8);
        });
  }
  if (status.ok()) {
    // MariaDB names a column-level check after its column (unique per table, not per database):
    // it has TABLE_NAME and LEVEL; MySQL's check names are unique per database.
    const std::string sql =
        mariadb
            ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM "
              "information_schema.CHECK_CONSTRAINTS "
              "WHERE CONSTRAINT_SCHEMA = DATABASE()" +
                  std::string(kNotBookkeeping)
            : "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, tc.ENFORCED FROM "
              "information_schema.CHECK_CONSTRAINTS cc JOIN information_schema.TABLE_CONSTRAINTS tc ON "
              "tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND "
              "tc.CONSTRAINT_TYPE = 'CHECK' WHERE cc.CONSTRAINT_SCHEMA = DATABASE() AND "
              "LEFT(tc.TABLE_NAME, 8) <> 'schemac_'";
    status = add("checks", sql, [](const Row& r) {
      return "table " + Cell(r, 0) + " check " + Cell(r, 1) + ": " + CollapseWhitespace(Cell(r, 2)) + " (" +
             Cell(r, 3) + ")";
    });
  }
  if (status.ok()) {
    status =
        add("views",
            std::string("SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, IS_UPDATABLE, SECURITY_TYPE, ") +
                (mariadb ? "ALGORITHM" : "''") + ", DEFINER FROM information_schema.VIEWS" + in_database,
            [&](const Row& r) {
              return "view " + Cell(r, 0) + ": " + unqualified(Cell(r, 1)) + " check_option=" + Cell(r, 2) +
                     " updatable=" + Cell(r, 3) + " security=" + Cell(r, 4) + " algorithm=" + Cell(r, 5) +
                     " definer=" + Cell(r, 6);
            });
  }
  if (status.ok()) {
    status =
        add("triggers",
            "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, "
            "ACTION_STATEMENT, DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
            [&](const Row& r) {
              return "trigger " + Cell(r, 0) + " on " + Cell(r, 1) + ": " + Cell(r, 2) + " " + Cell(r, 3) +
                     " order=" + Cell(r, 4) + " definer=" + Cell(r, 6) + " " + unqualified(Cell(r, 5));
            });
  }
  if (status.ok()) {
    status = add("routines",
                 "SELECT ROUTINE_TYPE, ROUTINE_NAME, DTD_IDENTIFIER, ROUTINE_DEFINITION, IS_DETERMINISTIC, "
                 "SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT, CHARACTER_SET_NAME, DEFINER FROM "
                 "information_schema.ROUTINES WHERE "
                 "ROUTINE_SCHEMA = DATABASE()",
                 [&](const Row& r) {
                   return "routine " + Cell(r, 0) + " " + Cell(r, 1) + ": returns=" + Cell(r, 2) +
                          " deterministic=" + Cell(r, 4) + " data_access=" + Cell(r, 5) +
                          " security=" + Cell(r, 6) + " comment=" + Quoted(Cell(r, 7)) +
                          " charset=" + Cell(r, 8) + " definer=" + Cell(r, 9) +
                          " body=" + unqualified(Cell(r, 3));
                 });
  }
  if (status.ok()) {
    status =
        add("routine parameters",
            "SELECT SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, "
            "DTD_IDENTIFIER, CHARACTER_SET_NAME FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = "
            "DATABASE()",
            [](const Row& r) {
              return "routine " + Cell(r, 1) + " " + Cell(r, 0) + " parameter " + Cell(r, 2) + ": " +
                     Cell(r, 3) + " " + Cell(r, 4) + " " + Cell(r, 5) + " charset=" + Cell(r, 6);
            });
  }
  if (!status.ok()) return status;
  std::sort(snapshot.lines.begin(), snapshot.lines.end());
  return snapshot;
}

}  // namespace schemac::test_support
