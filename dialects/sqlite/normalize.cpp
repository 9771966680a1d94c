#include "dialects/sqlite/normalize.hpp"

#include <set>
#include <vector>

#include "dialects/sqlite/render.hpp"
#include "dialects/sqlite/sql_lexer.hpp"
#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/types.hpp"
#include "dialects/sqlite/view_trigger_sql.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::DefaultValue;

DefaultValue Literal(DefaultValue::Kind kind, std::string text) {
  return DefaultValue{kind, std::move(text)};
}

// An expression that is a single literal (optionally signed number) becomes that literal.
std::optional<DefaultValue> ExpressionDefault(std::string_view sql) {
  const std::string canonical = CanonicalExpression(sql);
  const std::vector<Token> tokens = Tokenize(canonical);
  if (tokens.size() == 1) {
    const Token& token = tokens[0];
    if (token.kind == TokenKind::kString) return Literal(DefaultValue::Kind::String, token.value);
    if (token.kind == TokenKind::kNumber)
      return Literal(DefaultValue::Kind::Number, CanonicalNumber(token.text));
    if (token.IsKeyword("NULL")) return std::nullopt;
    if (token.IsKeyword("TRUE")) return Literal(DefaultValue::Kind::Number, "1");
    if (token.IsKeyword("FALSE")) return Literal(DefaultValue::Kind::Number, "0");
  }
  if (tokens.size() == 2 && tokens[0].kind == TokenKind::kOperator &&
      (tokens[0].text == "-" || tokens[0].text == "+") && tokens[1].kind == TokenKind::kNumber) {
    return Literal(DefaultValue::Kind::Number, CanonicalNumber(tokens[0].text + tokens[1].text));
  }
  return Literal(DefaultValue::Kind::Expression, canonical);
}

bool IsTrue(const std::string& value) {
  return EqualsIgnoreCase(value, "true") || value == "1" || EqualsIgnoreCase(value, "on") ||
         EqualsIgnoreCase(value, "yes");
}

void NormalizeOptions(model::TableOptions& options) {
  model::TableOptions kept;
  auto sqlite = options.find(kDialectName);
  if (sqlite != options.end()) {
    for (const char* key : {"strict", "without_rowid"}) {
      auto it = sqlite->second.find(key);
      if (it != sqlite->second.end() && IsTrue(it->second)) kept[kDialectName][key] = "true";
    }
  }
  options = std::move(kept);
}

bool IsStrict(const model::Table& table) {
  auto sqlite = table.options.find(kDialectName);
  return sqlite != table.options.end() && sqlite->second.count("strict") > 0;
}

void NormalizeColumn(model::Column& column, bool strict) {
  if (column.identity) {
    column.identity->always = false;
    column.type = model::DataType{};
    column.type.kind = model::TypeKind::BigInt;
  } else {
    column.type = CanonicalType(column.type, strict);
  }
  column.comment.clear();
  column.collation = CanonicalCollation(column.collation);
  if (column.generated) {
    column.generated->expression = CanonicalExpression(column.generated->expression);
    column.default_value.reset();  // SQLite refuses a default on a generated column
  }
  if (column.default_value) column.default_value = CanonicalDefault(*column.default_value, column.type);
}

void NormalizeIndex(model::Index& index) {
  if (EqualsIgnoreCase(index.method, "btree")) index.method.clear();
  for (auto& key : index.keys) {
    key.collation = CanonicalCollation(key.collation);
    if (!key.expression.empty()) {
      key.expression = CanonicalExpression(key.expression);
      const std::vector<Token> tokens = Tokenize(key.expression);
      const bool bare_column =
          tokens.size() == 1 && (tokens[0].kind == TokenKind::kQuotedIdent ||
                                 (tokens[0].kind == TokenKind::kWord && !IsSqliteKeyword(tokens[0].text)));
      if (bare_column) {
        key.column = tokens[0].value;
        key.expression.clear();
      }
    }
  }
  if (!index.where.empty()) index.where = CanonicalExpression(index.where);
}

