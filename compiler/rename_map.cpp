#include "compiler/rename_map.hpp"

namespace schemac::compiler {
namespace {

template <typename Map, typename Key>
std::string Lookup(const Map& map, const Key& key, const std::string& fallback) {
  auto it = map.find(key);
  return it == map.end() ? fallback : it->second;
}

}  // namespace

void RenameMap::RenameTable(const std::string& ns, const std::string& from, const std::string& to) {
  tables_[{ns, from}] = to;
}

void RenameMap::RenameEnum(const std::string& ns, const std::string& from, const std::string& to) {
  enums_[{ns, from}] = to;
}

void RenameMap::RenameColumn(const std::string& ns, const std::string& table, const std::string& from,
                             const std::string& to) {
  columns_[{ns, table, from}] = to;
}

std::string RenameMap::TableName(const std::string& ns, const std::string& name) const {
  return Lookup(tables_, Key{ns, name}, name);
}

std::string RenameMap::EnumName(const std::string& ns, const std::string& name) const {
  return Lookup(enums_, Key{ns, name}, name);
}

std::string RenameMap::ColumnName(const std::string& ns, const std::string& table,
                                  const std::string& column) const {
  return Lookup(columns_, ColumnKey{ns, table, column}, column);
}

model::Table RenameMap::StageTable(const std::string& ns, model::Table table) const {
  table.name = TableName(ns, table.name);
  for (auto& column : table.columns) {
    if (column.type.kind != model::TypeKind::Enum) continue;
    const std::string& enum_ns = column.type.enum_namespace.empty() ? ns : column.type.enum_namespace;
    column.type.enum_name = EnumName(enum_ns, column.type.enum_name);
  }
  for (auto& fk : table.foreign_keys) {
    fk.ref_table = TableName(ReferencedNamespace(fk, ns), fk.ref_table);
  }
  return table;
}

model::Table RenameMap::CompareView(const std::string& ns, model::Table staged) const {
  const std::string table_name = staged.name;
  auto local = [&](std::string& column) { column = ColumnName(ns, table_name, column); };
  for (auto& column : staged.columns) local(column.name);
  if (staged.primary_key) {
    for (auto& column : staged.primary_key->columns) local(column);
  }
  for (auto& unique : staged.uniques) {
    for (auto& column : unique.columns) local(column);
  }
  for (auto& index : staged.indexes) {
    for (auto& key : index.keys) {
      if (!key.column.empty()) local(key.column);
    }
    for (auto& column : index.include) local(column);
  }
  for (auto& fk : staged.foreign_keys) {
    for (auto& column : fk.columns) local(column);
    const std::string& ref_ns = ReferencedNamespace(fk, ns);
    for (auto& column : fk.ref_columns) column = ColumnName(ref_ns, fk.ref_table, column);
  }
  return staged;
}

}  // namespace schemac::compiler
