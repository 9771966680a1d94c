#include "cli/stop_on_signal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace schemac::cli {
namespace {

// Written only by the handler and read by the watcher; the pipe's ends are set once, before the
// handlers are installed.
int g_pipe[2] = {-1, -1};
std::atomic<int> g_signal{0};
struct sigaction g_previous_int;
struct sigaction g_previous_term;

constexpr char kSecondSignalMessage[] = "\nschemac: second interrupt: exiting now\n";

void OnSignal(int signal_number) {
  int expected = 0;
  if (!g_signal.compare_exchange_strong(expected, signal_number)) {
    // The user insists: leave now. Only async-signal-safe calls here.
    ssize_t ignored = write(STDERR_FILENO, kSecondSignalMessage, sizeof kSecondSignalMessage - 1);
    (void)ignored;
    _exit(130);
  }
  const char byte = 1;
  ssize_t ignored = write(g_pipe[1], &byte, 1);
  (void)ignored;
}

}  // namespace

StopOnSignal::StopOnSignal() {
  if (pipe2(g_pipe, O_CLOEXEC) != 0) return;  // no pipe: signals keep their default meaning
  g_signal = 0;
  // The watcher starts with both signals blocked, so they are delivered to the main thread.
  sigset_t blocked;
  sigset_t previous_mask;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &blocked, &previous_mask);
  watcher_ = std::thread([this] { Watch(); });
  pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);

  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read (the prompt) returns, and sees the stop
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

StopOnSignal::~StopOnSignal() {
  if (!watcher_.joinable()) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  close(g_pipe[1]);  // the watcher's read returns 0 and it ends
  watcher_.join();
  close(g_pipe[0]);
  g_pipe[0] = g_pipe[1] = -1;
}

int StopOnSignal::Signal() const { return g_signal.load(); }

void StopOnSignal::Watch() {
  char byte = 0;
  for (;;) {
    const ssize_t got = read(g_pipe[0], &byte, 1);
    if (got == 1) {
      source_.request_stop();
      continue;  // a second byte never comes: the second signal exits in the handler
    }
    if (got < 0 && errno == EINTR) continue;
    return;  // closed: the command is done
  }
}

}  // namespace schemac::cli