void NormalizeTable(model::Table& table, const model::Namespace& ns) {
  NormalizeOptions(table.options);
  const bool strict = IsStrict(table);
  table.comment.clear();
  // A rowid alias keeps its INTEGER spelling (types.hpp): CanonicalType would read it as bigint.
  for (auto& column : table.columns) {
    const bool rowid_alias = IsRowidAlias(table, column);
    NormalizeColumn(column, strict);
    if (rowid_alias) column.type = RowidAliasType();
  }
  if (table.primary_key) {
    for (const auto& key_column : table.primary_key->columns) {
      if (model::Column* column = table.FindColumn(key_column)) column->nullable = false;
    }
  }
  for (auto& index : table.indexes) NormalizeIndex(index);
  for (auto& check : table.checks) check.expression = CanonicalExpression(check.expression);
  for (auto& fk : table.foreign_keys) {
    if (fk.ref_namespace == ns.name) fk.ref_namespace.clear();
    // SQLite resolves REFERENCES case-insensitively and reports it as written: use the table's name.
    if (fk.ref_namespace.empty() && !ns.FindTable(fk.ref_table)) {
      for (const auto& candidate : ns.tables) {
        if (EqualsIgnoreCase(candidate.name, fk.ref_table)) fk.ref_table = candidate.name;
      }
    }
    if (!fk.deferrable) fk.initially_deferred = false;
    if (fk.ref_columns.empty() && fk.ref_namespace.empty()) {
      // REFERENCES t without columns means t's primary key.
      const model::Table* target = ns.FindTable(fk.ref_table);
      if (target && target->primary_key) fk.ref_columns = target->primary_key->columns;
    }
  }
  for (auto& column : table.columns) {
    if (column.type.kind == model::TypeKind::Enum && column.type.enum_namespace == ns.name) {
      column.type.enum_namespace.clear();
    }
  }
}

// Enums exist in SQLite only as CHECKs of the columns using them; an unused one cannot be stored.
void DropUnusedEnums(model::Schema& schema) {
  std::set<std::pair<std::string, std::string>> used;
  for (const auto& ns : schema.namespaces) {
    for (const auto& table : ns.tables) {
      for (const auto& column : table.columns) {
        if (column.type.kind != model::TypeKind::Enum) continue;
        const std::string& enum_ns =
            column.type.enum_namespace.empty() ? ns.name : column.type.enum_namespace;
        used.insert({enum_ns, column.type.enum_name});
      }
    }
  }
  for (auto& ns : schema.namespaces) {
    std::vector<model::Enum> kept;
    for (auto& enum_type : ns.enums) {
      if (!used.count({ns.name, enum_type.name})) continue;
      enum_type.comment.clear();
      kept.push_back(std::move(enum_type));
    }
    ns.enums = std::move(kept);
  }
}

}  // namespace

std::string CanonicalCollation(std::string_view collation) {
  std::string upper = AsciiUpper(collation);
  return upper == "BINARY" ? "" : upper;
}

std::optional<DefaultValue> CanonicalDefault(const DefaultValue& value, const model::DataType& type) {
  switch (value.kind) {
    case DefaultValue::Kind::Null:
      return std::nullopt;
    case DefaultValue::Kind::Bool:
      return Literal(DefaultValue::Kind::Number, EqualsIgnoreCase(value.text, "true") ? "1" : "0");
    case DefaultValue::Kind::Number:
      return Literal(DefaultValue::Kind::Number, CanonicalNumber(value.text));
    case DefaultValue::Kind::String:
      return value;
    case DefaultValue::Kind::Expression:
      return ExpressionDefault(value.text);
  }
  return value;
}

std::optional<DefaultValue> DefaultFromSql(std::string_view sql, const model::DataType& type) {
  return CanonicalDefault(Literal(DefaultValue::Kind::Expression, std::string(sql)), type);
}

void NormalizeSchema(model::Schema& schema) {
  for (auto& ns : schema.namespaces) {
    for (auto& table : ns.tables) NormalizeTable(table, ns);
    // SQLite keeps view and trigger texts verbatim: compare them in one spelling.
    for (auto& view : ns.views) view.query = CanonicalSqlText(view.query);
    for (auto& trigger : ns.triggers) {
      trigger.when = CanonicalCondition(trigger.when);
      trigger.body = CanonicalCompoundBody(trigger.body);
    }
  }
  DropUnusedEnums(schema);
}

}  // namespace schemac::dialects::sqlite
