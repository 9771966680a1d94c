#include "dialects/postgres/connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "dialects/postgres/dialect.hpp"
#include "dialects/postgres/inspect.hpp"
#include "dialects/postgres/inspect_blockers.hpp"
#include "dialects/postgres/normalize.hpp"
#include "dialects/postgres/spell_as_server.hpp"
#include "dialects/postgres/statement_progress.hpp"

namespace schemac::dialects::postgres {
namespace {

// pg_advisory_lock key of schemac's migration lock: "schemac" in ASCII, stable across releases
// so that two schemac versions still exclude each other.
constexpr const char* kMigrationLockKey = "32478922351141219";  // 0x736368656d6163

// Who holds that lock: pg_locks splits a bigint advisory key into its high and low 32 bits.
constexpr const char* kMigrationLockHolder = R"(
SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename, ''),
       coalesce(host(a.client_addr), 'local socket'),
       to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 7562088 AND l.objid = 1701667171
  AND l.objsubid = 1)";

// SQLSTATE classes that mean the connection itself is gone, not the statement.
bool IsConnectionFailure(const std::string& sqlstate) {
  return sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

StatusCode CodeForSqlState(const std::string& sqlstate) {
  if (sqlstate == "55P03") return StatusCode::kLockTimeout;  // lock_not_available (lock_timeout)
  if (IsConnectionFailure(sqlstate)) return StatusCode::kConnectionError;
  return StatusCode::kDatabaseError;
}

std::string TrimTrailingNewlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Inspect's bound per catalog query when the policy sets none: the queries of a 1,000-table
// database take a fraction of a second, so a minute means something is wrong that lock_timeout
// does not see, and inspect says so rather than hang.
constexpr int kDefaultInspectStatementTimeoutMs = 60000;

// libpq prints NOTICEs to stderr by default; schemac's output stays clean.
void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
  Result<DatabaseUrl> parsed = DatabaseUrl::Parse(url, UrlShape::kServer);
  if (!parsed.ok()) return parsed.status();
  return Open(*parsed);
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(DatabaseUrl url) {
  Result<PostgresUrl> parsed = ParsePostgresUrl(url);
  if (!parsed.ok()) return parsed.status();
  // libpq may log in with PGPASSWORD; its messages are scrubbed of that password too.
  if (const char* from_env = std::getenv("PGPASSWORD"); from_env != nullptr && !url.has_password()) {
    url.AddSecret(from_env);
  }
  std::string conninfo = ToConninfo(*parsed);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) {
    return Status(StatusCode::kConnectionError, "cannot connect to " + url.Masked() + ": out of memory");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = url.Scrub(TrimTrailingNewlines(PQerrorMessage(conn)));
    PQfinish(conn);
    return Status(StatusCode::kConnectionError, "cannot connect to " + url.Masked() + ": " + why);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto connection = std::unique_ptr<PostgresConnection>(new PostgresConnection(conn, std::move(url)));
  connection->SetExtraNamespaces(parsed->schemas);
  if (parsed->lease_lock) {
    // The holder is unique per connection: a pid can be reused, two connections of one process
    // must not share a lease.
    const std::string holder = fmt::format("{}:{:08x}", ThisProcessName(), std::random_device{}());
    connection->lease_ = std::make_unique<LeaseLock>(conninfo, holder, parsed->lease_seconds);
  }
  return connection;
}

PostgresConnection::PostgresConnection(pg_conn* conn, DatabaseUrl url)
    : conn_(conn),
      cancel_(PQgetCancel(conn)),
      url_(std::move(url)),
      backend_pid_(PQbackendPID(conn)),
      inspect_lock_timeout_ms_(PlanPolicy{}.lock_timeout_ms),
      inspect_statement_timeout_ms_(PlanPolicy{}.statement_timeout_ms) {}

PostgresConnection::~PostgresConnection() {
  if (cancel_ != nullptr) PQfreeCancel(cancel_);
  if (conn_ != nullptr) PQfinish(conn_);
}

Status PostgresConnection::CancelRunningStatement() {
  cancel_requested_ = true;  // also ends a wait for the migration lock, which runs no statement
  if (cancel_ == nullptr) return Status(StatusCode::kUnsupported, "libpq gave no cancel handle");
  char error[256] = {0};
  if (PQcancel(cancel_, error, sizeof error) == 1) return Status::Ok();
  return Status(StatusCode::kConnectionError,
                "cannot send the cancel request to " + url_.Masked() + ": " + url_.Scrub(error));
}

Result<std::optional<StatementProgress>> PostgresConnection::RunningStatementProgress() {
  if (observer_ == nullptr) {
    auto opened = Open(url_);
    if (!opened.ok()) return opened.status().WithContext("opening a session to watch the running statement");
    observer_ = std::move(opened).value();
  }
  auto rows = observer_->Run(StatementProgressQuery(backend_pid_));
  if (!rows.ok()) return rows.status().WithContext("reading the running statement's progress");
  return ReadStatementProgress(*rows);
}

const Dialect& PostgresConnection::GetDialect() const { return PostgresDialect::Instance(); }

void PostgresConnection::SetInspectTimeouts(int lock_timeout_ms, int statement_timeout_ms) {
  inspect_lock_timeout_ms_ = std::max(0, lock_timeout_ms);
  inspect_statement_timeout_ms_ = std::max(0, statement_timeout_ms);
}

Result<model::Schema> PostgresConnection::Inspect() {
  // Inside the caller's transaction a savepoint scopes the SET LOCALs instead (the snapshot is then
  // the caller's); ROLLBACK TO SAVEPOINT takes them back.
  const bool own_transaction = PQtransactionStatus(conn_) == PQTRANS_IDLE;
  const int statement_timeout_ms =
      inspect_statement_timeout_ms_ > 0 ? inspect_statement_timeout_ms_ : kDefaultInspectStatementTimeoutMs;
  // jit = off: the planner's cost estimates for the columns query cross jit_above_cost, and
  // compiling it (~150 ms) costs more than running it. work_mem: the sorts of 20,000+ catalog rows
  // stay in memory instead of spilling to disk at the default 4 MB.
  const std::string open = fmt::format(
      "{}; SET LOCAL lock_timeout = '{}ms'; SET LOCAL statement_timeout = '{}ms'; SET LOCAL jit = off; "
      "SET LOCAL work_mem = '64MB'",
      own_transaction ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "SAVEPOINT schemac_inspect",
      inspect_lock_timeout_ms_, statement_timeout_ms);
  const char* close = own_transaction
                          ? "ROLLBACK"
                          : "ROLLBACK TO SAVEPOINT schemac_inspect; RELEASE SAVEPOINT schemac_inspect";

  Status opened = Execute(open);
  if (!opened.ok()) {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)Execute(close);
    return opened.WithContext("starting the inspection");
  }
  Result<model::Schema> schema = InspectNormalized();
  Status closed = Execute(close);
  if (!schema.ok()) {
    if (schema.status().code() != StatusCode::kLockTimeout) return schema;
    // Asked after the rollback: our own waiting request is gone, the holder's lock is not.
    const std::string holders = DescribeExclusiveLockHolders(*this);
    const std::string waited = "waited " + std::to_string(inspect_lock_timeout_ms_) + " ms (lock timeout)";
    return Status(StatusCode::kLockTimeout,
                  (holders.empty() ? waited : holders + "; " + waited) + ", " + schema.status().message());
  }
  if (!closed.ok()) return closed.WithContext("ending the inspection");
  return schema;
}

