// Inspect of a 1,000-table SQLite database (the generated schema, built once per run in a
// temporary file), against reading the raw catalog (sqlite_master) as a floor.
//
// Hook: PostgreSQL / MariaDB inspect benchmarks against `pg_dump --schema-only` and
// `mariadb-dump --no-data` belong in a sibling server_inspect_bench.cpp built the same way, with
// the database built by the same BuildDatabase steps through dialects::Connect(url); see
// bench/CMakeLists.txt and bench/run.sh for where it plugs in.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"
#include "generated_schema.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace {

namespace fs = std::filesystem;

// A SQLite file holding the generated 1,000-table schema, removed at exit.
class ThousandTableDatabase {
 public:
  ThousandTableDatabase() {
    path_ = fs::temp_directory_path() / ("schemac-inspect-bench-" + std::to_string(getpid()) + ".db");
    fs::remove(path_);
    error_ = Build();
  }
  ~ThousandTableDatabase() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  std::string Url() const { return "sqlite://" + path_.string(); }  // absolute path: sqlite:///...
  const fs::path& Path() const { return path_; }
  const std::string& Error() const { return error_; }  // empty when built

 private:
  std::string Build() {
    schemac::dsl::LoadResult desired =
        schemac::dsl::ParseSchemaText(schemac::bench::GenerateSchemaText({1000, 20, 0}), "generated.schema");
    if (!desired.ok()) return "generated schema does not parse";
    const schemac::dialects::Dialect* sqlite = schemac::dialects::FindDialect("sqlite");
    if (sqlite == nullptr) return "the sqlite dialect is not registered";
    schemac::Result<schemac::Plan> plan = schemac::compiler::BuildPlan(
        schemac::model::Schema{}, desired.schema, *sqlite, schemac::PlanPolicy{});
    if (!plan.ok()) return "BuildPlan failed: " + plan.status().message();

    sqlite3* db = nullptr;
    if (sqlite3_open(path_.c_str(), &db) != SQLITE_OK) {
      sqlite3_close(db);
      return "cannot create " + path_.string();
    }
    std::string script = "BEGIN;\n";
    for (const std::string& statement : plan->UpStatements()) script += statement + ";\n";
    script += "COMMIT;\n";
    char* message = nullptr;
    std::string error;
    if (sqlite3_exec(db, script.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = std::string("building the database failed: ") + (message ? message : "unknown error");
    }
    sqlite3_free(message);
    sqlite3_close(db);
    return error;
  }

  fs::path path_;
  std::string error_;
};

ThousandTableDatabase& Database() {
  static ThousandTableDatabase database;
  return database;
}

// Connection opened once; each iteration inspects the whole database (the page cache is warm, as
// it is for the second and later commands against a live database).
void BM_InspectSqlite1000Tables(benchmark::State& state) {
  if (!Database().Error().empty()) {
    state.SkipWithError(Database().Error().c_str());
    return;
  }
  auto connection = schemac::dialects::Connect(Database().Url());
  if (!connection.ok()) {
    state.SkipWithError(("connect failed: " + connection.status().message()).c_str());
    return;
  }
  size_t tables = 0;
  for (auto _ : state) {
    schemac::Result<schemac::model::Schema> schema = (*connection)->Inspect();
    if (!schema.ok()) {
      state.SkipWithError(("inspect failed: " + schema.status().message()).c_str());
      break;
    }
    tables = schema->TableCount();
  }
  state.counters["tables"] = static_cast<double>(tables);
  state.counters["tables/s"] =
      benchmark::Counter(static_cast<double>(tables), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_InspectSqlite1000Tables)->Unit(benchmark::kMillisecond);

// What `schemac inspect` pays per command: open the file, inspect, close.
void BM_ConnectAndInspectSqlite1000Tables(benchmark::State& state) {
  if (!Database().Error().empty()) {
    state.SkipWithError(Database().Error().c_str());
    return;
  }
  for (auto _ : state) {
    auto connection = schemac::dialects::Connect(Database().Url());
    if (!connection.ok()) {
      state.SkipWithError(("connect failed: " + connection.status().message()).c_str());
      break;
    }
    schemac::Result<schemac::model::Schema> schema = (*connection)->Inspect();
    if (!schema.ok()) {
      state.SkipWithError(("inspect failed: " + schema.status().message()).c_str());
      break;
    }
  }
}
BENCHMARK(BM_ConnectAndInspectSqlite1000Tables)->Unit(benchmark::kMillisecond);

// The floor: read every CREATE statement from sqlite_master (what `sqlite3 db .schema` does),
// with no parsing into a model at all.
void BM_ReadSqliteMasterFloor(benchmark::State& state) {
  if (!Database().Error().empty()) {
    state.SkipWithError(Database().Error().c_str());
    return;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(Database().Path().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    state.SkipWithError("cannot open the database");
    return;
  }
  for (auto _ : state) {
    size_t bytes = 0;
    auto count_bytes = [](void* total, int columns, char** values, char**) {
      for (int i = 0; i < columns; ++i)
        *static_cast<size_t*>(total) += values[i] ? std::char_traits<char>::length(values[i]) : 0;
      return 0;
    };
    sqlite3_exec(db, "SELECT sql FROM sqlite_master", count_bytes, &bytes, nullptr);
    benchmark::DoNotOptimize(bytes);
  }
  sqlite3_close(db);
}
BENCHMARK(BM_ReadSqliteMasterFloor)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
