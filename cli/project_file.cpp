#include "cli/project_file.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "compiler/excludes.hpp"

namespace schemac::cli {
namespace {

namespace fs = std::filesystem;

// "schemac.yaml:4:3: " for a node the parser marked, "schemac.yaml: " otherwise.
std::string Where(const std::string& path, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return path + ": ";
  return path + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": ";
}

Status Invalid(const std::string& path, const YAML::Node& node, const std::string& message) {
  return Status(StatusCode::kInvalidArgument, Where(path, node) + message);
}

// Every key of `map` must be one of `known`: a misspelt key would silently drop a setting.
Status CheckKeys(const std::string& path, const YAML::Node& map, const std::set<std::string>& known,
                 const std::string& what) {
  if (!map.IsMap()) return Invalid(path, map, what + " must be a mapping of keys to values");
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    if (known.count(key) != 0) continue;
    std::string list;
    for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
    return Invalid(path, entry.first, "unknown key '" + key + "' in " + what + " (known: " + list + ")");
  }
  return Status::Ok();
}

Result<std::string> ScalarText(const std::string& path, const YAML::Node& node, const std::string& key) {
  if (!node.IsScalar()) return Invalid(path, node, key + " must be a single value");
  return node.as<std::string>();
}

Status ReadPolicy(const std::string& path, const YAML::Node& node, ProjectPolicy& policy) {
  if (Status keys = CheckKeys(
          path, node,
          {"lock_timeout_ms", "statement_timeout_ms", "lock_retries", "allowed_hazards", "excludes"},
          "policy");
      !keys.ok())
    return keys;
  const std::pair<const char*, std::optional<int>*> fields[] = {
      {"lock_timeout_ms", &policy.lock_timeout_ms},
      {"statement_timeout_ms", &policy.statement_timeout_ms},
      {"lock_retries", &policy.lock_retries}};
  for (const auto& [key, field] : fields) {
    const YAML::Node value = node[key];
    if (!value) continue;
    int number = -1;
    if (!value.IsScalar() || !YAML::convert<int>::decode(value, number) || number < 0) {
      return Invalid(path, value, std::string(key) + " must be a whole number, 0 or more");
    }
    *field = number;
  }
  if (const YAML::Node hazards = node["allowed_hazards"]; hazards) {
    if (!hazards.IsSequence())
      return Invalid(path, hazards, "allowed_hazards must be a list of hazard codes");
    std::vector<std::string> codes;
    for (const auto& code : hazards) {
      if (!code.IsScalar()) return Invalid(path, code, "allowed_hazards must be a list of hazard codes");
      codes.push_back(code.as<std::string>());
    }
    policy.allowed_hazards = std::move(codes);
    policy.allowed_hazards_where = Where(path, hazards);
  }
  if (const YAML::Node excludes = node["excludes"]; excludes) {
    if (!excludes.IsSequence())
      return Invalid(path, excludes,
                     "excludes must be a list of KIND:PATTERN (for example \"table:audit_*\")");
    std::vector<std::string> patterns;
    for (const auto& exclude : excludes) {
      if (!exclude.IsScalar())
        return Invalid(path, exclude,
                       "excludes must be a list of KIND:PATTERN (for example \"table:audit_*\")");
      if (Result<compiler::ExcludePattern> parsed = compiler::ParseExcludePattern(exclude.as<std::string>());
          !parsed.ok())
        return Invalid(path, exclude, parsed.status().message());
      patterns.push_back(exclude.as<std::string>());
    }
    policy.excludes = std::move(patterns);
  }
  return Status::Ok();
}

// `url` with `password` percent-encoded into its userinfo: scheme://user@host -> user:pw@host.
Result<std::string> WithPassword(const std::string& url, const std::string& password,
                                 const std::string& where) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return Status(StatusCode::kInvalidArgument, where + "url is not a database URL (scheme://...)");
  }
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?", authority);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < authority) {
    return Status(
        StatusCode::kInvalidArgument,
        where + "password_env needs a user in the URL to go with the password (scheme://USER@host/...)");
  }
  std::string encoded;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : password) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return url.substr(0, at) + ":" + encoded + url.substr(at);
}

// Whether `url` carries a password in its userinfo or as ?password=.
bool HasPassword(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?", authority);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at != std::string::npos && at >= authority &&
      url.substr(authority, at - authority).find(':') != std::string::npos)
    return true;
  const auto query = url.find('?');
  return query != std::string::npos && (url.find("?password=", query) != std::string::npos ||
                                        url.find("&password=", query) != std::string::npos);
}

std::string Resolve(const fs::path& base, const std::string& schema) {
  if (schema.empty()) return schema;
  const fs::path path(schema);
  return path.is_absolute() ? schema : (base / path).lexically_normal().string();
}

}  // namespace

