// The text PostgreSQL gives back for views and triggers (pg_get_viewdef, pg_get_triggerdef,
// reloptions), read into the model's pieces. Pure functions: inspect and the server's spelling of
// a desired schema (spell_as_server.cpp) read the same text the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

// A view's query as pg_get_viewdef prints it (" SELECT ...;") or as a user wrote it: without the
// blanks around it and the trailing `;`s.
std::string TrimViewQuery(std::string_view query);

// `text` without parentheses around the whole of it ("((a > 0))" -> "a > 0"; "(a) OR (b)" stays).
// Quotes are respected.
std::string StripOuterParentheses(std::string_view text);

// What the model keeps of pg_get_triggerdef's text beyond pg_trigger's columns: the WHEN
// condition (without its parentheses), the function (qualified only when it is not on the search
// path; its parts unquoted, as the model keeps names) and the text between the call's parentheses.
struct TriggerCall {
  std::string when;
  std::string function;
  std::string arguments;
};
// kUnsupported, naming the text, when it has no EXECUTE FUNCTION / PROCEDURE call.
Result<TriggerCall> ParseTriggerDefinition(std::string_view definition);

// A view's reloptions ("check_option=local", "security_invoker=true", ...) applied to `view`; the
// options the model has no field for are returned, for the inspection to report them.
std::vector<std::string> ApplyViewOptions(const std::vector<std::string>& options, model::View& view);

// The events as pg_get_triggerdef lists them (INSERT, DELETE, UPDATE, TRUNCATE), from tgtype.
std::vector<model::TriggerEvent> TriggerEventsFromType(int tgtype);
model::TriggerTiming TriggerTimingFromType(int tgtype);
bool TriggerForEachRowFromType(int tgtype);
// `events` in that same order: PostgreSQL does not keep the order they were written in.
void SortTriggerEvents(std::vector<model::TriggerEvent>& events);

}  // namespace schemac::dialects::postgres
