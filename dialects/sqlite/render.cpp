#include "dialects/sqlite/render.hpp"

#include "dialects/sqlite/enum_checks.hpp"
#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/types.hpp"

namespace schemac::dialects::sqlite {
namespace {

std::string IdentifierList(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += QuoteIdentifier(name);
  }
  return out;
}

bool IsStrict(const model::Table& table) {
  auto sqlite = table.options.find(kDialectName);
  return sqlite != table.options.end() && sqlite->second.count("strict") > 0 &&
         sqlite->second.at("strict") == "true";
}

bool IsWithoutRowid(const model::Table& table) {
  auto sqlite = table.options.find(kDialectName);
  return sqlite != table.options.end() && sqlite->second.count("without_rowid") > 0 &&
         sqlite->second.at("without_rowid") == "true";
}

const model::Enum* FindEnum(const EnumList& enums, const std::string& name) {
  for (const auto& candidate : enums) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

// CONSTRAINT "enum:x" CHECK ("col" IN (...)), or empty when the column is no enum.
std::string EnumConstraint(const model::Column& column, const EnumList& enums) {
  if (column.type.kind != model::TypeKind::Enum) return "";
  const model::Enum* enum_type = FindEnum(enums, column.type.enum_name);
  if (!enum_type || enum_type->values.empty()) return "";
  return "CONSTRAINT " + QuoteIdentifier(EnumCheckName(enum_type->name)) + " CHECK (" +
         EnumCheckExpression(column.name, enum_type->values) + ")";
}

// "CONSTRAINT <name> ", or nothing when `name` is the default for the table (naming.hpp). SQLite
// keeps a constraint name only in the CREATE TABLE text, so a stored default name would stay behind
// when the table is renamed, and renaming it means rebuilding the table; left out, the inspector
// derives it again from the table's current name, so it follows every rename by itself.
std::string ConstraintName(const std::string& name, const std::string& default_name) {
  return name == default_name ? std::string() : "CONSTRAINT " + QuoteIdentifier(name) + " ";
}

std::string RenderForeignKey(const model::Table& table, const model::ForeignKey& fk) {
  std::string sql = ConstraintName(fk.name, model::DefaultForeignKeyName(table.name, fk.columns)) +
                    "FOREIGN KEY (" + IdentifierList(fk.columns) + ") REFERENCES " +
                    QuoteIdentifier(fk.ref_table);
  if (!fk.ref_columns.empty()) sql += " (" + IdentifierList(fk.ref_columns) + ")";
  if (fk.on_delete != model::ReferentialAction::NoAction) {
    sql += std::string(" ON DELETE ") + model::ReferentialActionSql(fk.on_delete);
  }
  if (fk.on_update != model::ReferentialAction::NoAction) {
    sql += std::string(" ON UPDATE ") + model::ReferentialActionSql(fk.on_update);
  }
  if (fk.deferrable)
    sql += fk.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE INITIALLY IMMEDIATE";
  return sql;
}

std::string RenderIndexKey(const model::IndexKey& key) {
  std::string sql = key.column.empty() ? "(" + key.expression + ")" : QuoteIdentifier(key.column);
  if (!key.collation.empty()) sql += " COLLATE " + QuoteIdentifier(key.collation);
  if (key.descending) sql += " DESC";
  return sql;
}

}  // namespace

bool IsRowidIdentity(const model::Table& table, const model::Column& column) {
  return column.identity && table.primary_key && table.primary_key->columns.size() == 1 &&
         table.primary_key->columns[0] == column.name;
}

bool IsRowidAlias(const model::Table& table, const model::Column& column) {
  return !column.identity && !IsWithoutRowid(table) && table.primary_key &&
         table.primary_key->columns.size() == 1 && table.primary_key->columns[0] == column.name &&
         IsDeclaredInteger(column.type);
}

std::string RenderDefault(const model::DefaultValue& value) {
  switch (value.kind) {
    case model::DefaultValue::Kind::Null:
      return "NULL";
    case model::DefaultValue::Kind::Bool:
      return value.text == "true" ? "1" : "0";
    case model::DefaultValue::Kind::Number:
      return value.text;
    case model::DefaultValue::Kind::String:
      return QuoteString(value.text);
    case model::DefaultValue::Kind::Expression:
      // CURRENT_TIMESTAMP & co. are the only expressions SQLite accepts without parentheses;
      // parentheses are accepted around every expression, and dflt_value drops them again.
      return "(" + value.text + ")";
  }
  return "NULL";
}

std::string RenderColumnDefinition(const model::Table& table, const model::Column& column,
                                   const EnumList& enums, bool inline_enum_check) {
  std::string sql = QuoteIdentifier(column.name);
  if (IsRowidIdentity(table, column)) {
    return sql + " INTEGER NOT NULL " +
           ConstraintName(table.primary_key->name, model::DefaultPrimaryKeyName(table.name)) +
           "PRIMARY KEY AUTOINCREMENT";
  }
  const std::string type = DeclaredType(column.type, IsStrict(table));
  if (!type.empty()) sql += " " + type;
  // No NOT NULL on a rowid alias: SQLite would refuse the NULL that asks it for the next rowid.
  if (!column.nullable && !IsRowidAlias(table, column)) sql += " NOT NULL";
  if (column.default_value && !column.generated) sql += " DEFAULT " + RenderDefault(*column.default_value);
  if (!column.collation.empty()) sql += " COLLATE " + QuoteIdentifier(column.collation);
  if (column.generated) {
    sql += " GENERATED ALWAYS AS (" + column.generated->expression + ")";
    sql += column.generated->stored ? " STORED" : " VIRTUAL";
  }
  if (inline_enum_check) {
    const std::string check = EnumConstraint(column, enums);
    if (!check.empty()) sql += " " + check;
  }
  return sql;
}

std::string RenderCreateTable(const model::Table& table, const std::string& table_name,
                              const EnumList& enums) {
  std::vector<std::string> items;
  bool pk_inline = false;
  for (const auto& column : table.columns) {
    pk_inline = pk_inline || IsRowidIdentity(table, column);
    items.push_back(RenderColumnDefinition(table, column, enums, false));
  }
  if (table.primary_key && !pk_inline) {
    items.push_back(ConstraintName(table.primary_key->name, model::DefaultPrimaryKeyName(table.name)) +
                    "PRIMARY KEY (" + IdentifierList(table.primary_key->columns) + ")");
  }
  for (const auto& unique : table.uniques) {
    items.push_back(ConstraintName(unique.name, model::DefaultUniqueName(table.name, unique.columns)) +
                    "UNIQUE (" + IdentifierList(unique.columns) + ")");
  }
  for (const auto& fk : table.foreign_keys) items.push_back(RenderForeignKey(table, fk));
  // Checks are written at table level, where the inspector's default is the table check's.
  for (const auto& check : table.checks) {
    items.push_back(ConstraintName(check.name, model::DefaultCheckName(table.name, "")) + "CHECK (" +
                    check.expression + ")");
  }
  for (const auto& column : table.columns) {
    std::string check = EnumConstraint(column, enums);
    if (!check.empty()) items.push_back(std::move(check));
  }

  std::string sql = "CREATE TABLE " + QuoteIdentifier(table_name) + " (";
  for (std::size_t i = 0; i < items.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + items[i];
  }
  sql += ")";
  std::vector<std::string> options;
  if (IsWithoutRowid(table)) options.push_back("WITHOUT ROWID");
  if (IsStrict(table)) options.push_back("STRICT");
  for (std::size_t i = 0; i < options.size(); ++i) sql += (i == 0 ? " " : ", ") + options[i];
  return sql;
}

std::string RenderCreateIndex(const model::Index& index, const std::string& table_name) {
  std::string keys;
  for (const auto& key : index.keys) {
    if (!keys.empty()) keys += ", ";
    keys += RenderIndexKey(key);
  }
  std::string sql = std::string(index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                    QuoteIdentifier(index.name) + " ON " + QuoteIdentifier(table_name) + " (" + keys + ")";
  if (!index.where.empty()) sql += " WHERE " + index.where;
  return sql;
}

std::string RenderDropIndex(const std::string& index_name) {
  return "DROP INDEX " + QuoteIdentifier(index_name);
}
std::string RenderDropTable(const std::string& table_name) {
  return "DROP TABLE " + QuoteIdentifier(table_name);
}

std::string RenderRenameTable(const std::string& from, const std::string& to) {
  return "ALTER TABLE " + QuoteIdentifier(from) + " RENAME TO " + QuoteIdentifier(to);
}

std::string RenderAddColumn(const model::Table& table, const model::Column& column, const EnumList& enums) {
  return "ALTER TABLE " + QuoteIdentifier(table.name) + " ADD COLUMN " +
         RenderColumnDefinition(table, column, enums, true);
}

std::string RenderDropColumn(const std::string& table_name, const std::string& column) {
  return "ALTER TABLE " + QuoteIdentifier(table_name) + " DROP COLUMN " + QuoteIdentifier(column);
}

std::string RenderRenameColumn(const std::string& table_name, const std::string& from,
                               const std::string& to) {
  return "ALTER TABLE " + QuoteIdentifier(table_name) + " RENAME COLUMN " + QuoteIdentifier(from) + " TO " +
         QuoteIdentifier(to);
}

}  // namespace schemac::dialects::sqlite
