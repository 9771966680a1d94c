// Default names for constraints and indexes the schema does not name.
//
// The binder fills these in when a schema leaves a name out, and inspectors of databases that
// generated their own names (or none, as SQLite does) use the same rules, so that both sides of a
// diff match by name. The printer leaves out a name equal to its default. The convention is
// PostgreSQL's, which is the most common spelling in the wild:
//   primary key  <table>_pkey
//   unique       <table>_<col>[_<col>...]_key
//   foreign key  <table>_<col>[_<col>...]_fkey
//   check        <table>_<col>_check (column check) or <table>_check (table check)
//   index        <table>_<col>[_<col>...]_idx (expression keys contribute "expr")
#pragma once

#include <string>
#include <vector>

#include "schemac/model/schema.hpp"

namespace schemac::model {

inline std::string JoinColumnsForName(const std::vector<std::string>& columns) {
  std::string joined;
  for (const auto& column : columns) {
    if (!joined.empty()) joined += '_';
    joined += column;
  }
  return joined;
}

inline std::string DefaultPrimaryKeyName(const std::string& table) { return table + "_pkey"; }

inline std::string DefaultUniqueName(const std::string& table, const std::vector<std::string>& columns) {
  return table + "_" + JoinColumnsForName(columns) + "_key";
}

inline std::string DefaultForeignKeyName(const std::string& table, const std::vector<std::string>& columns) {
  return table + "_" + JoinColumnsForName(columns) + "_fkey";
}

// `column` is empty for a table-level check.
inline std::string DefaultCheckName(const std::string& table, const std::string& column) {
  return column.empty() ? table + "_check" : table + "_" + column + "_check";
}

inline std::string DefaultIndexName(const std::string& table, const std::vector<IndexKey>& keys) {
  std::vector<std::string> parts;
  for (const auto& key : keys) parts.push_back(key.column.empty() ? std::string("expr") : key.column);
  return table + "_" + JoinColumnsForName(parts) + "_idx";
}

}  // namespace schemac::model
