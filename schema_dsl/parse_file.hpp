// Parsing one schema file into the syntax tree. The only interface to ANTLR.
#pragma once

#include <vector>

#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/source_file.hpp"
#include "schema_dsl/syntax_tree.hpp"

namespace schemac::dsl {

// Parentheses deeper than this are refused before parsing: the parser recurses once per level,
// and a hostile file must not be able to exhaust the stack.
inline constexpr int kMaxNesting = 128;

// Parses `files[file_index]`, appending what it declares to `syntax` and reporting syntax errors
// (several per file: the parser recovers) to `sink`. When `comments` is set, the file's comments
// are appended to it. Never throws.
void ParseFile(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax, DiagnosticSink& sink,
               std::vector<CommentSyntax>* comments = nullptr);

}  // namespace schemac::dsl
