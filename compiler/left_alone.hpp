// What a plan leaves alone but could break: objects of the current side that schemac does not
// manage (as inspection reports them) and objects an exclude pattern takes out of the plan.
//
// schemac never touches them, so it must not silently break or lose them either: a plan that
// drops, renames or reshapes what they read, or drops or rebuilds the table they are part of,
// stops with an error naming each one (never a CASCADE). The user then changes that object
// first, stops excluding it so the plan can manage it, or changes the plan.
//
// What an object reads is worked out from its SQL text as for managed views (sql_names.hpp:
// conservatively, every identifier counts), from its foreign keys, and from the table it is part
// of (a trigger, an index, a policy, a rule).
#pragma once

#include <string>
#include <vector>

#include "schemac/change.hpp"
#include "schemac/plan.hpp"

namespace schemac::compiler {

struct LeftAloneObject {
  std::string kind;  // "view", "trigger", "index", "policy", ...
  std::string ns;
  std::string name;
  std::string table;                    // the table it is part of; empty when none
  std::string pins;                     // that table's columns it is defined on: an index's keys,
                                        // a trigger's WHEN and UPDATE OF, as SQL text
  std::string sql;                      // SQL it runs or reads (a view's query, a body); may be empty
  std::vector<std::string> references;  // tables its foreign keys reference (an excluded table)
  std::string why;                      // "excluded by table:audit_*", "not managed by schemac"
};

// The unmanaged objects of `current` that are part of one of its tables (a policy, a rule), which
// dropping or rebuilding that table would take with it.
std::vector<LeftAloneObject> UnmanagedPartsOfTables(const model::Schema& current);

// One line per object of `objects` that `changes` and their `steps` would break, saying what
// breaks it: "view report (excluded by view:report*) reads users.email, whose type changes".
// `dependents_follow_renames`: the dialect's views, triggers and routines keep working when a
// table or column they read is renamed (PostgreSQL binds them to the object); where they do not
// (MySQL/MariaDB, SQLite across a rebuild), a rename breaks them like a drop.
std::vector<std::string> BrokenByPlan(const std::vector<LeftAloneObject>& objects, const ChangeList& changes,
                                      const std::vector<PlanStep>& steps, bool dependents_follow_renames);

}  // namespace schemac::compiler
