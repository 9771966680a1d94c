#include "tests/support/catalog_reader.hpp"

#include <algorithm>

namespace schemac::test_support {

Result<CatalogSnapshot> ReadCatalog(dialects::Connection& connection) {
  const std::string dialect = connection.GetDialect().Name();
  if (dialect == "sqlite") return ReadSqliteCatalog(connection);
  if (dialect == "postgres") return ReadPostgresCatalog(connection);
  if (dialect == "mysql") return ReadMysqlCatalog(connection);
  return Status(StatusCode::kUnsupported, "no catalog reader for dialect " + dialect);
}

std::string DiffCatalogs(const CatalogSnapshot& expected, const CatalogSnapshot& actual) {
  std::vector<std::string> want = expected.lines;
  std::vector<std::string> got = actual.lines;
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  std::vector<std::string> only_expected;
  std::vector<std::string> only_actual;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(only_expected));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(only_actual));
  // Merged in line order, so a changed fact shows as its - and + lines next to each other.
  std::vector<std::pair<std::string, char>> merged;
  for (auto& line : only_expected) merged.emplace_back(std::move(line), '-');
  for (auto& line : only_actual) merged.emplace_back(std::move(line), '+');
  std::stable_sort(merged.begin(), merged.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string diff;
  for (const auto& [line, sign] : merged) diff += std::string(1, sign) + " " + line + "\n";
  return diff;
}

namespace catalog_text {

std::string Cell(const std::vector<std::optional<std::string>>& row, std::size_t index) {
  if (index >= row.size() || !row[index]) return "NULL";
  return *row[index];
}

Result<Rows> QueryRows(dialects::Connection& connection, const std::string& sql, const std::string& what) {
  auto rows = connection.Query(sql);
  if (!rows.ok()) return rows.status().WithContext("reading the catalog (" + what + ")");
  return std::move(rows.value());
}

std::string CollapseWhitespace(const std::string& text) {
  std::string out;
  char quote = 0;
  bool pending_space = false;
  for (char ch : text) {
    if (quote) {
      out += ch;
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (ch == '\'' || ch == '"' || ch == '`') quote = ch;
    out += ch;
  }
  return out;
}

std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char ch : text) {
    out += ch;
    if (ch == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace catalog_text
}  // namespace schemac::test_support
