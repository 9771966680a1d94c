// A request to stop, from SIGINT / SIGTERM, honoured at safe points (between the chunks of a
// shadow-table swap): the work done so far stays, with its checkpoint, and apply resumes it when
// run again. Async-signal-safe: the handler only sets a flag.
#pragma once

namespace schemac::migrator {

// Installs handlers for SIGINT and SIGTERM that call RequestStop. The CLI calls it once.
void InstallStopHandlers();
void RequestStop();
bool StopRequested();
// For tests: forget an earlier request.
void ClearStopRequest();

}  // namespace schemac::migrator
