// Objects another tool owns: `--exclude KIND:PATTERN`, `excludes:` in the project file and
// `exclude` lines in the schema (schemac/exclude_pattern.hpp) leave them alone. An excluded object
// is taken out of both sides of a plan before they are compared, so schemac neither creates,
// changes nor drops it, does not list it as unmanaged, and a change to it does not make a saved
// plan stale (the fingerprints are of what is left). Excluding a table excludes its triggers too:
// they are part of it.
#pragma once

#include <string>
#include <vector>

#include "compiler/left_alone.hpp"
#include "schemac/exclude_pattern.hpp"
#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::compiler {

using schemac::ExcludableKinds;
using schemac::ExcludePattern;
using schemac::Excludes;
using schemac::ParseExcludePattern;
using schemac::ParseExcludePatterns;

// Removes from `schema` every table, view, trigger, enum, index and unmanaged object a pattern
// names. Keys and foreign keys are not objects of their own here: they go with their table.
// `removed`, when given, gets the managed kinds removed, with what they read (left_alone.hpp).
void RemoveExcluded(model::Schema& schema, const std::vector<ExcludePattern>& excludes,
                    std::vector<LeftAloneObject>* removed = nullptr);

// The patterns of `policy_excludes` followed by those the schemas declare (Schema::excludes), each
// once, in that order: what a plan between `current` and `desired` leaves alone.
std::vector<std::string> AllExcludes(const std::vector<std::string>& policy_excludes,
                                     const model::Schema& current, const model::Schema& desired);

}  // namespace schemac::compiler
