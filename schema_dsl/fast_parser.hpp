// The fast parse path: a hand-written lexer and recursive-descent parser for valid schema files,
// about 20 times faster than the ANTLR runtime. grammar/*.g4 stays the definition of the language
// and the ANTLR path (parse_file.cpp) the source of every syntax diagnostic: this parser only
// accepts, never reports. On any syntax error, and at any choice where it cannot be sure to decide
// exactly as ANTLR's prediction would, it gives up and ParseFile runs the ANTLR path.
//
// How it decides like ANTLR: for an input with no syntax error ANTLR takes, at every choice, the
// lowest-numbered alternative that still parses (SLL prediction never drops an alternative that
// parses; a conflict picks the lowest one whose semantic predicates hold). So this parser
// commits to the lowest alternative that the next few tokens allow, checks the grammar's layout
// predicates (startsItem, continuesColumn) where ANTLR evaluates them, and never backtracks: if
// the committed alternative fails later, it gives up. It takes a higher alternative only when
// the tokens rule every lower one out. parser_differential.hpp checks the result against ANTLR.
#pragma once

#include <vector>

#include "schema_dsl/source_file.hpp"
#include "schema_dsl/syntax_tree.hpp"

namespace schemac::dsl {

// Parses `files[file_index]` like ParseFile. Returns true when it handled the file: `syntax`
// (and `comments`, when given) got exactly what the ANTLR path would append. Returns false,
// leaving both untouched, when the ANTLR path must run. Never throws on any input (it may throw
// std::bad_alloc like any allocation).
bool ParseFileFast(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
                   std::vector<CommentSyntax>* comments = nullptr);

}  // namespace schemac::dsl
