// Views and triggers as SQLite keeps them: the CREATE VIEW / CREATE TRIGGER text, stored verbatim
// in sqlite_schema. Inspect parses that text back into the model's structure; render writes it;
// both go through CanonicalSqlText so that the text a user wrote and the text SQLite stores (the
// one schemac rendered, or another tool's) compare equal whatever their spacing and comments.
#pragma once

#include <string>
#include <string_view>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::sqlite {

// `sql` with comments dropped, every run of whitespace between two tokens made one space and
// none added where there was none; tokens (strings, quoted names) kept exactly. A trailing `;`
// is dropped. Idempotent.
std::string CanonicalSqlText(std::string_view sql);

// The text of a trigger body: CanonicalSqlText with every statement ended by `;`.
std::string CanonicalCompoundBody(std::string_view body);

// A WHEN condition: CanonicalSqlText without parentheses around the whole of it.
std::string CanonicalCondition(std::string_view condition);

// CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name [(columns)] AS select.
Result<model::View> ParseCreateView(std::string_view sql);
// CREATE [TEMP] TRIGGER [IF NOT EXISTS] [schema.]name [BEFORE|AFTER|INSTEAD OF]
// DELETE|INSERT|UPDATE [OF columns] ON table [FOR EACH ROW] [WHEN expr] BEGIN statements END.
Result<model::Trigger> ParseCreateTrigger(std::string_view sql);

std::string RenderCreateView(const model::View& view);
std::string RenderDropView(const std::string& name);
std::string RenderCreateTrigger(const model::Trigger& trigger);
std::string RenderDropTrigger(const std::string& name);

}  // namespace schemac::dialects::sqlite
