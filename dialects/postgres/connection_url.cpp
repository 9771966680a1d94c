#include "dialects/postgres/connection_url.hpp"

#include <cctype>
#include <set>

namespace schemac::dialects::postgres {
namespace {

constexpr const char* kSchemes[] = {"postgres://", "postgresql://"};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes (and '+' as a space in query values). False on a broken escape.
bool PercentDecode(const std::string& in, bool plus_is_space, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

// Query options handed to libpq unchanged. Others are refused, so a typo is not silently ignored.
const std::set<std::string>& LibpqOptionNames() {
  static const std::set<std::string> kNames = {"sslmode",          "sslrootcert",     "sslcert",
                                               "sslkey",           "sslcrl",          "connect_timeout",
                                               "application_name", "options",         "target_session_attrs",
                                               "keepalives",       "keepalives_idle", "passfile",
                                               "channel_binding",  "gssencmode"};
  return kNames;
}

std::vector<std::string> SplitList(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == separator) {
      if (!current.empty()) parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

// The part of the URL after the scheme, or npos-like empty result when the scheme is not ours.
bool StripScheme(const std::string& url, std::string& rest) {
  for (const char* scheme : kSchemes) {
    std::string prefix(scheme);
    if (url.compare(0, prefix.size(), prefix) == 0) {
      rest = url.substr(prefix.size());
      return true;
    }
  }
  return false;
}

// Quotes a conninfo value: single quotes, with \ and ' escaped by a backslash.
std::string QuoteConninfoValue(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  quoted += '\'';
  return quoted;
}

Status Invalid(const std::string& url, const std::string& why) {
  return Status(StatusCode::kInvalidArgument,
                "malformed PostgreSQL URL " + MaskPostgresUrl(url) + ": " + why);
}

}  // namespace

std::string ScrubSecret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), "***");
    pos += 3;
  }
  return text;
}

std::string MaskPostgresUrl(const std::string& url) {
  std::string rest;
  if (!StripScheme(url, rest)) return url;
  std::string scheme = url.substr(0, url.size() - rest.size());
  // The authority ends at the first '/' or '?' after the scheme; userinfo ends at its last '@'.
  std::size_t authority_end = rest.find_first_of("/?");
  std::string authority = rest.substr(0, authority_end);
  std::string tail = authority_end == std::string::npos ? "" : rest.substr(authority_end);
  std::size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    std::size_t colon = userinfo.find(':');
    if (colon != std::string::npos) {
      authority = userinfo.substr(0, colon) + ":***" + authority.substr(at);
    }
  }
  // A password can also ride in the query string (?password=...).
  std::size_t query = tail.find('?');
  if (query != std::string::npos) {
    std::string path = tail.substr(0, query);
    std::string masked_query;
    for (const auto& pair : SplitList(tail.substr(query + 1), '&')) {
      if (!masked_query.empty()) masked_query += '&';
      if (pair.compare(0, 9, "password=") == 0) {
        masked_query += "password=***";
      } else {
        masked_query += pair;
      }
    }
    tail = path + "?" + masked_query;
  }
  return scheme + authority + tail;
}

