// Views and triggers of the connected database, read from information_schema.VIEWS and
// information_schema.TRIGGERS (two set-based queries, part of InspectDatabase's count). Raw:
// the dialect's Normalize gives their text its canonical spelling. DEFINER is read and shown; the
// diff compares it only when the schema names one (model::DefinitionsMatch).
#pragma once

#include "dialects/mysql/inspect.hpp"

namespace schemac::dialects::mysql {

inline constexpr int kInspectViewQueryCount = 2;

// Adds the views and triggers to the default namespace of `schema`. Triggers come in the order
// they fire (table, timing, event, ACTION_ORDER), which is the order a plan creates them in.
// `algorithm_column`: information_schema.VIEWS has ALGORITHM (MariaDB; MySQL 8 does not).
Status InspectViewsAndTriggers(const QueryFunction& query, bool algorithm_column, model::Schema& schema);

}  // namespace schemac::dialects::mysql
