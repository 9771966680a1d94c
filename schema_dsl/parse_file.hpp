// Parsing one schema file into the syntax tree: the fast hand-written parser for valid files
// (fast_parser.hpp), the ANTLR parser for everything else and for every syntax diagnostic.
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
// are appended to it. Never throws. Tries ParseFileFast first; when it gives up, parses with
// ANTLR, which decides the same on valid input and reports what is wrong with the rest.
void ParseFile(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
               DiagnosticSink& sink, std::vector<CommentSyntax>* comments = nullptr);

// ParseFile through the ANTLR parser only, never the fast path: the reference the fast parser is
// tested against (parser_differential.hpp), and what benchmarks compare it with.
void ParseFileWithAntlr(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
                        DiagnosticSink& sink, std::vector<CommentSyntax>* comments = nullptr);

}  // namespace schemac::dsl
