// Reads the CREATE TABLE / CREATE INDEX / CREATE TRIGGER text SQLite keeps in sqlite_schema.
//
// The catalog PRAGMAs tell columns, keys and indexes, but not constraint names, CHECK
// expressions, column collations, AUTOINCREMENT, generated expressions or DEFERRABLE: SQLite keeps
// those only in the statement text. This parser covers SQLite's CREATE TABLE grammar (column
// constraints, table constraints, conflict clauses, table options) on top of sql_lexer, and skips
// what it does not need. Expressions are returned as source slices; normalize.hpp canonicalizes
// them. Names are returned unquoted, as written (callers match them case-insensitively).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::sqlite {

struct ParsedForeignKey {
  std::string name;  // empty when unnamed
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  bool deferrable = false;
  bool initially_deferred = false;
};

struct ParsedCheck {
  std::string name;        // empty when unnamed
  std::string column;      // set for a column-level check
  std::string expression;  // without the outer parentheses, as written
};

struct ParsedKey {
  std::string name;  // empty when unnamed
  std::vector<std::string> columns;
};

struct ParsedColumn {
  std::string name;
  std::string declared_type;
  std::string collation;
  bool autoincrement = false;
  bool primary_key_descending = false;  // INTEGER PRIMARY KEY DESC is no rowid alias (SQLite quirk)
  std::optional<std::string> generated_expression;
};

struct ParsedCreateTable {
  std::string name;
  std::vector<ParsedColumn> columns;
  std::optional<ParsedKey> primary_key;  // column-level or table-level
  std::vector<ParsedKey> uniques;        // column-level and table-level, in declaration order
  std::vector<ParsedForeignKey> foreign_keys;
  std::vector<ParsedCheck> checks;
  bool without_rowid = false;
  bool strict = false;
  // Clauses the model cannot express ("ON CONFLICT REPLACE on column a"): inspect reports them.
  std::vector<std::string> unmodeled;

  const ParsedColumn* FindColumn(std::string_view column) const;
};

struct ParsedIndex {
  std::string name;
  std::string table;
  bool unique = false;
  std::vector<model::IndexKey> keys;  // expressions as written; collations as written
  std::string where;                  // as written, without WHERE
};

Result<ParsedCreateTable> ParseCreateTable(std::string_view sql);
Result<ParsedIndex> ParseCreateIndex(std::string_view sql);
// The table a CREATE TRIGGER statement fires on, or empty when the text cannot be read.
std::string TriggerTable(std::string_view sql);

}  // namespace schemac::dialects::sqlite
