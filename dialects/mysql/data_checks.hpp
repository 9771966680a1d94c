// MySQL / MariaDB's spelling of the data checks (dialects/data_check_sql.hpp): the read-only
// queries that count, before a plan runs, the rows a step would fail on or silently change (MariaDB
// fills a new NOT NULL column with '' / 0; outside strict mode it cuts long values).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::mysql {

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec);
// information_schema.TABLES' estimate of rows and bytes (data and indexes).
std::string TableEstimateQuery(const std::string& ns, const std::string& table);
// Bounds each later query of the session to `timeout_ms` (MariaDB max_statement_time, MySQL
// max_execution_time), and lifts it.
std::vector<std::string> DataCheckTimeout(int timeout_ms, bool mariadb);
std::vector<std::string> DataCheckTimeoutReset(bool mariadb);

}  // namespace schemac::dialects::mysql
