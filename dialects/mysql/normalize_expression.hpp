// The canonical spelling of an SQL expression (defaults, checks, generated columns, functional
// index keys), so that what a schema file says and what the server prints back compare equal.
//
// MariaDB and MySQL print expressions back in their own style: identifiers in backticks, one space
// around binary operators, lower-case function names, now() as current_timestamp(). Both sides of
// a diff go through CanonicalExpression, which re-prints the token stream in one fixed style.
// It is a lexical normalizer, not a parser: two spellings that only a parser would see as equal
// (redundant inner parentheses, a + b vs b + a) still compare different, which costs a spurious
// ALTER at worst, never a missed change.
#pragma once

#include <string>

namespace schemac::dialects::mysql {

// Idempotent: CanonicalExpression(CanonicalExpression(x)) == CanonicalExpression(x).
std::string CanonicalExpression(const std::string& expression);

// True when `word` must be quoted to be used as an identifier (a reserved word, or not a plain
// [A-Za-z_][A-Za-z0-9_$]* name).
bool IdentifierNeedsQuoting(const std::string& word);

}  // namespace schemac::dialects::mysql
