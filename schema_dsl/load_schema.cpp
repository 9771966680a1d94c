// LoadSchemaPath and ParseSchemaText: read files, parse each, bind them together as one schema.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "schema_dsl/binder.hpp"
#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/object_locations.hpp"
#include "schema_dsl/parse_file.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

namespace fs = std::filesystem;

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& diagnostic) { return diagnostic.severity == Severity::kError; });
}

// Parses every file and binds them together. Syntax errors make the binder's findings noise (a
// table lost to a typo turns every reference to it into an error), so then only the syntax
// errors are reported, though the schema is still bound as far as it goes.
LoadResult ParseAndBind(std::vector<SourceFile>& files, DiagnosticSink& sink,
                        const DialectVocabulary& dialects) {
  LoadResult result;
  SchemaSyntax syntax;
  for (size_t i = 0; i < files.size(); ++i) ParseFile(files, static_cast<int>(i), syntax, sink);
  BindOptions options;
  options.dialects = &dialects;
  if (sink.HasErrors()) {
    DiagnosticSink ignored(&files);
    result.schema = Bind(syntax, files, ignored, options);
  } else {
    result.schema = Bind(syntax, files, sink, options);
  }
  result.diagnostics = sink.Take();
  result.locations = CollectObjectLocations(syntax, files);
  return result;
}

Diagnostic InternalError(const std::string& file, const std::string& what) {
  Diagnostic diagnostic;
  diagnostic.code = "E0001";
  diagnostic.file = file;
  diagnostic.message = "internal error while reading the schema: " + what;
  return diagnostic;
}

bool ReadFile(const fs::path& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open the file";
    return false;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    error = "reading failed";
    return false;
  }
  text = content.str();
  return true;
}

// The .schema files under `root`, in path order; reports problems to `sink`.
std::vector<fs::path> SchemaFilesUnder(const fs::path& root, std::string& error) {
  std::vector<fs::path> paths;
  std::error_code code;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, code);
  for (; !code && it != fs::recursive_directory_iterator(); it.increment(code)) {
    std::error_code file_code;
    if (it->is_regular_file(file_code) && it->path().extension() == ".schema") paths.push_back(it->path());
  }
  if (code) {
    error = code.message();
    return {};
  }
  std::sort(paths.begin(), paths.end());
  if (paths.empty()) error = "the directory holds no .schema files";
  return paths;
}

LoadResult LoadPath(const std::string& path, const DialectVocabulary& dialects) {
  std::vector<SourceFile> files;
  std::vector<std::string> problems;  // pairs of (file, reason) flattened
  std::error_code code;
  const fs::path root(path);
  std::vector<fs::path> paths;
  std::string error;
  if (fs::is_directory(root, code)) {
    paths = SchemaFilesUnder(root, error);
  } else if (fs::exists(root, code)) {
    paths.push_back(root);
  } else {
    error = "no such file or directory";
  }
  for (const fs::path& file : paths) {
    std::string text;
    std::string read_error;
    if (!ReadFile(file, text, read_error)) {
      problems.push_back(file.string());
      problems.push_back(read_error);
      continue;
    }
    files.emplace_back(file.string(), std::move(text));
  }
  if (!error.empty()) {
    problems.push_back(path);
    problems.push_back(error);
  }
  // Unreadable paths are reported against an empty stand-in file so diagnostics name them.
  const size_t first_problem_file = files.size();
  for (size_t i = 0; i < problems.size(); i += 2) files.emplace_back(problems[i], "");
  DiagnosticSink sink(&files);
  for (size_t i = 0; i < problems.size(); i += 2) {
    Span span;
    span.file = static_cast<int>(first_problem_file + i / 2);
    span.line = 0;
    sink.Report(DiagnosticKind::kCannotRead, span, {problems[i], problems[i + 1]});
  }
  if (!problems.empty()) {
    LoadResult result;
    result.diagnostics = sink.Take();
    return result;
  }
  return ParseAndBind(files, sink, dialects);
}

}  // namespace

bool LoadResult::ok() const { return !HasErrors(diagnostics); }
bool FormatResult::ok() const { return !HasErrors(diagnostics); }

LoadResult ParseSchemaText(const std::string& text, const std::string& file_name) {
  return ParseSchemaText(text, file_name, DefaultDialectVocabulary());
}

LoadResult ParseSchemaText(const std::string& text, const std::string& file_name,
                           const DialectVocabulary& dialects) {
  try {
    std::vector<SourceFile> files;
    files.emplace_back(file_name, text);
    DiagnosticSink sink(&files);
    return ParseAndBind(files, sink, dialects);
  } catch (const std::exception& error) {
    LoadResult result;
    result.diagnostics.push_back(InternalError(file_name, error.what()));
    return result;
  } catch (...) {
    LoadResult result;
    result.diagnostics.push_back(InternalError(file_name, "unknown exception"));
    return result;
  }
}

LoadResult LoadSchemaPath(const std::string& path) {
  return LoadSchemaPath(path, DefaultDialectVocabulary());
}

LoadResult LoadSchemaPath(const std::string& path, const DialectVocabulary& dialects) {
  try {
    return LoadPath(path, dialects);
  } catch (const std::exception& error) {
    LoadResult result;
    result.diagnostics.push_back(InternalError(path, error.what()));
    return result;
  } catch (...) {
    LoadResult result;
    result.diagnostics.push_back(InternalError(path, "unknown exception"));
    return result;
  }
}

}  // namespace schemac::dsl