Status PostgresConnection::SpellAsServer(model::Schema& desired) {
  bool any = false;
  for (const auto& ns : desired.namespaces)
    any = any || !ns.views.empty() || !ns.triggers.empty() || !ns.routines.empty();
  if (!any) return Status::Ok();
  const bool own_transaction = PQtransactionStatus(conn_) == PQTRANS_IDLE;
  const int statement_timeout_ms =
      inspect_statement_timeout_ms_ > 0 ? inspect_statement_timeout_ms_ : kDefaultInspectStatementTimeoutMs;
  const std::string open = fmt::format(
      "{}; SET LOCAL lock_timeout = '{}ms'; SET LOCAL statement_timeout = '{}ms'",
      own_transaction ? "BEGIN" : "SAVEPOINT schemac_spell", inspect_lock_timeout_ms_, statement_timeout_ms);
  const char* close =
      own_transaction ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT schemac_spell; RELEASE SAVEPOINT schemac_spell";
  Status opened = Execute(open);
  if (!opened.ok()) {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)Execute(close);
    return opened;
  }
  Status spelled = SpellViewsAndTriggers(*this, desired);
  Status closed = Execute(close);
  if (!spelled.ok()) return spelled;
  return closed;
}

Result<model::Schema> PostgresConnection::InspectNormalized() {
  InspectOptions options;
  options.extra_namespaces = extra_namespaces_;
  auto schema = InspectSchema(*this, options);
  if (!schema.ok()) return schema;
  // Normalized here too, so that `schemac inspect` prints 'pending', not 'pending'::order_status.
  NormalizeSchema(*schema);
  return schema;
}

