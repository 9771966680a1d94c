// Where each object of a bound schema was declared (schema_dsl.hpp: SourceLocation), so that a
// problem found later, by a dialect, can be shown in the source like every other diagnostic.
#pragma once

#include <vector>

#include "schema_dsl/schema_dsl.hpp"
#include "schema_dsl/source_file.hpp"
#include "schema_dsl/syntax_tree.hpp"

namespace schemac::dsl {

// Reads the spans and the names the binder chose (bound_name) from `syntax`; call after Bind.
std::vector<SourceLocation> CollectObjectLocations(const SchemaSyntax& syntax,
                                                   const std::vector<SourceFile>& files);

}  // namespace schemac::dsl
