// postgres:// and postgresql:// URLs: parsed into libpq connection keywords, and masked for
// display. Kept apart from the connection so it is testable without a server.
#pragma once

#include <map>
#include <string>
#include <vector>

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
};

// Parses a postgres:// or postgresql:// URL. Percent-escapes in every part are decoded.
// kInvalidArgument, with a message that never contains the password, when it is malformed or
// carries an unknown query option.
Result<PostgresUrl> ParsePostgresUrl(const std::string& url);

// The libpq conninfo string ("host='..' port='..' ...") for `url`, values quoted for libpq.
std::string ToConninfo(const PostgresUrl& url);

// The URL with its password replaced by "***": safe to print. Works on malformed URLs too.
std::string MaskPostgresUrl(const std::string& url);

// `text` with every occurrence of `secret` replaced by "***" (no-op for an empty secret).
std::string ScrubSecret(std::string text, const std::string& secret);

}  // namespace schemac::dialects::postgres
