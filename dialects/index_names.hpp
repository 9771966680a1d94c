// Index names repeated across the tables of one namespace, for the dialects whose index names are
// unique per namespace (PostgreSQL, SQLite). The schema language allows the repeats, because
// MySQL's index names are unique per table only and an inspected MySQL schema has them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects {

// "table [ns.]b, index i: index name i is also used by table a; <dialect> index names are unique per
// namespace (rename one)", once for each later table that repeats a name.
inline std::vector<std::string> RepeatedIndexNames(const model::Namespace& ns, const std::string& dialect) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> first_table;  // index name -> the table that has it first
  const std::string prefix = ns.name.empty() ? "" : ns.name + ".";
  for (const auto& table : ns.tables) {
    for (const auto& index : table.indexes) {
      auto [it, inserted] = first_table.emplace(index.name, table.name);
      if (inserted || it->second == table.name) continue;
      problems.push_back("table " + prefix + table.name + ", index " + index.name + ": index name " +
                         index.name + " is also used by table " + it->second + "; " + dialect +
                         " index names are unique per namespace (rename one)");
    }
  }
  return problems;
}

}  // namespace schemac::dialects
