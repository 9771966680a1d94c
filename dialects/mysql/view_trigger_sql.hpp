// Views and triggers as MySQL / MariaDB keep them, and the SQL that builds them.
//
// The server stores a view's query rewritten (every name qualified with the database and table,
// `AS` aliases on every column, `count(*)` as `count(0)`, joins parenthesized); it stores a
// trigger's statement as written. CanonicalViewQuery maps what a user writes and what the server
// prints to one spelling for the subset documented in dialects/mysql/README.md ("Views and
// triggers"); CanonicalCompoundBody only evens out spacing and comments.
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects::mysql {

// `text` without the qualifier `` `database`. `` (or a bare `database.`) in front of names, outside
// string literals: what information_schema adds to every name of a view's query.
std::string StripDatabaseQualifier(const std::string& text, const std::string& database);

// True when `query` selects `*` or `t.*` (which the server stores expanded into the columns of
// the moment).
bool SelectsStar(const std::string& query);

// One spelling of a view query: CanonicalExpression's, then keyword `as` dropped at the top level,
// an alias equal to its column dropped, `count(*)` as `count(0)`, the parentheses the server puts
// around a FROM join and an ON condition dropped, and the qualifier of a query over one relation
// dropped. Names of `relations` (tables and views of the namespace) keep their declared case.
// Idempotent.
std::string CanonicalViewQuery(const std::string& query, const std::vector<std::string>& relations);

// A trigger's or routine's body as the statements between BEGIN and END (a stored `BEGIN ... END` is
// unwrapped), comments dropped, one space between tokens where there was whitespace, every statement ended by
// `;`. Idempotent.
std::string CanonicalCompoundBody(const std::string& body);

// A canonical body as CREATE TRIGGER / FUNCTION / PROCEDURE takes it: one statement bare, several
// in BEGIN ... END.
std::string RenderCompoundBody(const std::string& body);

std::string RenderCreateView(const model::View& view, bool or_replace);
std::string RenderDropView(const std::string& name);
std::string RenderRenameView(const std::string& from, const std::string& to);
// `order` ("FOLLOWS" / "PRECEDES", or "" for none) and `neighbour`: where it fires among the
// triggers of the same table, timing and event.
std::string RenderCreateTrigger(const model::Trigger& trigger, const std::string& order,
                                const std::string& neighbour);
std::string RenderDropTrigger(const std::string& name);
std::string RenderDropTriggerIfExists(const std::string& name);

}  // namespace schemac::dialects::mysql
