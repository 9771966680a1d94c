// How each change becomes SQLite steps.
//
// SQLite's ALTER TABLE can only rename a table, rename / add / drop a column (each with limits),
// so the planner prefers those when they suffice and otherwise rebuilds the table with the
// "12-step" procedure of https://sqlite.org/lang_altertable.html: create the new shape under a
// temporary name, copy the shared columns, drop the old table, rename, recreate indexes and
// triggers, check foreign keys, all in one transaction with foreign keys off around it.
// Every step takes SQLite's only lock, the whole database ("database").
#pragma once

#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::sqlite {

inline constexpr const char* kRebuildPrefix = "_schemac_new_";
inline constexpr const char* kDatabaseLock = "database";

std::vector<PlanStep> PlanSqliteChange(const Change& change, const PlanContext& context);

}  // namespace schemac::dialects::sqlite
