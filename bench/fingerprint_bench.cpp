// CatalogFingerprint of a 12,000-object schema (1,000 tables with 8 columns, 2 indexes and a
// foreign key each), normalized as plan and apply normalize it first: the cost `plan --out`,
// `apply --plan` (which fingerprints the live catalog before running anything) and `apply`'s
// history pay. Target: under 1 s for 10,000 objects.
#include <benchmark/benchmark.h>

#include <string>

#include "dialects/registry.hpp"
#include "generated_schema.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "schemac/fingerprint.hpp"

namespace {

void BM_Fingerprint1000Tables12000Objects(benchmark::State& state) {
  schemac::dsl::LoadResult loaded =
      schemac::dsl::ParseSchemaText(schemac::bench::GenerateSchemaText({1000, 8, 0}), "fingerprint.schema");
  if (!loaded.ok()) {
    state.SkipWithError("the generated schema does not parse");
    return;
  }
  const schemac::dialects::Dialect* postgres = schemac::dialects::FindDialect("postgres");
  if (postgres == nullptr) {
    state.SkipWithError("the postgres dialect is not registered");
    return;
  }
  postgres->Normalize(loaded.schema);
  std::size_t objects = 0;
  for (const auto& ns : loaded.schema.namespaces) {
    for (const auto& table : ns.tables) {
      objects += 1 + table.columns.size() + table.indexes.size() + table.foreign_keys.size() +
                 table.uniques.size() + table.checks.size() + (table.primary_key ? 1 : 0);
    }
  }
  std::string fingerprint;
  for (auto _ : state) {
    fingerprint = schemac::CatalogFingerprint(loaded.schema, postgres->ServerIdentity());
    benchmark::DoNotOptimize(fingerprint.data());
  }
  state.counters["objects"] = static_cast<double>(objects);
}
BENCHMARK(BM_Fingerprint1000Tables12000Objects)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
