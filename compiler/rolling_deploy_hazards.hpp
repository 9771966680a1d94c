// Lint-style hazards for rolling deploys: while a step runs, and after it, the previous release
// of the application keeps running against the database. Renaming what it uses, dropping a column
// it still reads, adding a NOT NULL column its inserts do not fill, or changing a type it writes
// breaks it even when the DDL itself is safe. Decided from the typed change alone, once, for every
// dialect.
#pragma once

#include <vector>

#include "schemac/change.hpp"
#include "schemac/plan.hpp"

namespace schemac::compiler {

// Adds hazards kRenameInUse, kDropColumnInUse, kNotNullNoDefault and kTypeChangeInPlace to the
// steps of `change` that carry the part concerned. None is data loss: they are for review, and
// `--allow-hazard` documents that a release plan took care of them.
void AddRollingDeployHazards(const Change& change, std::vector<PlanStep>& steps);

}  // namespace schemac::compiler
