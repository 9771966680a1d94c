#include "dialects/mysql/connection_url.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>

namespace schemac::dialects::mysql {
namespace {

Status UrlError(const std::string& what) {
  return Status(StatusCode::kInvalidArgument,
                "invalid MySQL URL: " + what + " (expected mysql://user:password@host:port/database)");
}

std::optional<unsigned> ParseUnsigned(const std::string& text, unsigned max) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

std::optional<SslMode> ParseSslMode(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (char& c : text)
    if (c == '-') c = '_';
  if (text == "DISABLED") return SslMode::kDisabled;
  if (text == "PREFERRED") return SslMode::kPreferred;
  if (text == "REQUIRED") return SslMode::kRequired;
  if (text == "VERIFY_CA") return SslMode::kVerifyCa;
  if (text == "VERIFY_IDENTITY") return SslMode::kVerifyIdentity;
  return std::nullopt;
}

Status ApplyOption(const std::string& key, const std::string& value, MysqlUrl& url) {
  if (key == "ssl-mode" || key == "ssl_mode" || key == "sslmode") {
    auto mode = ParseSslMode(value);
    if (!mode)
      return UrlError("ssl-mode must be DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
    url.ssl_mode = *mode;
    return Status::Ok();
  }
  if (key == "connect_timeout" || key == "connect-timeout") {
    auto seconds = ParseUnsigned(value, 3600);
    if (!seconds || *seconds == 0) return UrlError("connect_timeout must be a number of seconds (1..3600)");
    url.connect_timeout_s = *seconds;
    return Status::Ok();
  }
  if (key == "charset") {
    if (value.empty()) return UrlError("charset must not be empty");
    for (char c : value) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
        return UrlError("charset '" + value + "' is not a charset name");
    }
    url.charset = value;
    return Status::Ok();
  }
  return UrlError("unknown option '" + key + "' (known: ssl-mode, connect_timeout, charset)");
}

}  // namespace

Result<MysqlUrl> ParseMysqlUrl(const DatabaseUrl& parsed) {
  if (parsed.scheme() != "mysql" && parsed.scheme() != "mariadb") {
    return UrlError("scheme must be mysql:// or mariadb://");
  }
  MysqlUrl url;
  url.scheme = parsed.scheme();
  url.user = parsed.user().empty() ? "root" : parsed.user();
  url.password = parsed.password();
  url.has_password = parsed.has_password();
  url.host = parsed.host().empty() ? "127.0.0.1" : parsed.host();
  url.port = parsed.port().value_or(3306);
  url.database = parsed.database();
  if (url.database.find('/') != std::string::npos) return UrlError("the database name may not contain '/'");
  for (const auto& [key, value] : parsed.options()) {
    if (Status status = ApplyOption(key, value, url); !status.ok()) return status;
  }
  return url;
}

Result<MysqlUrl> ParseMysqlUrl(const std::string& text) {
  Result<DatabaseUrl> parsed = DatabaseUrl::Parse(text, UrlShape::kServer);
  if (!parsed.ok()) return parsed.status();
  return ParseMysqlUrl(*parsed);
}

std::string ResolvePassword(const MysqlUrl& url) {
  if (url.has_password) return url.password;
  const char* from_env = std::getenv("MYSQL_PWD");
  return from_env ? std::string(from_env) : std::string();
}

}  // namespace schemac::dialects::mysql
