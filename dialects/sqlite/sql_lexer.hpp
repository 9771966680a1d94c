// A tokenizer for the SQL that SQLite stores in sqlite_schema and for the expressions schemac keeps
// as text (checks, defaults, generated columns, index keys and predicates).
//
// SQLite keeps only the text of CREATE statements: constraint names, checks and options exist
// nowhere else. This lexer understands what that text may contain: the four identifier quotes
// ("x", `x`, [x], and 'x' where an identifier is expected), strings with '' escapes, blob
// literals, numbers, -- and /* */ comments, and operators. It never fails: unknown bytes become
// one-character operator tokens, an unterminated quote runs to the end of the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::dialects::sqlite {

enum class TokenKind {
  kWord,         // bare identifier or keyword
  kQuotedIdent,  // "x", `x` or [x]
  kString,       // 'x'
  kBlob,         // X'00ff'
  kNumber,
  kOperator,  // + - * / || <= ...
  kLeftParen,
  kRightParen,
  kComma,
  kDot,
  kSemicolon,
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string text;       // as written in the source
  std::string value;      // identifiers and strings unquoted and unescaped; otherwise == text
  std::size_t begin = 0;  // byte offsets into the source: [begin, end)
  std::size_t end = 0;

  // True for a bare word equal to `keyword`, compared case-insensitively (ASCII).
  bool IsKeyword(std::string_view keyword) const;
  // True for a bare word or quoted identifier: something that can name an object.
  bool IsName() const { return kind == TokenKind::kWord || kind == TokenKind::kQuotedIdent; }
};

// Comments and whitespace are dropped.
std::vector<Token> Tokenize(std::string_view sql);

// ASCII upper / lower case; SQLite identifiers and keywords are case-insensitive only in ASCII.
std::string AsciiUpper(std::string_view text);
std::string AsciiLower(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Index of the right parenthesis matching the left one at `open`, or tokens.size() when the text
// ends first.
std::size_t MatchingParen(const std::vector<Token>& tokens, std::size_t open);

}  // namespace schemac::dialects::sqlite
