// SQLite: sqlite_master and the pragmas. Structure comes from the pragmas (table_xinfo,
// index_list, index_xinfo, foreign_key_list), which do not depend on how the SQL was written.
// What only the SQL text shows (CHECK, COLLATE, GENERATED expressions, AUTOINCREMENT,
// constraint names, DEFERRABLE, WITHOUT ROWID, STRICT, partial index predicates, views and
// triggers; a view's resolved columns come from pragma_table_xinfo too) is read from the text after
// tokenizing it with a small tokenizer of its own: case of keywords and names, quoting of plain names,
// whitespace and comments do not count, nor the order of columns and table constraints (a table rebuilt,
// renamed or given ADD COLUMN has text SQLite rewrote); the spelling of a clause does (`id integer primary
// key` is not `primary key (id)`); a column's CHECK reads as a table CHECK (the same thing in SQLite).
// Autoindexes are named by their columns: their number follows clause order only.
#include <algorithm>
#include <cctype>

#include "tests/support/catalog_reader.hpp"

namespace schemac::test_support {
namespace {

using catalog_text::Cell;
using catalog_text::QueryRows;
using catalog_text::Quoted;
using Row = catalog_text::Rows::value_type;

bool IsWordChar(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$'; }

std::string Lower(std::string text) {
  for (auto& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

// A plain name needs no quotes, so `"email"`, `[email]`, `` `email` `` and `EMAIL` all read email.
std::string NormalizedName(const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                     std::all_of(name.begin(), name.end(), IsWordChar);
  if (plain) return Lower(name);
  std::string out = "\"";
  for (char ch : name) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

// Tokens of an SQL text: names and keywords lowercased, quoted names normalized, string literals
// and numbers verbatim, every other character a token of its own; comments dropped.
std::vector<std::string> Tokenize(const std::string& sql) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char ch = sql[i];
    if (std::isspace(static_cast<unsigned char>(ch))) {
      ++i;
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (ch == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
    } else if (ch == '\'') {
      std::size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == '\'' && j + 1 < sql.size() && sql[j + 1] == '\'') {
          j += 2;
        } else if (sql[j] == '\'') {
          break;
        } else {
          ++j;
        }
      }
      tokens.push_back(sql.substr(i, j + 1 - i));
      i = j + 1;
    } else if (ch == '"' || ch == '`' || ch == '[') {
      const char close = ch == '[' ? ']' : ch;
      std::string name;
      std::size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == close && close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
          name += close;
          j += 2;
        } else if (sql[j] == close) {
          break;
        } else {
          name += sql[j++];
        }
      }
      tokens.push_back(NormalizedName(name));
      i = j + 1;
    } else if (IsWordChar(ch)) {
      std::size_t j = i;
      while (j < sql.size() &&
             (IsWordChar(sql[j]) || (sql[j] == '.' && std::isdigit(static_cast<unsigned char>(ch)))))
        ++j;
      tokens.push_back(Lower(sql.substr(i, j - i)));
      i = j;
    } else {
      tokens.push_back(std::string(1, ch));
      ++i;
    }
  }
  return tokens;
}

std::string Join(const std::vector<std::string>& tokens, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& token = tokens[i];
    const bool tight_before = token == "," || token == ")" || token == "." || token == "(";
    const bool tight_after = !out.empty() && (out.back() == '(' || out.back() == '.');
    if (!out.empty() && !tight_before && !tight_after) out += ' ';
    out += token;
  }
  return out;
}

std::string NormalizedSql(const std::string& sql) {
  const auto tokens = Tokenize(sql);
  return Join(tokens, 0, tokens.size());
}

// The parts of a CREATE TABLE: each column definition (by column), each table constraint, and
// what follows the closing parenthesis (WITHOUT ROWID, STRICT).
struct TableText {
  std::vector<std::pair<std::string, std::string>> columns;  // name -> whole definition
  std::vector<std::string> constraints;
  std::string options;
  bool parsed = false;
};

