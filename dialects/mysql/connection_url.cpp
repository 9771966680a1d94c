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

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(const std::string& text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int high = HexValue(text[i + 1]);
    int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
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

Result<MysqlUrl> ParseMysqlUrl(const std::string& text) {
  MysqlUrl url;
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string::npos) return UrlError("missing scheme");
  url.scheme = text.substr(0, scheme_end);
  if (url.scheme != "mysql" && url.scheme != "mariadb") {
    return UrlError("scheme must be mysql:// or mariadb://");
  }
  std::string rest = text.substr(scheme_end + 3);

  std::string query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  std::string path;
  // The authority ends at the first '/' after the last '@' (a password may contain '/').
  size_t at = rest.rfind('@');
  size_t slash = rest.find('/', at == std::string::npos ? 0 : at);
  if (slash != std::string::npos) {
    path = rest.substr(slash + 1);
    rest.resize(slash);
  }
  std::string host_port = rest;
  if (at != std::string::npos) {
    std::string userinfo = rest.substr(0, at);
    host_port = rest.substr(at + 1);
    std::string raw_user = userinfo;
    if (size_t colon = userinfo.find(':'); colon != std::string::npos) {
      raw_user = userinfo.substr(0, colon);
      auto password = PercentDecode(userinfo.substr(colon + 1));
      if (!password) return UrlError("bad percent-escape in the password");
      url.password = *password;
      url.has_password = true;
    }
    auto user = PercentDecode(raw_user);
    if (!user) return UrlError("bad percent-escape in the user name");
    url.user = *user;
  }

  if (!host_port.empty() && host_port[0] == '[') {  // [ipv6]:port
    size_t close = host_port.find(']');
    if (close == std::string::npos) return UrlError("unterminated [ in the host");
    url.host = host_port.substr(1, close - 1);
    std::string after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return UrlError("unexpected text after the host");
      auto port = ParseUnsigned(after.substr(1), 65535);
      if (!port || *port == 0) return UrlError("port must be a number from 1 to 65535");
      url.port = *port;
    }
  } else if (size_t colon = host_port.rfind(':'); colon != std::string::npos) {
    url.host = host_port.substr(0, colon);
    auto port = ParseUnsigned(host_port.substr(colon + 1), 65535);
    if (!port || *port == 0) return UrlError("port must be a number from 1 to 65535");
    url.port = *port;
  } else {
    url.host = host_port;
  }
  if (url.host.empty()) url.host = "127.0.0.1";
  if (url.user.empty()) url.user = "root";

  auto database = PercentDecode(path);
  if (!database) return UrlError("bad percent-escape in the database name");
  url.database = *database;
  if (url.database.find('/') != std::string::npos) return UrlError("the database name may not contain '/'");

  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string key = pair.substr(0, equals);
    auto value = PercentDecode(equals == std::string::npos ? "" : pair.substr(equals + 1));
    if (!value) return UrlError("bad percent-escape in option '" + key + "'");
    if (Status status = ApplyOption(key, *value, url); !status.ok()) return status;
  }
  return url;
}

std::string ResolvePassword(const MysqlUrl& url) {
  if (url.has_password) return url.password;
  const char* from_env = std::getenv("MYSQL_PWD");
  return from_env ? std::string(from_env) : std::string();
}

std::string MaskMysqlUrl(const std::string& url) {
  size_t scheme_end = url.find("://");
  size_t authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  size_t query = url.find('?', authority_start);
  size_t at = url.rfind('@', query == std::string::npos ? std::string::npos : query);
  if (at == std::string::npos || at < authority_start) return url;
  size_t colon = url.find(':', authority_start);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace schemac::dialects::mysql
