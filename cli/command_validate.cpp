// schemac validate FILE|DIR [--dialect D]
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/environment_flags.hpp"
#include "cli/output.hpp"
#include "dialects/registry.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "sources/sources.hpp"

namespace schemac::cli {
namespace {

struct ValidateFlags {
  std::string path;
  std::string dialect;
  EnvironmentFlags environment;
  const CLI::Option* dialect_option = nullptr;
};

int RunValidate(ValidateFlags flags) {
  Result<std::optional<ProjectEnvironment>> environment = flags.environment.Load();
  if (!environment.ok()) return ReportError(environment.status());
  if (*environment) {
    if (flags.path.empty()) flags.path = (*environment)->schema;
    TakeUnlessGiven(flags.dialect_option, flags.dialect, (*environment)->dialect);
  }
  if (flags.path.empty())
    return ReportUsageError("validate needs a FILE or DIR (or --env NAME with a schema)");
  const dialects::Dialect* dialect = nullptr;
  if (!flags.dialect.empty()) {
    dialect = dialects::FindDialect(flags.dialect);
    if (dialect == nullptr) return ReportUsageError("unknown --dialect '" + flags.dialect + "'");
  }
  dsl::LoadResult loaded = dsl::LoadSchemaPath(flags.path, sources::Vocabulary());
  PrintDiagnostics(loaded.diagnostics);
  if (!loaded.ok()) return kExitError;

  if (dialect != nullptr) {
    // What the dialect can build is judged on the schema as it will be planned: normalized first,
    // as `plan` does (e.g. SQLite drops `without_rowid = false`, which then needs no primary key).
    // Located like every other diagnostic: at the declaration of the object each problem names.
    model::Schema normalized = loaded.schema;
    dialect->Normalize(normalized);
    std::vector<dsl::Diagnostic> problems;
    for (const auto& problem : dialect->Unsupported(normalized)) {
      problems.push_back(dsl::DialectProblemDiagnostic(loaded, dialect->Name(), problem));
      if (problems.back().file.empty()) problems.back().file = flags.path;  // names no declared object
    }
    PrintDiagnostics(problems);
    if (!problems.empty()) return kExitError;
  }
  std::cout << flags.path << ": ok (" << loaded.schema.TableCount() << " tables"
            << (dialect ? ", buildable in " + dialect->Name() : std::string()) << ")\n";
  return kExitOk;
}

}  // namespace

Command AddValidateCommand(CLI::App& root) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* app = root.add_subcommand("validate", "Check schema files for errors");
  app->add_option("path", flags->path, "A .schema file or a directory of them");
  flags->dialect_option =
      app->add_option("--dialect", flags->dialect, "Also check that this dialect can build the schema");
  AddEnvironmentFlags(*app, flags->environment);
  return Command{app, [flags] { return RunValidate(*flags); }};
}

}  // namespace schemac::cli
