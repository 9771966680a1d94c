#include "compiler/excludes.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace schemac::compiler {
namespace {

// "materialized view" and "materialized_view" are one kind: flags cannot hold a space easily.
std::string KindKey(std::string kind) {
  std::replace(kind.begin(), kind.end(), ' ', '_');
  return kind;
}

bool Glob(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

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

const std::vector<std::string>& ExcludableKinds() {
  // What the model manages, then what the inspectors report as unmanaged.
  static const std::vector<std::string> kKinds = {"table",
                                                  "view",
                                                  "materialized_view",
                                                  "trigger",
                                                  "enum",
                                                  "index",
                                                  "function",
                                                  "procedure",
                                                  "aggregate",
                                                  "sequence",
                                                  "domain",
                                                  "composite_type",
                                                  "range_type",
                                                  "foreign_table",
                                                  "partitioned_table",
                                                  "policy",
                                                  "rule",
                                                  "extension",
                                                  "virtual_table",
                                                  "exclusion_constraint",
                                                  "partitioning",
                                                  "table_clause",
                                                  "*"};
  return kKinds;
}

Result<ExcludePattern> ParseExcludePattern(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) {
    return Status(
        StatusCode::kInvalidArgument,
        "exclude '" + text + "' needs a kind and a pattern, KIND:PATTERN (for example table:audit_*)");
  }
  ExcludePattern exclude{KindKey(text.substr(0, colon)), text.substr(colon + 1), text};
  const auto& kinds = ExcludableKinds();
  if (std::find(kinds.begin(), kinds.end(), exclude.kind) == kinds.end()) {
    std::string known;
    for (const auto& kind : kinds) known += (known.empty() ? "" : ", ") + kind;
    return Status(StatusCode::kInvalidArgument,
                  "exclude '" + text + "': unknown kind '" + exclude.kind + "' (known: " + known + ")");
  }
  if (exclude.pattern.empty()) {
    return Status(StatusCode::kInvalidArgument, "exclude '" + text + "' has an empty pattern");
  }
  return exclude;
}

Result<std::vector<ExcludePattern>> ParseExcludePatterns(const std::vector<std::string>& texts) {
  std::vector<ExcludePattern> excludes;
  for (const auto& text : texts) {
    Result<ExcludePattern> exclude = ParseExcludePattern(text);
    if (!exclude.ok()) return exclude.status();
    excludes.push_back(std::move(*exclude));
  }
  return excludes;
}

bool Excludes(const ExcludePattern& exclude, const std::string& kind, const std::string& namespace_name,
              const std::string& name) {
  if (exclude.kind != "*" && exclude.kind != KindKey(kind)) return false;
  if (exclude.pattern.find('.') == std::string::npos) return Glob(exclude.pattern, name);
  return Glob(exclude.pattern, namespace_name.empty() ? name : namespace_name + "." + name);
}

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

}  // namespace schemac::compiler
