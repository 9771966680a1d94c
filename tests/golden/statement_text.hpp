// How the corpus writes SQL statement lists, and how a mismatch is shown.
//
// A case's `up` / `down` is the plan's statements, each followed by ";" and a newline. Two texts
// compare equal when their non-empty lines, trimmed of surrounding whitespace, are equal: YAML
// indentation and blank lines between statements do not matter, everything else does.
#pragma once

#include <string>
#include <vector>

namespace schemac::golden {

// "stmt1;\nstmt2;\n": the corpus spelling of a statement list.
std::string StatementsAsText(const std::vector<std::string>& statements);

// The non-empty lines of `text`, each trimmed.
std::vector<std::string> ComparableLines(const std::string& text);

bool SameStatements(const std::string& expected, const std::string& actual);

// A line diff of the comparable lines: "  same", "- only expected", "+ only actual".
std::string LineDiff(const std::string& expected, const std::string& actual);

}  // namespace schemac::golden
