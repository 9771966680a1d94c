#include "dialects/mysql/connection.hpp"

#include <errmsg.h>
#include <fmt/format.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "dialects/mysql/inspect.hpp"
#include "dialects/mysql/render.hpp"
#include "dialects/mysql/spell_as_server.hpp"
#include "dialects/mysql/statement_progress.hpp"
#include "schemac/plan.hpp"

namespace schemac::dialects::mysql {
namespace {

StatusCode CodeForError(unsigned error) {
  switch (error) {
    case ER_LOCK_WAIT_TIMEOUT:  // 1205: row lock or metadata lock wait exceeded
    case ER_LOCK_DEADLOCK:      // 1213: retryable like a timeout
      return StatusCode::kLockTimeout;
    case ER_ACCESS_DENIED_ERROR:
    case ER_DBACCESS_DENIED_ERROR:
    case ER_BAD_DB_ERROR:
    case CR_CONNECTION_ERROR:
    case CR_CONN_HOST_ERROR:
    case CR_UNKNOWN_HOST:
    case CR_SERVER_GONE_ERROR:
    case CR_SERVER_LOST:
    case CR_SSL_CONNECTION_ERROR:
      return StatusCode::kConnectionError;
    default:
      return StatusCode::kDatabaseError;
  }
}

// FNV-1a, to shorten a lock name without making two databases share it.
std::string ShortHash(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return fmt::format("{:016x}", hash);
}

// A new session to `url`, logged in: used for the connection itself and for the short-lived
// session that sends KILL QUERY to it.
Status ConnectHandle(const MysqlUrl& url, const std::string& password, const DatabaseUrl& database_url,
                     MYSQL** out) {
  MYSQL* handle = mysql_init(nullptr);
  if (!handle) return Status(StatusCode::kInternal, "mysql_init failed: out of memory");
  unsigned connect_timeout_s = url.connect_timeout_s;
  mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout_s);
  mysql_options(handle, MYSQL_SET_CHARSET_NAME, url.charset.c_str());
  my_bool enforce = url.ssl_mode != SslMode::kDisabled && url.ssl_mode != SslMode::kPreferred;
  my_bool verify = url.ssl_mode == SslMode::kVerifyIdentity || url.ssl_mode == SslMode::kVerifyCa;
  if (enforce) mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &enforce);
  if (verify) mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);

  if (!mysql_real_connect(handle, url.host.c_str(), url.user.c_str(), password.c_str(), url.database.c_str(),
                          url.port, nullptr, 0)) {
    unsigned error = mysql_errno(handle);
    std::string message = database_url.Scrub(mysql_error(handle));
    mysql_close(handle);
    std::string hint;
    if (error == ER_BAD_DB_ERROR) hint = " (create the database first: CREATE DATABASE ...)";
    if (error == ER_ACCESS_DENIED_ERROR)
      hint = " (check the user and password; MYSQL_PWD is read when the URL has none)";
    return Status(StatusCode::kConnectionError,
                  "cannot connect to " + database_url.Masked() + ": " + message + hint);
  }
  *out = handle;
  return Status::Ok();
}

}  // namespace

MysqlConnection::MysqlConnection(st_mysql* handle, MysqlUrl settings, DatabaseUrl url)
    : handle_(handle),
      thread_id_(mysql_thread_id(handle)),
      settings_(std::move(settings)),
      url_(std::move(url)) {}

MysqlConnection::~MysqlConnection() {
  if (handle_) mysql_close(handle_);
}

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::Open(const std::string& url_text) {
  Result<DatabaseUrl> parsed = DatabaseUrl::Parse(url_text, UrlShape::kServer);
  if (!parsed.ok()) return parsed.status();
  return Open(*parsed);
}

Result<std::unique_ptr<MysqlConnection>> MysqlConnection::Open(DatabaseUrl database_url) {
  auto parsed = ParseMysqlUrl(database_url);
  if (!parsed.ok()) return parsed.status();
  MysqlUrl url = *parsed;
  // The password may come from MYSQL_PWD: the driver's messages are scrubbed of it too.
  std::string password = ResolvePassword(url);
  if (!url.has_password) database_url.AddSecret(password);
  const std::string display = database_url.Masked();
  if (url.database.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "MySQL URL " + display + " names no database (mysql://host/DATABASE)");
  }
  MYSQL* handle = nullptr;
  if (Status connected = ConnectHandle(url, password, database_url, &handle); !connected.ok())
    return connected;
  std::unique_ptr<MysqlConnection> connection(new MysqlConnection(handle, url, std::move(database_url)));
  if (Status status = connection->Execute(std::string("SET SESSION sql_mode = '") + kSessionSqlMode + "'");
      !status.ok()) {
    return status;
  }
  if (Status status = connection->SetLockTimeout(PlanPolicy{}.lock_timeout_ms); !status.ok()) return status;
  if (Status status = connection->LoadServerInfo(); !status.ok()) return status;
  return connection;
}

