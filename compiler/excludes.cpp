#include "compiler/excludes.hpp"

#include <algorithm>

namespace schemac::compiler {
namespace {

bool ExcludesAny(const std::vector<ExcludePattern>& excludes, const std::string& kind,
                 const std::string& namespace_name, const std::string& name) {
  return std::any_of(excludes.begin(), excludes.end(), [&](const ExcludePattern& exclude) {
    return Excludes(exclude, kind, namespace_name, name);
  });
}

template <typename Object, typename Predicate>
void EraseIf(std::vector<Object>& objects, Predicate predicate) {
  objects.erase(std::remove_if(objects.begin(), objects.end(), predicate), objects.end());
}

}  // namespace

void RemoveExcluded(model::Schema& schema, const std::vector<ExcludePattern>& excludes) {
  if (excludes.empty()) return;
  for (auto& ns : schema.namespaces) {
    std::vector<std::string> excluded_tables;
    for (const auto& table : ns.tables) {
      if (ExcludesAny(excludes, "table", ns.name, table.name)) excluded_tables.push_back(table.name);
    }
    const auto is_excluded_table = [&](const std::string& table) {
      return std::find(excluded_tables.begin(), excluded_tables.end(), table) != excluded_tables.end();
    };
    EraseIf(ns.tables, [&](const model::Table& table) { return is_excluded_table(table.name); });
    for (auto& table : ns.tables) {
      EraseIf(table.indexes,
              [&](const model::Index& index) { return ExcludesAny(excludes, "index", ns.name, index.name); });
    }
    EraseIf(ns.views, [&](const model::View& view) {
      return ExcludesAny(excludes, view.materialized ? "materialized_view" : "view", ns.name, view.name);
    });
    EraseIf(ns.triggers, [&](const model::Trigger& trigger) {
      return is_excluded_table(trigger.table) || ExcludesAny(excludes, "trigger", ns.name, trigger.name);
    });
    EraseIf(ns.enums,
            [&](const model::Enum& type) { return ExcludesAny(excludes, "enum", ns.name, type.name); });
    EraseIf(ns.routines, [&](const model::Routine& routine) {
      return ExcludesAny(excludes, routine.Kind(), ns.name, routine.name);
    });
    EraseIf(ns.sequences, [&](const model::Sequence& sequence) {
      return ExcludesAny(excludes, "sequence", ns.name, sequence.name);
    });
  }
  EraseIf(schema.unmanaged, [&](const model::UnmanagedObject& object) {
    return ExcludesAny(excludes, object.kind, object.namespace_name, object.name);
  });
}

std::vector<std::string> AllExcludes(const std::vector<std::string>& policy_excludes,
                                     const model::Schema& current, const model::Schema& desired) {
  std::vector<std::string> all;
  for (const auto* texts : {&policy_excludes, &current.excludes, &desired.excludes}) {
    for (const std::string& text : *texts) {
      if (std::find(all.begin(), all.end(), text) == all.end()) all.push_back(text);
    }
  }
  return all;
}

}  // namespace schemac::compiler
