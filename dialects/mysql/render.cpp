#include "dialects/mysql/render.hpp"

#include "dialects/mysql/foreign_key_index.hpp"
#include "dialects/mysql/normalize.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::TypeKind;

bool IsLobType(const model::DataType& type) {
  if (type.kind == TypeKind::Text || type.kind == TypeKind::Bytes || type.kind == TypeKind::Json) return true;
  if (const std::string* native = type.NativeFor("mysql")) {
    return native->find("text") != std::string::npos || native->find("blob") != std::string::npos;
  }
  return false;
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) {
    quoted += c;
    if (c == '`') quoted += '`';
  }
  return quoted + "`";
}

std::string QuoteString(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    switch (c) {
      case '\'':
        quoted += "''";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\0':
        quoted += "\\0";
        break;
      default:
        quoted += c;
        break;
    }
  }
  return quoted + "'";
}

std::string RenderDefiner(const std::string& definer) {
  const auto at = definer.rfind('@');
  if (at == std::string::npos) return QuoteString(definer) + "@'%'";
  return QuoteString(definer.substr(0, at)) + "@" + QuoteString(definer.substr(at + 1));
}

std::string RenderColumnType(const model::DataType& type, const ServerFeatures& features) {
  if (const std::string* native = type.NativeFor("mysql")) return *native;
  switch (type.kind) {
    case TypeKind::SmallInt:
      return "smallint";
    case TypeKind::Int:
      return "int";
    case TypeKind::BigInt:
      return "bigint";
    case TypeKind::Decimal:
      return "decimal(" + std::to_string(type.precision.value_or(10)) + "," +
             std::to_string(type.scale.value_or(0)) + ")";
    case TypeKind::Real:
      return "float";
    case TypeKind::Double:
      return "double";
    case TypeKind::Boolean:
      return "tinyint(1)";
    case TypeKind::Text:
      return "longtext";
    case TypeKind::Varchar:
      return type.length ? "varchar(" + std::to_string(*type.length) + ")" : "longtext";
    case TypeKind::Char:
      return "char(" + std::to_string(type.length.value_or(1)) + ")";
    case TypeKind::Bytes:
      return "longblob";
    case TypeKind::Date:
      return "date";
    case TypeKind::Time:
      return "time";
    case TypeKind::Timestamp:
      return "datetime";
    case TypeKind::TimestampTz:
      return "timestamp";
    case TypeKind::Uuid:
      return features.native_uuid ? "uuid" : "char(36)";
    case TypeKind::Json:
      return "json";
    case TypeKind::Enum:
      return "longtext";  // unreachable after Normalize inlines enums
    case TypeKind::Native:
      return "longtext";  // Unsupported() reports a native type without a mysql spelling
  }
  return "longtext";
}

std::string RenderDefault(const model::DataType& type, const model::DefaultValue& value,
                          const ServerFeatures& features) {
  using Kind = model::DefaultValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return "DEFAULT NULL";
    case Kind::Bool:
      return std::string("DEFAULT ") + (value.text == "true" ? "1" : "0");
    case Kind::Number:
      return "DEFAULT " + value.text;
    case Kind::String:
      // MySQL accepts only expression defaults on TEXT / BLOB / JSON; MariaDB takes literals.
      if (features.native_json && IsLobType(type)) return "DEFAULT (" + QuoteString(value.text) + ")";
      return "DEFAULT " + QuoteString(value.text);
    case Kind::Expression:
      // CURRENT_TIMESTAMP is the one expression every version accepts without parentheses.
      if (value.text == "current_timestamp()") return "DEFAULT current_timestamp()";
      return "DEFAULT (" + value.text + ")";
  }
  return "";
}

std::string RenderColumnDefinition(const model::Column& column, const ServerFeatures& features) {
  std::string sql = QuoteIdentifier(column.name) + " " + RenderColumnType(column.type, features);
  if (!column.collation.empty()) sql += " COLLATE " + column.collation;
  if (column.generated) {
    sql += " GENERATED ALWAYS AS (" + column.generated->expression + ")" +
           (column.generated->stored ? " STORED" : " VIRTUAL");
    if (!column.nullable && features.generated_not_null) sql += " NOT NULL";
  } else {
    sql += column.nullable ? " NULL" : " NOT NULL";
    if (column.default_value) sql += " " + RenderDefault(column.type, *column.default_value, features);
    if (column.identity) sql += " AUTO_INCREMENT";
  }
  if (!column.comment.empty()) sql += " COMMENT " + QuoteString(column.comment);
  return sql;
}

std::string RenderColumnList(const std::vector<std::string>& columns) {
  std::string sql = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) sql += ", ";
    sql += QuoteIdentifier(columns[i]);
  }
  return sql + ")";
}

