// Objects another tool owns: `--exclude KIND:PATTERN` (and `excludes:` in the project file) leave
// them alone. An excluded object is taken out of both sides of a plan before they are compared,
// so schemac neither creates, changes nor drops it, does not list it as unmanaged, and a change
// to it does not make a saved plan stale (the fingerprints are of what is left).
//
// KIND is an object kind (table, view, materialized_view, trigger, enum, index, function,
// sequence, ...; `*` any); PATTERN a glob (`*`, `?`, `[...]`) matched against the object's name,
// or, when it contains a dot, against `namespace.name` (objects of the default namespace have no
// prefix). Excluding a table excludes its triggers too: they are part of it.
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::compiler {

struct ExcludePattern {
  std::string kind;  // a known kind, with `_` for spaces ("materialized_view"), or "*"
  std::string pattern;
  std::string text;  // as written, for messages and saved plans
};

// "view:reporting_*" -> {view, reporting_*}. kInvalidArgument, saying what is wrong and listing the
// kinds, for a missing colon, an empty pattern or an unknown kind (a typo must not exclude nothing).
Result<ExcludePattern> ParseExcludePattern(const std::string& text);
Result<std::vector<ExcludePattern>> ParseExcludePatterns(const std::vector<std::string>& texts);

// The kinds ParseExcludePattern accepts, in the order they are listed.
const std::vector<std::string>& ExcludableKinds();

// Whether `exclude` names the object of `kind` (as the model or an inspector calls it: spaces are
// matched by `_`) called `name` in namespace `namespace_name`.
bool Excludes(const ExcludePattern& exclude, const std::string& kind, const std::string& namespace_name,
              const std::string& name);

// Removes from `schema` every table, view, trigger, enum, index and unmanaged object a pattern
// names. Keys and foreign keys are not objects of their own here: they go with their table.
void RemoveExcluded(model::Schema& schema, const std::vector<ExcludePattern>& excludes);

}  // namespace schemac::compiler
