// MySQL's own spelling of the desired views' queries. The server stores a view's query rewritten
// (qualified, `AS` added, parentheses around conditions, functions in lower case, ...), and the
// offline normalizer (view_trigger_sql.hpp) cannot match every rewrite: a query with a subquery or
// a UNION kept its author's spelling and planned a CREATE OR REPLACE VIEW every time. MySQL's DDL
// commits, so nothing can be tried and rolled back as on PostgreSQL: the views are created in a
// scratch database instead, over copies of the live tables (CREATE TABLE ... LIKE: structure only,
// no rows), read back from information_schema.VIEWS, and the scratch database is dropped.
#pragma once

#include <string>

#include "dialects/dialect.hpp"
#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::mysql {

// The scratch database of session `session_id`: schemac_scratch_<id>.
std::string ScratchDatabaseName(unsigned long session_id);

// Replaces each desired view's query with the server's spelling of it. Optional by nature: when
// the account may not create the scratch database (it needs CREATE and DROP on
// `schemac\_scratch\_%`), nothing is spelled and the offline normalizer alone decides. A view the
// server refuses (over a table the plan still has to create) keeps its text. Scratch databases of
// sessions that are gone (a schemac killed midway) are dropped first. The session's default
// database is `database` again on return, whatever happened. Lock timeouts and lost connections
// are errors.
Status SpellViewsInScratchDatabase(Connection& connection, const std::string& database,
                                   unsigned long session_id, model::Schema& desired);

}  // namespace schemac::dialects::mysql
