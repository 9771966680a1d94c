// Parse + bind of a generated schema of 1,000 tables x 20 columns with indexes and foreign keys.
// Reports bytes/second of schema text (target: >= 10 MB/s), plus print and the whole round trip.
#include <benchmark/benchmark.h>

#include <string>

#include "generated_schema.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace {

const std::string& ThousandTableSchema() {
  static const std::string text = schemac::bench::GenerateSchemaText({/*tables=*/1000, /*columns_per_table=*/20});
  return text;
}

// A benchmark of input that does not parse measures the error path, not the parser: stop loudly.
void RequireParses(benchmark::State& state, const schemac::dsl::LoadResult& result) {
  if (result.ok()) return;
  std::string first_error = result.diagnostics.empty()
                                ? "no diagnostics"
                                : schemac::dsl::RenderDiagnostic(result.diagnostics.front(), false);
  state.SkipWithError(("generated schema does not parse: " + first_error).c_str());
}

void BM_ParseAndBind1000Tables(benchmark::State& state) {
  const std::string& text = ThousandTableSchema();
  for (auto _ : state) {
    schemac::dsl::LoadResult result = schemac::dsl::ParseSchemaText(text, "generated.schema");
    benchmark::DoNotOptimize(result.schema.namespaces.data());
    if (!result.ok()) {
      RequireParses(state, result);
      break;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["input_bytes"] = static_cast<double>(text.size());
  state.counters["tables"] = 1000;
}
BENCHMARK(BM_ParseAndBind1000Tables)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_Print1000Tables(benchmark::State& state) {
  schemac::dsl::LoadResult parsed = schemac::dsl::ParseSchemaText(ThousandTableSchema(), "generated.schema");
  RequireParses(state, parsed);
  int64_t bytes = 0;
  for (auto _ : state) {
    std::string printed = schemac::dsl::PrintSchema(parsed.schema);
    bytes += static_cast<int64_t>(printed.size());
    benchmark::DoNotOptimize(printed.data());
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Print1000Tables)->Unit(benchmark::kMillisecond);

// One table, so start-up costs per call (ANTLR's first-use DFA warm-up is excluded by the warm
// iterations) show against the 1,000-table figure.
void BM_ParseAndBindOneTable(benchmark::State& state) {
  static const std::string text = schemac::bench::GenerateSchemaText({/*tables=*/1, /*columns_per_table=*/20});
  for (auto _ : state) {
    schemac::dsl::LoadResult result = schemac::dsl::ParseSchemaText(text, "one.schema");
    benchmark::DoNotOptimize(result.schema.namespaces.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseAndBindOneTable)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
