// Reads a live SQLite database into the schemac model (normalized, see normalize.hpp).
//
// Five set-based catalog reads, whatever the number of tables: sqlite_schema (statement texts),
// pragma_table_list (table kinds), and pragma_table_xinfo / pragma_index_list + index_xinfo /
// pragma_foreign_key_list joined with sqlite_schema. What only the CREATE text holds (constraint
// names, checks, collations, AUTOINCREMENT, generated expressions, DEFERRABLE) comes from
// ddl_parser.hpp. Unnamed constraints get the default names of schemac/model/naming.hpp.
// Skipped: sqlite_* (SQLite's own) and schemac_* (schemac's bookkeeping) tables. Reported in
// Schema::unmanaged, never dropped: views, triggers (detail: their CREATE text, which a table
// rebuild uses to recreate them), virtual tables, and ON CONFLICT clauses (kind "table clause").
#pragma once

#include <sqlite3.h>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::sqlite {

Result<model::Schema> InspectDatabase(sqlite3* db);

}  // namespace schemac::dialects::sqlite
