// BuildPlan between two 1,000-table schema texts, the second with every 10th table changed (a
// column added, one dropped, one retyped, one made not null, an index added), for SQLite.
#include <benchmark/benchmark.h>

#include <string>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"
#include "generated_schema.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace {

struct PlanInputs {
  schemac::model::Schema current;
  schemac::model::Schema desired;
  std::string error;  // why the inputs could not be built; empty when they were
};

const PlanInputs& ThousandTablesTenPercentChanged() {
  static const PlanInputs inputs = [] {
    PlanInputs built;
    schemac::dsl::LoadResult current =
        schemac::dsl::ParseSchemaText(schemac::bench::GenerateSchemaText({1000, 20, 0}), "current.schema");
    schemac::dsl::LoadResult desired =
        schemac::dsl::ParseSchemaText(schemac::bench::GenerateSchemaText({1000, 20, 10}), "desired.schema");
    for (const auto* loaded : {&current, &desired}) {
      if (!loaded->ok() && built.error.empty()) {
        built.error = "generated schema does not parse: " +
                      (loaded->diagnostics.empty()
                           ? std::string("no diagnostics")
                           : schemac::dsl::RenderDiagnostic(loaded->diagnostics.front(), false));
      }
    }
    built.current = std::move(current.schema);
    built.desired = std::move(desired.schema);
    return built;
  }();
  return inputs;
}

const schemac::dialects::Dialect* SqliteOrSkip(benchmark::State& state) {
  const schemac::dialects::Dialect* sqlite = schemac::dialects::FindDialect("sqlite");
  if (sqlite == nullptr) state.SkipWithError("the sqlite dialect is not registered");
  return sqlite;
}

void BM_PlanSqlite1000Tables10PercentChanged(benchmark::State& state) {
  const PlanInputs& inputs = ThousandTablesTenPercentChanged();
  const schemac::dialects::Dialect* sqlite = SqliteOrSkip(state);
  if (!inputs.error.empty()) state.SkipWithError(inputs.error.c_str());
  if (sqlite == nullptr || !inputs.error.empty()) return;

  const schemac::PlanPolicy policy;
  size_t changes = 0;
  size_t steps = 0;
  for (auto _ : state) {
    schemac::Result<schemac::Plan> plan =
        schemac::compiler::BuildPlan(inputs.current, inputs.desired, *sqlite, policy);
    if (!plan.ok()) {
      state.SkipWithError(("BuildPlan failed: " + plan.status().message()).c_str());
      break;
    }
    changes = plan->changes.size();
    steps = plan->steps.size();
    benchmark::DoNotOptimize(plan->steps.data());
  }
  state.counters["changes"] = static_cast<double>(changes);
  state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_PlanSqlite1000Tables10PercentChanged)->Unit(benchmark::kMillisecond);

// Identical schemas: the cost of proving "no changes", what every CI `plan` on an unchanged
// schema pays.
void BM_PlanSqlite1000TablesUnchanged(benchmark::State& state) {
  const PlanInputs& inputs = ThousandTablesTenPercentChanged();
  const schemac::dialects::Dialect* sqlite = SqliteOrSkip(state);
  if (!inputs.error.empty()) state.SkipWithError(inputs.error.c_str());
  if (sqlite == nullptr || !inputs.error.empty()) return;

  const schemac::PlanPolicy policy;
  for (auto _ : state) {
    schemac::Result<schemac::Plan> plan =
        schemac::compiler::BuildPlan(inputs.current, inputs.current, *sqlite, policy);
    if (!plan.ok() || !plan->Empty()) {
      state.SkipWithError(plan.ok() ? "a schema planned against itself is not empty"
                                    : ("BuildPlan failed: " + plan.status().message()).c_str());
      break;
    }
  }
}
BENCHMARK(BM_PlanSqlite1000TablesUnchanged)->Unit(benchmark::kMillisecond);

// The whole `schemac plan --from a.schema --to b.schema` pipeline: parse both texts, then plan.
void BM_ParseBothAndPlanSqlite1000Tables(benchmark::State& state) {
  const schemac::dialects::Dialect* sqlite = SqliteOrSkip(state);
  if (sqlite == nullptr) return;
  const std::string current_text = schemac::bench::GenerateSchemaText({1000, 20, 0});
  const std::string desired_text = schemac::bench::GenerateSchemaText({1000, 20, 10});
  const schemac::PlanPolicy policy;
  for (auto _ : state) {
    schemac::dsl::LoadResult current = schemac::dsl::ParseSchemaText(current_text, "current.schema");
    schemac::dsl::LoadResult desired = schemac::dsl::ParseSchemaText(desired_text, "desired.schema");
    schemac::Result<schemac::Plan> plan =
        schemac::compiler::BuildPlan(current.schema, desired.schema, *sqlite, policy);
    if (!current.ok() || !desired.ok() || !plan.ok()) {
      state.SkipWithError("parse or plan failed (see BM_PlanSqlite1000Tables10PercentChanged)");
      break;
    }
    benchmark::DoNotOptimize(plan->steps.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(current_text.size() + desired_text.size()));
}
BENCHMARK(BM_ParseBothAndPlanSqlite1000Tables)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
