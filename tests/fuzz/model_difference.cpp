#include "model_difference.hpp"

#include <string>
#include <vector>

namespace schemac::fuzz {
namespace {

std::string Quoted(const std::string& name) { return "'" + name + "'"; }

// "<what> count 3 vs 4" or "<what> #2 (name)" for the first element that differs, empty if equal.
template <typename T>
std::string DescribeListDifference(const std::string& what, const std::vector<T>& expected,
                                   const std::vector<T>& actual) {
  if (expected.size() != actual.size()) {
    return what + " count " + std::to_string(expected.size()) + " vs " + std::to_string(actual.size());
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] != actual[i]) return what + " #" + std::to_string(i + 1);
  }
  return {};
}

std::string DescribeColumnDifference(const model::Column& expected, const model::Column& actual) {
  if (expected.name != actual.name) return "name " + Quoted(expected.name) + " vs " + Quoted(actual.name);
  if (expected.type != actual.type) return "type";
  if (expected.nullable != actual.nullable) return "nullability";
  if (expected.default_value != actual.default_value) {
    auto text = [](const std::optional<model::DefaultValue>& value) {
      return value ? Quoted(value->text) : std::string("none");
    };
    return "default " + text(expected.default_value) + " vs " + text(actual.default_value);
  }
  if (expected.identity != actual.identity) return "identity";
  if (expected.generated != actual.generated) return "generated expression";
  if (expected.collation != actual.collation) return "collation";
  if (expected.comment != actual.comment)
    return "comment " + Quoted(expected.comment) + " vs " + Quoted(actual.comment);
  return {};
}

std::string DescribeTableDifference(const model::Table& expected, const model::Table& actual) {
  if (expected.name != actual.name) return "name " + Quoted(expected.name) + " vs " + Quoted(actual.name);
  if (expected.columns.size() != actual.columns.size()) {
    return "column count " + std::to_string(expected.columns.size()) + " vs " +
           std::to_string(actual.columns.size());
  }
  for (size_t i = 0; i < expected.columns.size(); ++i) {
    std::string column = DescribeColumnDifference(expected.columns[i], actual.columns[i]);
    if (!column.empty()) return "column " + Quoted(expected.columns[i].name) + ": " + column;
  }
  if (expected.primary_key != actual.primary_key) return "primary key";
  for (const std::string& difference :
       {DescribeListDifference("unique constraint", expected.uniques, actual.uniques),
        DescribeListDifference("index", expected.indexes, actual.indexes),
        DescribeListDifference("foreign key", expected.foreign_keys, actual.foreign_keys),
        DescribeListDifference("check", expected.checks, actual.checks)}) {
    if (!difference.empty()) return difference;
  }
  if (expected.comment != actual.comment)
    return "comment " + Quoted(expected.comment) + " vs " + Quoted(actual.comment);
  if (expected.options != actual.options) return "options";
  return {};
}

std::string DescribeNamespaceDifference(const model::Namespace& expected, const model::Namespace& actual) {
  if (expected.name != actual.name) return "name " + Quoted(expected.name) + " vs " + Quoted(actual.name);
  std::string enums = DescribeListDifference("enum", expected.enums, actual.enums);
  if (!enums.empty()) return enums;
  if (expected.tables.size() != actual.tables.size()) {
    return "table count " + std::to_string(expected.tables.size()) + " vs " +
           std::to_string(actual.tables.size());
  }
  for (size_t i = 0; i < expected.tables.size(); ++i) {
    std::string table = DescribeTableDifference(expected.tables[i], actual.tables[i]);
    if (!table.empty()) return "table " + Quoted(expected.tables[i].name) + ", " + table;
  }
  return {};
}

}  // namespace

std::string DescribeFirstDifference(const model::Schema& expected, const model::Schema& actual) {
  if (expected == actual) return {};
  if (expected.namespaces.size() != actual.namespaces.size()) {
    return "namespace count " + std::to_string(expected.namespaces.size()) + " vs " +
           std::to_string(actual.namespaces.size());
  }
  for (size_t i = 0; i < expected.namespaces.size(); ++i) {
    std::string difference = DescribeNamespaceDifference(expected.namespaces[i], actual.namespaces[i]);
    if (!difference.empty()) return "namespace " + Quoted(expected.namespaces[i].name) + ", " + difference;
  }
  return "the models differ";  // unreachable while the walk above covers Schema::operator==
}

}  // namespace schemac::fuzz
