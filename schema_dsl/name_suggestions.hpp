// "Did you mean" suggestions for misspelled names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemac::dsl {

// Edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of
// neighbouring characters), ASCII case folded; gives up (returns limit + 1)
// once the distance must exceed `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// The candidate closest to `wanted` if it is close enough to be a likely typo (at most a third
// of the name's length away, at least one edit allowed), else empty. Ties go to the earlier
// candidate, so suggestions are deterministic.
std::string SuggestName(std::string_view wanted, const std::vector<std::string_view>& candidates);

}  // namespace schemac::dsl
