// Canonical spelling of SQL fragments the model keeps as text (checks, defaults, generated
// columns, index keys and predicates), and quoting of identifiers and strings.
//
// Both sides of a diff pass through these: the schema file's `check (total >= 0)` and SQLite's
// stored `CHECK("total">=0)` (after a RENAME COLUMN, SQLite rewrites names into quoted form) must
// compare equal. The canonical form: one space between tokens, none inside parentheses or before
// commas, keywords upper case, function names lower case, identifiers unquoted when they need no
// quotes, `==` as `=`, `!=` as `<>`, and no redundant outer parentheses.
#pragma once

#include <string>
#include <string_view>

namespace schemac::dialects::sqlite {

std::string CanonicalExpression(std::string_view sql);

// "x" with " doubled: safe for any name, keywords and unicode included.
std::string QuoteIdentifier(std::string_view name);
// 'x' with ' doubled.
std::string QuoteString(std::string_view value);
// True when `word` is one of SQLite's keywords (which must be quoted to be used as a name).
bool IsSqliteKeyword(std::string_view word);
// A numeric literal in one spelling: "+01.50" -> "1.5", "-0" -> "0". Other text is returned as is.
std::string CanonicalNumber(std::string_view number);

}  // namespace schemac::dialects::sqlite
