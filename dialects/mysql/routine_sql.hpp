// Stored functions and procedures as MySQL / MariaDB keep them, and the SQL that builds them.
//
// The server keeps a routine's body as written and reports its parameters one by one
// (information_schema.PARAMETERS), each type with the server's display widths ("int(11)"). Both
// sides are brought to one spelling: the parameter list as "[OUT |INOUT ]name type, ..." with each
// type canonical (IN, the default mode, left out), the return type canonical, the body as
// CanonicalCompoundBody gives it.
#pragma once

#include <string>
#include <vector>

#include "dialects/mysql/capabilities.hpp"
#include "schemac/model.hpp"

namespace schemac::dialects::mysql {

// One parameter of a routine as written: the mode ("", "OUT", "INOUT"; "IN" is ""), the name
// without backquotes, the type as written.
struct RoutineParameter {
  std::string mode;
  std::string name;
  std::string type;
};

// The parameters of an argument list, split at its top-level commas; an entry with no type (a
// malformed list) has an empty `type`.
std::vector<RoutineParameter> ParseRoutineParameters(const std::string& arguments);

// The canonical spelling of a type a routine takes or returns: `integer`, `INT` and `int(11)` are
// all `int`.
std::string CanonicalRoutineType(const std::string& type, const ServerFeatures& features);

// The canonical spelling of an argument list: "a int, OUT b decimal(10,2)". Idempotent.
std::string CanonicalRoutineArguments(const std::string& arguments, const ServerFeatures& features);

// Brings `routine` to the spelling inspection gives: canonical arguments, return type and body;
// `language sql` and `security definer` (the defaults) as unset.
void NormalizeRoutine(model::Routine& routine, const ServerFeatures& features);

// What MySQL cannot hold of `routine` (PostgreSQL's clauses, overloads, ...), one message each.
void CheckRoutine(const model::Namespace& ns, const model::Routine& routine,
                  std::vector<std::string>& problems);

// True when `before` becomes `after` by ALTER FUNCTION / PROCEDURE: only the comment, the data
// access and the SQL security differ (the body, parameters, DETERMINISTIC and the definer need a
// new CREATE).
bool AlterableInPlace(const model::Routine& before, const model::Routine& after);

std::string RenderCreateRoutine(const model::Routine& routine);
std::string RenderDropRoutine(const model::Routine& routine, bool if_exists);
// ALTER ... of the characteristics of `after` (AlterableInPlace).
std::string RenderAlterRoutine(const model::Routine& after);

}  // namespace schemac::dialects::mysql