TableText SplitCreateTable(const std::string& sql) {
  TableText table;
  const auto tokens = Tokenize(sql);
  auto open = std::find(tokens.begin(), tokens.end(), "(");
  if (open == tokens.end() || std::find(tokens.begin(), open, "virtual") != open) return table;
  std::size_t i = static_cast<std::size_t>(open - tokens.begin()) + 1;
  int depth = 0;
  std::size_t item_begin = i;
  auto finish_item = [&](std::size_t end) {
    if (end <= item_begin) return;
    static const std::vector<std::string> kConstraintStarts = {"constraint", "primary", "unique", "check",
                                                               "foreign"};
    const std::string& first = tokens[item_begin];
    if (std::find(kConstraintStarts.begin(), kConstraintStarts.end(), first) != kConstraintStarts.end()) {
      table.constraints.push_back(Join(tokens, item_begin, end));
    } else {
      // A column's CHECK is a table CHECK in SQLite (it may name any column): it joins the
      // table's constraints, so ADD COLUMN (which can only write it on the column) and CREATE
      // TABLE (which may write it after the columns) read the same.
      std::vector<std::string> definition;
      for (std::size_t t = item_begin; t < end; ++t) {
        const bool named_check = tokens[t] == "constraint" && t + 2 < end && tokens[t + 2] == "check";
        if (tokens[t] != "check" && !named_check) {
          definition.push_back(tokens[t]);
          continue;
        }
        std::size_t close = t + (named_check ? 3 : 1);
        int nesting = 0;
        for (; close < end; ++close) {
          if (tokens[close] == "(") ++nesting;
          if (tokens[close] == ")" && --nesting == 0) break;
        }
        table.constraints.push_back(Join(tokens, t, std::min(close + 1, end)));
        t = close;
      }
      table.columns.emplace_back(first, Join(definition, 0, definition.size()));
    }
  };
  for (; i < tokens.size(); ++i) {
    if (tokens[i] == "(") {
      ++depth;
    } else if (tokens[i] == ")" && depth > 0) {
      --depth;
    } else if (tokens[i] == ")") {
      finish_item(i);
      table.options = Join(tokens, i + 1, tokens.size());
      table.parsed = true;
      return table;
    } else if (tokens[i] == "," && depth == 0) {
      finish_item(i);
      item_begin = i + 1;
    }
  }
  return table;
}

std::string Literal(const std::string& text) { return Quoted(text); }

