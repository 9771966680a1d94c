#include "dialects/sqlite/types.hpp"

#include <cctype>
#include <optional>
#include <vector>

#include "dialects/sqlite/sql_lexer.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::DataType;
using model::TypeKind;

DataType Portable(TypeKind kind) {
  DataType type;
  type.kind = kind;
  return type;
}

DataType Native(const std::string& spelling) {
  DataType type;
  type.kind = TypeKind::Native;
  type.native[kDialectName] = spelling;
  return type;
}

std::optional<int> ParseSmallInt(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoi(text);
}

// A declared type split into its upper-case words and its numeric arguments: "varchar ( 10 )" ->
// base "VARCHAR", args {10}. Returns nullopt when the arguments are not plain numbers.
struct SplitType {
  std::string base;
  std::vector<int> args;
};

std::optional<SplitType> Split(const std::string& declared) {
  SplitType split;
  const std::vector<Token> tokens = Tokenize(declared);
  std::size_t i = 0;
  for (; i < tokens.size() && tokens[i].kind == TokenKind::kWord; ++i) {
    if (!split.base.empty()) split.base += ' ';
    split.base += AsciiUpper(tokens[i].text);
  }
  if (i == tokens.size()) return split;
  if (tokens[i].kind != TokenKind::kLeftParen) return std::nullopt;
  for (++i; i < tokens.size() && tokens[i].kind != TokenKind::kRightParen; ++i) {
    if (tokens[i].kind == TokenKind::kComma) continue;
    std::optional<int> number =
        tokens[i].kind == TokenKind::kNumber ? ParseSmallInt(tokens[i].text) : std::nullopt;
    if (!number) return std::nullopt;
    split.args.push_back(*number);
  }
  if (i + 1 != tokens.size()) return std::nullopt;
  return split;
}

std::optional<TypeKind> KindOfBase(const std::string& base) {
  static const std::pair<const char*, TypeKind> kBases[] = {
      {"INTEGER", TypeKind::BigInt},
      {"BIGINT", TypeKind::BigInt},
      {"INT8", TypeKind::BigInt},
      {"INT", TypeKind::Int},
      {"INT4", TypeKind::Int},
      {"MEDIUMINT", TypeKind::Int},
      {"SMALLINT", TypeKind::SmallInt},
      {"INT2", TypeKind::SmallInt},
      {"TINYINT", TypeKind::SmallInt},
      {"DECIMAL", TypeKind::Decimal},
      {"NUMERIC", TypeKind::Decimal},
      {"REAL", TypeKind::Real},
      {"FLOAT4", TypeKind::Real},
      {"DOUBLE", TypeKind::Double},
      {"DOUBLE PRECISION", TypeKind::Double},
      {"FLOAT", TypeKind::Double},
      {"FLOAT8", TypeKind::Double},
      {"BOOLEAN", TypeKind::Boolean},
      {"BOOL", TypeKind::Boolean},
      {"TEXT", TypeKind::Text},
      {"CLOB", TypeKind::Text},
      {"VARCHAR", TypeKind::Varchar},
      {"CHARACTER VARYING", TypeKind::Varchar},
      {"VARYING CHARACTER", TypeKind::Varchar},
      {"NVARCHAR", TypeKind::Varchar},
      {"CHAR", TypeKind::Char},
      {"CHARACTER", TypeKind::Char},
      {"NCHAR", TypeKind::Char},
      {"BLOB", TypeKind::Bytes},
      {"BYTEA", TypeKind::Bytes},
      {"DATE", TypeKind::Date},
      {"TIME", TypeKind::Time},
      {"TIMESTAMP", TypeKind::Timestamp},
      {"DATETIME", TypeKind::Timestamp},
      {"TIMESTAMPTZ", TypeKind::TimestampTz},
      {"TIMESTAMP WITH TIME ZONE", TypeKind::TimestampTz},
      {"UUID", TypeKind::Uuid},
      {"JSON", TypeKind::Json},
  };
  for (const auto& [name, kind] : kBases) {
    if (base == name) return kind;
  }
  return std::nullopt;
}

