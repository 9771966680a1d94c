// Rename suggestions: a drop and an add in one plan that look like a rename (a column of the same
// type with a similar name or at the same position; a table with the same columns). The plan says
// so and shows the `@renamed_from` hint that would make it one. It never acts on a guess and never
// asks: without the hint the plan stays a drop and an add.
#pragma once

#include <string>
#include <vector>

#include "schemac/change.hpp"

namespace schemac::compiler {

// One line per suggestion, in change order: "users: column fullname is dropped and full_name added
// with the same type; if it is a rename, add @renamed_from(fullname) to column full_name".
std::vector<std::string> SuggestRenames(const ChangeList& changes);

// Levenshtein distance, for "similar name".
std::size_t EditDistance(const std::string& a, const std::string& b);

}  // namespace schemac::compiler
