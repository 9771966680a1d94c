// The bookkeeping tables `schemac_history` (one row per apply that executed a plan) and
// `schemac_history_steps` (one row per step that ran, with its duration).
//
// They answer "what did schemac do to this database, when, who ran it, how long did each step
// take, and did it finish". A run is written as `running` before the first step, its step count
// updated after each step, and closed as `done`, `failed` or `interrupted`. The DDL is portable (BIGINT /
// VARCHAR / TEXT, ids chosen by us), so the same table works in every dialect; inspectors skip tables named
// schemac_*, so it never shows up in a plan. Callers hold the migration lock, which is what makes MAX(id) + 1
// safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "migrator/sql_literal.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

inline constexpr const char* kHistoryTable = "schemac_history";
inline constexpr const char* kHistoryStepsTable = "schemac_history_steps";

enum class RunStatus { kRunning, kDone, kFailed, kInterrupted };
const char* RunStatusName(RunStatus status);

// One step of a run, as it ended.
struct HistoryStep {
  std::int64_t step = 0;  // 1-based position in the plan
  std::string description;
  std::string outcome;     // "applied", "skipped", "failed", "interrupted"
  std::string started_at;  // UTC, ISO 8601
  std::int64_t duration_ms = 0;
  std::string error;
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::string started_at;   // UTC, ISO 8601
  std::string finished_at;  // empty while running
  std::string run_by;       // "user@host (pid N)"; empty for runs recorded before it was kept
  std::string source_hash;  // fingerprint of the catalog the plan started from; empty likewise
  std::string target_hash;
  std::string status;  // RunStatusName()
  std::int64_t steps_total = 0;
  std::int64_t steps_done = 0;
  std::string plan;  // the up SQL that was planned, one statement per line
  std::string error;
  std::vector<HistoryStep> steps;  // in plan order
};

class History {
 public:
  // Creates the tables when they are missing, and adds the columns a table made by an older
  // schemac lacks. Not thread-safe; keeps a reference to `connection`.
  static Result<History> Open(dialects::Connection& connection);

  // Records a new run as `running`, by this process's user, host and pid, and returns its id.
  // Rows still `running` belong to a run that died without closing them (we hold the lock, so
  // nobody else is running): they are marked `interrupted` first.
  Result<std::int64_t> Start(const std::string& target_hash, const std::string& plan,
                             std::int64_t steps_total, const std::string& source_hash = "");
  Status RecordProgress(std::int64_t run_id, std::int64_t steps_done);
  Status RecordStep(std::int64_t run_id, const HistoryStep& step);
  Status Finish(std::int64_t run_id, RunStatus status, const std::string& error);

  // Every run with its steps, oldest first.
  Result<std::vector<HistoryEntry>> Entries();

  // Who this process is, as Start records it: "user@host (pid N)".
  static std::string ThisProcess();
  // Now, as the tables record times: UTC, ISO 8601, to the second.
  static std::string Now();

 private:
  History(dialects::Connection& connection, SqlLiteralQuoter quoter)
      : connection_(&connection), quoter_(quoter) {}

  dialects::Connection* connection_;
  SqlLiteralQuoter quoter_;
};

// Every run with its steps, oldest first, without creating or changing anything: no table (a
// database schemac never applied to) reads as no runs. For `schemac history`.
Result<std::vector<HistoryEntry>> ReadHistory(dialects::Connection& connection);

}  // namespace schemac::migrator