std::string WithArgs(const char* base, std::optional<int> first, std::optional<int> second = std::nullopt) {
  std::string out = base;
  if (first) {
    out += "(" + std::to_string(*first);
    if (second) out += "," + std::to_string(*second);
    out += ")";
  }
  return out;
}

std::string StrictDeclaredType(const DataType& type) {
  switch (type.kind) {
    case TypeKind::SmallInt:
    case TypeKind::Int:
    case TypeKind::BigInt:
    case TypeKind::Boolean:
      return "INT";  // not INTEGER: "INTEGER PRIMARY KEY" would make a rowid alias
    case TypeKind::Decimal:
    case TypeKind::Real:
    case TypeKind::Double:
      return "REAL";
    case TypeKind::Bytes:
      return "BLOB";
    default:
      return "TEXT";
  }
}

}  // namespace

std::string DeclaredType(const DataType& type, bool strict_table) {
  if (const std::string* native = type.NativeFor(kDialectName)) return *native;
  if (type.kind == TypeKind::Native) return "";  // no SQLite spelling: Unsupported() reports it
  if (strict_table) return StrictDeclaredType(type);
  switch (type.kind) {
    case TypeKind::SmallInt:
      return "SMALLINT";
    case TypeKind::Int:
      return "INT";
    case TypeKind::BigInt:
      return "BIGINT";
    case TypeKind::Decimal:
      return WithArgs("DECIMAL", type.precision, type.precision ? type.scale : std::nullopt);
    case TypeKind::Real:
      return "REAL";
    case TypeKind::Double:
      return "DOUBLE";
    case TypeKind::Boolean:
      return "BOOLEAN";
    case TypeKind::Text:
      return "TEXT";
    case TypeKind::Varchar:
      return WithArgs("VARCHAR", type.length);
    case TypeKind::Char:
      return WithArgs("CHAR", type.length);
    case TypeKind::Bytes:
      return "BLOB";
    case TypeKind::Date:
      return "DATE";
    case TypeKind::Time:
      return "TIME";
    case TypeKind::Timestamp:
      return "TIMESTAMP";
    case TypeKind::TimestampTz:
      return "TIMESTAMPTZ";
    case TypeKind::Uuid:
      return "UUID";
    case TypeKind::Json:
      return "JSON";
    case TypeKind::Enum:
      return "TEXT";
    case TypeKind::Native:
      return "";
  }
  return "";
}

DataType TypeFromDeclared(const std::string& declared) {
  const std::optional<SplitType> split = Split(declared);
  if (!split) return Native(declared);
  const std::optional<TypeKind> kind = KindOfBase(split->base);
  if (!kind) return Native(declared);
  DataType type = Portable(*kind);
  const std::size_t args = split->args.size();
  switch (*kind) {
    case TypeKind::Decimal:
      if (args > 2) return Native(declared);
      if (args >= 1) type.precision = split->args[0];
      if (args == 2) type.scale = split->args[1];
      return type;
    case TypeKind::Varchar:
    case TypeKind::Char:
      if (args > 1) return Native(declared);
      if (args == 1) type.length = split->args[0];
      return type;
    default:
      // INT(11) and the like: the argument means nothing to SQLite, but keep the spelling exact.
      if (args != 0) return Native(declared);
      return type;
  }
}

DataType CanonicalType(const DataType& type, bool strict_table) {
  if (type.kind == TypeKind::Enum) {
    DataType enum_type = type;
    enum_type.native.clear();
    return enum_type;
  }
  if (type.kind == TypeKind::Native && !type.NativeFor(kDialectName)) {
    // Nothing SQLite can build; keep it as it is so Unsupported() can name it.
    return type;
  }
  return TypeFromDeclared(DeclaredType(type, strict_table));
}

DataType RowidAliasType() { return Native("INTEGER"); }

bool IsDeclaredInteger(const DataType& type) {
  const std::string* native = type.NativeFor(kDialectName);
  return native && AsciiUpper(*native) == "INTEGER";
}

}  // namespace schemac::dialects::sqlite
