// Parse + bind of a generated schema of 1,000 tables x 20 columns with indexes and foreign keys.
// Reports bytes/second of schema text (target: >= 10 MB/s), plus print and the whole round trip,
// and the stages apart: the fast parser, the ANTLR parser (what every file cost before the fast
// path, and still costs a file the fast parser declines), and the binder.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "generated_schema.hpp"
#include "schema_dsl/binder.hpp"
#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/fast_parser.hpp"
#include "schema_dsl/parse_file.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace {

const std::string& ThousandTableSchema() {
  static const std::string text =
      schemac::bench::GenerateSchemaText({/*tables=*/1000, /*columns_per_table=*/20});
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

void SetBytes(benchmark::State& state, const std::string& text) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

// Parsing alone, to the syntax tree, on the fast path (ParseFile's first choice).
void BM_FastParse1000Tables(benchmark::State& state) {
  const std::vector<schemac::dsl::SourceFile> files = {{"generated.schema", ThousandTableSchema()}};
  for (auto _ : state) {
    schemac::dsl::SchemaSyntax syntax;
    if (!schemac::dsl::ParseFileFast(files, 0, syntax)) {
      state.SkipWithError("the fast parser declined the generated schema");
      break;
    }
    benchmark::DoNotOptimize(syntax.tables.data());
  }
  SetBytes(state, ThousandTableSchema());
}
BENCHMARK(BM_FastParse1000Tables)->Unit(benchmark::kMillisecond);

// Parsing alone through ANTLR (the fallback, and the reference the fast parser is tested against).
void BM_AntlrParse1000Tables(benchmark::State& state) {
  const std::vector<schemac::dsl::SourceFile> files = {{"generated.schema", ThousandTableSchema()}};
  for (auto _ : state) {
    schemac::dsl::SchemaSyntax syntax;
    schemac::dsl::DiagnosticSink sink(&files);
    schemac::dsl::ParseFileWithAntlr(files, 0, syntax, sink);
    benchmark::DoNotOptimize(syntax.tables.data());
  }
  SetBytes(state, ThousandTableSchema());
}
BENCHMARK(BM_AntlrParse1000Tables)->Unit(benchmark::kMillisecond);

// Binding alone: syntax tree to model, with every check (the tree is copied outside the timing,
// since Bind writes the bound names into it).
void BM_Bind1000Tables(benchmark::State& state) {
  const std::vector<schemac::dsl::SourceFile> files = {{"generated.schema", ThousandTableSchema()}};
  schemac::dsl::SchemaSyntax parsed;
  schemac::dsl::ParseFileFast(files, 0, parsed);
  for (auto _ : state) {
    state.PauseTiming();
    schemac::dsl::SchemaSyntax syntax = parsed;
    state.ResumeTiming();
    schemac::dsl::DiagnosticSink sink(&files);
    schemac::model::Schema schema = schemac::dsl::Bind(syntax, files, sink, schemac::dsl::BindOptions{});
    benchmark::DoNotOptimize(schema.namespaces.data());
    state.PauseTiming();
    schema = {};
    syntax = {};
    state.ResumeTiming();
  }
  SetBytes(state, ThousandTableSchema());
}
BENCHMARK(BM_Bind1000Tables)->Unit(benchmark::kMillisecond);

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
  static const std::string text =
      schemac::bench::GenerateSchemaText({/*tables=*/1, /*columns_per_table=*/20});
  for (auto _ : state) {
    schemac::dsl::LoadResult result = schemac::dsl::ParseSchemaText(text, "one.schema");
    benchmark::DoNotOptimize(result.schema.namespaces.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseAndBindOneTable)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
