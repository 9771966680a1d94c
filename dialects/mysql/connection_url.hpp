// mysql:// and mariadb:// URLs: parsed into connection settings, and masked for display. Kept
// apart from the connection so it is testable without a server.
#pragma once

#include <string>

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

// Parses mysql://user:pass@host:port/db?ssl-mode=REQUIRED&connect_timeout=5&charset=utf8mb4.
// Percent-escapes in user, password and database are decoded. kInvalidArgument, with a message
// that never contains the password, when the URL is malformed or carries an unknown option.
Result<MysqlUrl> ParseMysqlUrl(const std::string& url);

// The password to log in with: the URL's, else the MYSQL_PWD environment variable, else none.
std::string ResolvePassword(const MysqlUrl& url);

// The URL with its password replaced by "***": safe to print. Works on malformed URLs too.
std::string MaskMysqlUrl(const std::string& url);

}  // namespace schemac::dialects::mysql
