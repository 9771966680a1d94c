#include "dialects/mysql/data_checks.hpp"

#include "dialects/data_check_sql.hpp"
#include "dialects/data_check_types.hpp"
#include "dialects/mysql/normalize.hpp"
#include "dialects/mysql/render.hpp"

namespace schemac::dialects::mysql {
namespace {

// MODIFY COLUMN converts in strict mode only what fits: text that is not an integer, and integers
// out of the new range, make the step fail (or, outside strict mode, turn into 0 or the bound).
std::string DoesNotCast(const std::string& column, const model::DataType& from, const model::DataType& to) {
  // Enums are spelled inline on their columns (normalize.hpp): a value the new ENUM(...) lacks is
  // refused in strict mode and stored as '' outside it.
  const std::string* old_spelling = from.NativeFor("mysql");
  const std::string* new_spelling = to.NativeFor("mysql");
  if (old_spelling != nullptr && new_spelling != nullptr) {
    auto values = InlineEnumValues(*new_spelling);
    if (!values || !InlineEnumValues(*old_spelling)) return {};
    std::string list;
    for (const auto& value : *values) list += (list.empty() ? "" : ", ") + QuoteString(value);
    return "CAST(" + column + " AS CHAR) NOT IN (" + list + ")";
  }
  if (IsTextualType(from.kind) && IsIntegerType(to.kind)) {
    return "(" + column + " NOT REGEXP '^[[:space:]]*[-+]?[0-9]+[[:space:]]*$' OR CAST(" + column +
           " AS DECIMAL(65,0)) NOT BETWEEN " + IntegerRange(to.kind).first + " AND " +
           IntegerRange(to.kind).second + ")";
  }
  if (IntegerNarrows(from.kind, to.kind)) {
    return column + " NOT BETWEEN " + std::string(IntegerRange(to.kind).first) + " AND " +
           IntegerRange(to.kind).second;
  }
  return {};
}

const DataCheckSpelling& Spelling() {
  static const DataCheckSpelling kSpelling{
      [](const std::string& name) { return QuoteIdentifier(name); },
      // One database per connection: tables are named without a namespace.
      [](const std::string&, const std::string& name) { return QuoteIdentifier(name); },
      [](const std::string& text) { return QuoteString(text); },
      [](const std::string& column) { return "CHAR_LENGTH(" + column + ")"; },
      [](const std::string& column) { return "CAST(" + column + " AS CHAR)"; },
      DoesNotCast,
  };
  return kSpelling;
}

}  // namespace

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) { return BuildDataCheck(spec, Spelling()); }

std::string TableEstimateQuery(const std::string&, const std::string& table) {
  return "SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
         "DATABASE() AND TABLE_NAME = " +
         QuoteString(table);
}

std::vector<std::string> DataCheckTimeout(int timeout_ms, bool mariadb) {
  if (mariadb) return {"SET SESSION max_statement_time = " + std::to_string(timeout_ms / 1000.0)};
  return {"SET SESSION max_execution_time = " + std::to_string(timeout_ms)};
}

std::vector<std::string> DataCheckTimeoutReset(bool mariadb) {
  return {mariadb ? "SET SESSION max_statement_time = DEFAULT" : "SET SESSION max_execution_time = DEFAULT"};
}

}  // namespace schemac::dialects::mysql
