// Test data helpers: reading files and listing the test corpora by path.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace schemac::dsl::testing {

inline std::string SourcePath(const std::string& relative) {
  return std::string(SCHEMAC_SOURCE_DIR) + "/" + relative;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Files under `dir` (relative to the source tree) whose names end in `suffix`, in path order.
inline std::vector<std::string> FilesIn(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SourcePath(dir))) {
    const std::string path = entry.path().string();
    if (entry.is_regular_file() && path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every schema file that must parse cleanly: the valid corpus and the examples.
inline std::vector<std::string> ValidSchemaFiles() {
  std::vector<std::string> files = FilesIn("tests/schema_dsl/valid", ".schema");
  for (const std::string& example : FilesIn("examples", ".schema")) files.push_back(example);
  return files;
}

inline std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace schemac::dsl::testing