Result<PostgresUrl> ParsePostgresUrl(const std::string& url) {
  std::string rest;
  if (!StripScheme(url, rest)) return Invalid(url, "it must start with postgres:// or postgresql://");
  PostgresUrl parsed;

  std::string query;
  std::size_t question = rest.find('?');
  if (question != std::string::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  std::string path;
  std::size_t slash = rest.find('/');
  if (slash != std::string::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string hostport = rest;
  std::size_t at = rest.rfind('@');
  if (at != std::string::npos) {
    std::string userinfo = rest.substr(0, at);
    hostport = rest.substr(at + 1);
    std::size_t colon = userinfo.find(':');
    std::string raw_user = userinfo.substr(0, colon);
    if (!PercentDecode(raw_user, false, parsed.user)) return Invalid(url, "bad %-escape in the user name");
    if (colon != std::string::npos) {
      parsed.has_password = true;
      if (!PercentDecode(userinfo.substr(colon + 1), false, parsed.password)) {
        return Invalid(url, "bad %-escape in the password");
      }
    }
  }
  // Host: a name, an IPv4 address, or a bracketed IPv6 address; then an optional :port.
  if (!hostport.empty() && hostport[0] == '[') {
    std::size_t close = hostport.find(']');
    if (close == std::string::npos) return Invalid(url, "unterminated [ in the host");
    parsed.host = hostport.substr(1, close - 1);
    std::string after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Invalid(url, "unexpected text after the IPv6 host");
      parsed.port = after.substr(1);
    }
  } else {
    std::size_t colon = hostport.rfind(':');
    std::string raw_host = hostport.substr(0, colon);
    if (!PercentDecode(raw_host, false, parsed.host)) return Invalid(url, "bad %-escape in the host");
    if (colon != std::string::npos) parsed.port = hostport.substr(colon + 1);
  }
  if (!parsed.port.empty()) {
    for (char c : parsed.port) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return Invalid(url, "the port must be a number");
    }
    if (parsed.port.size() > 5 || std::stoi(parsed.port) > 65535 || std::stoi(parsed.port) == 0) {
      return Invalid(url, "the port must be between 1 and 65535");
    }
  }
  if (!PercentDecode(path, false, parsed.database)) return Invalid(url, "bad %-escape in the database name");

  for (const auto& pair : SplitList(query, '&')) {
    std::size_t equals = pair.find('=');
    if (equals == std::string::npos) return Invalid(url, "query option '" + pair + "' has no value");
    std::string key;
    std::string value;
    if (!PercentDecode(pair.substr(0, equals), true, key) ||
        !PercentDecode(pair.substr(equals + 1), true, value)) {
      return Invalid(url, "bad %-escape in the query string");
    }
    if (key == "search_path") {
      parsed.search_path = value;
    } else if (key == "schemas") {
      parsed.schemas = SplitList(value, ',');
    } else if (key == "password") {
      parsed.password = value;
      parsed.has_password = true;
    } else if (key == "user") {
      parsed.user = value;
    } else if (key == "host") {
      parsed.host = value;
    } else if (key == "port") {
      parsed.port = value;
    } else if (key == "dbname") {
      parsed.database = value;
    } else if (LibpqOptionNames().count(key) != 0) {
      parsed.libpq_options[key] = value;
    } else {
      return Invalid(url,
                     "unknown query option '" + key +
                         "' (known: sslmode, search_path, connect_timeout, application_name, schemas, ...)");
    }
  }
  return parsed;
}

std::string ToConninfo(const PostgresUrl& url) {
  std::string conninfo;
  auto add = [&conninfo](const std::string& key, const std::string& value) {
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key + "=" + QuoteConninfoValue(value);
  };
  if (!url.host.empty()) add("host", url.host);
  if (!url.port.empty()) add("port", url.port);
  if (!url.user.empty()) add("user", url.user);
  if (url.has_password) add("password", url.password);
  if (!url.database.empty()) add("dbname", url.database);
  std::string options;
  auto found = url.libpq_options.find("options");
  if (found != url.libpq_options.end()) options = found->second;
  if (!url.search_path.empty()) {
    // Inside libpq's `options`, spaces separate switches and a backslash escapes the next char.
    std::string escaped;
    for (char c : url.search_path) {
      if (c == ' ' || c == '\\') escaped += '\\';
      escaped += c;
    }
    if (!options.empty()) options += ' ';
    options += "-csearch_path=" + escaped;
  }
  for (const auto& [key, value] : url.libpq_options) {
    if (key != "options") add(key, value);
  }
  if (!options.empty()) add("options", options);
  if (url.libpq_options.count("application_name") == 0) add("application_name", "schemac");
  return conninfo;
}

}  // namespace schemac::dialects::postgres