std::string RenderIndexKeys(const model::Index& index, const model::Table& table) {
  std::string sql = "(";
  for (size_t i = 0; i < index.keys.size(); ++i) {
    const model::IndexKey& key = index.keys[i];
    if (i) sql += ", ";
    if (!key.expression.empty()) {
      sql += "(" + key.expression + ")";
    } else {
      sql += QuoteIdentifier(key.column);
      const model::Column* column = table.FindColumn(key.column);
      bool plain_index = index.method.empty() || index.method == "hash";
      if (key.prefix_length > 0)
        sql += "(" + std::to_string(key.prefix_length) + ")";
      else if (column && plain_index && IsLobType(column->type))
        sql += "(" + std::to_string(kAutoPrefixLength) + ")";
    }
    if (key.descending) sql += " DESC";
  }
  return sql + ")";
}

std::string RenderIndexClause(const model::Index& index, const model::Table& table) {
  std::string kind = index.unique ? "UNIQUE INDEX " : "INDEX ";
  if (index.method == "fulltext") kind = "FULLTEXT INDEX ";
  if (index.method == "spatial") kind = "SPATIAL INDEX ";
  std::string sql = kind + QuoteIdentifier(index.name) + " " + RenderIndexKeys(index, table);
  if (index.method == "hash") sql += " USING HASH";
  if (!index.comment.empty()) sql += " COMMENT " + QuoteString(index.comment);
  return sql;
}

std::string RenderUniqueClause(const model::UniqueConstraint& unique) {
  return "CONSTRAINT " + QuoteIdentifier(unique.name) + " UNIQUE " + RenderColumnList(unique.columns);
}

std::string RenderPrimaryKeyClause(const model::PrimaryKey& key) {
  std::string sql = "PRIMARY KEY " + RenderColumnList(key.columns);
  if (!key.comment.empty()) sql += " COMMENT " + QuoteString(key.comment);
  return sql;
}

std::string RenderForeignKeyClause(const model::ForeignKey& fk) {
  std::string sql = "CONSTRAINT " + QuoteIdentifier(fk.name) + " FOREIGN KEY " +
                    RenderColumnList(fk.columns) + " REFERENCES " + QuoteIdentifier(fk.ref_table) + " " +
                    RenderColumnList(fk.ref_columns);
  if (fk.on_delete != model::ReferentialAction::NoAction)
    sql += std::string(" ON DELETE ") + model::ReferentialActionSql(fk.on_delete);
  if (fk.on_update != model::ReferentialAction::NoAction)
    sql += std::string(" ON UPDATE ") + model::ReferentialActionSql(fk.on_update);
  return sql;
}

std::string RenderCheckClause(const model::Check& check) {
  return "CONSTRAINT " + QuoteIdentifier(check.name) + " CHECK (" + check.expression + ")";
}

std::string RenderTableOptions(const model::Table& table) {
  std::string sql;
  if (auto options = table.options.find("mysql"); options != table.options.end()) {
    if (auto engine = options->second.find("engine"); engine != options->second.end())
      sql += " ENGINE=" + engine->second;
    if (auto collation = options->second.find("collation"); collation != options->second.end()) {
      sql += " COLLATE=" + collation->second;
    }
  }
  if (!table.comment.empty()) sql += " COMMENT=" + QuoteString(table.comment);
  return sql;
}

std::string RenderCreateTable(const model::Table& table, const ServerFeatures& features) {
  std::vector<std::string> parts;
  for (const auto& column : table.columns) parts.push_back(RenderColumnDefinition(column, features));
  if (table.primary_key) parts.push_back(RenderPrimaryKeyClause(*table.primary_key));
  for (const auto& unique : table.uniques) parts.push_back(RenderUniqueClause(unique));
  for (const auto& index : table.indexes) parts.push_back(RenderIndexClause(index, table));
  for (const auto& fk : table.foreign_keys) {
    if (NeedsNamedIndex(table, fk))  // else the server names it after the key, as schemac would
      parts.push_back("INDEX " + QuoteIdentifier(fk.index_name) + " " + RenderColumnList(fk.columns));
  }
  for (const auto& fk : table.foreign_keys) parts.push_back(RenderForeignKeyClause(fk));
  for (const auto& check : table.checks) parts.push_back(RenderCheckClause(check));
  std::string sql = "CREATE TABLE " + QuoteIdentifier(table.name) + " (\n";
  for (size_t i = 0; i < parts.size(); ++i) sql += "  " + parts[i] + (i + 1 < parts.size() ? ",\n" : "\n");
  return sql + ")" + RenderTableOptions(table);
}

}  // namespace schemac::dialects::mysql
