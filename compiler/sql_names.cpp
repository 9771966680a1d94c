#include "compiler/sql_names.hpp"

#include <cctype>

namespace schemac::compiler {
namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWordPart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// Index just past the quoted run starting at `begin` (closed by `close`, doubled to escape it).
std::size_t SkipQuoted(const std::string& sql, std::size_t begin, char close, std::string* value) {
  std::size_t i = begin + 1;
  while (i < sql.size()) {
    if (sql[i] == close) {
      if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
        if (value) *value += close;
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (value) *value += sql[i];
    ++i;
  }
  return i;
}

}  // namespace

std::vector<std::string> SqlNames(const std::string& sql) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'') {
      i = SkipQuoted(sql, i, '\'', nullptr);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const std::size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
    } else if (c == '"' || c == '`' || c == '[') {
      std::string value;
      i = SkipQuoted(sql, i, c == '[' ? ']' : c, &value);
      names.push_back(std::move(value));
    } else if (IsWordStart(c)) {
      const std::size_t begin = i;
      while (i < sql.size() && IsWordPart(sql[i])) ++i;
      names.push_back(sql.substr(begin, i - begin));
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && (IsWordPart(sql[i]) || sql[i] == '.')) ++i;  // 1e5, 0x1f: no name
    } else {
      ++i;
    }
  }
  return names;
}

bool SameSqlName(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool MentionsSqlName(const std::string& sql, const std::string& name) {
  for (const std::string& candidate : SqlNames(sql)) {
    if (SameSqlName(candidate, name)) return true;
  }
  return false;
}

}  // namespace schemac::compiler
