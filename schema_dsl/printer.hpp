// The canonical printer: model::Schema to schema text.
#pragma once

#include <string>

#include "schema_dsl/comment_placement.hpp"
#include "schemac/model.hpp"

namespace schemac::dsl {

// Prints `schema` canonically; when `comments` is set, places them around the elements they
// belong to (the formatter's use). PrintSchema() is PrintSchemaText(schema, nullptr).
std::string PrintSchemaText(const model::Schema& schema, CommentPlacement* comments);

}  // namespace schemac::dsl