Status MysqlConnection::LoadServerInfo() {
  auto rows = Query("SELECT VERSION(), @@character_set_database, @@collation_database");
  if (!rows.ok()) return rows.status().WithContext("reading the server version");
  if (rows->empty() || (*rows)[0].size() < 3)
    return Status(StatusCode::kInternal, "SELECT VERSION() returned no row");
  ServerVersion version = ServerVersion::Parse((*rows)[0][0].value_or(""));
  DatabaseDefaults defaults = DatabaseDefaults::For(version);
  defaults.charset = (*rows)[0][1].value_or(defaults.charset);
  defaults.collation = (*rows)[0][2].value_or(defaults.collation);
  auto collations = Query(
      "SELECT CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLLATIONS WHERE IS_DEFAULT = "
      "'Yes'");
  if (!collations.ok()) return collations.status().WithContext("reading default collations");
  for (const auto& row : *collations) {
    if (row.size() >= 2 && row[0] && row[1]) defaults.default_collation_by_charset[*row[0]] = *row[1];
  }
  dialect_ = std::make_unique<MysqlDialect>(version, std::move(defaults));
  return Status::Ok();
}

Status MysqlConnection::ServerError(const std::string& what) const {
  unsigned error = mysql_errno(handle_);
  std::string message = url_.Scrub(mysql_error(handle_));
  return Status(CodeForError(error), fmt::format("{} failed: {} (error {})", what, message, error));
}

Status MysqlConnection::SetLockTimeout(int timeout_ms) {
  int seconds = std::max(1, (timeout_ms + 999) / 1000);
  return Execute(fmt::format("SET SESSION lock_wait_timeout = {0}, innodb_lock_wait_timeout = {0}", seconds));
}

Status MysqlConnection::Execute(const std::string& sql) {
  if (mysql_real_query(handle_, sql.data(), sql.size()) != 0) return ServerError("statement");
  // Drain any result so the connection is ready for the next statement.
  if (MYSQL_RES* result = mysql_store_result(handle_)) mysql_free_result(result);
  return Status::Ok();
}

Result<std::vector<std::vector<std::optional<std::string>>>> MysqlConnection::Query(const std::string& sql) {
  if (mysql_real_query(handle_, sql.data(), sql.size()) != 0) return ServerError("query");
  MYSQL_RES* result = mysql_store_result(handle_);
  std::vector<std::vector<std::optional<std::string>>> rows;
  if (!result) {
    if (mysql_field_count(handle_) != 0) return ServerError("reading query result");
    return rows;
  }
  unsigned fields = mysql_num_fields(result);
  while (MYSQL_ROW row = mysql_fetch_row(result)) {
    unsigned long* lengths = mysql_fetch_lengths(result);
    std::vector<std::optional<std::string>> values;
    values.reserve(fields);
    for (unsigned i = 0; i < fields; ++i) {
      if (row[i])
        values.emplace_back(std::string(row[i], lengths[i]));
      else
        values.emplace_back(std::nullopt);
    }
    rows.push_back(std::move(values));
  }
  mysql_free_result(result);
  return rows;
}

