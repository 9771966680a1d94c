#include "migrator/history.hpp"

#include <chrono>
#include <ctime>

namespace schemac::migrator {
namespace {

constexpr const char* kCreateHistoryTable =
    "CREATE TABLE IF NOT EXISTS schemac_history ("
    "id BIGINT NOT NULL PRIMARY KEY, "
    "started_at VARCHAR(32) NOT NULL, "
    "finished_at VARCHAR(32), "
    "target_hash VARCHAR(64) NOT NULL, "
    "status VARCHAR(16) NOT NULL, "
    "steps_total BIGINT NOT NULL, "
    "steps_done BIGINT NOT NULL, "
    "plan_sql TEXT NOT NULL, "
    "error_message TEXT)";

// Timestamps come from us, not from the database: every dialect spells "now" differently.
std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

Result<std::int64_t> ParseInteger(const std::optional<std::string>& text, const char* what) {
  if (!text) return std::int64_t{0};
  try {
    return static_cast<std::int64_t>(std::stoll(*text));
  } catch (const std::exception&) {
    return Status(StatusCode::kDatabaseError,
                  std::string("schemac_history.") + what + " holds '" + *text + "', not a number");
  }
}

}  // namespace

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kDone:
      return "done";
    case RunStatus::kFailed:
      return "failed";
    case RunStatus::kInterrupted:
      return "interrupted";
  }
  return "failed";
}

Result<History> History::Open(dialects::Connection& connection) {
  Status created = connection.Execute(kCreateHistoryTable);
  if (!created.ok()) return created.WithContext("creating the schemac_history table");
  Result<SqlLiteralQuoter> quoter = SqlLiteralQuoter::Detect(connection);
  if (!quoter.ok()) return quoter.status();
  return History(connection, *quoter);
}

Result<std::int64_t> History::Start(const std::string& target_hash, const std::string& plan,
                                    std::int64_t steps_total) {
  Status closed =
      connection_->Execute(std::string("UPDATE schemac_history SET status = ") +
                           quoter_.Quote(RunStatusName(RunStatus::kInterrupted)) +
                           " WHERE status = " + quoter_.Quote(RunStatusName(RunStatus::kRunning)));
  if (!closed.ok()) return closed.WithContext("closing interrupted runs in schemac_history");

  auto rows = connection_->Query("SELECT MAX(id) FROM schemac_history");
  if (!rows.ok()) return rows.status().WithContext("reading schemac_history");
  std::optional<std::string> max_id;
  if (!rows->empty() && !rows->front().empty()) max_id = rows->front().front();
  Result<std::int64_t> last = ParseInteger(max_id, "id");
  if (!last.ok()) return last.status();
  const std::int64_t id = *last + 1;

  Status inserted = connection_->Execute(
      "INSERT INTO schemac_history (id, started_at, target_hash, status, steps_total, steps_done, plan_sql) "
      "VALUES (" +
      std::to_string(id) + ", " + quoter_.Quote(UtcNow()) + ", " + quoter_.Quote(target_hash) + ", " +
      quoter_.Quote(RunStatusName(RunStatus::kRunning)) + ", " + std::to_string(steps_total) + ", 0, " +
      quoter_.Quote(plan) + ")");
  if (!inserted.ok()) return inserted.WithContext("recording the run in schemac_history");
  return id;
}

Status History::RecordProgress(std::int64_t run_id, std::int64_t steps_done) {
  return connection_
      ->Execute("UPDATE schemac_history SET steps_done = " + std::to_string(steps_done) +
                " WHERE id = " + std::to_string(run_id))
      .WithContext("recording progress in schemac_history");
}

Status History::Finish(std::int64_t run_id, RunStatus status, const std::string& error) {
  std::string sql = "UPDATE schemac_history SET status = " + quoter_.Quote(RunStatusName(status)) +
                    ", finished_at = " + quoter_.Quote(UtcNow());
  if (!error.empty()) sql += ", error_message = " + quoter_.Quote(error);
  sql += " WHERE id = " + std::to_string(run_id);
  return connection_->Execute(sql).WithContext("closing the run in schemac_history");
}

Result<std::vector<HistoryEntry>> History::Entries() {
  auto rows = connection_->Query(
      "SELECT id, started_at, finished_at, target_hash, status, steps_total, steps_done, plan_sql, "
      "error_message "
      "FROM schemac_history ORDER BY id");
  if (!rows.ok()) return rows.status().WithContext("reading schemac_history");
  std::vector<HistoryEntry> entries;
  for (const auto& row : *rows) {
    if (row.size() != 9) return Status(StatusCode::kInternal, "schemac_history: unexpected column count");
    auto text = [&](std::size_t i) { return row[i].value_or(""); };
    HistoryEntry entry;
    Result<std::int64_t> id = ParseInteger(row[0], "id");
    Result<std::int64_t> total = ParseInteger(row[5], "steps_total");
    Result<std::int64_t> done = ParseInteger(row[6], "steps_done");
    for (const auto* number : {&id, &total, &done}) {
      if (!number->ok()) return number->status();
    }
    entry.id = *id;
    entry.started_at = text(1);
    entry.finished_at = text(2);
    entry.target_hash = text(3);
    entry.status = text(4);
    entry.steps_total = *total;
    entry.steps_done = *done;
    entry.plan = text(7);
    entry.error = text(8);
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace schemac::migrator
