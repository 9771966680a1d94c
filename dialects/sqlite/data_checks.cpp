#include "dialects/sqlite/data_checks.hpp"

#include "dialects/data_check_sql.hpp"
#include "dialects/data_check_types.hpp"
#include "dialects/sqlite/sql_text.hpp"

namespace schemac::dialects::sqlite {
namespace {

// The table copy keeps a value that does not convert as it was (text stays text in an INTEGER
// column): the step succeeds and the column holds values its type does not describe.
std::string DoesNotCast(const std::string& column, const model::DataType& from, const model::DataType& to) {
  if (IsTextualType(from.kind) && IsIntegerType(to.kind)) {
    return "(typeof(" + column + ") = 'text' AND (trim(" + column + ") = '' OR ltrim(trim(" + column +
           "), '+-') GLOB '*[^0-9]*'))";
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
      [](const std::string&, const std::string& name) { return QuoteIdentifier(name); },
      [](const std::string& text) { return QuoteString(text); },
      [](const std::string& column) { return "length(" + column + ")"; },
      [](const std::string& column) { return column; },
      DoesNotCast,
  };
  return kSpelling;
}

}  // namespace

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) { return BuildDataCheck(spec, Spelling()); }

std::string TableEstimateQuery(const std::string& table) {
  return "SELECT count(*), NULL FROM " + QuoteIdentifier(table);
}

}  // namespace schemac::dialects::sqlite
