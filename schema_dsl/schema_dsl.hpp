// The schema language front end: .schema text in, model::Schema and diagnostics out; and back.
//
// Pipeline: lex + parse (ANTLR, grammar/) -> syntax tree with source spans (syntax_tree.hpp) ->
// binder (names, inline constraints to table level, checks) -> model::Schema.
//
// Contract: no function here throws or crashes on any input. Problems in the input come back as
// diagnostics; `ok()` tells whether any of them is an error. All functions are thread-safe with
// respect to each other (no shared mutable state beyond ANTLR's internal, locked caches).
#pragma once

#include <string>
#include <vector>

#include "schema_dsl/dialect_vocabulary.hpp"
#include "schemac/model.hpp"

namespace schemac::dsl {

enum class Severity { kError, kWarning };

// One problem found in a schema, located in its source. `line` and `column` are 1-based
// (columns count characters, a tab is one); `length` is how many characters the caret line
// underlines. `source_line` is the whole line the problem is on, without its newline.
struct Diagnostic {
  std::string code;  // stable: "E0003"
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;
  int column = 0;
  int length = 1;
  std::string message;
  std::string source_line;
};

// Where an object of a loaded schema is declared, under the name dialects give it at the head of
// an Unsupported() problem: "table [ns.]t", "table t, column c", "table t, index i", "table t,
// foreign key f", "table t, check c", "table t, unique constraint u", "table t, primary key p",
// "enum [ns.]e", "namespace ns" (its first block); and PostgreSQL's "column [ns.]t.c", "index [ns.]i".
struct SourceLocation {
  std::string object;
  std::string file;
  int line = 0;
  int column = 0;
  int length = 1;
  std::string source_line;
};

struct LoadResult {
  model::Schema schema;
  std::vector<Diagnostic> diagnostics;
  std::vector<SourceLocation> locations;  // every declared object, in source order
  bool ok() const;                        // no error diagnostics (warnings allowed)
};

// Reads a .schema file, or every .schema file under a directory (recursively, in path order),
// as one schema. Without `dialects`: DefaultDialectVocabulary().
LoadResult LoadSchemaPath(const std::string& path);
LoadResult LoadSchemaPath(const std::string& path, const DialectVocabulary& dialects);

// Parses one schema text; `file_name` only labels diagnostics.
LoadResult ParseSchemaText(const std::string& text, const std::string& file_name = "<input>");
LoadResult ParseSchemaText(const std::string& text, const std::string& file_name,
                           const DialectVocabulary& dialects);

// A problem a dialect found in the loaded schema (Unsupported()) as a diagnostic, error[E0031]
// "<dialect>: <problem>", placed at the declaration of the object the problem starts with (the
// longest `object` of `loaded.locations` it begins with, then ':', ',' or a space). Without a
// file when it names no declared object (a namespace, say).
Diagnostic DialectProblemDiagnostic(const LoadResult& loaded, const std::string& dialect,
                                    const std::string& problem);

// Canonical text of a schema: deterministic, 2-space indents, default names left out,
// identifiers quoted only when needed. ParseSchemaText(PrintSchema(m)).schema == m for every
// schema the parser produces.
std::string PrintSchema(const model::Schema& schema);

struct FormatResult {
  std::string text;  // the input unchanged when there are errors
  std::vector<Diagnostic> diagnostics;
  bool ok() const;
};

// Re-prints one file canonically, keeping every comment: comments before an element stay before
// it, comments at the end of an element's line stay there. Idempotent. Only this file is
// checked (references into other files are not resolved).
FormatResult FormatSchemaText(const std::string& text, const std::string& file_name);

// "file:line:col: error[E0003]: message\n<source line>\n<caret line>\n", with ANSI colors when
// `color` is set.
std::string RenderDiagnostic(const Diagnostic& diagnostic, bool color);

}  // namespace schemac::dsl
