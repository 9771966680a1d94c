// schemac fmt FILE|DIR [--check]
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::cli {
namespace {

namespace fs = std::filesystem;

struct FmtFlags {
  std::string path;
  bool check = false;
};

// The files to format: the file given, or every .schema file under the directory, in path order
// (the order LoadSchemaPath reads them in).
Result<std::vector<fs::path>> SchemaFiles(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return Status(StatusCode::kNotFound, path + ": no such file or directory");
  if (!fs::is_directory(path, error)) return std::vector<fs::path>{path};
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == ".schema") files.push_back(it->path());
  }
  if (error) return Status(StatusCode::kIoError, path + ": " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status(StatusCode::kIoError, file.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Written next to the file and renamed over it, so an interrupted fmt never leaves half a file.
Status ReplaceFile(const fs::path& file, const std::string& text) {
  fs::path temporary = file;
  temporary += ".schemac-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return Status(StatusCode::kIoError, temporary.string() + ": cannot write");
  }
  std::error_code error;
  fs::permissions(temporary, fs::status(file, error).permissions(), error);  // keep the file's mode
  fs::rename(temporary, file, error);
  if (error) {
    fs::remove(temporary, error);
    return Status(StatusCode::kIoError, file.string() + ": cannot replace: " + error.message());
  }
  return Status::Ok();
}

int RunFmt(const FmtFlags& flags) {
  Result<std::vector<fs::path>> files = SchemaFiles(flags.path);
  if (!files.ok()) return ReportError(files.status());
  bool failed = false;
  bool would_change = false;
  for (const auto& file : *files) {
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) {
      failed = true;
      ReportError(text.status());
      continue;
    }
    dsl::FormatResult formatted = dsl::FormatSchemaText(*text, file.string());
    PrintDiagnostics(formatted.diagnostics);
    if (!formatted.ok()) {
      failed = true;  // never rewrite a file we could not parse
      continue;
    }
    if (formatted.text == *text) continue;
    if (flags.check) {
      would_change = true;
      std::cout << file.string() << '\n';
      continue;
    }
    if (Status written = ReplaceFile(file, formatted.text); !written.ok()) {
      failed = true;
      ReportError(written);
    }
  }
  if (would_change)
    std::cerr << "fmt: the files above are not formatted; run `schemac fmt " << flags.path << "`\n";
  return failed || would_change ? kExitError : kExitOk;
}

}  // namespace

Command AddFmtCommand(CLI::App& root) {
  auto flags = std::make_shared<FmtFlags>();
  CLI::App* app =
      root.add_subcommand("fmt", "Rewrite schema files in their canonical layout, keeping comments");
  app->add_option("path", flags->path, "A .schema file or a directory of them")->required();
  app->add_flag("--check", flags->check,
                "Change nothing; list the files that would change and exit 1 if any");
  return Command{app, [flags] { return RunFmt(*flags); }};
}

}  // namespace schemac::cli
