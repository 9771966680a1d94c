// A fresh in-memory database from examples/shop: schemac::testing::CreateInMemoryDatabase against
// the floor of running the same CREATE script (the plan's up statements, captured once) through
// sqlite3_exec on a fresh :memory: database. Prints the ratio (target <= 1.5x) after the table.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "schemac/testing.hpp"

namespace {

const std::string kShopSchema = std::string(SCHEMAC_SOURCE_DIR) + "/examples/shop";

// The script both sides run: the same statements, in one transaction, foreign keys on, as the
// testing API does it. Empty with `error` set when the schema cannot be planned.
struct ShopScript {
  std::string sql;
  size_t statements = 0;
  std::string error;
};

const ShopScript& CapturedShopScript() {
  static const ShopScript script = [] {
    ShopScript built;
    schemac::dsl::LoadResult loaded = schemac::dsl::LoadSchemaPath(kShopSchema);
    const schemac::dialects::Dialect* sqlite = schemac::dialects::FindDialect("sqlite");
    if (!loaded.ok() || sqlite == nullptr) {
      built.error = "cannot load " + kShopSchema + " or find the sqlite dialect";
      return built;
    }
    auto plan =
        schemac::compiler::BuildPlan(schemac::model::Schema{}, loaded.schema, *sqlite, schemac::PlanPolicy{});
    if (!plan.ok()) {
      built.error = "BuildPlan failed: " + plan.status().message();
      return built;
    }
    built.sql = "PRAGMA foreign_keys = ON;\nBEGIN;\n";
    for (const std::string& statement : plan->UpStatements()) {
      built.sql += statement + ";\n";
      ++built.statements;
    }
    built.sql += "COMMIT;\n";
    return built;
  }();
  return script;
}

void BM_CreateInMemoryDatabase_Shop(benchmark::State& state) {
  // The first call compiles and caches the plan; what services pay per test is the cached path.
  auto warm = schemac::testing::CreateInMemoryDatabase(kShopSchema);
  if (!warm.ok()) {
    state.SkipWithError(("CreateInMemoryDatabase failed: " + warm.status().message()).c_str());
    return;
  }
  for (auto _ : state) {
    auto database = schemac::testing::CreateInMemoryDatabase(kShopSchema);
    if (!database.ok()) {
      state.SkipWithError(("CreateInMemoryDatabase failed: " + database.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(database->handle());
  }
}
BENCHMARK(BM_CreateInMemoryDatabase_Shop)->Unit(benchmark::kMicrosecond);

void BM_RawSqliteExec_Shop(benchmark::State& state) {
  const ShopScript& script = CapturedShopScript();
  if (!script.error.empty()) {
    state.SkipWithError(script.error.c_str());
    return;
  }
  for (auto _ : state) {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    char* message = nullptr;
    if (sqlite3_exec(db, script.sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      state.SkipWithError((std::string("the captured script failed: ") + (message ? message : "")).c_str());
      sqlite3_free(message);
      sqlite3_close(db);
      break;
    }
    sqlite3_close(db);
  }
  state.counters["statements"] = static_cast<double>(script.statements);
}
BENCHMARK(BM_RawSqliteExec_Shop)->Unit(benchmark::kMicrosecond);

// Keeps each benchmark's real and CPU time per iteration, so main can print the ratios after the
// usual table. CPU time is the steadier figure on a shared machine.
class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  struct Times {
    double real = 0;
    double cpu = 0;
  };
  explicit RecordingReporter(OutputOptions options) : ConsoleReporter(options) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (!run.error_occurred && run.run_type == Run::RT_Iteration) {
        times_[run.run_name.function_name] = {run.GetAdjustedRealTime(), run.GetAdjustedCPUTime()};
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  const std::map<std::string, Times>& AllTimes() const { return times_; }

 private:
  std::map<std::string, Times> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RecordingReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                   : benchmark::ConsoleReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  const auto& times = reporter.AllTimes();
  auto api = times.find("BM_CreateInMemoryDatabase_Shop");
  auto raw = times.find("BM_RawSqliteExec_Shop");
  if (api != times.end() && raw != times.end() && raw->second.real > 0 && raw->second.cpu > 0) {
    std::printf(
        "ratio CreateInMemoryDatabase / raw sqlite3_exec: %.2fx real time, %.2fx CPU time (target <= "
        "1.50x)\n",
        api->second.real / raw->second.real, api->second.cpu / raw->second.cpu);
  }
  return 0;
}
