#include "migrator/stop_request.hpp"

#include <csignal>

namespace schemac::migrator {
namespace {

volatile std::sig_atomic_t stop_requested = 0;

extern "C" void OnStopSignal(int) { stop_requested = 1; }

}  // namespace

void InstallStopHandlers() {
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
}

void RequestStop() { stop_requested = 1; }
bool StopRequested() { return stop_requested != 0; }
void ClearStopRequest() { stop_requested = 0; }

}  // namespace schemac::migrator
