// What PostgreSQL says of a statement another session runs: pg_stat_progress_create_index for
// index builds (CREATE INDEX [CONCURRENTLY], REINDEX), pg_stat_activity for what it waits on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

// One row (or none) about backend `backend_pid` while it is active: read it with
// ReadStatementProgress. Needs PostgreSQL 12 or later (the progress view).
std::string StatementProgressQuery(int backend_pid);

// The rows of StatementProgressQuery as a StatementProgress; nullopt when the backend is idle or
// is neither building an index nor waiting for a lock (the server says nothing useful then).
std::optional<StatementProgress> ReadStatementProgress(
    const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace schemac::dialects::postgres
