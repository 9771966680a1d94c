#include "golden_apply.hpp"

#include "compiler/planner.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::golden {

Result<migrator::ApplyReport> ApplySchema(dialects::Connection& connection, const model::Schema& desired,
                                          bool allow_destructive) {
  migrator::ApplyOptions options;
  options.allow_destructive = allow_destructive;
  // The corpus judges the SQL of the steps, including how a step fails on rows that do not fit
  // (error cases): the last line of defence when the data checks are skipped or rows arrive after
  // them. The data checks that would stop these plans first have suites of their own
  // (tests/migrator/data_checks_test.cpp, tests/cli/data_checks_cli_test.cpp).
  options.skip_data_checks = true;
  options.migration_lock_timeout_ms = 10000;
  options.retry_base_delay = std::chrono::milliseconds(1);
  return migrator::Apply(connection, desired, options);
}

Result<model::Schema> ParseCaseSchema(const std::string& text, const std::string& label) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, label);
  if (loaded.ok()) return std::move(loaded.schema);
  std::string message;
  for (const auto& diagnostic : loaded.diagnostics) message += dsl::RenderDiagnostic(diagnostic, false);
  return Status(StatusCode::kInvalidArgument, message);
}

Result<Plan> PlanAgainstDatabase(dialects::Connection& db, const model::Schema& target) {
  auto inspected = db.Inspect();
  if (!inspected.ok()) return inspected.status().WithContext("inspect");
  model::Schema spelled = target;
  if (Status status = db.SpellAsServer(spelled); !status.ok()) return status.WithContext("spelling");
  return compiler::BuildPlan(*inspected, spelled, db.GetDialect(), PlanPolicy{});
}

}  // namespace schemac::golden
