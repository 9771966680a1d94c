// Exclude patterns: `KIND:PATTERN`, naming objects another tool owns, which schemac leaves alone.
// They come from `--exclude`, the project file's `excludes:` and `exclude` lines in the schema
// language, so the front end, the compiler and the command line parse and match them here, once.
//
// KIND is an object kind (table, view, materialized_view, trigger, enum, index, function,
// sequence, ...; `*` any); PATTERN a glob (`*`, `?`, `[...]`) matched against the object's name,
// or, when it contains a dot, against `namespace.name` (objects of the default namespace have no
// prefix).
#pragma once

#include <fnmatch.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac {

struct ExcludePattern {
  std::string kind;  // a known kind, with `_` for spaces ("materialized_view"), or "*"
  std::string pattern;
  std::string text;  // as written, for messages and saved plans
};

// "materialized view" and "materialized_view" are one kind: flags cannot hold a space easily.
inline std::string ExcludeKindKey(std::string kind) {
  std::replace(kind.begin(), kind.end(), ' ', '_');
  return kind;
}

// The kinds an exclude may name, in the order they are listed: what the model manages, then what
// the inspectors report as unmanaged.
inline const std::vector<std::string>& ExcludableKinds() {
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

inline bool IsExcludableKind(const std::string& kind) {
  const auto& kinds = ExcludableKinds();
  return std::find(kinds.begin(), kinds.end(), ExcludeKindKey(kind)) != kinds.end();
}

// "view:reporting_*" -> {view, reporting_*}. kInvalidArgument, saying what is wrong and listing the
// kinds, for a missing colon, an empty pattern or an unknown kind (a typo must not exclude nothing).
inline Result<ExcludePattern> ParseExcludePattern(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) {
    return Status(
        StatusCode::kInvalidArgument,
        "exclude '" + text + "' needs a kind and a pattern, KIND:PATTERN (for example table:audit_*)");
  }
  ExcludePattern exclude{ExcludeKindKey(text.substr(0, colon)), text.substr(colon + 1), text};
  if (!IsExcludableKind(exclude.kind)) {
    std::string known;
    for (const auto& kind : ExcludableKinds()) known += (known.empty() ? "" : ", ") + kind;
    return Status(StatusCode::kInvalidArgument,
                  "exclude '" + text + "': unknown kind '" + exclude.kind + "' (known: " + known + ")");
  }
  if (exclude.pattern.empty()) {
    return Status(StatusCode::kInvalidArgument, "exclude '" + text + "' has an empty pattern");
  }
  return exclude;
}

inline Result<std::vector<ExcludePattern>> ParseExcludePatterns(const std::vector<std::string>& texts) {
  std::vector<ExcludePattern> excludes;
  for (const auto& text : texts) {
    Result<ExcludePattern> exclude = ParseExcludePattern(text);
    if (!exclude.ok()) return exclude.status();
    excludes.push_back(std::move(*exclude));
  }
  return excludes;
}

// Whether `exclude` names the object of `kind` (as the model or an inspector calls it: spaces are
// matched by `_`) called `name` in namespace `namespace_name`.
inline bool Excludes(const ExcludePattern& exclude, const std::string& kind,
                     const std::string& namespace_name, const std::string& name) {
  const auto glob = [](const std::string& pattern, const std::string& text) {
    return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
  };
  if (exclude.kind != "*" && exclude.kind != ExcludeKindKey(kind)) return false;
  if (exclude.pattern.find('.') == std::string::npos) return glob(exclude.pattern, name);
  return glob(exclude.pattern, namespace_name.empty() ? name : namespace_name + "." + name);
}

}  // namespace schemac
