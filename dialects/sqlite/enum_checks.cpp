#include "dialects/sqlite/enum_checks.hpp"

#include "dialects/sqlite/sql_lexer.hpp"
#include "dialects/sqlite/sql_text.hpp"

namespace schemac::dialects::sqlite {

std::string EnumCheckName(const std::string& enum_name) { return kEnumCheckPrefix + enum_name; }

std::string EnumCheckExpression(const std::string& column, const std::vector<std::string>& values) {
  std::string list;
  for (const auto& value : values) {
    if (!list.empty()) list += ", ";
    list += QuoteString(value);
  }
  return QuoteIdentifier(column) + " IN (" + list + ")";
}

std::optional<EnumCheck> ReadEnumCheck(const std::string& name, const std::string& expression) {
  const std::string prefix = kEnumCheckPrefix;
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::vector<Token> tokens = Tokenize(expression);
  // Tolerate redundant outer parentheses.
  while (tokens.size() >= 2 && tokens.front().kind == TokenKind::kLeftParen &&
         MatchingParen(tokens, 0) == tokens.size() - 1) {
    tokens.erase(tokens.begin());
    tokens.pop_back();
  }
  if (tokens.size() < 4 || !tokens[0].IsName() || !tokens[1].IsKeyword("IN") ||
      tokens[2].kind != TokenKind::kLeftParen || tokens.back().kind != TokenKind::kRightParen) {
    return std::nullopt;
  }
  EnumCheck check{tokens[0].value, name.substr(prefix.size()), {}};
  for (std::size_t i = 3; i + 1 < tokens.size(); ++i) {
    const bool expect_value = (i - 3) % 2 == 0;
    if (expect_value && tokens[i].kind != TokenKind::kString) return std::nullopt;
    if (!expect_value && tokens[i].kind != TokenKind::kComma) return std::nullopt;
    if (expect_value) check.values.push_back(tokens[i].value);
  }
  if (check.values.empty()) return std::nullopt;
  return check;
}

}  // namespace schemac::dialects::sqlite
