#include "expectation_recorder.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace schemac::golden {
namespace {

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::string Unquote(const std::string& text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

// `key: |` with the statements indented under it; `key: ""` when there are none.
std::vector<std::string> BlockLines(const std::string& key, const std::string& text) {
  std::vector<std::string> lines;
  if (Trim(text).empty()) return {"  " + key + ": \"\""};
  lines.push_back("  " + key + ": |");
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line.empty() ? "" : "    " + line);
  return lines;
}

}  // namespace

bool RecordingRequested() {
  const char* value = std::getenv("SCHEMAC_GOLDEN_RECORD");
  return value && std::string(value) == "1";
}

Status RecordExpectations(const std::string& source_dir, const GoldenCase& golden_case,
                          const std::optional<std::string>& up, const std::optional<std::string>& down) {
  const std::string path = source_dir + "/" + golden_case.file;
  std::ifstream in(path);
  if (!in) return Status(StatusCode::kIoError, "cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  in.close();

  size_t start = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("- name:", 0) == 0 && Unquote(Trim(lines[i].substr(7))) == golden_case.name) {
      start = i;
      break;
    }
  }
  if (start == lines.size()) {
    return Status(StatusCode::kNotFound,
                  golden_case.Where() + ": no line `- name: " + golden_case.name + "` to record under");
  }
  size_t end = start + 1;
  while (end < lines.size() && lines[end].rfind("- ", 0) != 0) ++end;
  while (end > start + 1 && Trim(lines[end - 1]).empty()) --end;  // keep the blank separator after

  std::vector<std::string> inserted;
  if (up)
    for (auto& line : BlockLines("up", *up)) inserted.push_back(line);
  if (down)
    for (auto& line : BlockLines("down", *down)) inserted.push_back(line);
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(end), inserted.begin(), inserted.end());

  std::ofstream out(path, std::ios::trunc);
  for (const auto& line : lines) out << line << "\n";
  if (!out) return Status(StatusCode::kIoError, "cannot write " + path);
  return Status::Ok();
}

}  // namespace schemac::golden
