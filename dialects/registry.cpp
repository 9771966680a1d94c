// The table of dialects. Adding a dialect adds one entry to kDialects (and its library to
// schemac_dialects in dialects/CMakeLists.txt); nothing else in the core changes.
#include "dialects/registry.hpp"

#include "dialects/mysql/connection.hpp"
#include "dialects/mysql/dialect.hpp"
#include "dialects/postgres/connection.hpp"
#include "dialects/postgres/dialect.hpp"
#include "dialects/sqlite/connection.hpp"
#include "dialects/sqlite/dialect.hpp"

namespace schemac::dialects {
namespace {

struct DialectEntry {
  std::vector<std::string> names;         // the first is the dialect's own name, the rest aliases
  std::vector<std::string> url_prefixes;  // how its URLs start
  const Dialect& (*dialect)();
  Result<std::unique_ptr<Connection>> (*connect)(const std::string& url, const ConnectOptions& options);
};

const Dialect& SqliteDialect() { return sqlite::SqliteDialectInstance(); }

Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& url, const ConnectOptions& options) {
  auto opened = sqlite::SqliteConnection::Open(url, options.create_if_missing);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Connection>(std::move(*opened));
}

const Dialect& PostgresDialect() { return postgres::PostgresDialect::Instance(); }

// A PostgreSQL database is never created on the fly: ConnectOptions::create_if_missing is for files.
Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& url, const ConnectOptions&) {
  auto opened = postgres::PostgresConnection::Open(url);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Connection>(std::move(*opened));
}

// Without a server to ask, "mysql" plans for MySQL 8.0 and "mariadb" for MariaDB 10.11; a
// connection plans for the exact server it reaches. Both spell natives and options as "mysql".
const Dialect& MysqlDialect() { return mysql::DefaultMysqlDialect(); }
const Dialect& MariaDbDialect() { return mysql::DefaultMariaDbDialect(); }

// A MySQL database is never created on the fly either.
Result<std::unique_ptr<Connection>> ConnectMysql(const std::string& url, const ConnectOptions&) {
  return mysql::ConnectMysql(url);
}

const std::vector<DialectEntry>& Dialects() {
  static const std::vector<DialectEntry> kDialects = {
      {{"sqlite"}, {"sqlite:"}, &SqliteDialect, &ConnectSqlite},
      {{"postgres", "postgresql"}, {"postgres://", "postgresql://"}, &PostgresDialect, &ConnectPostgres},
      {{"mysql"}, {"mysql://"}, &MysqlDialect, &ConnectMysql},
      {{"mariadb"}, {"mariadb://"}, &MariaDbDialect, &ConnectMysql},
  };
  return kDialects;
}

const DialectEntry* EntryForUrl(const std::string& url) {
  for (const auto& entry : Dialects()) {
    for (const auto& prefix : entry.url_prefixes) {
      if (url.rfind(prefix, 0) == 0) return &entry;
    }
  }
  return nullptr;
}

// scheme://user:secret@host -> scheme://user:***@host, so an error never prints a password.
std::string MaskPassword(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const std::size_t authority = scheme_end + 3;
  const std::size_t at = url.find('@', authority);
  const std::size_t slash = url.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  const std::size_t colon = url.find(':', authority);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

const Dialect* FindDialect(const std::string& name) {
  for (const auto& entry : Dialects()) {
    for (const auto& alias : entry.names) {
      if (alias == name) return &entry.dialect();
    }
  }
  return nullptr;
}

std::vector<std::string> DialectNames() {
  std::vector<std::string> names;
  for (const auto& entry : Dialects()) names.push_back(entry.names.front());
  return names;
}

bool IsDatabaseUrl(const std::string& source) { return EntryForUrl(source) != nullptr; }

Result<std::unique_ptr<Connection>> Connect(const std::string& url) { return Connect(url, ConnectOptions{}); }

Result<std::unique_ptr<Connection>> Connect(const std::string& url, const ConnectOptions& options) {
  const DialectEntry* entry = EntryForUrl(url);
  if (!entry) {
    std::string schemes;
    for (const auto& known : Dialects()) {
      for (const auto& prefix : known.url_prefixes) schemes += (schemes.empty() ? "" : ", ") + prefix;
    }
    return Status(StatusCode::kInvalidArgument,
                  "unknown database URL scheme in '" + MaskPassword(url) + "' (supported: " + schemes + ")");
  }
  return entry->connect(url, options);
}

}  // namespace schemac::dialects
