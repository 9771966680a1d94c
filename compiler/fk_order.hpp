// Orders tables so that every table comes after the tables its foreign keys reference: the order
// to create them in (reverse it to drop them). Foreign keys that cannot be honoured because
// tables reference each other in a cycle are reported, so the caller can create them later (or
// drop them first).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::compiler {

struct NamespacedTable {
  std::string ns;
  const model::Table* table = nullptr;
};

struct ForeignKeyOrder {
  // Indexes into the input, referenced tables first. Deterministic: among tables free to go, the
  // earliest in the input goes first.
  std::vector<std::size_t> order;
  // Per input table, the names of its foreign keys that reference a table placed after it.
  // Self-references and references to tables outside the input never appear here.
  std::vector<std::vector<std::string>> cyclic_foreign_keys;
};

ForeignKeyOrder OrderByForeignKeys(const std::vector<NamespacedTable>& tables);

}  // namespace schemac::compiler
