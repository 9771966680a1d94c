#include "dialects/sqlite/sql_lexer.hpp"

#include <cctype>

namespace schemac::dialects::sqlite {
namespace {

bool IsWordStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsWordPart(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

// Reads a quoted run starting at `pos` (the opening quote). A doubled closing quote stands for one
// (except inside [brackets], which have no escape). Returns the position after the closing quote.
std::size_t ReadQuoted(std::string_view sql, std::size_t pos, char close, bool doubling, std::string& value) {
  std::size_t i = pos + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (doubling && i + 1 < sql.size() && sql[i + 1] == close) {
        value += close;
        i += 2;
        continue;
      }
      return i + 1;
    }
    value += sql[i++];
  }
  return i;
}

std::size_t ReadNumber(std::string_view sql, std::size_t i) {
  if (sql[i] == '0' && i + 1 < sql.size() && (sql[i + 1] == 'x' || sql[i + 1] == 'X')) {
    i += 2;
    while (i < sql.size() && std::isxdigit(static_cast<unsigned char>(sql[i]))) ++i;
    return i;
  }
  while (i < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) ++i;
  if (i < sql.size() && (sql[i] == 'e' || sql[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < sql.size() && (sql[j] == '+' || sql[j] == '-')) ++j;
    if (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) {
      i = j;
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
    }
  }
  return i;
}

std::size_t OperatorLength(std::string_view rest) {
  static const char* kLong[] = {"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"};
  for (const char* op : kLong) {
    std::string_view candidate(op);
    if (rest.substr(0, candidate.size()) == candidate) return candidate.size();
  }
  return 1;
}

}  // namespace

bool Token::IsKeyword(std::string_view keyword) const {
  return kind == TokenKind::kWord && EqualsIgnoreCase(text, keyword);
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && AsciiLower(a) == AsciiLower(b);
}

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const unsigned char c = static_cast<unsigned char>(sql[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
      continue;
    }
    Token token;
    token.begin = i;
    std::size_t next = i + 1;
    if ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'') {
      token.kind = TokenKind::kBlob;
      std::string ignored;
      next = ReadQuoted(sql, i + 1, '\'', true, ignored);
    } else if (IsWordStart(c)) {
      token.kind = TokenKind::kWord;
      while (next < sql.size() && IsWordPart(static_cast<unsigned char>(sql[next]))) ++next;
    } else if (c == '"' || c == '`') {
      token.kind = TokenKind::kQuotedIdent;
      next = ReadQuoted(sql, i, static_cast<char>(c), true, token.value);
    } else if (c == '[') {
      token.kind = TokenKind::kQuotedIdent;
      next = ReadQuoted(sql, i, ']', false, token.value);
    } else if (c == '\'') {
      token.kind = TokenKind::kString;
      next = ReadQuoted(sql, i, '\'', true, token.value);
    } else if (std::isdigit(c) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      token.kind = TokenKind::kNumber;
      next = ReadNumber(sql, i);
    } else if (c == '(') {
      token.kind = TokenKind::kLeftParen;
    } else if (c == ')') {
      token.kind = TokenKind::kRightParen;
    } else if (c == ',') {
      token.kind = TokenKind::kComma;
    } else if (c == '.') {
      token.kind = TokenKind::kDot;
    } else if (c == ';') {
      token.kind = TokenKind::kSemicolon;
    } else {
      token.kind = TokenKind::kOperator;
      next = i + OperatorLength(sql.substr(i));
    }
    token.end = next;
    token.text = std::string(sql.substr(i, next - i));
    if (token.kind != TokenKind::kQuotedIdent && token.kind != TokenKind::kString) token.value = token.text;
    tokens.push_back(std::move(token));
    i = next;
  }
  return tokens;
}

std::size_t MatchingParen(const std::vector<Token>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kLeftParen) ++depth;
    if (tokens[i].kind == TokenKind::kRightParen && --depth == 0) return i;
  }
  return tokens.size();
}

}  // namespace schemac::dialects::sqlite
