// PostgreSQL's own spelling of the SQL text a desired schema keeps verbatim. PostgreSQL does not
// store a view's query as written: it parses it and prints it back (pg_get_viewdef) with its own
// spacing, parentheses, casts and qualification; a trigger's WHEN condition and call likewise
// (pg_get_triggerdef). No offline normalizer can match that printer in general, so the server is
// asked: each view and trigger is created as written inside a transaction that is rolled back,
// and what the catalog then says of it replaces the desired text. See README.md ("Views").
#pragma once

#include "dialects/dialect.hpp"
#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

// Runs inside a transaction (or savepoint) the caller opened and rolls back afterwards; each
// object in a savepoint of its own. Views are created in dependency order (retried while any
// more succeed): a new view is created under its own name, so the views over it can be spelled
// too; one the database holds already, under a scratch name. An object the server refuses (its
// table is still to be created, the function does not exist yet) keeps its text. Lock timeouts
// and lost connections are errors.
Status SpellViewsAndTriggers(Connection& connection, model::Schema& desired);

}  // namespace schemac::dialects::postgres
