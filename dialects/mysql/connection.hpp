// A live MySQL / MariaDB database through the MySQL C API (libmariadb).
//
// The session is made predictable on open: a strict sql_mode, utf8mb4, and lock waits bounded
// by the plan policy's lock timeout. Server errors become Status values: can't reach / log in /
// unknown database -> kConnectionError, lock wait timeout and deadlock -> kLockTimeout, anything
// else -> kDatabaseError with the server's message. The password never appears in a message.
// Not thread-safe: one connection, one thread (CancelRunningStatement and RunningStatementProgress
// excepted).
#pragma once

#include <memory>
#include <string>

#include "dialects/dialect.hpp"
#include "dialects/mysql/connection_url.hpp"
#include "dialects/mysql/dialect.hpp"

struct st_mysql;

namespace schemac::dialects::mysql {

// The sql_mode every schemac session runs with, whatever the server's default.
inline constexpr const char* kSessionSqlMode =
    "STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

class MysqlConnection : public Connection {
 public:
  // Opens `url` (mysql://user:pass@host:port/db?ssl-mode=..&connect_timeout=..&charset=..).
  static Result<std::unique_ptr<MysqlConnection>> Open(DatabaseUrl url);
  // DatabaseUrl::Parse, then the above.
  static Result<std::unique_ptr<MysqlConnection>> Open(const std::string& url);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  const Dialect& GetDialect() const override { return *dialect_; }
  Result<model::Schema> Inspect() override;
  Status Execute(const std::string& sql) override;
  Result<bool> QueryHasRows(const std::string& sql) override;
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status AcquireMigrationLock(int timeout_ms) override;
  Status ReleaseMigrationLock() override;
  std::string DisplayUrl() const override { return url_.Masked(); }
  // KILL QUERY from a short-lived second session.
  Status CancelRunningStatement() override;
  // information_schema.PROCESSLIST of this session, read on a second session of its own
  // (statement_progress.hpp): the state, and on MariaDB the ALTER TABLE stage and percent.
  Result<std::optional<StatementProgress>> RunningStatementProgress() override;
  // information_schema.TABLES: InnoDB's row estimate (TABLE_ROWS) and DATA_LENGTH + INDEX_LENGTH.
  Result<TableSizes> EstimateTableSizes() override;
  // The desired views' queries as this server stores them, from a scratch database that is
  // always dropped (spell_as_server.hpp); nothing when the account may not create one.
  Status SpellAsServer(model::Schema& desired) override;

  // Bounds metadata-lock and row-lock waits (lock_wait_timeout, innodb_lock_wait_timeout), in
  // whole seconds rounded up. Open applies PlanPolicy's default.
  Status SetLockTimeout(int timeout_ms);

  const ServerVersion& Version() const { return dialect_->Version(); }
  const std::string& Database() const { return settings_.database; }
  // The GET_LOCK name of the migration lock: "schemac:<database>", hashed when too long.
  std::string MigrationLockName() const;

 private:
  MysqlConnection(st_mysql* handle, MysqlUrl settings, DatabaseUrl url);
  Status ServerError(const std::string& what) const;
  // ": held by connection 42 of root from 10.0.0.5:51234", or "" when it cannot be read.
  std::string DescribeMigrationLockHolder();
  Status LoadServerInfo();

  st_mysql* handle_;
  unsigned long thread_id_;  // the server's id of this session, for KILL QUERY
  MysqlUrl settings_;
  DatabaseUrl url_;  // for DisplayUrl and scrubbing the driver's messages
  std::unique_ptr<MysqlDialect> dialect_;
  std::unique_ptr<MysqlConnection> observer_;  // RunningStatementProgress's own session
};

// For the registry: Open, as the generic Connection.
Result<std::unique_ptr<Connection>> ConnectMysql(DatabaseUrl url);

}  // namespace schemac::dialects::mysql
