// SQLite's spelling of the data checks (dialects/data_check_sql.hpp): the read-only queries that
// count, before a plan runs, the rows a step would fail on or damage. SQLite keeps values that do
// not fit a narrowed or changed type, so here a check is the only thing that notices them.
#pragma once

#include <optional>
#include <string>

#include "dialects/dialect.hpp"

namespace schemac::dialects::sqlite {

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec);
// Exact row count (SQLite keeps no estimate) and the table's bytes from dbstat when compiled in.
std::string TableEstimateQuery(const std::string& table);

}  // namespace schemac::dialects::sqlite
