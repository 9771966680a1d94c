// The differential oracle for the two parsers: one text through ParseFileFast and through
// ParseFileWithAntlr, compared field by field. The fast parser may decline any input, but what it
// accepts must be accepted by ANTLR with exactly the same syntax tree (names, spans, expression
// texts, expression_spans) and the same comments. Used by the corpus and mutation tests in
// tests/schema_dsl/ and by the fuzz oracle in tests/fuzz/.
#pragma once

#include <string>
#include <string_view>

namespace schemac::dsl {

struct ParserComparison {
  bool fast_handled = false;    // the fast parser accepted the text
  bool antlr_accepted = false;  // ANTLR reported no syntax error
  // Empty when the parsers agree; else the first difference, in words, with both values.
  std::string difference;

  bool Agrees() const { return difference.empty(); }
};

// Parses `text` (as the only file, named `file_name`) both ways, asking both for comments.
ParserComparison CompareParsers(std::string_view text, const std::string& file_name = "input.schema");

}  // namespace schemac::dsl