Result<std::vector<std::vector<std::optional<std::string>>>> PostgresConnection::Run(const std::string& sql) {
  using Rows = std::vector<std::vector<std::optional<std::string>>>;
  if (lease_ && lease_->Held()) {
    if (std::string lost = lease_->LostReason(); !lost.empty()) {
      return Status(StatusCode::kRefused, lost + "; another apply may be running, so nothing more is run");
    }
  }
  PGresult* result = PQexec(conn_, sql.c_str());
  if (result == nullptr) {
    std::string why = url_.Scrub(TrimTrailingNewlines(PQerrorMessage(conn_)));
    return Status(StatusCode::kConnectionError, "lost the connection to " + DisplayUrl() + ": " + why);
  }
  ExecStatusType state = PQresultStatus(result);
  if (state != PGRES_COMMAND_OK && state != PGRES_TUPLES_OK && state != PGRES_EMPTY_QUERY) {
    const char* sqlstate_text = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    std::string sqlstate = sqlstate_text ? sqlstate_text : "";
    std::string why = TrimTrailingNewlines(PQresultErrorMessage(result));
    if (why.empty()) why = TrimTrailingNewlines(PQerrorMessage(conn_));
    PQclear(result);
    if (sqlstate.empty() && PQstatus(conn_) != CONNECTION_OK) sqlstate = "08006";
    why = url_.Scrub(why);
    if (!sqlstate.empty()) why += " (SQLSTATE " + sqlstate + ")";
    return Status(CodeForSqlState(sqlstate), why);
  }
  Rows rows;
  int row_count = PQntuples(result);
  int column_count = PQnfields(result);
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int r = 0; r < row_count; ++r) {
    std::vector<std::optional<std::string>> row;
    row.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      if (PQgetisnull(result, r, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(
            std::string(PQgetvalue(result, r, c), static_cast<std::size_t>(PQgetlength(result, r, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  PQclear(result);
  return rows;
}

Status PostgresConnection::Execute(const std::string& sql) {
  auto result = Run(sql);
  return result.ok() ? Status::Ok() : result.status();
}

Result<bool> PostgresConnection::QueryHasRows(const std::string& sql) {
  auto result = Run(sql);
  if (!result.ok()) return result.status();
  return !result->empty();
}

Result<std::vector<std::vector<std::optional<std::string>>>> PostgresConnection::Query(
    const std::string& sql) {
  return Run(sql);
}

Status PostgresConnection::Begin() { return Execute("BEGIN"); }
Status PostgresConnection::Commit() { return Execute("COMMIT"); }
Status PostgresConnection::Rollback() { return Execute("ROLLBACK"); }

// Polls pg_try_advisory_lock rather than blocking in pg_advisory_lock under lock_timeout: the
// wait is then bounded by our clock alone, and nothing is left queued on the server if we give up.
Status PostgresConnection::AcquireMigrationLock(int timeout_ms) {
  if (lease_) {
    return lease_->Acquire([this](const std::string& sql) { return Run(sql); }, timeout_ms, cancel_requested_,
                           DisplayUrl());
  }
  if (holds_migration_lock_) return Status::Ok();
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms);
  const std::string sql = std::string("SELECT pg_try_advisory_lock(") + kMigrationLockKey + ")";
  while (true) {
    auto rows = Run(sql);
    if (!rows.ok()) return rows.status().WithContext("taking the migration lock");
    if (!rows->empty() && (*rows)[0][0] && *(*rows)[0][0] == "t") {
      holds_migration_lock_ = true;
      return Status::Ok();
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status(StatusCode::kLockTimeout, "another schemac holds the migration lock of " + DisplayUrl() +
                                                  DescribeMigrationLockHolder() + " (waited " +
                                                  std::to_string(timeout_ms) + " ms)");
    }
    if (cancel_requested_)
      return Status(StatusCode::kDatabaseError, "stopped waiting for the migration lock");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string PostgresConnection::DescribeMigrationLockHolder() {
  auto rows = Run(kMigrationLockHolder);
  // Only a description: when it cannot be read, the timeout is still the message.
  if (!rows.ok() || rows->empty() || rows->front().size() < 5) return "";
  const auto& row = rows->front();
  auto text = [&](std::size_t i) { return row[i].value_or(""); };
  std::string holder = ": session " + text(0);
  if (!text(1).empty()) holder += " '" + text(1) + "'";
  holder += " (user " + text(2) + ", from " + text(3) + ", connected since " + text(4) + ")";
  return holder;
}

Status PostgresConnection::ReleaseMigrationLock() {
  if (lease_) return lease_->Release([this](const std::string& sql) { return Run(sql); });
  if (!holds_migration_lock_) return Status::Ok();
  auto rows = Run(std::string("SELECT pg_advisory_unlock(") + kMigrationLockKey + ")");
  if (!rows.ok()) return rows.status().WithContext("releasing the migration lock");
  holds_migration_lock_ = false;
  return Status::Ok();
}

void PostgresConnection::ScopeNamespaces(const std::vector<std::string>& namespaces) {
  for (const auto& name : namespaces) {
    if (name.empty()) continue;
    if (std::find(extra_namespaces_.begin(), extra_namespaces_.end(), name) == extra_namespaces_.end()) {
      extra_namespaces_.push_back(name);
    }
  }
}

std::string PostgresConnection::DisplayUrl() const { return url_.Masked(); }

}  // namespace schemac::dialects::postgres
