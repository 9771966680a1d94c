// mysql:// and mariadb:// URLs: the parsed DatabaseUrl read as connection settings. Kept apart
// from the connection so it is testable without a server.
#pragma once

#include <string>

#include "dialects/database_url.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::mysql {

// How hard the client insists on TLS (?ssl-mode=, MySQL's names).
enum class SslMode { kDisabled, kPreferred, kRequired, kVerifyCa, kVerifyIdentity };

struct MysqlUrl {
  std::string scheme;    // "mysql" or "mariadb"
  std::string user;      // empty: "root"
  std::string password;  // from the URL, else MYSQL_PWD (see ResolvePassword)
  bool has_password = false;
  std::string host;  // empty: 127.0.0.1
  unsigned port = 3306;
  std::string database;  // required: schemac manages exactly one database
  SslMode ssl_mode = SslMode::kPreferred;
  unsigned connect_timeout_s = 10;
  std::string charset = "utf8mb4";
};

// Reads mysql://user:pass@host:port/db?ssl-mode=REQUIRED&connect_timeout=5&charset=utf8mb4.
// kInvalidArgument, with a message that never contains the password, for another scheme or an
// unknown or malformed option.
Result<MysqlUrl> ParseMysqlUrl(const DatabaseUrl& url);
// DatabaseUrl::Parse, then the above.
Result<MysqlUrl> ParseMysqlUrl(const std::string& url);

// The password to log in with: the URL's, else the MYSQL_PWD environment variable, else none.
std::string ResolvePassword(const MysqlUrl& url);

}  // namespace schemac::dialects::mysql
