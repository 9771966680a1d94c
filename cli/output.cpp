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
  if (status.code() == StatusCode::kInterrupted) return kExitInterrupted;
  return status.code() == StatusCode::kStale ? kExitStale : kExitError;
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

}  // namespace schemac::cli
