// Stored functions and procedures of the connected database, read from information_schema.ROUTINES
// and information_schema.PARAMETERS (two set-based queries, part of InspectDatabase's count). Raw:
// the dialect's Normalize gives their parameters, return type and body the canonical spelling
// (routine_sql.hpp). DEFINER is read and shown; the diff compares it only when the schema names one.
#pragma once

#include "dialects/mysql/inspect.hpp"

namespace schemac::dialects::mysql {

inline constexpr int kInspectRoutineQueryCount = 2;

// Adds the functions and procedures to the default namespace of `schema`, by kind and name.
Status InspectRoutines(const QueryFunction& query, model::Schema& schema);

}  // namespace schemac::dialects::mysql
