// schemac inspect --url DBURL [--format dsl|json] [--exclude KIND:PATTERN]...
// schemac inspect --schema FILE|DIR [--format dsl|json]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/environment_flags.hpp"
#include "cli/exclude_flags.hpp"
#include "cli/output.hpp"
#include "cli/schema_json_writer.hpp"
#include "compiler/excludes.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {
namespace {

struct InspectFlags {
  std::string url;
  std::string schema;
  std::string format = "dsl";
  std::vector<std::string> excludes;  // KIND:PATTERN, objects another tool owns
  EnvironmentFlags environment;
};

int RunInspect(InspectFlags flags) {
  Result<std::optional<ProjectEnvironment>> environment = flags.environment.Load();
  if (!environment.ok()) return ReportError(environment.status());
  if (*environment && flags.url.empty() && flags.schema.empty()) flags.url = (*environment)->url;
  if (flags.url.empty() == flags.schema.empty())
    return ReportUsageError("give exactly one of --url and --schema");
  if (flags.format != "dsl" && flags.format != "json") {
    return ReportUsageError("--format must be dsl or json, not '" + flags.format + "'");
  }
  Result<sources::Source> source =
      flags.url.empty() ? Result<sources::Source>(sources::Source(sources::SchemaPath{flags.schema}))
                        : sources::ClassifySource(flags.url);
  if (!source.ok()) return ReportError(source.status());
  if (!flags.url.empty() && !sources::IsDatabase(*source)) {
    return ReportUsageError(
        "--url takes a database URL (sqlite://, postgres://, mysql://); for schema files use --schema");
  }
  Result<std::vector<std::string>> exclude_texts =
      ExcludePatterns(*environment ? (*environment)->policy.excludes : std::nullopt, flags.excludes);
  if (!exclude_texts.ok()) return ReportUsageError(exclude_texts.status().message());
  Result<std::vector<compiler::ExcludePattern>> excludes = compiler::ParseExcludePatterns(*exclude_texts);
  if (!excludes.ok()) return ReportUsageError(excludes.status().message());
  std::vector<dsl::Diagnostic> diagnostics;
  Result<sources::SourceSchema> loaded = sources::LoadSource(*source, diagnostics);
  PrintDiagnostics(diagnostics);
  if (!loaded.ok()) return ReportError(loaded.status(), {&*source});
  // What another tool owns is not printed: the output can be the schema schemac manages.
  compiler::RemoveExcluded(loaded->schema, *excludes);
  if (flags.format == "json") {
    WriteSchemaJson(loaded->schema, std::cout);
    std::cout << '\n';
  } else {
    std::cout << dsl::PrintSchema(loaded->schema);
  }
  return kExitOk;
}

}  // namespace

Command AddInspectCommand(CLI::App& root) {
  auto flags = std::make_shared<InspectFlags>();
  CLI::App* app = root.add_subcommand("inspect", "Print the schema a database (or schema files) holds");
  app->add_option("--url", flags->url, "Database URL to inspect; it is only read");
  app->add_option("--schema", flags->schema, "A .schema file or directory, to see the model it binds to");
  app->add_option("--format", flags->format, "dsl (default): the schema language; json: the model");
  app->add_option("--exclude", flags->excludes, kExcludeHelp);
  AddEnvironmentFlags(*app, flags->environment);
  return Command{app, [flags] { return RunInspect(*flags); }};
}

}  // namespace schemac::cli