Result<bool> MysqlConnection::QueryHasRows(const std::string& sql) {
  auto rows = Query(sql);
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

// Normalized here already, so what `inspect` prints is the canonical shape (typed defaults, no
// inherited engine or collation); the planner normalizes again, which changes nothing.
Result<model::Schema> MysqlConnection::Inspect() {
  auto schema = InspectDatabase([this](const std::string& sql) { return Query(sql); }, dialect_->Version());
  if (!schema.ok()) return schema;
  dialect_->Normalize(*schema);
  NameInlineEnums(*schema);
  ShowForeignKeyIndexes(*schema);
  return schema;
}

Status MysqlConnection::SpellAsServer(model::Schema& desired) {
  return SpellViewsInScratchDatabase(*this, settings_.database, thread_id_, desired);
}

Result<TableSizes> MysqlConnection::EstimateTableSizes() {
  auto rows = Query(
      "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) FROM "
      "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'");
  if (!rows.ok()) return rows.status().WithContext("reading table sizes");
  TableSizes sizes;
  for (const auto& row : *rows) {
    if (row.size() < 3 || !row[0]) continue;
    sizes[*row[0]] = TableSize{std::stoll(row[1].value_or("0")), std::stoll(row[2].value_or("0"))};
  }
  return sizes;
}

Status MysqlConnection::Begin() { return Execute("START TRANSACTION"); }
Status MysqlConnection::Commit() { return Execute("COMMIT"); }
Status MysqlConnection::Rollback() { return Execute("ROLLBACK"); }

std::string MysqlConnection::MigrationLockName() const {
  std::string name = "schemac:" + settings_.database;
  if (name.size() <= 64) return name;  // GET_LOCK names are at most 64 characters
  return "schemac:" + settings_.database.substr(0, 30) + ":" + ShortHash(settings_.database);
}

Status MysqlConnection::AcquireMigrationLock(int timeout_ms) {
  double seconds = std::max(0, timeout_ms) / 1000.0;
  auto rows = Query(fmt::format("SELECT GET_LOCK({}, {:.3f})", QuoteString(MigrationLockName()), seconds));
  if (!rows.ok()) return rows.status().WithContext("acquiring the migration lock");
  if (rows->empty() || rows->front().empty() || !rows->front()[0]) {
    return Status(StatusCode::kDatabaseError, "GET_LOCK returned NULL for the migration lock");
  }
  if (*rows->front()[0] != "1") {
    return Status(StatusCode::kLockTimeout,
                  fmt::format("another schemac apply holds the migration lock {}{} (waited {} ms)",
                              MigrationLockName(), DescribeMigrationLockHolder(), timeout_ms));
  }
  return Status::Ok();
}

std::string MysqlConnection::DescribeMigrationLockHolder() {
  auto rows = Query(
      fmt::format("SELECT ID, USER, HOST FROM information_schema.PROCESSLIST WHERE ID = IS_USED_LOCK({})",
                  QuoteString(MigrationLockName())));
  // Only a description: when it cannot be read, the timeout is still the message.
  if (!rows.ok() || rows->empty() || rows->front().size() < 3) return "";
  const auto& row = rows->front();
  return fmt::format(": held by connection {} of {} from {}", row[0].value_or("?"), row[1].value_or("?"),
                     row[2].value_or("?"));
}

// KILL QUERY from a second session: the C API has no in-band cancel. The statement fails with
// ER_QUERY_INTERRUPTED and the session stays usable (a transaction it was in stays open, for the
// caller to roll back).
Status MysqlConnection::CancelRunningStatement() {
  MYSQL* killer = nullptr;
  if (Status connected = ConnectHandle(settings_, ResolvePassword(settings_), url_, &killer); !connected.ok())
    return connected.WithContext("opening a session to cancel the running statement");
  const std::string kill = fmt::format("KILL QUERY {}", thread_id_);
  Status status = Status::Ok();
  if (mysql_real_query(killer, kill.data(), kill.size()) != 0) {
    status = Status(StatusCode::kDatabaseError, "KILL QUERY failed: " + url_.Scrub(mysql_error(killer)));
  }
  mysql_close(killer);
  return status;
}

Result<std::optional<StatementProgress>> MysqlConnection::RunningStatementProgress() {
  if (observer_ == nullptr) {
    auto opened = Open(url_);
    if (!opened.ok()) return opened.status().WithContext("opening a session to watch the running statement");
    observer_ = std::move(opened).value();
  }
  auto rows = observer_->Query(StatementProgressQuery(thread_id_, Version().IsMariaDb()));
  if (!rows.ok()) return rows.status().WithContext("reading the running statement's progress");
  return ReadStatementProgress(*rows);
}

Status MysqlConnection::ReleaseMigrationLock() {
  auto rows = Query("SELECT RELEASE_LOCK(" + QuoteString(MigrationLockName()) + ")");
  if (!rows.ok()) return rows.status().WithContext("releasing the migration lock");
  return Status::Ok();
}

Result<std::unique_ptr<Connection>> ConnectMysql(DatabaseUrl url) {
  auto connection = MysqlConnection::Open(std::move(url));
  if (!connection.ok()) return connection.status();
  return std::unique_ptr<Connection>(std::move(connection).value());
}

}  // namespace schemac::dialects::mysql
