// The binder: from the syntax tree of one or more files to a model::Schema.
//
// It fills in default constraint and index names (model/naming.hpp, with PostgreSQL's numeric
// suffix when a default name is taken), moves inline column constraints to table level, marks
// primary key columns not null, resolves types, and checks everything a database would refuse
// or a migration would get wrong: duplicates, unknown names (with "did you mean"), foreign key
// shape and types, enum defaults, rename hints, identity columns, primary keys.
#pragma once

#include <vector>

#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/dialect_vocabulary.hpp"
#include "schema_dsl/source_file.hpp"
#include "schema_dsl/syntax_tree.hpp"
#include "schemac/model.hpp"

namespace schemac::dsl {

struct BindOptions {
  // Resolve names that may live in other files: foreign key targets and enum types. Off when
  // formatting a single file.
  bool resolve_references = true;
  // The dialect names and table options schema files may use; nullptr: DefaultDialectVocabulary().
  const DialectVocabulary* dialects = nullptr;
};

// Binds `syntax` (whose constraints and indexes get their `bound_name`) into a schema. Elements
// with errors are left out of the schema rather than guessed at.
model::Schema Bind(SchemaSyntax& syntax, const std::vector<SourceFile>& files, DiagnosticSink& sink,
                   const BindOptions& options);

}  // namespace schemac::dsl
