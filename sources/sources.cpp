#include "sources/sources.hpp"

#include <filesystem>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"

namespace schemac::sources {
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

Result<SourceSchema> LoadDatabaseSource(const dialects::DatabaseUrl& url,
                                        const std::vector<std::string>& namespaces) {
  auto connection = OpenDatabase(url, /*must_exist=*/true);
  if (!connection.ok()) return connection.status();
  (*connection)->ScopeNamespaces(namespaces);
  SourceSchema source;
  source.display_name = (*connection)->DisplayUrl();
  Result<model::Schema> schema = (*connection)->Inspect();
  if (!schema.ok()) return schema.status().WithContext("inspecting " + source.display_name);
  source.schema = std::move(*schema);
  Result<TableSizes> sizes = (*connection)->EstimateTableSizes();
  if (!sizes.ok()) return sizes.status().WithContext("reading table sizes of " + source.display_name);
  source.sizes = std::move(*sizes);
  // The connection's own dialect, not the default of its name: a MariaDB 10.11 server plans with
  // MariaDB 10.11's capabilities, as `apply` does. The connection stays open because it owns it.
  source.dialect = &(*connection)->GetDialect();
  source.connection = std::move(*connection);
  return source;
}

}  // namespace

Result<Source> ClassifySource(const std::string& text) {
  const std::string scheme = dialects::DatabaseUrl::SchemeOf(text);
  const bool written_as_url = !scheme.empty() && text.compare(scheme.size(), 3, "://") == 0;
  if (!dialects::IsDatabaseUrl(text) && !written_as_url) return Source(SchemaPath{text});
  Result<dialects::DatabaseUrl> url = dialects::ParseDatabaseUrl(text);
  if (!url.ok()) return url.status();
  return Source(std::move(*url));
}

bool IsDatabase(const Source& source) { return std::holds_alternative<dialects::DatabaseUrl>(source); }

std::string DisplayName(const Source& source) {
  if (const auto* url = std::get_if<dialects::DatabaseUrl>(&source)) return url->Masked();
  return std::get<SchemaPath>(source).path;
}

std::string ScrubPasswords(std::string message, const std::vector<const Source*>& sources) {
  for (const Source* source : sources) {
    if (source == nullptr) continue;
    if (const auto* url = std::get_if<dialects::DatabaseUrl>(source)) message = url->Scrub(message);
  }
  return message;
}

const dsl::DialectVocabulary& Vocabulary() { return dialects::Vocabulary(); }

Result<model::Schema> LoadSchemaFiles(const std::string& path, std::vector<dsl::Diagnostic>& diagnostics) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Status(StatusCode::kNotFound, path + ": no such schema file or directory");
  }
  dsl::LoadResult loaded = dsl::LoadSchemaPath(path, Vocabulary());
  diagnostics.insert(diagnostics.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  if (!loaded.ok() || HasErrors(loaded.diagnostics)) {
    return Status(StatusCode::kInvalidArgument,
                  path + ": " + CountErrors(loaded.diagnostics) + " in the schema");
  }
  return std::move(loaded.schema);
}

Result<std::unique_ptr<dialects::Connection>> OpenDatabase(const dialects::DatabaseUrl& url,
                                                           bool must_exist) {
  auto connection = dialects::Connect(url, dialects::ConnectOptions{/*create_if_missing=*/!must_exist});
  if (!connection.ok()) return Status(connection.status().code(), url.Scrub(connection.status().message()));
  return connection;
}

Result<SourceSchema> LoadSource(const Source& source, std::vector<dsl::Diagnostic>& diagnostics,
                                const std::vector<std::string>& namespaces) {
  if (const auto* url = std::get_if<dialects::DatabaseUrl>(&source))
    return LoadDatabaseSource(*url, namespaces);
  const std::string& path = std::get<SchemaPath>(source).path;
  Result<model::Schema> schema = LoadSchemaFiles(path, diagnostics);
  if (!schema.ok()) return schema.status();
  SourceSchema loaded;
  loaded.schema = std::move(*schema);
  loaded.display_name = path;
  return loaded;
}

std::vector<std::string> NamespaceNames(const model::Schema& schema) {
  std::vector<std::string> names;
  for (const auto& ns : schema.namespaces) {
    if (!ns.name.empty()) names.push_back(ns.name);
  }
  return names;
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

Result<Plan> PlanSources(const Source& from, const Source& to, const std::string& dialect,
                         const PlanPolicy& policy, std::vector<dsl::Diagnostic>& diagnostics,
                         const CurrentDatabaseHook& on_current_database) {
  // Schema files first: a database side inspects the namespaces the file side uses.
  const bool from_is_file = !IsDatabase(from);
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
  // A schema-file side compared with a database is spelled as that server spells SQL it keeps
  // (view queries, trigger conditions), as apply does: otherwise `plan` would show a diff that
  // `apply` does not make.
  for (auto [files, database] : {std::pair{&*desired, &*current}, std::pair{&*current, &*desired}}) {
    if (files->connection != nullptr || database->connection == nullptr) continue;
    if (Status spelled = database->connection->SpellAsServer(files->schema); !spelled.ok())
      return spelled.WithContext("asking " + database->display_name + " how it spells the schema's SQL");
  }
  Result<Plan> plan = compiler::BuildPlan(current->schema, desired->schema, **chosen, policy,
                                          current->sizes ? &*current->sizes : nullptr);
  if (!plan.ok() || !on_current_database || current->connection == nullptr) return plan;
  if (Status hooked = on_current_database(*current->connection, *plan); !hooked.ok()) return hooked;
  return plan;
}

}  // namespace schemac::sources
