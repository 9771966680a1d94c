// How SQLite holds a schemac enum: SQLite has no enum types, so an enum column is TEXT with a
// CHECK constraint named "enum:<enum name>" whose expression is `"<column>" IN ('a', 'b', ...)`.
//
// The name carries the enum's name and the expression its values in order, so inspect can turn the
// check back into an Enum-typed column and an Enum of the namespace; renaming the table or the
// column (SQLite rewrites the expression) keeps it readable. A check that does not have exactly this
// shape stays an ordinary check.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace schemac::dialects::sqlite {

inline constexpr const char* kEnumCheckPrefix = "enum:";

std::string EnumCheckName(const std::string& enum_name);
std::string EnumCheckExpression(const std::string& column, const std::vector<std::string>& values);

struct EnumCheck {
  std::string column;
  std::string enum_name;
  std::vector<std::string> values;
};

// The enum a check stands for, or nullopt when it is an ordinary check.
std::optional<EnumCheck> ReadEnumCheck(const std::string& name, const std::string& expression);

}  // namespace schemac::dialects::sqlite
