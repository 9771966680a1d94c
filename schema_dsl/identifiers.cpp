#include "schema_dsl/identifiers.hpp"

#include <cctype>

#include "schema_dsl/fast_lexer.hpp"

namespace schemac::dsl {
namespace {

bool IsBare(std::string_view name) {
  if (name.empty()) return false;
  auto head = static_cast<unsigned char>(name[0]);
  if (!(std::isalpha(head) || head == '_') || head >= 0x80) return false;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || !(std::isalnum(byte) || byte == '_')) return false;
  }
  return true;
}

std::string Quote(std::string_view text, char quote) {
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  for (char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  out += quote;
  return out;
}

size_t Digits(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  return end - at;
}

}  // namespace

bool IsKeyword(std::string_view word) { return fast::IsKeyword(fast::KeywordOrId(word)); }

std::string QuoteIdentifier(std::string_view name) {
  if (IsBare(name) && !IsKeyword(name)) return std::string(name);
  return Quote(name, '"');
}

std::string QuoteString(std::string_view text) { return Quote(text, '\''); }

bool IsNumberLiteral(std::string_view text) {
  size_t at = 0;
  if (at < text.size() && text[at] == '-') ++at;
  size_t digits = Digits(text, at);
  if (digits == 0) return false;
  at += digits;
  if (at < text.size() && text[at] == '.') {
    size_t fraction = Digits(text, at + 1);
    if (fraction == 0) return false;
    at += 1 + fraction;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    size_t exponent = Digits(text, at);
    if (exponent == 0) return false;
    at += exponent;
  }
  return at == text.size();
}

std::string Unquote(std::string_view quoted) {
  if (quoted.size() < 2) return std::string(quoted);
  const char quote = quoted.front();
  std::string out;
  out.reserve(quoted.size() - 2);
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    out += quoted[i];
    if (quoted[i] == quote && i + 2 < quoted.size() && quoted[i + 1] == quote) ++i;  // doubled quote
  }
  return out;
}

std::string TrimBlanks(std::string_view text) {
  const char* blanks = " \t\r\n\f";
  size_t first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(blanks);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace schemac::dsl
