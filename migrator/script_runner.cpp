#include "migrator/script_runner.hpp"

#include <algorithm>
#include <string>

#include "migrator/lock_retry.hpp"

namespace schemac::migrator {
namespace {

// The same status with `note` appended: "running `X`: no such table (rolled back)".
Status WithNote(const Status& status, const std::string& note) {
  return Status(status.code(), status.message() + " (" + note + ")");
}

// Statements can be long (CREATE TABLE with every column); messages quote the start of one.
std::string Abbreviate(const std::string& sql) {
  constexpr std::size_t kMaxLength = 120;
  std::string flat = sql;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  if (flat.size() <= kMaxLength) return flat;
  return flat.substr(0, kMaxLength) + "...";
}

Status ExecuteAll(dialects::Connection& connection, const std::vector<std::string>& statements,
                  const std::stop_token& stop) {
  for (const auto& sql : statements) {
    if (stop.stop_requested()) {
      return Status(StatusCode::kInterrupted, "stopped before running `" + Abbreviate(sql) + "`");
    }
    Status status = connection.Execute(sql);
    if (status.ok()) continue;
    // The stop's watcher cancels the running statement: its failure is the interruption.
    if (stop.stop_requested()) {
      return Status(StatusCode::kInterrupted, "cancelled while running `" + Abbreviate(sql) +
                                                  "` (the server said: " + status.message() + ")");
    }
    return status.WithContext("running `" + Abbreviate(sql) + "`");
  }
  return Status::Ok();
}

// A verify query that returns a row means the statements left the database in a state that
// breaks a rule the database did not check by itself (SQLite's foreign keys after a rebuild).
Status CheckVerifyQueries(dialects::Connection& connection, const std::vector<std::string>& queries) {
  for (const auto& query : queries) {
    Result<bool> has_rows = connection.QueryHasRows(query);
    if (!has_rows.ok())
      return has_rows.status().WithContext("running verify query `" + Abbreviate(query) + "`");
    if (*has_rows) {
      return Status(StatusCode::kDatabaseError, "verify query `" + Abbreviate(query) +
                                                    "` returned rows: the change would break existing data");
    }
  }
  return Status::Ok();
}

// A precheck that returns a row stops the step before anything ran. The row's first column says
// why (see SqlScript::precheck); a query that returns no text gets a message of its own.
Status CheckPrecheckQueries(dialects::Connection& connection, const std::vector<std::string>& queries) {
  for (const auto& query : queries) {
    auto rows = connection.Query(query);
    if (!rows.ok()) return rows.status().WithContext("running precheck query `" + Abbreviate(query) + "`");
    if (rows->empty()) continue;
    const auto& first_row = rows->front();
    const bool explains_itself = !first_row.empty() && first_row.front().has_value();
    const std::string reason =
        explains_itself ? *first_row.front() : "precheck query `" + Abbreviate(query) + "` returned rows";
    return Status(StatusCode::kRefused, reason + " (nothing was changed)");
  }
  return Status::Ok();
}

// The local settings, the statements and verify queries inside one transaction; rolled back on any
// failure. The settings end with the transaction, so none outlives the script on the server
// connection that ran it (behind a transaction pooler, another client's next).
Status RunInTransaction(dialects::Connection& connection, const SqlScript& script,
                        const std::stop_token& stop) {
  Status status = connection.Begin();
  if (!status.ok()) return status.WithContext("starting a transaction");
  status = ExecuteAll(connection, script.settings.local, stop);
  if (status.ok()) status = ExecuteAll(connection, script.statements, stop);
  if (status.ok()) status = CheckVerifyQueries(connection, script.verify);
  if (status.ok()) {
    status = connection.Commit();
    if (status.ok()) return status;
    status = status.WithContext("committing");
  }
  Status rollback = connection.Rollback();
  if (!rollback.ok()) return WithNote(status, "and the rollback failed too: " + rollback.message());
  return WithNote(status, "rolled back");
}

// Without transactional DDL each statement commits by itself; a failure leaves the earlier ones
// applied, which is why steps carry a precondition probe and `apply` re-plans on the next run.
// The settings are the session's here: reset whatever happened, so they do not stay on the
// connection after the script.
Status RunStatementByStatement(dialects::Connection& connection, const SqlScript& script,
                               const std::stop_token& stop) {
  Status status = ExecuteAll(connection, script.settings.session, stop);
  if (status.ok()) status = ExecuteAll(connection, script.statements, stop);
  if (status.ok()) status = CheckVerifyQueries(connection, script.verify);
  Status reset = ExecuteAll(connection, script.settings.reset, std::stop_token{});
  if (status.ok()) return reset;
  if (!reset.ok()) return WithNote(status, "resetting the settings also failed: " + reset.message());
  return status;
}

}  // namespace

Status RunScript(dialects::Connection& connection, const SqlScript& script, std::stop_token stop) {
  // Nothing has run yet, so a refusal here needs no cleanup: `after` undoes only what `before` did.
  if (Status refused = CheckPrecheckQueries(connection, script.precheck); !refused.ok()) return refused;
  Status status = ExecuteAll(connection, script.before, stop);
  if (status.ok()) {
    const bool in_transaction =
        script.transactional && connection.GetDialect().GetCapabilities().transactional_ddl;
    status = in_transaction ? RunInTransaction(connection, script, stop)
                            : RunStatementByStatement(connection, script, stop);
  }
  // `after` restores session settings that `before` changed (PRAGMA foreign_keys = ON), so it
  // runs whatever happened, a stop included; its own failure is reported only when nothing failed
  // earlier.
  Status after = ExecuteAll(connection, script.after, std::stop_token{});
  if (status.ok()) return after;
  if (!after.ok()) return WithNote(status, "cleanup also failed: " + after.message());
  return status;
}

Result<StepRun> RunStep(dialects::Connection& connection, const PlanStep& step, const RetryPolicy& retry) {
  if (!step.precondition_probe.empty()) {
    Result<bool> done = connection.QueryHasRows(step.precondition_probe);
    if (!done.ok()) return done.status().WithContext("checking whether the step already ran");
    if (*done) return StepRun{StepOutcome::kSkipped, 0};
  }
  int attempts = 0;
  Status status = RetryOnLockTimeout(
      retry, [&] { return RunScript(connection, step.up, retry.stop); }, &attempts);
  if (!status.ok()) return status;
  return StepRun{StepOutcome::kApplied, attempts};
}

}  // namespace schemac::migrator
