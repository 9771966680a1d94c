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
  std::vector<std::string> names;    // the first is the dialect's own name, the rest aliases
  std::vector<std::string> schemes;  // of its URLs
  UrlShape url_shape;
  // What schema files may write as `<Dialect::Name()>.option`.
  std::vector<std::string> table_options;
  // Names people write that are not accepted, but suggested as this dialect ("pg").
  std::vector<std::string> suggested_for;
  const Dialect& (*dialect)();
  Result<std::unique_ptr<Connection>> (*connect)(const DatabaseUrl& url, const ConnectOptions& options);
};

const Dialect& SqliteDialect() { return sqlite::SqliteDialectInstance(); }

Result<std::unique_ptr<Connection>> ConnectSqlite(const DatabaseUrl& url, const ConnectOptions& options) {
  auto opened = sqlite::SqliteConnection::Open(url, options.create_if_missing);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Connection>(std::move(*opened));
}

const Dialect& PostgresDialect() { return postgres::PostgresDialect::Instance(); }

// A PostgreSQL database is never created on the fly: ConnectOptions::create_if_missing is for files.
Result<std::unique_ptr<Connection>> ConnectPostgres(const DatabaseUrl& url, const ConnectOptions&) {
  auto opened = postgres::PostgresConnection::Open(url);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Connection>(std::move(*opened));
}

// Without a server to ask, "mysql" plans for MySQL 8.0 and "mariadb" for MariaDB 10.11; a
// connection plans for the exact server it reaches. Both spell natives and options as "mysql".
const Dialect& MysqlDialect() { return mysql::DefaultMysqlDialect(); }
const Dialect& MariaDbDialect() { return mysql::DefaultMariaDbDialect(); }

// A MySQL database is never created on the fly either.
Result<std::unique_ptr<Connection>> ConnectMysql(const DatabaseUrl& url, const ConnectOptions&) {
  return mysql::ConnectMysql(url);
}

const std::vector<DialectEntry>& Dialects() {
  static const std::vector<DialectEntry> kDialects = {
      {{"sqlite"},
       {"sqlite"},
       UrlShape::kFile,
       {"strict", "without_rowid"},
       {},
       &SqliteDialect,
       &ConnectSqlite},
      {{"postgres", "postgresql"},
       {"postgres", "postgresql"},
       UrlShape::kServer,
       {"tablespace", "unlogged", "fillfactor"},
       {"pg"},
       &PostgresDialect,
       &ConnectPostgres},
      {{"mysql"},
       {"mysql"},
       UrlShape::kServer,
       {"engine", "charset", "collation", "row_format"},
       {},
       &MysqlDialect,
       &ConnectMysql},
      {{"mariadb"}, {"mariadb"}, UrlShape::kServer, {}, {}, &MariaDbDialect, &ConnectMysql},
  };
  return kDialects;
}

const DialectEntry* EntryForScheme(const std::string& scheme) {
  for (const auto& entry : Dialects()) {
    for (const auto& known : entry.schemes) {
      if (known == scheme) return &entry;
    }
  }
  return nullptr;
}

std::string SchemeList() {
  std::string schemes;
  for (const auto& entry : Dialects()) {
    for (const auto& scheme : entry.schemes) {
      schemes += (schemes.empty() ? "" : ", ") + scheme + (entry.url_shape == UrlShape::kFile ? ":" : "://");
    }
  }
  return schemes;
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

const dsl::DialectVocabulary& Vocabulary() {
  static const dsl::DialectVocabulary vocabulary = [] {
    dsl::DialectVocabulary built;
    // Entries that plan as the same dialect (mysql, mariadb) share one name in schema files.
    for (const auto& entry : Dialects()) {
      const std::string name = entry.dialect().Name();
      dsl::DialectVocabulary::Entry* word = nullptr;
      for (auto& existing : built.dialects) {
        if (existing.name == name) word = &existing;
      }
      if (word == nullptr) word = &built.dialects.emplace_back(dsl::DialectVocabulary::Entry{name, {}, {}});
      for (const auto& alias : entry.names) {
        if (alias != name) word->aliases.push_back(alias);
      }
      for (const auto& alias : entry.suggested_for) word->aliases.push_back(alias);
      for (const auto& option : entry.table_options) word->table_options.push_back(option);
    }
    return built;
  }();
  return vocabulary;
}

bool IsDatabaseUrl(const std::string& source) {
  return EntryForScheme(DatabaseUrl::SchemeOf(source)) != nullptr;
}

Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text) {
  const DialectEntry* entry = EntryForScheme(DatabaseUrl::SchemeOf(text));
  if (entry == nullptr) {
    return Status(StatusCode::kInvalidArgument, "unknown database URL scheme in '" +
                                                    DatabaseUrl::MaskText(text) +
                                                    "' (supported: " + SchemeList() + ")");
  }
  return DatabaseUrl::Parse(text, entry->url_shape);
}

Result<std::unique_ptr<Connection>> Connect(const std::string& url) { return Connect(url, ConnectOptions{}); }

Result<std::unique_ptr<Connection>> Connect(const std::string& text, const ConnectOptions& options) {
  Result<DatabaseUrl> url = ParseDatabaseUrl(text);
  if (!url.ok()) return url.status();
  return Connect(*url, options);
}

Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url, const ConnectOptions& options) {
  const DialectEntry* entry = EntryForScheme(url.scheme());
  if (entry == nullptr) {
    return Status(StatusCode::kInvalidArgument,
                  "unknown database URL scheme in '" + url.Masked() + "' (supported: " + SchemeList() + ")");
  }
  return entry->connect(url, options);
}

}  // namespace schemac::dialects
