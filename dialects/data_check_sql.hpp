// The shape every dialect's data-check queries share (dialects/<name>/data_checks.cpp fill in the
// spelling): count the failing rows of one table, and list the primary keys of three of them.
//
//   SELECT count(*) FROM <table> t WHERE <predicate>
//   SELECT t.<key>, ... FROM <table> t WHERE <predicate> ORDER BY t.<key>, ... LIMIT 3
//
// The predicate selects exactly the rows the step would fail on or damage; the dialect spells
// what differs (quoting, string length, text comparison, whether a value casts).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects {

struct DataCheckSpelling {
  std::function<std::string(const std::string&)> quote;                              // an identifier
  std::function<std::string(const std::string& ns, const std::string& name)> table;  // a table name
  std::function<std::string(const std::string& text)> string_literal;
  std::function<std::string(const std::string& column_sql)> char_length;  // length in characters
  std::function<std::string(const std::string& column_sql)> as_text;      // enum values as text
  // The condition on a non-NULL value of `column` that it does not convert to `to` (the
  // column's old type is `from`); "" when the dialect cannot tell, and then there is no check.
  std::function<std::string(const std::string& column_sql, const model::DataType& from,
                            const model::DataType& to)>
      does_not_cast;
};

inline std::string JoinList(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

inline std::string QualifiedTableName(const DataCheckSpec& spec) {
  return spec.ns.empty() ? spec.table->name : spec.ns + "." + spec.table->name;
}

// The failing-rows predicate over alias `t`, and what it means for people; nullopt: not countable.
inline std::optional<std::pair<std::string, std::string>> DataCheckPredicate(const DataCheckSpec& spec,
                                                                             const DataCheckSpelling& spell) {
  const std::string table = QualifiedTableName(spec);
  auto column = [&](const std::string& name) { return "t." + spell.quote(name); };
  const std::string first = spec.columns.empty() ? std::string() : spec.columns.front();
  switch (spec.kind) {
    case DataCheckKind::kNull:
      return std::make_pair(column(first) + " IS NULL",
                            "rows of " + table + " with " + first + " NULL (it becomes NOT NULL)");
    case DataCheckKind::kRowsNoValue:
      return std::make_pair(std::string("1 = 1"), "rows of " + table +
                                                      " that would get no value for the new NOT "
                                                      "NULL column " +
                                                      first + " (it has no default)");
    case DataCheckKind::kDuplicate: {
      std::vector<std::string> plain, qualified, not_null;
      for (const auto& name : spec.columns) {
        plain.push_back(spell.quote(name));
        qualified.push_back(column(name));
        not_null.push_back(spell.quote(name) + " IS NOT NULL");
      }
      const std::string lhs = qualified.size() == 1 ? qualified[0] : "(" + JoinList(qualified, ", ") + ")";
      return std::make_pair(lhs + " IN (SELECT " + JoinList(plain, ", ") + " FROM " +
                                spell.table(spec.ns, spec.table->name) + " WHERE " +
                                JoinList(not_null, " AND ") + " GROUP BY " + JoinList(plain, ", ") +
                                " HAVING count(*) > 1)",
                            "rows of " + table + " sharing a value of (" + JoinList(spec.columns, ", ") +
                                "), which becomes unique");
    }
    case DataCheckKind::kOrphan: {
      const model::ForeignKey& fk = *spec.foreign_key;
      std::vector<std::string> conditions;
      for (const auto& name : fk.columns) conditions.push_back(column(name) + " IS NOT NULL");
      std::string referenced =
          spec.referenced_ns.empty() ? fk.ref_table : spec.referenced_ns + "." + fk.ref_table;
      if (spec.referenced != nullptr) {
        std::vector<std::string> match;
        for (std::size_t i = 0; i < fk.columns.size() && i < fk.ref_columns.size(); ++i)
          match.push_back("r." + spell.quote(fk.ref_columns[i]) + " = " + column(fk.columns[i]));
        conditions.push_back("NOT EXISTS (SELECT 1 FROM " + spell.table(spec.referenced_ns, fk.ref_table) +
                             " r WHERE " + JoinList(match, " AND ") + ")");
      }
      return std::make_pair(JoinList(conditions, " AND "),
                            "rows of " + table + " whose (" + JoinList(fk.columns, ", ") +
                                ") match no row of " + referenced + " (new foreign key " + fk.name + ")");
    }
    case DataCheckKind::kCheck:
      return std::make_pair("NOT (" + spec.check->expression + ")",
                            "rows of " + table + " failing the new check " + spec.check->name);
    case DataCheckKind::kCast: {
      const model::Column* before = spec.table->FindColumn(first);
      if (before == nullptr || spec.new_type == nullptr) return std::nullopt;
      std::string fails = spell.does_not_cast(column(first), before->type, *spec.new_type);
      if (fails.empty()) return std::nullopt;
      return std::make_pair(column(first) + " IS NOT NULL AND " + fails,
                            "rows of " + table + " whose " + first + " does not convert to the new type");
    }
    case DataCheckKind::kTooLong:
      if (spec.new_type == nullptr || !spec.new_type->length) return std::nullopt;
      return std::make_pair(spell.char_length(column(first)) + " > " + std::to_string(*spec.new_type->length),
                            "rows of " + table + " whose " + first + " is longer than " +
                                std::to_string(*spec.new_type->length) + " characters (the type narrows)");
    case DataCheckKind::kEnumValue: {
      std::vector<std::string> literals;
      for (const auto& value : spec.values) literals.push_back(spell.string_literal(value));
      return std::make_pair(spell.as_text(column(first)) + " IN (" + JoinList(literals, ", ") + ")",
                            "rows of " + table + " whose " + first + " holds a value the enum loses (" +
                                JoinList(spec.values, ", ") + ")");
    }
  }
  return std::nullopt;
}

// The data check of `spec` in the dialect's spelling, or nullopt when it cannot be counted.
inline std::optional<DataCheck> BuildDataCheck(const DataCheckSpec& spec, const DataCheckSpelling& spell) {
  auto predicate = DataCheckPredicate(spec, spell);
  if (!predicate) return std::nullopt;
  const std::string from = " FROM " + spell.table(spec.ns, spec.table->name) + " t WHERE " + predicate->first;
  DataCheck check;
  check.kind = spec.kind;
  check.hazard = spec.hazard;
  check.description = predicate->second;
  check.count_sql = "SELECT count(*)" + from;
  if (spec.table->primary_key && !spec.table->primary_key->columns.empty()) {
    std::vector<std::string> keys;
    for (const auto& name : spec.table->primary_key->columns) keys.push_back("t." + spell.quote(name));
    check.key_columns = spec.table->primary_key->columns;
    check.sample_sql =
        "SELECT " + JoinList(keys, ", ") + from + " ORDER BY " + JoinList(keys, ", ") + " LIMIT 3";
  }
  return check;
}

}  // namespace schemac::dialects
