#include "migrator/history.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <map>

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
    "error_message TEXT, "
    "run_by VARCHAR(255), "
    "source_hash VARCHAR(64))";

// Columns added after the first release: a table an older schemac created gets them on Open.
constexpr const char* kLaterColumns[][2] = {{"run_by", "VARCHAR(255)"}, {"source_hash", "VARCHAR(64)"}};

constexpr const char* kCreateStepsTable =
    "CREATE TABLE IF NOT EXISTS schemac_history_steps ("
    "run_id BIGINT NOT NULL, "
    "step BIGINT NOT NULL, "
    "description TEXT NOT NULL, "
    "outcome VARCHAR(16) NOT NULL, "
    "started_at VARCHAR(32) NOT NULL, "
    "duration_ms BIGINT NOT NULL, "
    "error_message TEXT, "
    "PRIMARY KEY (run_id, step))";

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

std::string History::ThisProcess() {
  std::string user;
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr && entry->pw_name != nullptr) {
    user = entry->pw_name;
  } else if (const char* from_env = std::getenv("USER"); from_env != nullptr) {
    user = from_env;
  } else {
    user = "uid " + std::to_string(geteuid());
  }
  char host[HOST_NAME_MAX + 1] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return user + "@" + (host[0] != '\0' ? host : "unknown-host") + " (pid " + std::to_string(getpid()) + ")";
}

Result<History> History::Open(dialects::Connection& connection) {
  Status created = connection.Execute(kCreateHistoryTable);
  if (!created.ok()) return created.WithContext("creating the schemac_history table");
  for (const auto& [column, type] : kLaterColumns) {
    if (connection.QueryHasRows(std::string("SELECT ") + column + " FROM schemac_history WHERE 1 = 0").ok())
      continue;
    Status added =
        connection.Execute(std::string("ALTER TABLE schemac_history ADD COLUMN ") + column + " " + type);
    if (!added.ok()) return added.WithContext(std::string("adding ") + column + " to schemac_history");
  }
  created = connection.Execute(kCreateStepsTable);
  if (!created.ok()) return created.WithContext("creating the schemac_history_steps table");
  Result<SqlLiteralQuoter> quoter = SqlLiteralQuoter::Detect(connection);
  if (!quoter.ok()) return quoter.status();
  return History(connection, *quoter);
}

Result<std::int64_t> History::Start(const std::string& target_hash, const std::string& plan,
                                    std::int64_t steps_total, const std::string& source_hash) {
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
      "INSERT INTO schemac_history (id, started_at, target_hash, status, steps_total, steps_done, plan_sql, "
      "run_by, source_hash) VALUES (" +
      std::to_string(id) + ", " + quoter_.Quote(UtcNow()) + ", " + quoter_.Quote(target_hash) + ", " +
      quoter_.Quote(RunStatusName(RunStatus::kRunning)) + ", " + std::to_string(steps_total) + ", 0, " +
      quoter_.Quote(plan) + ", " + quoter_.Quote(ThisProcess()) + ", " + quoter_.Quote(source_hash) + ")");
  if (!inserted.ok()) return inserted.WithContext("recording the run in schemac_history");
  return id;
}

Status History::RecordProgress(std::int64_t run_id, std::int64_t steps_done) {
  return connection_
      ->Execute("UPDATE schemac_history SET steps_done = " + std::to_string(steps_done) +
                " WHERE id = " + std::to_string(run_id))
      .WithContext("recording progress in schemac_history");
}

Status History::RecordStep(std::int64_t run_id, const HistoryStep& step) {
  std::string sql =
      "INSERT INTO schemac_history_steps (run_id, step, description, outcome, started_at, duration_ms, "
      "error_message) VALUES (" +
      std::to_string(run_id) + ", " + std::to_string(step.step) + ", " + quoter_.Quote(step.description) +
      ", " + quoter_.Quote(step.outcome) + ", " + quoter_.Quote(step.started_at) + ", " +
      std::to_string(step.duration_ms) + ", " + (step.error.empty() ? "NULL" : quoter_.Quote(step.error)) +
      ")";
  return connection_->Execute(sql).WithContext("recording a step in schemac_history_steps");
}

std::string History::Now() { return UtcNow(); }

Status History::Finish(std::int64_t run_id, RunStatus status, const std::string& error) {
  std::string sql = "UPDATE schemac_history SET status = " + quoter_.Quote(RunStatusName(status)) +
                    ", finished_at = " + quoter_.Quote(UtcNow());
  if (!error.empty()) sql += ", error_message = " + quoter_.Quote(error);
  sql += " WHERE id = " + std::to_string(run_id);
  return connection_->Execute(sql).WithContext("closing the run in schemac_history");
}

namespace {

// Whether `sql` runs: how the reader tells which tables and columns an older schemac left.
bool Runs(dialects::Connection& connection, const std::string& sql) {
  return connection.QueryHasRows(sql).ok();
}

Status ReadSteps(dialects::Connection& connection, std::vector<HistoryEntry>& entries) {
  if (!Runs(connection, "SELECT run_id FROM schemac_history_steps WHERE 1 = 0")) return Status::Ok();
  auto rows = connection.Query(
      "SELECT run_id, step, description, outcome, started_at, duration_ms, error_message "
      "FROM schemac_history_steps ORDER BY run_id, step");
  if (!rows.ok()) return rows.status().WithContext("reading schemac_history_steps");
  std::map<std::int64_t, HistoryEntry*> by_id;
  for (auto& entry : entries) by_id[entry.id] = &entry;
  for (const auto& row : *rows) {
    if (row.size() != 7)
      return Status(StatusCode::kInternal, "schemac_history_steps: unexpected column count");
    Result<std::int64_t> run_id = ParseInteger(row[0], "run_id");
    Result<std::int64_t> step = ParseInteger(row[1], "step");
    Result<std::int64_t> duration = ParseInteger(row[5], "duration_ms");
    for (const auto* number : {&run_id, &step, &duration}) {
      if (!number->ok()) return number->status();
    }
    auto owner = by_id.find(*run_id);
    if (owner == by_id.end()) continue;  // a step whose run row is gone: nothing to attach it to
    owner->second->steps.push_back(HistoryStep{*step, row[2].value_or(""), row[3].value_or(""),
                                               row[4].value_or(""), *duration, row[6].value_or("")});
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<HistoryEntry>> ReadHistory(dialects::Connection& connection) {
  std::vector<HistoryEntry> entries;
  if (!Runs(connection, "SELECT id FROM schemac_history WHERE 1 = 0")) return entries;  // never applied
  // A table made before run_by and source_hash existed is read with them empty.
  const bool has_origin = Runs(connection, "SELECT run_by, source_hash FROM schemac_history WHERE 1 = 0");
  auto rows = connection.Query(
      std::string("SELECT id, started_at, finished_at, target_hash, status, steps_total, "
                  "steps_done, plan_sql, error_message, ") +
      (has_origin ? "run_by, source_hash" : "NULL, NULL") + " FROM schemac_history ORDER BY id");
  if (!rows.ok()) return rows.status().WithContext("reading schemac_history");
  for (const auto& row : *rows) {
    if (row.size() != 11) return Status(StatusCode::kInternal, "schemac_history: unexpected column count");
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
    entry.run_by = text(9);
    entry.source_hash = text(10);
    entries.push_back(std::move(entry));
  }
  if (Status steps = ReadSteps(connection, entries); !steps.ok()) return steps;
  return entries;
}

Result<std::vector<HistoryEntry>> History::Entries() { return ReadHistory(*connection_); }

}  // namespace schemac::migrator
