// The bookkeeping table `schemac_history`: one row per apply that executed a plan.
//
// It answers "what did schemac do to this database, when, and did it finish". A row is written
// as `running` before the first step, its step count updated after each step, and closed as
// `done` or `failed`. The DDL is portable (BIGINT / VARCHAR / TEXT, ids chosen by us), so the
// same table works in every dialect; inspectors skip tables named schemac_*, so it never shows
// up in a plan. Callers hold the migration lock, which is what makes MAX(id) + 1 safe.
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

enum class RunStatus { kRunning, kDone, kFailed, kInterrupted };
const char* RunStatusName(RunStatus status);

struct HistoryEntry {
  std::int64_t id = 0;
  std::string started_at;   // UTC, ISO 8601
  std::string finished_at;  // empty while running
  std::string target_hash;
  std::string status;  // RunStatusName()
  std::int64_t steps_total = 0;
  std::int64_t steps_done = 0;
  std::string plan;  // the up SQL that was planned, one statement per line
  std::string error;
};

class History {
 public:
  // Creates the table when it is missing. Not thread-safe; keeps a reference to `connection`.
  static Result<History> Open(dialects::Connection& connection);

  // Records a new run as `running` and returns its id. Rows still `running` belong to a run that
  // died without closing them (we hold the lock, so nobody else is running): they are marked
  // `interrupted` first.
  Result<std::int64_t> Start(const std::string& target_hash, const std::string& plan,
                             std::int64_t steps_total);
  Status RecordProgress(std::int64_t run_id, std::int64_t steps_done);
  Status Finish(std::int64_t run_id, RunStatus status, const std::string& error);

  // Every row, oldest first.
  Result<std::vector<HistoryEntry>> Entries();

 private:
  History(dialects::Connection& connection, SqlLiteralQuoter quoter)
      : connection_(&connection), quoter_(quoter) {}

  dialects::Connection* connection_;
  SqlLiteralQuoter quoter_;
};

}  // namespace schemac::migrator
