// How the CLI talks to people and to scripts: exit codes, colour, errors and diagnostics.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "schema_dsl/schema_dsl.hpp"
#include "schemac/status.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {

// The exit codes of DESIGN.md: scripts branch on them, so they never change meaning.
enum ExitCode : int {
  kExitOk = 0,       // success; for plan, whether or not there are changes
  kExitError = 1,    // the operation failed (bad schema, unreachable database, refused change)
  kExitUsage = 2,    // the command line itself is wrong
  kExitChanges = 3,  // plan --exit-code: the plan has changes (a drift gate for CI)
  kExitStale = 4,    // apply --plan: the database no longer matches the catalog the plan was made against
  kExitInterrupted = 130,  // stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it)
};

// True when both stdin and stdout are terminals: the only case in which the CLI may ask.
bool IsInteractive();

// Colour on `stream` only when stdout and `stream` are terminals and NO_COLOR is unset
// (https://no-color.org).
bool UseColor(std::FILE* stream);

// "error: <message>" on stderr, scrubbed of the password of each database source. Returns
// kExitStale for a stale saved plan, kExitInterrupted for a run stopped by a signal, kExitError
// otherwise.
int ReportError(const Status& status, const std::vector<const sources::Source*>& sources = {});
// "error: <message>" on stderr for a wrong command line. Returns kExitUsage.
int ReportUsageError(const std::string& message);

// A duration for people: "12 ms", "3.4 s", "2 min 5 s".
std::string FormatDuration(std::int64_t ms);

// The schemac version this binary is, as saved plans record it.
const char* SchemacVersion();

// Every diagnostic on stderr, in order.
void PrintDiagnostics(const std::vector<dsl::Diagnostic>& diagnostics);

// "warning: <text>" on stderr for each (empty ones skipped), after what stdout printed so far.
void PrintWarnings(const std::vector<std::string>& warnings);

}  // namespace schemac::cli
