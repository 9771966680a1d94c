#include "cli/output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace schemac::cli {

bool IsInteractive() { return isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1; }

bool UseColor(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(STDOUT_FILENO) == 1 && isatty(fileno(stream)) == 1;
}

int ReportError(const Status& status, const std::vector<const sources::Source*>& sources) {
  const bool color = UseColor(stderr);
  std::cerr << (color ? "\033[1;31merror:\033[0m " : "error: ")
            << sources::ScrubPasswords(status.message(), sources) << '\n';
  switch (status.code()) {
    case StatusCode::kStale:
      return kExitStale;
    case StatusCode::kInterrupted:
      return kExitInterrupted;
    default:
      return kExitError;
  }
}

std::string FormatDuration(std::int64_t ms) {
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 60'000) {
    const std::int64_t tenths = (ms + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
  }
  const std::int64_t seconds = (ms + 500) / 1000;
  return std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) + " s";
}

const char* SchemacVersion() { return SCHEMAC_VERSION; }

int ReportUsageError(const std::string& message) {
  std::cerr << "error: " << message << "\nRun with --help for more information.\n";
  return kExitUsage;
}

void PrintDiagnostics(const std::vector<dsl::Diagnostic>& diagnostics) {
  const bool color = UseColor(stderr);
  for (const auto& diagnostic : diagnostics) std::cerr << dsl::RenderDiagnostic(diagnostic, color);
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return;
  std::cout << std::flush;
  for (const auto& warning : warnings) {
    if (!warning.empty()) std::cerr << "warning: " << warning << "\n";
  }
}

}  // namespace schemac::cli
