// Reads the managed shape of the connected database from information_schema.
//
// A fixed number of set-based queries for the whole database, whatever its size: tables,
// columns, index parts, foreign-key parts, checks, events, views and triggers (inspect_views.hpp),
// routines and their parameters (inspect_routines.hpp). Never one query per table. Schemac's own
// tables (schemac_*) are left out. What the model cannot express (events, partitioning, ...) goes
// to Schema::unmanaged. The result is raw: the dialect normalizes it like any other schema.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialects/mysql/capabilities.hpp"
#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::mysql {

using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;
using QueryFunction = std::function<Result<Rows>(const std::string& sql)>;

// The number of queries InspectDatabase runs: a constant, checked by a test.
inline constexpr int kInspectQueryCount = 10;  // 6 + views and triggers + routines and parameters

Result<model::Schema> InspectDatabase(const QueryFunction& query, const ServerVersion& version);

}  // namespace schemac::dialects::mysql
