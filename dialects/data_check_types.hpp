// Type questions the dialects' data checks share: which type changes can leave values behind.
#pragma once

#include "schemac/model.hpp"

namespace schemac::dialects {

inline bool IsTextualType(model::TypeKind kind) {
  return kind == model::TypeKind::Text || kind == model::TypeKind::Varchar || kind == model::TypeKind::Char;
}

inline bool IsIntegerType(model::TypeKind kind) {
  return kind == model::TypeKind::SmallInt || kind == model::TypeKind::Int || kind == model::TypeKind::BigInt;
}

// The range of an integer type, as SQL literals.
inline std::pair<const char*, const char*> IntegerRange(model::TypeKind kind) {
  if (kind == model::TypeKind::SmallInt) return {"-32768", "32767"};
  if (kind == model::TypeKind::Int) return {"-2147483648", "2147483647"};
  return {"-9223372036854775808", "9223372036854775807"};
}

// Whether integers of `from` may not fit `to` (bigint to int, int to smallint).
inline bool IntegerNarrows(model::TypeKind from, model::TypeKind to) {
  auto rank = [](model::TypeKind kind) {
    return kind == model::TypeKind::SmallInt ? 0 : kind == model::TypeKind::Int ? 1 : 2;
  };
  return IsIntegerType(from) && IsIntegerType(to) && rank(to) < rank(from);
}

// Whether `to` holds fewer values than `from` in a way that cuts or refuses existing ones: a
// shorter varchar / char (or text into one), a smaller integer, a decimal with fewer digits. What
// makes a type change data loss (HZ003-narrow-type); a change of kind (int to double, text to json)
// converts values instead, and is left to the cast check.
inline bool NarrowsValues(const model::DataType& from, const model::DataType& to) {
  using model::TypeKind;
  const bool to_bounded = (to.kind == TypeKind::Varchar || to.kind == TypeKind::Char) && to.length;
  if (to_bounded && from.kind == TypeKind::Text) return true;
  if (to_bounded && (from.kind == TypeKind::Varchar || from.kind == TypeKind::Char))
    return !from.length || *from.length > *to.length;
  if (IntegerNarrows(from.kind, to.kind)) return true;
  if (from.kind == TypeKind::Decimal && to.kind == TypeKind::Decimal) {
    const int from_scale = from.scale.value_or(0), to_scale = to.scale.value_or(0);
    if (to_scale < from_scale) return true;
    if (!to.precision) return false;
    return !from.precision || *to.precision - to_scale < *from.precision - from_scale;
  }
  return false;
}

}  // namespace schemac::dialects
