// postgres:// and postgresql:// URLs: the parsed DatabaseUrl read as libpq connection keywords.
// Kept apart from the connection so it is testable without a server.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dialects/database_url.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

struct PostgresUrl {
  std::string user;
  std::string password;  // empty: none in the URL (libpq may still find PGPASSWORD or .pgpass)
  bool has_password = false;
  std::string host;  // empty: libpq's default (PGHOST, then the local socket)
  std::string port;
  std::string database;
  // libpq keywords from the query string (sslmode, connect_timeout, application_name, ...).
  std::map<std::string, std::string> libpq_options;
  std::string search_path;  // from ?search_path=, passed as options=-csearch_path=...
  // Extra namespaces to inspect besides the current schema (?schemas=billing,audit).
  std::vector<std::string> schemas;
  // How apply's migration lock is held (?migration_lock=advisory|lease). A session advisory lock
  // is released by the server when the session ends, but behind a pooler in transaction mode
  // (PgBouncer) consecutive statements run on different server sessions, so it excludes nothing:
  // there a lease row with a heartbeat (lease_lock.hpp) is used instead.
  bool lease_lock = false;
  int lease_seconds = 30;  // ?lease_seconds=N: how long a crashed holder blocks the next apply
};

// Reads a postgres:// or postgresql:// URL. The query options user, host, port and dbname override
// the URL's parts; the other libpq keywords are passed on. kInvalidArgument, with a message that
// never contains the password, for another scheme or an unknown query option.
Result<PostgresUrl> ParsePostgresUrl(const DatabaseUrl& url);
// DatabaseUrl::Parse, then the above.
Result<PostgresUrl> ParsePostgresUrl(const std::string& url);

// "schemac@host:pid", cut to PostgreSQL's 63 bytes of application_name: how this process is named
// in pg_stat_activity (unless the URL sets application_name) and in the lease of the migration lock.
std::string ThisProcessName();

// The libpq conninfo string ("host='..' port='..' ...") for `url`, values quoted for libpq.
std::string ToConninfo(const PostgresUrl& url);

}  // namespace schemac::dialects::postgres
