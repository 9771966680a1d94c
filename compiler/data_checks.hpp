// Data checks, decided once for every dialect: which rows of the current database a change could
// fail on or damage (NULLs for a new NOT NULL, duplicates for a new unique key, orphans for a new
// foreign key, rows failing a new check, values that do not cast, are too long or leave an enum).
// The compiler decides *what* to count from the typed change; the dialect spells the query
// (Dialect::PlanDataCheck); the migrator runs it (migrator/data_checks.hpp). Nothing here talks to
// a database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schemac/change.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"

namespace schemac::compiler {

// "null", "rows-without-value", "duplicate", "orphan", "check", "cast", "too-long", "enum-value":
// the kind's name in JSON and saved plans (an API: never rename).
const char* DataCheckKindName(DataCheckKind kind);
std::optional<DataCheckKind> DataCheckKindFromName(const std::string& name);

// A check's outcome for people, the same in every output: "3 rows: rows of users with tier NULL
// (it becomes NOT NULL); sample keys: id=1, id=2, id=3", "0 rows: ...", "not counted: ...".
std::string DescribeDataCheck(const DataCheck& check);

// What to count for `change`, against `current`: the schema the database holds before the plan
// runs (the checks run then, not between steps). Only tables and columns `current` holds under
// the names the change uses are checked: a column the plan adds has no rows to count yet.
// The specs point into `change` and `current`, which must outlive them.
std::vector<dialects::DataCheckSpec> DataCheckSpecs(const Change& change, const model::Schema& current);

// Plans the data checks of `change` with `dialect` and attaches each to the step that carries out
// its part of the change (the first step of the change when none says so), and the impact
// estimate of an existing table to every step of a change to it.
// The step of a change that carries out `part` (same kind and index; for a column, one of the
// flags), else the change's first step; nullptr when there are no steps.
PlanStep* StepCarrying(const ChangePart& part, std::vector<PlanStep>& steps);

void AttachDataChecks(const Change& change, const model::Schema& current, const dialects::Dialect& dialect,
                      std::vector<PlanStep>& steps);

}  // namespace schemac::compiler
