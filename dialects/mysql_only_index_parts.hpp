// What an index or a primary key may say that only MySQL / MariaDB build: a prefix length on a key
// (`postal_code(5)`) and a comment. PostgreSQL and SQLite refuse them by name in Unsupported, so
// a schema meant for them never loses them silently. (PostgreSQL could keep an index comment with
// COMMENT ON INDEX; it is not built yet.)
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects {

// "table [ns.]t, index i: key postal_code has a prefix length (postal_code(5)), which <dialect>
// indexes do not have", and the like for comments, one line each.
inline std::vector<std::string> MysqlOnlyIndexParts(const model::Namespace& ns, const std::string& dialect) {
  std::vector<std::string> problems;
  const std::string prefix = ns.name.empty() ? "" : ns.name + ".";
  for (const auto& table : ns.tables) {
    const std::string where = "table " + prefix + table.name;
    if (table.primary_key && !table.primary_key->comment.empty()) {
      problems.push_back(where + ", primary key " + table.primary_key->name + ": a primary key comment is " +
                         "MySQL's only; " + dialect + " has none (drop the comment)");
    }
    for (const auto& index : table.indexes) {
      const std::string at = where + ", index " + index.name;
      for (const auto& key : index.keys) {
        if (key.prefix_length <= 0) continue;
        problems.push_back(at + ": key " + key.column + " has a prefix length (" + key.column + "(" +
                           std::to_string(key.prefix_length) + ")), which " + dialect +
                           " indexes do not have (index the whole column, or an expression)");
      }
      if (!index.comment.empty()) {
        problems.push_back(at + ": an index comment is built on MySQL only; schemac does not build it on " +
                           dialect + " (drop the comment)");
      }
    }
  }
  return problems;
}

}  // namespace schemac::dialects
