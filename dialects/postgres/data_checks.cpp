#include "dialects/postgres/data_checks.hpp"

#include "dialects/data_check_sql.hpp"
#include "dialects/data_check_types.hpp"
#include "dialects/postgres/render.hpp"

namespace schemac::dialects::postgres {
namespace {

// ALTER COLUMN ... TYPE casts with `USING c::type`: text that is not an integer, and integers out
// of the new range, make the step fail.
std::string DoesNotCast(const std::string& column, const model::DataType& from, const model::DataType& to) {
  if (IsTextualType(from.kind) && IsIntegerType(to.kind)) {
    // CASE, not OR: PostgreSQL may evaluate either side first, and the cast raises on text.
    return "CASE WHEN " + column + " ~ '^\\s*[-+]?[0-9]+\\s*$' THEN " + column + "::numeric NOT BETWEEN " +
           IntegerRange(to.kind).first + " AND " + IntegerRange(to.kind).second + " ELSE true END";
  }
  if (IntegerNarrows(from.kind, to.kind)) {
    return column + " NOT BETWEEN " + std::string(IntegerRange(to.kind).first) + " AND " +
           IntegerRange(to.kind).second;
  }
  return {};
}

const DataCheckSpelling& Spelling() {
  static const DataCheckSpelling kSpelling{
      QuoteIdent,
      QualifiedName,
      QuoteLiteral,
      [](const std::string& column) { return "char_length(" + column + ")"; },
      [](const std::string& column) { return column + "::text"; },
      DoesNotCast,
  };
  return kSpelling;
}

}  // namespace

std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) { return BuildDataCheck(spec, Spelling()); }

std::string TableEstimateQuery(const std::string& ns, const std::string& table) {
  // reltuples is -1 until the table was first analyzed or vacuumed: unknown, not zero.
  return "SELECT CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END, "
         "pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = to_regclass(" +
         QuoteLiteral(QualifiedName(ns, table)) + ")";
}

// The estimate's pg_total_relation_size opens the table, so it waits behind a session holding it
// ACCESS EXCLUSIVE: without a lock timeout of its own that wait lasted the whole statement
// timeout. (The steps' timeouts used to stay on the session and bound it by accident.)
std::vector<std::string> DataCheckTimeout(int timeout_ms, int lock_timeout_ms) {
  std::vector<std::string> statements = {"SET statement_timeout = " + std::to_string(timeout_ms)};
  if (lock_timeout_ms > 0) statements.push_back("SET lock_timeout = " + std::to_string(lock_timeout_ms));
  return statements;
}

std::vector<std::string> DataCheckTimeoutReset() { return {"RESET statement_timeout", "RESET lock_timeout"}; }

}  // namespace schemac::dialects::postgres
