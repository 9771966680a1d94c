#include "dialects/sqlite/sql_text.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <vector>

#include "dialects/sqlite/sql_lexer.hpp"

namespace schemac::dialects::sqlite {
namespace {

// SQLite's keyword list (https://sqlite.org/lang_keywords.html), upper case: a name spelled like
// one of these stays quoted in canonical text.
constexpr std::string_view kKeywords[] = {
    "ABORT",
    "ACTION",
    "ADD",
    "AFTER",
    "ALL",
    "ALTER",
    "ALWAYS",
    "ANALYZE",
    "AND",
    "AS",
    "ASC",
    "ATTACH",
    "AUTOINCREMENT",
    "BEFORE",
    "BEGIN",
    "BETWEEN",
    "BY",
    "CASCADE",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "COMMIT",
    "CONFLICT",
    "CONSTRAINT",
    "CREATE",
    "CROSS",
    "CURRENT",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "DATABASE",
    "DEFAULT",
    "DEFERRABLE",
    "DEFERRED",
    "DELETE",
    "DESC",
    "DETACH",
    "DISTINCT",
    "DO",
    "DROP",
    "EACH",
    "ELSE",
    "END",
    "ESCAPE",
    "EXCEPT",
    "EXCLUDE",
    "EXCLUSIVE",
    "EXISTS",
    "EXPLAIN",
    "FAIL",
    "FALSE",
    "FILTER",
    "FIRST",
    "FOLLOWING",
    "FOR",
    "FOREIGN",
    "FROM",
    "FULL",
    "GENERATED",
    "GLOB",
    "GROUP",
    "GROUPS",
    "HAVING",
    "IF",
    "IGNORE",
    "IMMEDIATE",
    "IN",
    "INDEX",
    "INDEXED",
    "INITIALLY",
    "INNER",
    "INSERT",
    "INSTEAD",
    "INTERSECT",
    "INTO",
    "IS",
    "ISNULL",
    "JOIN",
    "KEY",
    "LAST",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MATCH",
    "MATERIALIZED",
    "NATURAL",
    "NO",
    "NOT",
    "NOTHING",
    "NOTNULL",
    "NULL",
    "NULLS",
    "OF",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OTHERS",
    "OUTER",
    "OVER",
    "PARTITION",
    "PLAN",
    "PRAGMA",
    "PRECEDING",
    "PRIMARY",
    "QUERY",
    "RAISE",
    "RANGE",
    "RECURSIVE",
    "REFERENCES",
    "REGEXP",
    "REINDEX",
    "RELEASE",
    "RENAME",
    "REPLACE",
    "RESTRICT",
    "RETURNING",
    "RIGHT",
    "ROLLBACK",
    "ROW",
    "ROWS",
    "SAVEPOINT",
    "SELECT",
    "SET",
    "TABLE",
    "TEMP",
    "TEMPORARY",
    "THEN",
    "TIES",
    "TO",
    "TRANSACTION",
    "TRIGGER",
    "TRUE",
    "UNBOUNDED",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USING",
    "VACUUM",
    "VALUES",
    "VIEW",
    "VIRTUAL",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
    "WITHOUT",
};

// The keywords that can appear inside an expression, written upper case in canonical text. Other
// keywords (FIRST, LAST, KEY, ...) double as column names in real schemas and keep their spelling.
constexpr std::string_view kExpressionKeywords[] = {
    "AND",          "OR",
    "NOT",          "IN",
    "IS",           "NULL",
    "LIKE",         "GLOB",
    "REGEXP",       "MATCH",
    "BETWEEN",      "CASE",
    "WHEN",         "THEN",
    "ELSE",         "END",
    "CAST",         "AS",
    "COLLATE",      "ESCAPE",
    "EXISTS",       "TRUE",
    "FALSE",        "DISTINCT",
    "ISNULL",       "NOTNULL",
    "SELECT",       "FROM",
    "WHERE",        "ASC",
    "DESC",         "CURRENT_DATE",
    "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "NOCASE",       "RTRIM",
    "BINARY",       "RAISE",
    "ALL",          "ANY",
    "SOME",
};

bool IsExpressionKeyword(std::string_view word) {
  const std::string upper = AsciiUpper(word);
  return std::find(std::begin(kExpressionKeywords), std::end(kExpressionKeywords), upper) !=
         std::end(kExpressionKeywords);
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string Doubled(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  out += quote;
  return out;
}

// The outermost parentheses wrap the whole token list.
bool WrappedInParens(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  if (end - begin < 2 || tokens[begin].kind != TokenKind::kLeftParen) return false;
  std::vector<Token> slice(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                           tokens.begin() + static_cast<std::ptrdiff_t>(end));
  return MatchingParen(slice, 0) == slice.size() - 1;
}

std::string TokenSpelling(const std::vector<Token>& tokens, std::size_t i, std::size_t end) {
  const Token& token = tokens[i];
  const bool calls = i + 1 < end && tokens[i + 1].kind == TokenKind::kLeftParen;
  switch (token.kind) {
    case TokenKind::kWord:
      if (IsExpressionKeyword(token.text)) return AsciiUpper(token.text);
      return calls ? AsciiLower(token.text) : token.text;
    case TokenKind::kQuotedIdent:
      if (IsPlainIdentifier(token.value) && !IsSqliteKeyword(token.value)) {
        return calls ? AsciiLower(token.value) : token.value;
      }
      return QuoteIdentifier(token.value);
    case TokenKind::kString:
      return QuoteString(token.value);
    case TokenKind::kBlob:
      return "X" + AsciiLower(token.text.substr(1));
    case TokenKind::kOperator:
      if (token.text == "==") return "=";
      if (token.text == "!=") return "<>";
      return token.text;
    default:
      return token.text;
  }
}

// A word that is a name (so a following '(' is a call and a following '-' is binary).
bool IsOperand(const Token& token) {
  if (token.kind == TokenKind::kQuotedIdent || token.kind == TokenKind::kString ||
      token.kind == TokenKind::kNumber || token.kind == TokenKind::kBlob ||
      token.kind == TokenKind::kRightParen) {
    return true;
  }
  if (token.kind != TokenKind::kWord) return false;
  return !IsExpressionKeyword(token.text) || token.IsKeyword("NULL") || token.IsKeyword("TRUE") ||
         token.IsKeyword("FALSE") || token.IsKeyword("CURRENT_TIMESTAMP") ||
         token.IsKeyword("CURRENT_DATE") || token.IsKeyword("CURRENT_TIME");
}

}  // namespace

bool IsSqliteKeyword(std::string_view word) {
  const std::string upper = AsciiUpper(word);
  return std::find(std::begin(kKeywords), std::end(kKeywords), upper) != std::end(kKeywords);
}

std::string QuoteIdentifier(std::string_view name) { return Doubled(name, '"'); }
std::string QuoteString(std::string_view value) { return Doubled(value, '\''); }

std::string CanonicalNumber(std::string_view number) {
  std::string text(number);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos ||
      std::count(text.begin(), text.end(), '.') > 1 || text == ".") {
    return std::string(number);
  }
  std::string integer = text.substr(0, text.find('.'));
  std::string fraction = text.find('.') == std::string::npos ? "" : text.substr(text.find('.') + 1);
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  if (integer.empty()) integer = "0";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = integer;
  if (!fraction.empty()) out += "." + fraction;
  if (negative && out != "0") out = "-" + out;
  return out;
}

std::string CanonicalExpression(std::string_view sql) {
  const std::vector<Token> tokens = Tokenize(sql);
  std::size_t begin = 0;
  std::size_t end = tokens.size();
  while (WrappedInParens(tokens, begin, end)) {
    ++begin;
    --end;
  }
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    const Token& token = tokens[i];
    if (i > begin) {
      const Token& previous = tokens[i - 1];
      const bool previous_is_unary = previous.kind == TokenKind::kOperator &&
                                     (previous.text == "-" || previous.text == "+" || previous.text == "~") &&
                                     (i - 1 == begin || !IsOperand(tokens[i - 2]));
      bool space = true;
      if (token.kind == TokenKind::kRightParen || token.kind == TokenKind::kComma ||
          token.kind == TokenKind::kDot || previous.kind == TokenKind::kLeftParen ||
          previous.kind == TokenKind::kDot || previous_is_unary) {
        space = false;
      } else if (token.kind == TokenKind::kLeftParen && previous.IsName() &&
                 !(previous.kind == TokenKind::kWord && IsExpressionKeyword(previous.text))) {
        space = false;  // a function call
      }
      if (space) out += ' ';
    }
    out += TokenSpelling(tokens, i, end);
  }
  return out;
}

}  // namespace schemac::dialects::sqlite
