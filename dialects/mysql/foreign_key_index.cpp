#include "dialects/mysql/foreign_key_index.hpp"

#include <algorithm>

namespace schemac::dialects::mysql {

bool HasIndexLeadingWith(const model::Table& table, const std::vector<std::string>& columns,
                         const std::string& except) {
  auto leads = [&](const std::vector<std::string>& key) {
    return key.size() >= columns.size() && std::equal(columns.begin(), columns.end(), key.begin());
  };
  if (table.primary_key && leads(table.primary_key->columns)) return true;
  for (const auto& unique : table.uniques)
    if (unique.name != except && leads(unique.columns)) return true;
  for (const auto& index : table.indexes) {
    if (index.name == except) continue;
    std::vector<std::string> key;
    // An expression or a prefix of a column serves no foreign key.
    for (const auto& part : index.keys) key.push_back(part.prefix_length > 0 ? "" : part.column);
    if (leads(key)) return true;
  }
  return false;
}

std::string ForeignKeyIndexName(const model::ForeignKey& fk) {
  return fk.index_name.empty() ? fk.name : fk.index_name;
}

bool NeedsNamedIndex(const model::Table& table, const model::ForeignKey& fk) {
  return !fk.index_name.empty() && fk.index_name != fk.name && !HasIndexLeadingWith(table, fk.columns);
}

}  // namespace schemac::dialects::mysql
