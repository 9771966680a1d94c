// RenderDiagnostic: the text form of a diagnostic, compiler style.
#include <string>

#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// A line of spaces and carets under characters [column, column + length) of `line`. Tabs before
// the column are copied so the carets line up whatever the terminal's tab width.
std::string CaretLine(const std::string& line, int column, int length) {
  std::string carets;
  size_t offset = 0;
  int character = 1;
  while (character < column) {
    if (offset < line.size() && line[offset] == '\t') {
      carets += '\t';
    } else {
      carets += ' ';
    }
    offset += offset < line.size() ? SequenceLength(static_cast<unsigned char>(line[offset])) : 1;
    ++character;
  }
  // Underline at most to the end of the line (a token may span lines), at least one caret.
  int remaining = 0;
  for (size_t rest = offset; rest < line.size();
       rest += SequenceLength(static_cast<unsigned char>(line[rest]))) {
    ++remaining;
  }
  int count = length < 1 ? 1 : length;
  if (remaining > 0 && count > remaining) count = remaining;
  carets.append(static_cast<size_t>(count), '^');
  return carets;
}

}  // namespace

std::string RenderDiagnostic(const Diagnostic& diagnostic, bool color) {
  const bool error = diagnostic.severity == Severity::kError;
  const char* bold = color ? "\x1b[1m" : "";
  const char* tone = color ? (error ? "\x1b[1;31m" : "\x1b[1;33m") : "";
  const char* accent = color ? "\x1b[1;32m" : "";
  const char* reset = color ? "\x1b[0m" : "";

  std::string out;
  out += bold;
  out += diagnostic.file.empty() ? std::string("<input>") : diagnostic.file;
  if (diagnostic.line > 0) {
    out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
  }
  out += ": ";
  out += reset;
  out += tone;
  out += error ? "error" : "warning";
  out += '[' + diagnostic.code + ']';
  out += reset;
  out += bold;
  out += ": " + diagnostic.message;
  out += reset;
  out += '\n';
  if (diagnostic.line > 0) {
    out += diagnostic.source_line + '\n';
    out += accent + CaretLine(diagnostic.source_line, diagnostic.column, diagnostic.length) + reset + '\n';
  }
  return out;
}

}  // namespace schemac::dsl
