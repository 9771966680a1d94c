// The names an SQL text mentions, for ordering views and triggers by what they use.
//
// Conservative on purpose: every identifier of the text counts (a bare word, "x", `x` or [x];
// strings and comments skipped), so a column or alias that happens to share a table's name makes
// the view depend on that table too. Over-approximating only costs a view being dropped and
// recreated around a change it would have survived; missing a dependency would make the
// database refuse the plan (or, in SQLite, leave a broken view behind).
#pragma once

#include <string>
#include <vector>

namespace schemac::compiler {

// Identifiers in `sql`, unquoted, in order (repeats kept).
std::vector<std::string> SqlNames(const std::string& sql);

// ASCII case-insensitive equality: SQL folds unquoted names, and a quoted name that differs only
// in case is rare enough to count as the same object here.
bool SameSqlName(const std::string& a, const std::string& b);

// True when `sql` mentions `name` as an identifier.
bool MentionsSqlName(const std::string& sql, const std::string& name);

}  // namespace schemac::compiler
