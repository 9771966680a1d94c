// Functions, procedures and sequences of the namespaces in scope, read from pg_catalog into the
// model. Part of InspectSchema (inspect.hpp); the routine columns are shared with the server's
// spelling of a desired routine (spell_as_server.hpp), so both sides are read the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/postgres/inspect_views.hpp"
#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

// SELECT <routine columns> FROM pg_proc p JOIN pg_language l ..., with `from` joined after
// pg_proc (may be empty) and `where` as the condition. The first column is `namespace_column`.
std::string RoutineQuery(const std::string& namespace_column, const std::string& from,
                         const std::string& where);

// One row of RoutineQuery into `routine`. Returns why the model cannot hold the routine (a C
// function, a SQL-standard body, a clause schemac does not model yet), or empty when it can.
std::string RoutineFromRow(const std::vector<std::optional<std::string>>& row, model::Routine& routine);

// Adds the functions, procedures and sequences to `schema` (which holds the tables already, so
// that a serial column's own sequence is recognised and left to its column). Identity sequences
// stay part of their column; what the model cannot say is listed in Schema::unmanaged.
Status InspectRoutinesAndSequences(const CatalogQuery& run, model::Schema& schema);

}  // namespace schemac::dialects::postgres