Status ReadTable(dialects::Connection& db, const std::string& table, const std::string& sql,
                 std::vector<std::string>& lines) {
  const std::string prefix = "table " + NormalizedName(table);
  const TableText text = SplitCreateTable(sql);
  if (!text.parsed) {
    lines.push_back(prefix + " sql: " + NormalizedSql(sql));
  } else {
    lines.push_back(prefix + ": options=" + Literal(text.options));
    for (const auto& [column, definition] : text.columns) {
      lines.push_back(prefix + " column " + column + " definition: " + definition);
    }
    for (const auto& constraint : text.constraints) lines.push_back(prefix + " constraint: " + constraint);
  }

  auto columns = QueryRows(db,
                           "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(" +
                               Literal(table) + ")",
                           "columns of " + table);
  if (!columns.ok()) return columns.status();
  for (const auto& r : *columns) {
    lines.push_back(prefix + " column " + NormalizedName(Cell(r, 0)) + ": type=" + Literal(Cell(r, 1)) +
                    " notnull=" + Cell(r, 2) + " default=" + (r[3] ? Literal(NormalizedSql(*r[3])) : "NULL") +
                    " pk=" + Cell(r, 4) + " hidden=" + Cell(r, 5));
  }

  auto indexes =
      QueryRows(db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(" + Literal(table) + ")",
                "indexes of " + table);
  if (!indexes.ok()) return indexes.status();
  for (const auto& r : *indexes) {
    const std::string name = Cell(r, 0);
    auto keys = QueryRows(db,
                          "SELECT cid, name, \"desc\", coll FROM pragma_index_xinfo(" + Literal(name) +
                              ") WHERE key = 1 ORDER BY seqno",
                          "columns of index " + name);
    if (!keys.ok()) return keys.status();
    std::string key_text;
    for (const auto& k : *keys) {
      const std::string column = Cell(k, 0) == "-2" ? "<expression>" : NormalizedName(Cell(k, 1));
      key_text +=
          (key_text.empty() ? "" : ", ") + column + (Cell(k, 2) == "1" ? " desc" : "") + " " + Cell(k, 3);
    }
    const bool automatic = name.rfind("sqlite_autoindex_", 0) == 0;
    lines.push_back(prefix + " index " + (automatic ? "<auto>(" + key_text + ")" : NormalizedName(name)) +
                    ": unique=" + Cell(r, 1) + " origin=" + Cell(r, 2) + " partial=" + Cell(r, 3) +
                    " keys=[" + key_text + "]");
  }

  auto keys = QueryRows(db,
                        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\" FROM "
                        "pragma_foreign_key_list(" +
                            Literal(table) + ") ORDER BY id, seq",
                        "foreign keys of " + table);
  if (!keys.ok()) return keys.status();
  std::string current_id;
  std::string from;
  std::string to;
  std::string tail;
  std::string target;
  auto flush = [&] {
    if (!current_id.empty()) {
      lines.push_back(prefix + " foreign key (" + from + ") -> " + target + "(" + to + ")" + tail);
    }
  };
  for (const auto& r : *keys) {
    if (Cell(r, 0) != current_id) {
      flush();
      current_id = Cell(r, 0);
      from.clear();
      to.clear();
      target = NormalizedName(Cell(r, 2));
      tail = " on_update=" + Cell(r, 5) + " on_delete=" + Cell(r, 6) + " match=" + Cell(r, 7);
    }
    from += (from.empty() ? "" : ", ") + NormalizedName(Cell(r, 3));
    to += (to.empty() ? "" : ", ") + (r[4] ? NormalizedName(*r[4]) : "<primary key>");
  }
  flush();
  return Status::Ok();
}

}  // namespace

Result<CatalogSnapshot> ReadSqliteCatalog(dialects::Connection& connection) {
  auto objects =
      QueryRows(connection,
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
                "ESCAPE '\\' AND lower(tbl_name) NOT LIKE 'schemac\\_%' ESCAPE '\\'",
                "sqlite_master");
  if (!objects.ok()) return objects.status();
  CatalogSnapshot snapshot;
  for (const auto& r : *objects) {
    const std::string type = Cell(r, 0);
    const std::string name = Cell(r, 1);
    if (type == "table") {
      if (Status read = ReadTable(connection, name, Cell(r, 3), snapshot.lines); !read.ok()) return read;
    } else if (type == "index") {
      // Structure is read with the table; the text adds what only it shows (a WHERE predicate,
      // expressions). Autoindexes have no text.
      if (r[3]) {
        snapshot.lines.push_back("index " + NormalizedName(name) + " on " + NormalizedName(Cell(r, 2)) +
                                 " sql: " + NormalizedSql(*r[3]));
      }
    } else {
      snapshot.lines.push_back(type + " " + NormalizedName(name) + " on " + NormalizedName(Cell(r, 2)) +
                               " sql: " + NormalizedSql(Cell(r, 3)));
      if (type == "view") {
        // The columns SQLite resolves the view to: reading them fails on a view whose tables or
        // columns are gone, so a broken view never passes for a converged one.
        auto columns =
            QueryRows(connection, "SELECT name, type FROM pragma_table_xinfo(" + Literal(name) + ")",
                      "columns of view " + name);
        if (!columns.ok()) return columns.status();
        std::string list;
        for (const auto& c : *columns)
          list += (list.empty() ? "" : ", ") + NormalizedName(Cell(c, 0)) + " " + Lower(Cell(c, 1));
        snapshot.lines.push_back("view " + NormalizedName(name) + " columns: " + list);
      }
    }
  }
  std::sort(snapshot.lines.begin(), snapshot.lines.end());
  return snapshot;
}

}  // namespace schemac::test_support
