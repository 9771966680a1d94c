#include "migrator/sql_literal.hpp"

namespace schemac::migrator {

Result<SqlLiteralQuoter> SqlLiteralQuoter::Detect(dialects::Connection& connection) {
  // Standard SQL reads 'a\\b' as four characters; a backslash-escaping database as three.
  auto rows = connection.Query("SELECT 'a\\\\b'");
  if (!rows.ok()) return rows.status().WithContext("probing how the database reads string literals");
  if (rows->empty() || rows->front().empty() || !rows->front().front()) {
    return Status(StatusCode::kInternal, "probing string literals: the database returned no value");
  }
  return SqlLiteralQuoter(*rows->front().front() == "a\\b");
}

std::string SqlLiteralQuoter::Quote(const std::string& text) const {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "''";
    } else if (c == '\\' && backslash_escapes_) {
      quoted += "\\\\";
    } else if (c == '\0') {
      continue;  // no database keeps a NUL inside text; history text never needs one
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

}  // namespace schemac::migrator
