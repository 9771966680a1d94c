// Where two schema models differ, in words: what a failing round trip reports, so that a person
// sees "table t1, column c02: default" instead of two long printed texts to compare by eye.
#pragma once

#include <string>

#include "schemac/model.hpp"

namespace schemac::fuzz {

// The first difference between `expected` and `actual` ("namespace billing, table orders, column
// total: type"), or an empty string when they are equal by Schema::operator==.
std::string DescribeFirstDifference(const model::Schema& expected, const model::Schema& actual);

}  // namespace schemac::fuzz
