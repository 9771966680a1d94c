#include "migrator/sources.hpp"

#include <cctype>
#include <filesystem>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"

namespace schemac::migrator {

bool HasUrlScheme(const std::string& source) {
  const auto colon = source.find("://");
  if (colon == std::string::npos || colon == 0) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = source[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return false;
  }
  return true;
}

namespace {

std::string DialectList() {
  std::string list;
  for (const auto& name : dialects::DialectNames()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

bool HasErrors(const std::vector<dsl::Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == dsl::Severity::kError) return true;
  }
  return false;
}

std::string CountErrors(const std::vector<dsl::Diagnostic>& diagnostics) {
  std::size_t errors = 0;
  for (const auto& diagnostic : diagnostics) errors += diagnostic.severity == dsl::Severity::kError;
  return std::to_string(errors) + (errors == 1 ? " error" : " errors");
}

Result<SourceSchema> LoadDatabaseSource(const std::string& url, const std::vector<std::string>& namespaces) {
  auto connection = OpenDatabase(url, /*must_exist=*/true);
  if (!connection.ok()) return connection.status();
  (*connection)->ScopeNamespaces(namespaces);
  SourceSchema source;
  source.display_name = (*connection)->DisplayUrl();
  source.dialect = dialects::FindDialect((*connection)->GetDialect().Name());
  Result<model::Schema> schema = (*connection)->Inspect();
  if (!schema.ok()) return schema.status().WithContext("inspecting " + source.display_name);
  source.schema = std::move(*schema);
  return source;
}

Result<SourceSchema> LoadSchemaFiles(const std::string& path, std::vector<dsl::Diagnostic>& diagnostics) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Status(StatusCode::kNotFound, path + ": no such schema file or directory");
  }
  dsl::LoadResult loaded = dsl::LoadSchemaPath(path);
  diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  if (!loaded.ok() || HasErrors(loaded.diagnostics)) {
    return Status(StatusCode::kInvalidArgument,
                  path + ": " + CountErrors(loaded.diagnostics) + " in the schema");
  }
  SourceSchema source;
  source.schema = std::move(loaded.schema);
  source.display_name = path;
  return source;
}

}  // namespace

Result<std::unique_ptr<dialects::Connection>> OpenDatabase(const std::string& url, bool must_exist) {
  if (!dialects::IsDatabaseUrl(url)) {
    const auto scheme_end = url.find(':');
    const std::string scheme = scheme_end == std::string::npos ? url : url.substr(0, scheme_end);
    return Status(StatusCode::kInvalidArgument, "'" + RedactPasswords(url, {url}) +
                                                    "' is not a database URL this schemac knows (scheme '" +
                                                    scheme + "'; supported: " + DialectList() + ")");
  }
  auto connection = dialects::Connect(url, dialects::ConnectOptions{/*create_if_missing=*/!must_exist});
  if (!connection.ok())
    return Status(connection.status().code(), RedactPasswords(connection.status().message(), {url}));
  return connection;
}

Result<SourceSchema> LoadSource(const std::string& source, std::vector<dsl::Diagnostic>& diagnostics,
                                const std::vector<std::string>& namespaces) {
  if (dialects::IsDatabaseUrl(source)) return LoadDatabaseSource(source, namespaces);
  if (HasUrlScheme(source)) return OpenDatabase(source, true).status();  // says the scheme is unknown
  return LoadSchemaFiles(source, diagnostics);
}

std::vector<std::string> NamespaceNames(const model::Schema& schema) {
  std::vector<std::string> names;
  for (const auto& ns : schema.namespaces) {
    if (!ns.name.empty()) names.push_back(ns.name);
  }
  return names;
}

bool NeedsExplicitDialect(const std::string& from, const std::string& to) {
  // A URL with an unknown scheme still counts as a database: its error is about the scheme.
  auto is_database = [](const std::string& source) {
    return dialects::IsDatabaseUrl(source) || HasUrlScheme(source);
  };
  return !is_database(from) && !is_database(to);
}

Result<const dialects::Dialect*> ResolvePlanDialect(const SourceSchema& from, const SourceSchema& to,
                                                    const std::string& requested) {
  const dialects::Dialect* chosen = nullptr;
  if (!requested.empty()) {
    chosen = dialects::FindDialect(requested);
    if (chosen == nullptr) {
      return Status(StatusCode::kInvalidArgument,
                    "unknown dialect '" + requested + "' (known: " + DialectList() + ")");
    }
  }
  for (const SourceSchema* side : {&from, &to}) {
    if (side->dialect == nullptr) continue;
    if (chosen != nullptr && chosen->Name() != side->dialect->Name()) {
      return Status(StatusCode::kInvalidArgument, side->display_name + " is a " + side->dialect->Name() +
                                                      " database, but the plan is for " + chosen->Name());
    }
    chosen = side->dialect;
  }
  if (chosen == nullptr) {
    return Status(StatusCode::kInvalidArgument,
                  "neither side is a database, so the plan needs --dialect (one of " + DialectList() + ")");
  }
  return chosen;
}

Result<Plan> PlanSources(const std::string& from, const std::string& to, const std::string& dialect,
                         const PlanPolicy& policy, std::vector<dsl::Diagnostic>& diagnostics) {
  // Schema files first: a database side inspects the namespaces the file side uses.
  const bool from_is_file = !dialects::IsDatabaseUrl(from);
  Result<SourceSchema> first = LoadSource(from_is_file ? from : to, diagnostics);
  if (!first.ok()) return first.status();
  Result<SourceSchema> second =
      LoadSource(from_is_file ? to : from, diagnostics, NamespaceNames(first->schema));
  Result<SourceSchema>& current = from_is_file ? first : second;
  Result<SourceSchema>& desired = from_is_file ? second : first;
  if (!current.ok()) return current.status();
  if (!desired.ok()) return desired.status();
  Result<const dialects::Dialect*> chosen = ResolvePlanDialect(*current, *desired, dialect);
  if (!chosen.ok()) return chosen.status();
  return compiler::BuildPlan(current->schema, desired->schema, **chosen, policy);
}

std::string RedactPasswords(std::string message, const std::vector<std::string>& urls) {
  for (const auto& url : urls) {
    // scheme://user:password@host...: the password sits between the first ':' after "//" and the
    // last '@' of the authority.
    const auto authority = url.find("://");
    if (authority == std::string::npos) continue;
    const auto authority_end = url.find_first_of("/?#", authority + 3);
    const std::string userinfo_host =
        url.substr(authority + 3,
                   authority_end == std::string::npos ? std::string::npos : authority_end - authority - 3);
    const auto at = userinfo_host.rfind('@');
    if (at == std::string::npos) continue;
    const auto colon = userinfo_host.find(':');
    if (colon == std::string::npos || colon > at) continue;
    const std::string password = userinfo_host.substr(colon + 1, at - colon - 1);
    if (password.empty()) continue;
    for (auto pos = message.find(password); pos != std::string::npos; pos = message.find(password, pos + 3)) {
      message.replace(pos, password.size(), "***");
    }
  }
  return message;
}

}  // namespace schemac::migrator
