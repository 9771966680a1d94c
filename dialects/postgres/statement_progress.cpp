#include "dialects/postgres/statement_progress.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace schemac::dialects::postgres {
namespace {

// Columns of StatementProgressQuery, in order.
enum Column {
  kCommand,
  kPhase,
  kBlocksDone,
  kBlocksTotal,
  kTuplesDone,
  kTuplesTotal,
  kLockersDone,
  kLockersTotal,
  kWaitEventType,
  kWaitEvent,
  kColumnCount
};

long long AsCount(const std::optional<std::string>& value) {
  return value ? std::strtoll(value->c_str(), nullptr, 10) : 0;
}

}  // namespace

std::string StatementProgressQuery(int backend_pid) {
  // The progress row exists only while an index is built; the activity row says what the backend
  // waits on otherwise. Counters of the phases that do not count stay 0.
  return fmt::format(
      "SELECT p.command, p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total, "
      "p.lockers_done, "
      "p.lockers_total, a.wait_event_type, a.wait_event "
      "FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid "
      "WHERE a.pid = {} AND a.state = 'active'",
      backend_pid);
}

std::optional<StatementProgress> ReadStatementProgress(
    const std::vector<std::vector<std::optional<std::string>>>& rows) {
  if (rows.empty() || rows.front().size() < kColumnCount) return std::nullopt;
  const auto& row = rows.front();
  StatementProgress progress;
  if (row[kPhase]) {
    // "CREATE INDEX CONCURRENTLY: building index: scanning table".
    progress.phase = row[kCommand].value_or("CREATE INDEX") + ": " + *row[kPhase];
    // Each phase counts one thing: blocks while scanning, tuples while loading, the sessions
    // waited for while waiting. The first counter with a total is the one that moves.
    struct Counter {
      Column done, total;
      const char* unit;
    };
    for (const Counter& counter :
         {Counter{kBlocksDone, kBlocksTotal, "blocks"}, Counter{kTuplesDone, kTuplesTotal, "tuples"},
          Counter{kLockersDone, kLockersTotal, "sessions waited for"}}) {
      const long long total = AsCount(row[counter.total]);
      if (total <= 0) continue;
      const long long done = AsCount(row[counter.done]);
      progress.fraction = static_cast<double>(done) / static_cast<double>(total);
      progress.detail = fmt::format("{} {} of {}", counter.unit, done, total);
      break;
    }
    return progress;
  }
  if (row[kWaitEventType] && *row[kWaitEventType] == "Lock") {
    progress.phase = "waiting for a lock (" + row[kWaitEvent].value_or("unknown") + ")";
    return progress;
  }
  return std::nullopt;
}

}  // namespace schemac::dialects::postgres
