#include "dialects/postgres/connection_url.hpp"

#include <unistd.h>

#include <set>

namespace schemac::dialects::postgres {

std::string ThisProcessName() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string name =
      std::string("schemac@") + (host[0] != '\0' ? host : "unknown") + ":" + std::to_string(getpid());
  if (name.size() > 63) name = "schemac@" + std::string(host).substr(0, 40) + ":" + std::to_string(getpid());
  return name;
}

namespace {

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

Status Invalid(const DatabaseUrl& url, const std::string& why) {
  return Status(StatusCode::kInvalidArgument, "malformed PostgreSQL URL " + url.Masked() + ": " + why);
}

}  // namespace

Result<PostgresUrl> ParsePostgresUrl(const DatabaseUrl& url) {
  if (url.scheme() != "postgres" && url.scheme() != "postgresql") {
    return Invalid(url, "it must start with postgres:// or postgresql://");
  }
  PostgresUrl parsed;
  parsed.user = url.user();
  parsed.password = url.password();
  parsed.has_password = url.has_password();
  parsed.host = url.host();
  if (url.port()) parsed.port = std::to_string(*url.port());
  parsed.database = url.database();
  for (const auto& [key, value] : url.options()) {
    if (key == "search_path") {
      parsed.search_path = value;
    } else if (key == "schemas") {
      parsed.schemas = SplitList(value, ',');
    } else if (key == "user") {
      parsed.user = value;
    } else if (key == "host") {
      parsed.host = value;
    } else if (key == "port") {
      parsed.port = value;
    } else if (key == "dbname") {
      parsed.database = value;
    } else if (key == "migration_lock") {
      if (value != "advisory" && value != "lease") {
        return Invalid(url,
                       "migration_lock must be advisory (the default) or lease (behind a pooler in "
                       "transaction mode), not '" +
                           value + "'");
      }
      parsed.lease_lock = value == "lease";
    } else if (key == "lease_seconds") {
      int seconds = 0;
      try {
        std::size_t used = 0;
        seconds = std::stoi(value, &used);
        if (used != value.size()) seconds = 0;
      } catch (const std::exception&) {
        seconds = 0;
      }
      if (seconds < 2 || seconds > 3600)
        return Invalid(url, "lease_seconds must be a whole number from 2 to 3600");
      parsed.lease_seconds = seconds;
    } else if (LibpqOptionNames().count(key) != 0) {
      parsed.libpq_options[key] = value;
    } else {
      return Invalid(
          url,
          "unknown query option '" + key +
              "' (known: sslmode, search_path, connect_timeout, application_name, schemas, migration_lock, "
              "...)");
    }
  }
  return parsed;
}

Result<PostgresUrl> ParsePostgresUrl(const std::string& text) {
  Result<DatabaseUrl> url = DatabaseUrl::Parse(text, UrlShape::kServer);
  if (!url.ok()) return url.status();
  return ParsePostgresUrl(*url);
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
  // Names this process in pg_stat_activity, and so in the message of a waiting apply.
  if (url.libpq_options.count("application_name") == 0) add("application_name", ThisProcessName());
  return conninfo;
}

}  // namespace schemac::dialects::postgres
