// How names and literals are spelled in schema text: when an identifier needs quotes, how
// strings and identifiers are quoted.
#pragma once

#include <string>
#include <string_view>

namespace schemac::dsl {

// True for the language's keywords (the lexer's keyword tokens).
bool IsKeyword(std::string_view word);

// `name` bare when it matches [A-Za-z_][A-Za-z0-9_]* and is not a keyword, else double-quoted
// with "" for a quote.
std::string QuoteIdentifier(std::string_view name);

// A single-quoted string literal, '' for a quote.
std::string QuoteString(std::string_view text);

// The value of a quoted token ('...', "..." or `...`) as the parsers read it: the outer quotes
// dropped and each doubled quote undone.
std::string Unquote(std::string_view quoted);

// `text` without leading and trailing blanks (space, tab, CR, LF, form feed): how the text of an
// SQL expression between its parentheses is kept.
std::string TrimBlanks(std::string_view text);

// The columns `text` (UTF-8) takes in a terminal: one per code point, two for East Asian wide and
// fullwidth characters (名前), none for combining marks. What the printer aligns by: bytes would
// misalign every name with a multibyte character (größe). Invalid UTF-8 counts a column per byte.
size_t DisplayWidth(std::string_view text);

// True when `text` lexes as one NUMBER token (-?digits[.digits][e[+-]digits]).
bool IsNumberLiteral(std::string_view text);

}  // namespace schemac::dsl
