#include "compiler/fk_order.hpp"

#include <functional>
#include <map>
#include <queue>
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
  std::vector<std::vector<std::size_t>> dependents(tables.size());
  std::vector<std::size_t> waiting_on(tables.size(), 0);  // unplaced dependencies, with repeats
  for (std::size_t i = 0; i < tables.size(); ++i) {
    for (std::size_t dependency : dependencies[i]) dependents[dependency].push_back(i);
    waiting_on[i] = dependencies[i].size();
  }
  std::vector<bool> placed(tables.size(), false);
  // Tables free to go, earliest in the input first.
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (waiting_on[i] == 0) ready.push(i);
  }

  ForeignKeyOrder result;
  result.cyclic_foreign_keys.resize(tables.size());
  auto place = [&](std::size_t chosen) {
    placed[chosen] = true;
    result.order.push_back(chosen);
    for (std::size_t dependent : dependents[chosen]) {
      if (--waiting_on[dependent] == 0 && !placed[dependent]) ready.push(dependent);
    }
  };

  while (result.order.size() < tables.size()) {
    if (!ready.empty()) {
      std::size_t chosen = ready.top();
      ready.pop();
      if (!placed[chosen]) place(chosen);
      continue;
    }
    // Every remaining table waits for another: there is a cycle. Break it at its earliest table
    // (a table that merely depends on a cycle keeps waiting), deferring the keys that point
    // forward.
    std::size_t chosen = tables.size();
    for (std::size_t i = 0; i < tables.size() && chosen == tables.size(); ++i) {
      if (!placed[i] && OnUnplacedCycle(i, dependencies, placed)) chosen = i;
    }
    const NamespacedTable& entry = tables[chosen];
    for (const auto& fk : entry.table->foreign_keys) {
      for (std::size_t j = 0; j < tables.size(); ++j) {
        if (j == chosen || placed[j]) continue;
        if (tables[j].ns == ReferencedNamespace(fk, entry.ns) && tables[j].table->name == fk.ref_table) {
          result.cyclic_foreign_keys[chosen].push_back(fk.name);
        }
      }
    }
    place(chosen);
  }
  return result;
}

}  // namespace schemac::compiler