std::string ProjectFilePath(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* from_env = std::getenv("SCHEMAC_CONFIG"); from_env != nullptr && *from_env != '\0')
    return from_env;
  return kProjectFileName;
}

Result<ProjectEnvironment> LoadEnvironment(const std::string& path, const std::string& name,
                                           GetEnv getenv_fn) {
  if (getenv_fn == nullptr)
    getenv_fn = [](const char* variable) -> const char* { return std::getenv(variable); };
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return Status(StatusCode::kNotFound, "--env " + name + " needs a project file, and " + path +
                                             " does not exist (write a schemac.yaml, or pass --config FILE)");
  }
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    return Status(StatusCode::kInvalidArgument, path + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                    std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const YAML::Exception& e) {
    return Status(StatusCode::kIoError, "cannot read " + path + ": " + e.what());
  }
  try {
    if (Status keys =
            CheckKeys(path, root, {"schema", "dialect", "policy", "environments"}, "the project file");
        !keys.ok())
      return keys;
    const fs::path base = fs::path(path).parent_path();
    ProjectEnvironment environment;
    environment.name = name;
    if (root["schema"]) {
      Result<std::string> schema = ScalarText(path, root["schema"], "schema");
      if (!schema.ok()) return schema.status();
      environment.schema = Resolve(base, *schema);
    }
    if (root["dialect"]) {
      Result<std::string> dialect = ScalarText(path, root["dialect"], "dialect");
      if (!dialect.ok()) return dialect.status();
      environment.dialect = *dialect;
    }
    if (root["policy"]) {
      if (Status policy = ReadPolicy(path, root["policy"], environment.policy); !policy.ok()) return policy;
    }
    const YAML::Node environments = root["environments"];
    if (!environments || !environments.IsMap() || !environments[name]) {
      std::string known;
      if (environments && environments.IsMap()) {
        for (const auto& entry : environments)
          known += (known.empty() ? "" : ", ") + entry.first.as<std::string>();
      }
      return Status(StatusCode::kNotFound,
                    path + ": no environment '" + name + "'" +
                        (known.empty() ? " (the file defines none)" : " (defined: " + known + ")"));
    }
    const YAML::Node env = environments[name];
    if (Status keys = CheckKeys(path, env, {"url", "url_env", "password_env", "schema", "dialect", "policy"},
                                "environment '" + name + "'");
        !keys.ok())
      return keys;
    if (env["url"] && env["url_env"]) return Invalid(path, env["url_env"], "give url or url_env, not both");
    if (env["url"]) {
      Result<std::string> url = ScalarText(path, env["url"], "url");
      if (!url.ok()) return url.status();
      if (HasPassword(*url)) {
        return Invalid(
            path, env["url"],
            "the URL of environment '" + name +
                "' holds a password; keep secrets out of the file: name a variable with password_env "
                "(or the whole URL with url_env)");
      }
      environment.url = *url;
    }
    if (env["url_env"]) {
      Result<std::string> variable = ScalarText(path, env["url_env"], "url_env");
      if (!variable.ok()) return variable.status();
      const char* value = getenv_fn(variable->c_str());
      if (value == nullptr || *value == '\0') {
        return Invalid(path, env["url_env"],
                       "environment '" + name + "' takes its URL from $" + *variable + ", which is not set");
      }
      environment.url = value;
    }
    if (env["password_env"]) {
      Result<std::string> variable = ScalarText(path, env["password_env"], "password_env");
      if (!variable.ok()) return variable.status();
      const char* value = getenv_fn(variable->c_str());
      if (value == nullptr) {
        return Invalid(
            path, env["password_env"],
            "environment '" + name + "' takes its password from $" + *variable + ", which is not set");
      }
      if (environment.url.empty()) return Invalid(path, env["password_env"], "password_env needs a url");
      Result<std::string> url = WithPassword(environment.url, value, Where(path, env["password_env"]));
      if (!url.ok()) return url.status();
      environment.url = *url;
    }
    if (env["schema"]) {
      Result<std::string> schema = ScalarText(path, env["schema"], "schema");
      if (!schema.ok()) return schema.status();
      environment.schema = Resolve(base, *schema);
    }
    if (env["dialect"]) {
      Result<std::string> dialect = ScalarText(path, env["dialect"], "dialect");
      if (!dialect.ok()) return dialect.status();
      environment.dialect = *dialect;
    }
    if (env["policy"]) {
      if (Status policy = ReadPolicy(path, env["policy"], environment.policy); !policy.ok()) return policy;
    }
    return environment;
  } catch (const YAML::Exception& e) {
    return Status(StatusCode::kInvalidArgument, path + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                    std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace schemac::cli
