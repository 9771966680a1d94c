// What MySQL / MariaDB say of a statement another session runs: information_schema.PROCESSLIST's
// STATE ("copy to tmp table", "Waiting for table metadata lock") and, on MariaDB, its ALTER TABLE
// stage counters (STAGE, MAX_STAGE, PROGRESS).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::mysql {

// One row (or none) about session `thread_id` while it runs a query: read it with
// ReadStatementProgress. `with_stages` asks for MariaDB's stage columns, which MySQL lacks.
std::string StatementProgressQuery(unsigned long thread_id, bool with_stages);

// The rows of StatementProgressQuery as a StatementProgress; nullopt when the session runs no
// query or its state is empty (the server says nothing useful then).
std::optional<StatementProgress> ReadStatementProgress(
    const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace schemac::dialects::mysql
