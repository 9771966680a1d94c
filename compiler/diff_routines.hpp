// The diff of functions, procedures and sequences, and where their changes go in the plan.
//
// Neither holds rows (a sequence holds one number, which a drop loses: the dialect labels that
// down), so order is what matters:
// - Sequences are created before any table (a column default may call nextval on one) and
//   dropped after every table change; `owned by` names a column, so it is set after the tables are
//   created and cleared before they are dropped (a drop of the owning table would take the
//   sequence with it, and the plan's own DROP SEQUENCE would then fail). Other option changes go
//   after the tables too.
// - A routine that a desired table's expression mentions (a default, check, generated column or
//   index) is created before the tables; every other routine after them, before the views and
//   triggers that call it. Routines are dropped last, after the views and triggers that stopped
//   calling them.
// - A routine replaced in a way the database cannot do in place (another return type, other
//   argument names or defaults, a function becoming a procedure) is dropped and created again,
//   so the views and triggers that call it are *disturbed* (diff_views.hpp).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "schemac/change.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

struct RoutineSequenceChanges {
  ChangeList before_tables;
  ChangeList after_tables;  // before the views and triggers
  ChangeList last;          // after the views and triggers
  // (namespace, name) of the routines that are dropped, renamed or replaced other than in place.
  std::set<std::pair<std::string, std::string>> disturbed_routines;
};

RoutineSequenceChanges DiffRoutinesAndSequences(const model::Schema& current, const model::Schema& desired,
                                                const std::vector<std::string>& namespaces);

}  // namespace schemac::compiler
