#include "compiler/fk_order.hpp"

#include <map>
#include <tuple>

#include "compiler/rename_map.hpp"

namespace schemac::compiler {
namespace {

// dependencies[i]: the input tables that table i references (other than itself).
std::vector<std::vector<std::size_t>> Dependencies(const std::vector<NamespacedTable>& tables) {
  std::map<std::tuple<std::string, std::string>, std::size_t> position;
  for (std::size_t i = 0; i < tables.size(); ++i) position[{tables[i].ns, tables[i].table->name}] = i;
  std::vector<std::vector<std::size_t>> dependencies(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (const auto& fk : tables[i].table->foreign_keys) {
      auto it = position.find({ReferencedNamespace(fk, tables[i].ns), fk.ref_table});
      if (it != position.end() && it->second != i) dependencies[i].push_back(it->second);
    }
  }
  return dependencies;
}

// True when `start` reaches itself through references among unplaced tables.
bool OnUnplacedCycle(std::size_t start, const std::vector<std::vector<std::size_t>>& dependencies,
                     const std::vector<bool>& placed) {
  std::vector<bool> seen(dependencies.size(), false);
  std::vector<std::size_t> pending{start};
  while (!pending.empty()) {
    std::size_t current = pending.back();
    pending.pop_back();
    for (std::size_t next : dependencies[current]) {
      if (placed[next]) continue;
      if (next == start) return true;
      if (!seen[next]) {
        seen[next] = true;
        pending.push_back(next);
      }
    }
  }
  return false;
}

}  // namespace

ForeignKeyOrder OrderByForeignKeys(const std::vector<NamespacedTable>& tables) {
  const auto dependencies = Dependencies(tables);
  std::vector<bool> placed(tables.size(), false);
  ForeignKeyOrder result;
  result.cyclic_foreign_keys.resize(tables.size());

  auto ready = [&](std::size_t i) {
    for (std::size_t dependency : dependencies[i]) {
      if (!placed[dependency]) return false;
    }
    return true;
  };

  while (result.order.size() < tables.size()) {
    std::size_t chosen = tables.size();
    for (std::size_t i = 0; i < tables.size() && chosen == tables.size(); ++i) {
      if (!placed[i] && ready(i)) chosen = i;
    }
    if (chosen == tables.size()) {
      // Every remaining table waits for another: there is a cycle. Break it at its earliest table
      // (a table that merely depends on a cycle keeps waiting), deferring the keys that point
      // forward.
      for (std::size_t i = 0; i < tables.size() && chosen == tables.size(); ++i) {
        if (!placed[i] && OnUnplacedCycle(i, dependencies, placed)) chosen = i;
      }
      placed[chosen] = true;
      const NamespacedTable& entry = tables[chosen];
      for (const auto& fk : entry.table->foreign_keys) {
        for (std::size_t j = 0; j < tables.size(); ++j) {
          if (j == chosen || placed[j]) continue;
          if (tables[j].ns == ReferencedNamespace(fk, entry.ns) && tables[j].table->name == fk.ref_table) {
            result.cyclic_foreign_keys[chosen].push_back(fk.name);
          }
        }
      }
      result.order.push_back(chosen);
      continue;
    }
    placed[chosen] = true;
    result.order.push_back(chosen);
  }
  return result;
}

}  // namespace schemac::compiler
