// Terse builders for hand-made models in compiler tests.
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::testing {

inline model::DataType Type(model::TypeKind kind) {
  model::DataType type;
  type.kind = kind;
  return type;
}

inline model::DataType EnumType(const std::string& name) {
  model::DataType type;
  type.kind = model::TypeKind::Enum;
  type.enum_name = name;
  return type;
}

inline model::Column Col(const std::string& name, model::TypeKind kind = model::TypeKind::Int,
                         bool nullable = true) {
  model::Column column;
  column.name = name;
  column.type = Type(kind);
  column.nullable = nullable;
  return column;
}

inline model::Column Renamed(model::Column column, std::vector<std::string> from) {
  column.renamed_from = std::move(from);
  return column;
}

inline model::PrimaryKey Pk(const std::string& table, std::vector<std::string> columns) {
  return model::PrimaryKey{model::DefaultPrimaryKeyName(table), std::move(columns)};
}

inline model::ForeignKey Fk(const std::string& table, std::vector<std::string> columns,
                            const std::string& ref_table, std::vector<std::string> ref_columns) {
  model::ForeignKey fk;
  fk.name = model::DefaultForeignKeyName(table, columns);
  fk.columns = std::move(columns);
  fk.ref_table = ref_table;
  fk.ref_columns = std::move(ref_columns);
  return fk;
}

inline model::Index Idx(const std::string& table, std::vector<std::string> columns, bool unique = false) {
  model::Index index;
  for (const auto& column : columns) {
    model::IndexKey key;
    key.column = column;
    index.keys.push_back(key);
  }
  index.name = model::DefaultIndexName(table, index.keys);
  index.unique = unique;
  return index;
}

// A table with an `id` bigint primary key plus `columns`.
inline model::Table Tbl(const std::string& name, std::vector<model::Column> columns = {}) {
  model::Table table;
  table.name = name;
  table.columns.push_back(Col("id", model::TypeKind::BigInt, false));
  for (auto& column : columns) table.columns.push_back(std::move(column));
  table.primary_key = Pk(name, {"id"});
  return table;
}

inline model::Enum MakeEnum(const std::string& name, std::vector<std::string> values) {
  model::Enum e;
  e.name = name;
  e.values = std::move(values);
  return e;
}

inline model::Schema OneNamespace(std::vector<model::Table> tables, std::vector<model::Enum> enums = {}) {
  model::Schema schema;
  schema.namespaces.push_back(model::Namespace{"", std::move(tables), std::move(enums), {}, {}, {}, {}});
  return schema;
}

}  // namespace schemac::testing
