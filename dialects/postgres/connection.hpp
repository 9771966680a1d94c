// A live PostgreSQL database over libpq.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "dialects/postgres/connection_url.hpp"
#include "dialects/postgres/lease_lock.hpp"

struct pg_conn;
struct pg_cancel;

namespace schemac::dialects::postgres {

// One libpq connection. Not thread-safe: one connection, one thread. Owns the PGconn.
class PostgresConnection : public Connection {
 public:
  // Opens `url` (postgres:// or postgresql://). kInvalidArgument for a malformed URL,
  // kConnectionError when the server cannot be reached or refuses the login. No message ever
  // contains the password.
  static Result<std::unique_ptr<PostgresConnection>> Open(DatabaseUrl url);
  // DatabaseUrl::Parse, then the above.
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);

  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  const Dialect& GetDialect() const override;
  // InspectSchema (inspect.hpp) over the current schema and ExtraNamespaces(), normalized. Runs
  // in one read-only REPEATABLE READ transaction (a savepoint inside the caller's transaction),
  // so its queries see one snapshot, under SET LOCAL lock_timeout / statement_timeout from
  // SetInspectTimeouts: pg_get_expr and pg_get_constraintdef take ACCESS SHARE on the tables they
  // describe, and must not queue forever behind a session holding ACCESS EXCLUSIVE. A lock
  // timeout is kLockTimeout and names the sessions holding such locks. Session settings are left
  // as they were.
  Result<model::Schema> Inspect() override;
  // SpellViewsAndTriggers (spell_as_server.hpp) in a transaction that is rolled back (a
  // savepoint inside the caller's), under the inspection's lock and statement timeouts.
  Status SpellAsServer(model::Schema& desired) override;
  Status Execute(const std::string& sql) override;
  Result<bool> QueryHasRows(const std::string& sql) override;
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status AcquireMigrationLock(int timeout_ms) override;
  Status ReleaseMigrationLock() override;
  std::string DisplayUrl() const override;
  // libpq's cancel request (PQcancel), which is safe from another thread.
  Status CancelRunningStatement() override;
  // pg_stat_progress_create_index and pg_stat_activity of this connection's backend, read on a
  // second connection (statement_progress.hpp). Behind a transaction pooler the backend changes
  // from one transaction to the next, so nothing is found: nullopt.
  Result<std::optional<StatementProgress>> RunningStatementProgress() override;

  // Adds schemas to inspect besides the current one ("" and repeats are ignored).
  void ScopeNamespaces(const std::vector<std::string>& namespaces) override;
  // Until called: PlanPolicy's defaults, so `plan` and `inspect` are bounded too.
  void SetInspectTimeouts(int lock_timeout_ms, int statement_timeout_ms) override;
  // ?migration_lock=lease is how a URL says it goes through a transaction pooler.
  bool BehindTransactionPooler() const override { return lease_ != nullptr; }

  // Namespaces inspected besides the current schema (from ?schemas=, ScopeNamespaces, or set here).
  void SetExtraNamespaces(std::vector<std::string> namespaces) { extra_namespaces_ = std::move(namespaces); }
  const std::vector<std::string>& ExtraNamespaces() const { return extra_namespaces_; }

 private:
  PostgresConnection(pg_conn* conn, DatabaseUrl url);

  // ": session 123 'schemac@host:pid' (user u, from 10.0.0.5, connected since ...)", or "" when the
  // holder cannot be read.
  std::string DescribeMigrationLockHolder();

  // Inspect without the transaction and timeouts around it.
  Result<model::Schema> InspectNormalized();

  // Runs `sql`; the result rows, or the error as a Status (SQLSTATE mapped, password scrubbed).
  Result<std::vector<std::vector<std::optional<std::string>>>> Run(const std::string& sql);

  pg_conn* conn_;
  pg_cancel* cancel_;  // PQgetCancel's handle for CancelRunningStatement; null when libpq had none
  DatabaseUrl url_;
  std::vector<std::string> extra_namespaces_;
  bool holds_migration_lock_ = false;
  std::atomic<bool> cancel_requested_{false};     // set by CancelRunningStatement, from another thread
  std::unique_ptr<LeaseLock> lease_;              // ?migration_lock=lease: the lock is a lease row
  int backend_pid_;                               // PQbackendPID, read once: the observer asks about it
  std::unique_ptr<PostgresConnection> observer_;  // RunningStatementProgress's own session
  int inspect_lock_timeout_ms_;
  int inspect_statement_timeout_ms_;
};

}  // namespace schemac::dialects::postgres
