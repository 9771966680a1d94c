// PostgreSQL's spelling of the data checks (dialects/data_check_sql.hpp): the read-only queries
// that count, before a plan runs, the rows a step would fail on (PostgreSQL refuses them, so the
// check turns a failure half-way through a deploy into a plan that says why and where).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec);
// The statistics estimate of rows and the table's bytes (pg_class, pg_total_relation_size).
std::string TableEstimateQuery(const std::string& ns, const std::string& table);
// Bounds each later query of the session to `timeout_ms` (statement_timeout) and its wait for a
// table lock to `lock_timeout_ms` (lock_timeout; 0: left alone), and lifts both.
std::vector<std::string> DataCheckTimeout(int timeout_ms, int lock_timeout_ms);
std::vector<std::string> DataCheckTimeoutReset();

}  // namespace schemac::dialects::postgres
