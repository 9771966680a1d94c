// Renames the diff has decided on (from `renamed_from` hints), and the views of the current
// schema they imply.
//
// The diff compares the current schema with the desired one *through* its renames: once table
// `purchases` becomes `orders`, a foreign key that pointed at `purchases` points at `orders` (the
// databases rewrite it), so it must not show up as changed. Two views of a current table exist:
// - staged: tables and enums renamed (those renames are earlier, separate changes), so the table
//   has its new name, enum-typed columns name the new enum, foreign keys name the new tables.
//   Column renames are not applied: they happen inside the table's own kModifyTable. `before`
//   values of every change come from staged tables.
// - compared: staged plus every column rename, in this table and in the tables its foreign keys
//   reference. Only used to decide whether an object changed.
#pragma once

#include <map>
#include <string>
#include <tuple>

#include "schemac/model.hpp"

namespace schemac::compiler {

class RenameMap {
 public:
  void RenameTable(const std::string& ns, const std::string& from, const std::string& to);
  void RenameEnum(const std::string& ns, const std::string& from, const std::string& to);
  // `table` is the table's new name: column renames are decided on staged tables.
  void RenameColumn(const std::string& ns, const std::string& table, const std::string& from,
                    const std::string& to);

  // The new name of an object, or `name` when it is not renamed.
  std::string TableName(const std::string& ns, const std::string& name) const;
  std::string EnumName(const std::string& ns, const std::string& name) const;
  std::string ColumnName(const std::string& ns, const std::string& table, const std::string& column) const;

  // See the file comment. `ns` is the namespace the table lives in.
  model::Table StageTable(const std::string& ns, model::Table table) const;
  model::Table CompareView(const std::string& ns, model::Table staged) const;

 private:
  using Key = std::tuple<std::string, std::string>;                     // ns, name
  using ColumnKey = std::tuple<std::string, std::string, std::string>;  // ns, table, column
  std::map<Key, std::string> tables_;
  std::map<Key, std::string> enums_;
  std::map<ColumnKey, std::string> columns_;
};

// The namespace a foreign key points into: its own, or the referencing table's when left empty.
inline const std::string& ReferencedNamespace(const model::ForeignKey& fk, const std::string& table_ns) {
  return fk.ref_namespace.empty() ? table_ns : fk.ref_namespace;
}

}  // namespace schemac::compiler
