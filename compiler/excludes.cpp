#include "compiler/excludes.hpp"

#include <algorithm>
#include <functional>

namespace schemac::compiler {
namespace {

// The first pattern naming the object, or nullptr.
const ExcludePattern* Excluding(const std::vector<ExcludePattern>& excludes, const std::string& kind,
                                const std::string& namespace_name, const std::string& name) {
  for (const ExcludePattern& exclude : excludes) {
    if (Excludes(exclude, kind, namespace_name, name)) return &exclude;
  }
  return nullptr;
}

bool ExcludesAny(const std::vector<ExcludePattern>& excludes, const std::string& kind,
                 const std::string& namespace_name, const std::string& name) {
  return Excluding(excludes, kind, namespace_name, name) != nullptr;
}

std::string Joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

// What an excluded object reads and is part of, for the check that the plan does not break it.
class LeftAloneRecorder {
 public:
  LeftAloneRecorder(const std::vector<ExcludePattern>& excludes, std::vector<LeftAloneObject>* out)
      : excludes_(excludes), out_(out) {}

  // True when a pattern names the object; records it.
  bool Excluded(const std::string& kind, const std::string& ns, const std::string& name,
                const std::function<void(LeftAloneObject&)>& describe) {
    const ExcludePattern* exclude = Excluding(excludes_, kind, ns, name);
    if (exclude == nullptr) return false;
    if (out_ != nullptr) {
      LeftAloneObject object{kind, ns, name, "", "", "", {}, "excluded by " + exclude->text};
      describe(object);
      out_->push_back(std::move(object));
    }
    return true;
  }

 private:
  const std::vector<ExcludePattern>& excludes_;
  std::vector<LeftAloneObject>* out_;
};

template <typename Object, typename Predicate>
void EraseIf(std::vector<Object>& objects, Predicate predicate) {
  objects.erase(std::remove_if(objects.begin(), objects.end(), predicate), objects.end());
}

}  // namespace

void RemoveExcluded(model::Schema& schema, const std::vector<ExcludePattern>& excludes,
                    std::vector<LeftAloneObject>* removed) {
  if (excludes.empty()) return;
  LeftAloneRecorder record(excludes, removed);
  for (auto& ns : schema.namespaces) {
    std::vector<std::string> excluded_tables;
    for (const auto& table : ns.tables) {
      if (record.Excluded("table", ns.name, table.name, [&](LeftAloneObject& object) {
            for (const model::ForeignKey& key : table.foreign_keys) {
              if (key.ref_namespace.empty() || key.ref_namespace == ns.name)
                object.references.push_back(key.ref_table);
              object.sql += (object.sql.empty() ? "" : " ") + Joined(key.ref_columns);
            }
          }))
        excluded_tables.push_back(table.name);
    }
    const auto is_excluded_table = [&](const std::string& table) {
      return std::find(excluded_tables.begin(), excluded_tables.end(), table) != excluded_tables.end();
    };
    EraseIf(ns.tables, [&](const model::Table& table) { return is_excluded_table(table.name); });
    for (auto& table : ns.tables) {
      EraseIf(table.indexes, [&](const model::Index& index) {
        return record.Excluded("index", ns.name, index.name, [&](LeftAloneObject& object) {
          object.table = table.name;
          for (const model::IndexKey& key : index.keys)
            object.pins += " " + key.column + " " + key.expression;
          object.pins += " " + index.where;
        });
      });
    }
    EraseIf(ns.views, [&](const model::View& view) {
      return record.Excluded(view.materialized ? "materialized_view" : "view", ns.name, view.name,
                             [&](LeftAloneObject& object) {
                               object.kind = view.materialized ? "materialized view" : "view";
                               object.sql = view.query;
                             });
    });
    EraseIf(ns.triggers, [&](const model::Trigger& trigger) {
      if (is_excluded_table(trigger.table)) return true;  // part of its table, which is left alone whole
      return record.Excluded("trigger", ns.name, trigger.name, [&](LeftAloneObject& object) {
        object.table = trigger.table;
        object.pins = trigger.when + " " + Joined(trigger.update_columns);
        object.sql = trigger.when + " " + trigger.body + " " + trigger.function;
      });
    });
    EraseIf(ns.enums, [&](const model::Enum& type) {
      return record.Excluded("enum", ns.name, type.name, [](LeftAloneObject&) {});
    });
    EraseIf(ns.routines, [&](const model::Routine& routine) {
      return record.Excluded(routine.Kind(), ns.name, routine.name, [&](LeftAloneObject& object) {
        object.sql = routine.arguments + " " + routine.returns + " " + routine.body;
      });
    });
    EraseIf(ns.sequences, [&](const model::Sequence& sequence) {
      return record.Excluded("sequence", ns.name, sequence.name, [&](LeftAloneObject& object) {
        // A sequence owned by a column goes when its table does.
        const std::size_t dot = sequence.owned_by.find('.');
        if (dot == std::string::npos) return;
        object.table = sequence.owned_by.substr(0, dot);
        object.pins = sequence.owned_by.substr(dot + 1);
      });
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
