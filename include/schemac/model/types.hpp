// Column data types of the schemac model.
//
// Header-only, C++17, standard library only: services embed it without linking anything.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace schemac::model {

// Portable types every dialect can spell, plus Enum (a named enum of the schema) and
// Native (a dialect-specific spelling the portable set does not cover, e.g. PostgreSQL `inet`).
enum class TypeKind {
  SmallInt,
  Int,
  BigInt,
  Decimal,
  Real,
  Double,
  Boolean,
  Text,
  Varchar,
  Char,
  Bytes,
  Date,
  Time,
  Timestamp,
  TimestampTz,
  Uuid,
  Json,
  Enum,
  Native,
};

// The schema-language keyword of each portable kind ("smallint", "int", ...). Enum and Native have
// no keyword of their own: they are spelled by the enum's name and by `native(...)`.
inline const char* TypeKindKeyword(TypeKind kind) {
  switch (kind) {
    case TypeKind::SmallInt:
      return "smallint";
    case TypeKind::Int:
      return "int";
    case TypeKind::BigInt:
      return "bigint";
    case TypeKind::Decimal:
      return "decimal";
    case TypeKind::Real:
      return "real";
    case TypeKind::Double:
      return "double";
    case TypeKind::Boolean:
      return "boolean";
    case TypeKind::Text:
      return "text";
    case TypeKind::Varchar:
      return "varchar";
    case TypeKind::Char:
      return "char";
    case TypeKind::Bytes:
      return "bytes";
    case TypeKind::Date:
      return "date";
    case TypeKind::Time:
      return "time";
    case TypeKind::Timestamp:
      return "timestamp";
    case TypeKind::TimestampTz:
      return "timestamptz";
    case TypeKind::Uuid:
      return "uuid";
    case TypeKind::Json:
      return "json";
    case TypeKind::Enum:
      return "enum";
    case TypeKind::Native:
      return "native";
  }
  return "";
}

// The portable kind named by a schema-language keyword, if any.
inline std::optional<TypeKind> TypeKindFromKeyword(const std::string& word) {
  static const std::pair<const char*, TypeKind> kKeywords[] = {
      {"smallint", TypeKind::SmallInt},
      {"int", TypeKind::Int},
      {"bigint", TypeKind::BigInt},
      {"decimal", TypeKind::Decimal},
      {"real", TypeKind::Real},
      {"double", TypeKind::Double},
      {"boolean", TypeKind::Boolean},
      {"text", TypeKind::Text},
      {"varchar", TypeKind::Varchar},
      {"char", TypeKind::Char},
      {"bytes", TypeKind::Bytes},
      {"date", TypeKind::Date},
      {"time", TypeKind::Time},
      {"timestamp", TypeKind::Timestamp},
      {"timestamptz", TypeKind::TimestampTz},
      {"uuid", TypeKind::Uuid},
      {"json", TypeKind::Json},
  };
  for (const auto& [keyword, kind] : kKeywords) {
    if (word == keyword) return kind;
  }
  return std::nullopt;
}

inline bool IsIntegerKind(TypeKind kind) {
  return kind == TypeKind::SmallInt || kind == TypeKind::Int || kind == TypeKind::BigInt;
}

// A column type. Which fields are meaningful depends on `kind`:
// - Varchar, Char: `length` (Varchar may leave it empty: unbounded where the dialect allows).
// - Decimal: `precision` and `scale` (both optional).
// - Enum: `enum_name`, and `enum_namespace` when the enum lives in another namespace.
// - Native: `native` maps a dialect name ("postgres", "mysql", "sqlite") to its spelling.
//   A portable type may carry `native` overrides too; the dialect named there uses them.
struct DataType {
  TypeKind kind = TypeKind::Text;
  std::optional<int> length;
  std::optional<int> precision;
  std::optional<int> scale;
  std::string enum_namespace;
  std::string enum_name;
  std::map<std::string, std::string> native;

  auto Tie() const { return std::tie(kind, length, precision, scale, enum_namespace, enum_name, native); }
  bool operator==(const DataType& other) const { return Tie() == other.Tie(); }
  bool operator!=(const DataType& other) const { return !(*this == other); }

  // The native spelling for `dialect`, or nullptr when the type is portable there.
  const std::string* NativeFor(const std::string& dialect) const {
    auto it = native.find(dialect);
    return it == native.end() ? nullptr : &it->second;
  }
};

}  // namespace schemac::model
