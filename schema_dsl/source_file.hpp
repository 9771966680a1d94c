// A schema file's text with a line index, and spans into it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::dsl {

// A stretch of source text. Lines and columns are 1-based; columns and length count characters
// (UTF-8 code points), so carets line up under what an editor shows. `begin` and `end` are
// character offsets into the file ([begin, end)), used to place comments.
struct Span {
  int file = 0;  // index into the loaded files
  int line = 0;
  int column = 0;
  int length = 1;
  size_t begin = 0;
  size_t end = 0;
  int end_line = 0;

  bool valid() const { return line > 0; }
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // The text of 1-based `line` without its line break; empty when out of range.
  std::string_view Line(int line) const;
  int LineCount() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<size_t> line_starts_;
};

// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is all valid.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace schemac::dsl
