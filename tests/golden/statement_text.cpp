#include "statement_text.hpp"

#include <sstream>

namespace schemac::golden {

std::string StatementsAsText(const std::vector<std::string>& statements) {
  std::string text;
  for (const auto& statement : statements) text += statement + ";\n";
  return text;
}

std::vector<std::string> ComparableLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    lines.push_back(line.substr(first, last - first + 1));
  }
  return lines;
}

bool SameStatements(const std::string& expected, const std::string& actual) {
  return ComparableLines(expected) == ComparableLines(actual);
}

std::string LineDiff(const std::string& expected, const std::string& actual) {
  const auto a = ComparableLines(expected);
  const auto b = ComparableLines(actual);
  // Longest common subsequence table; plans are a few dozen lines, so quadratic is fine.
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string diff;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      diff += "  " + a[i++] + "\n";
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      diff += "+ " + b[j++] + "\n";
    } else {
      diff += "- " + a[i++] + "\n";
    }
  }
  return diff;
}

}  // namespace schemac::golden
