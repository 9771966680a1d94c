// What the ANTLR 4.9 C++ runtime alone costs on the same 1,000-table text that parse_bench
// measures: lexing only, lexing + parsing without a parse tree, and with one. The gap between
// these floors and parse_bench's figure is schemac's own work (syntax tree, binder); the floors
// themselves bound what any ANTLR-based front end can reach. The parser runs as schema_dsl runs it
// (SLL prediction, bail on the first error).
#include <antlr4-runtime.h>
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "generated_schema.hpp"

namespace {

const std::string& ThousandTableSchema() {
  static const std::string text = schemac::bench::GenerateSchemaText({1000, 20, 0});
  return text;
}

void BM_AntlrLexOnly1000Tables(benchmark::State& state) {
  const std::string& text = ThousandTableSchema();
  size_t tokens = 0;
  for (auto _ : state) {
    antlr4::ANTLRInputStream input(text);
    schemac_grammar::SchemaLexer lexer(&input);
    antlr4::CommonTokenStream stream(&lexer);
    stream.fill();
    tokens = stream.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_AntlrLexOnly1000Tables)->Unit(benchmark::kMillisecond);

void ParseOnce(const std::string& text, bool build_tree, benchmark::State& state) {
  antlr4::ANTLRInputStream input(text);
  schemac_grammar::SchemaLexer lexer(&input);
  antlr4::CommonTokenStream stream(&lexer);
  schemac_grammar::SchemaParser parser(&stream);
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.setBuildParseTree(build_tree);
  try {
    benchmark::DoNotOptimize(parser.schemaFile());
  } catch (const antlr4::ParseCancellationException&) {
    state.SkipWithError("the generated schema does not parse in SLL mode");
  }
}

void BM_AntlrLexAndParseNoTree1000Tables(benchmark::State& state) {
  const std::string& text = ThousandTableSchema();
  for (auto _ : state) ParseOnce(text, /*build_tree=*/false, state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_AntlrLexAndParseNoTree1000Tables)->Unit(benchmark::kMillisecond);

void BM_AntlrLexAndParseWithTree1000Tables(benchmark::State& state) {
  const std::string& text = ThousandTableSchema();
  for (auto _ : state) ParseOnce(text, /*build_tree=*/true, state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_AntlrLexAndParseWithTree1000Tables)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
