// `schemac inspect --format json`: the model as JSON, written table by table.
#pragma once

#include <ostream>

#include "schemac/model.hpp"

namespace schemac::cli {

// Writes exactly what `nlohmann::json(schema).dump(2)` would (include/schemac/model_json.hpp owns
// the mapping; only the Schema and Namespace levels are spelled out here), followed by nothing.
// Each table is converted and printed on its own, so memory stays at one table's JSON tree
// instead of the whole schema's: for 1,000 tables that tree was tens of megabytes, and building,
// printing and freeing it took a fifth of the command's time.
void WriteSchemaJson(const model::Schema& schema, std::ostream& out);

}  // namespace schemac::cli
