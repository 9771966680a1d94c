// The canonical text of an SQL expression (check, default, generated column, index key or
// predicate), so that what a schema file says and what PostgreSQL prints back compare equal.
//
// PostgreSQL stores expressions parsed and prints them its own way: `total >= 0` comes back as
// `(total >= (0)::numeric)`, `status IN ('a', 'b')` as `(status = ANY (ARRAY['a'::text, 'b'::text]))`.
// Normalize has no server to ask, so both sides are mapped to one canonical form instead:
// parsed with PostgreSQL's operator precedence and printed with the fewest parentheses, keywords
// and bare identifiers lower case, casts PostgreSQL adds to literals removed (to text-like,
// numeric and user-defined types: enums), LIKE as ~~, SIMILAR TO as ~ similar_to_escape(),
// IN lists as = ANY (ARRAY[...]) (one value: =), [NOT] BETWEEN as two comparisons, AND / OR
// chains flat, CAST(x AS t) as x::t, TRIM / POSITION / SUBSTRING / EXTRACT / OVERLAY in their
// keyword syntax, 1e3 as 1000, CURRENT_TIMESTAMP as now(). Casts to other types (date, interval,
// jsonb, ...) are kept: PostgreSQL needs them to resolve operators, and prints them as written.
// The result is still valid SQL with the same meaning; it is what gets rendered.
// Text the parser does not understand falls back to whitespace and case normalization.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace schemac::dialects::postgres {

// What a column of the table the expression belongs to holds, as far as the casts PostgreSQL
// adds around column references go: a character column (varchar, char) is printed
// `(column)::text`, an integer column next to a numeric operand `(column)::numeric` (next to a
// float one `::double precision`); the canonical form drops those. A string compared with a date
// or timestamp column is printed with its cast (`'2020-01-01'::date`); the canonical form adds it.
enum class ColumnClass { kOther, kCharacter, kInteger, kDecimal, kFloat, kDate, kTimestamp };
using ClassifyColumn = std::function<ColumnClass(const std::string& column)>;

// A type spelling as format_type() prints it: aliases resolved (int4 -> integer, varchar ->
// character varying, timestamptz -> timestamp with time zone), modifiers where PostgreSQL puts
// them (timestamp(3) without time zone), lower case, pg_catalog. dropped.
std::string CanonicalTypeSpelling(const std::string& spelling);

std::string CanonicalExpression(const std::string& sql, const ClassifyColumn& classify_column = nullptr);

// A canonical expression with its column references renamed (old name -> new name), as
// PostgreSQL rewrites a check after RENAME COLUMN. nullopt when the text does not parse.
std::optional<std::string> RenameColumnsInExpression(const std::string& canonical,
                                                     const std::map<std::string, std::string>& renames);

}  // namespace schemac::dialects::postgres
