// The in-memory testing API (include/schemac/testing.hpp).
//
// Speed matters here: service test suites create hundreds of these databases. A fresh in-memory
// database is empty, so there is nothing to inspect, no concurrent deploy to lock out and no
// history worth keeping: the plan from an empty schema is compiled once per input, cached, and
// run in a single transaction straight through sqlite3.
#include "schemac/testing.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "compiler/planner.hpp"
#include "dialects/registry.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "sources/sources.hpp"

namespace schemac::testing {
namespace {

namespace fs = std::filesystem;

// The SQL that builds a schema in an empty SQLite database.
struct CompiledSchema {
  std::vector<PlanStep> steps;
  // When no step needs anything outside a transaction or a verify query (the usual case for
  // CREATE statements): the whole build as one script for a single sqlite3_exec. Empty otherwise.
  std::string single_script;
};

std::string RenderDiagnostics(const std::vector<dsl::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics)
    text += "\n" + dsl::RenderDiagnostic(diagnostic, /*color=*/false);
  return text;
}

// A cache key that changes whenever the schema could have: the text itself, or the path with
// each schema file's size and modification time (one stat() per file: this runs on every call).
std::string CacheKey(const std::string& input, bool is_path) {
  if (!is_path) return "text:" + input;
  std::string key = "path:" + input;
  auto describe = [&key](const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return;
    key += "|" + file.string() + ":" + std::to_string(info.st_size) + ":" +
           std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
  };
  std::error_code error;
  if (!fs::is_directory(input, error)) {
    describe(input);
    return key;
  }
  for (fs::recursive_directory_iterator it(input, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".schema") describe(it->path());
  }
  return key;
}

Result<CompiledSchema> CompileForEmptyDatabase(const std::string& input, bool is_path) {
  dsl::LoadResult loaded = is_path ? dsl::LoadSchemaPath(input, sources::Vocabulary())
                                   : dsl::ParseSchemaText(input, "<schema text>", sources::Vocabulary());
  if (!loaded.ok()) {
    return Status(StatusCode::kInvalidArgument,
                  "the schema has errors:" + RenderDiagnostics(loaded.diagnostics));
  }
  const dialects::Dialect* sqlite = dialects::FindDialect("sqlite");
  if (sqlite == nullptr) return Status(StatusCode::kInternal, "the sqlite dialect is not registered");
  Result<Plan> plan = compiler::BuildPlan(model::Schema{}, loaded.schema, *sqlite, PlanPolicy{});
  if (!plan.ok()) return plan.status().WithContext("planning the schema for SQLite");
  CompiledSchema compiled;
  bool one_transaction = true;
  for (const auto& step : plan->steps) {
    if (!step.up.transactional || !step.up.precheck.empty() || !step.up.before.empty() ||
        !step.up.settings.Empty() || !step.up.after.empty() || !step.up.verify.empty()) {
      one_transaction = false;
    }
  }
  if (one_transaction) {
    // PRAGMA foreign_keys is a no-op inside a transaction, so it comes first. Statements end on
    // their own line so a trailing comment cannot swallow the separator.
    compiled.single_script = "PRAGMA foreign_keys = ON;\nBEGIN;\n";
    for (const auto& step : plan->steps) {
      for (const auto& sql : step.up.statements) compiled.single_script += sql + "\n;\n";
    }
    compiled.single_script += "COMMIT;\n";
  }
  compiled.steps = std::move(plan->steps);
  return compiled;
}

// Compiled schemas by CacheKey. Entries are immutable once stored, so readers share them.
Result<std::shared_ptr<const CompiledSchema>> CompileCached(const std::string& input, bool is_path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const CompiledSchema>> cache;
  const std::string key = CacheKey(input, is_path);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  Result<CompiledSchema> compiled = CompileForEmptyDatabase(input, is_path);
  if (!compiled.ok()) return compiled.status();
  auto shared = std::make_shared<const CompiledSchema>(std::move(*compiled));
  std::lock_guard<std::mutex> lock(mutex);
  cache[key] = shared;
  return shared;
}

Status Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return Status::Ok();
  const std::string shown = sql.size() > 200 ? sql.substr(0, 200) + "..." : sql;
  Status status(StatusCode::kDatabaseError,
                "running `" + shown + "`: " + (error ? error : sqlite3_errmsg(db)));
  sqlite3_free(error);
  return status;
}

Status ExecAll(sqlite3* db, const std::vector<std::string>& statements) {
  for (const auto& sql : statements) {
    if (Status status = Exec(db, sql); !status.ok()) return status;
  }
  return Status::Ok();
}

// Verify and precheck queries must return no rows (see SqlScript).
Status Verify(sqlite3* db, const std::vector<std::string>& queries) {
  for (const auto& query : queries) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, query.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return Status(StatusCode::kDatabaseError, "preparing `" + query + "`: " + sqlite3_errmsg(db));
    }
    const int step = sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (step == SQLITE_ROW)
      return Status(StatusCode::kDatabaseError, "verify query `" + query + "` returned rows");
    if (step != SQLITE_DONE)
      return Status(StatusCode::kDatabaseError, "running `" + query + "`: " + sqlite3_errmsg(db));
  }
  return Status::Ok();
}

// An empty database cannot half-apply in a way that matters (it is thrown away on error), so the
// common case runs as one script in one transaction; otherwise step by step, as SqlScript says.
Status BuildInto(sqlite3* db, const CompiledSchema& compiled) {
  if (!compiled.single_script.empty()) {
    Status status = Exec(db, compiled.single_script);
    if (!status.ok() && !sqlite3_get_autocommit(db)) Exec(db, "ROLLBACK");
    return status;
  }
  if (Status status = Exec(db, "PRAGMA foreign_keys = ON"); !status.ok()) return status;
  for (const auto& step : compiled.steps) {
    // A precheck that finds rows stops the build before the step runs, as apply would.
    if (Status refused = Verify(db, step.up.precheck); !refused.ok())
      return refused.WithContext(step.description);
    Status status = ExecAll(db, step.up.before);
    if (status.ok() && step.up.transactional) status = Exec(db, "BEGIN");
    if (status.ok()) status = ExecAll(db, step.up.OpeningSettings());
    if (status.ok()) status = ExecAll(db, step.up.statements);
    if (status.ok()) status = Verify(db, step.up.verify);
    if (status.ok() && step.up.transactional) status = Exec(db, "COMMIT");
    if (!status.ok() && !sqlite3_get_autocommit(db)) Exec(db, "ROLLBACK");
    if (Status reset = ExecAll(db, step.up.ClosingSettings()); status.ok()) status = reset;
    Status after = ExecAll(db, step.up.after);
    if (status.ok()) status = after;
    if (!status.ok()) return status.WithContext(step.description);
  }
  return Status::Ok();
}

}  // namespace

TestDatabase::TestDatabase(TestDatabase&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}

TestDatabase& TestDatabase::operator=(TestDatabase&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) sqlite3_close_v2(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

TestDatabase::~TestDatabase() {
  if (handle_ != nullptr) sqlite3_close_v2(handle_);
}

Result<TestDatabase> CreateInMemoryDatabase(const std::string& schema_path_or_text) {
  std::error_code error;
  const bool is_path = fs::exists(schema_path_or_text, error);
  if (!is_path && schema_path_or_text.find_first_of("{\n") == std::string::npos) {
    return Status(StatusCode::kNotFound,
                  "'" + schema_path_or_text + "' is neither a schema file or directory nor schema text");
  }
  Result<std::shared_ptr<const CompiledSchema>> compiled = CompileCached(schema_path_or_text, is_path);
  if (!compiled.ok()) return compiled.status();

  sqlite3* handle = nullptr;
  const int opened =
      sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  TestDatabase database(handle);  // owns the handle from here on, also when opening failed
  if (opened != SQLITE_OK) {
    return Status(StatusCode::kDatabaseError, std::string("opening an in-memory SQLite database: ") +
                                                  (handle ? sqlite3_errmsg(handle) : "out of memory"));
  }
  // Foreign keys are switched on by BuildInto: tests should fail where production would.
  if (Status status = BuildInto(handle, **compiled); !status.ok()) {
    return status.WithContext("creating the schema in memory");
  }
  return database;
}

Result<Plan> PlanBetween(const std::string& from_src, const std::string& to_src, const std::string& dialect) {
  Result<sources::Source> from = sources::ClassifySource(from_src);
  if (!from.ok()) return from.status();
  Result<sources::Source> to = sources::ClassifySource(to_src);
  if (!to.ok()) return to.status();
  std::vector<dsl::Diagnostic> diagnostics;
  Result<Plan> plan = sources::PlanSources(*from, *to, dialect, PlanPolicy{}, diagnostics);
  if (!plan.ok()) {
    const Status scrubbed(plan.status().code(),
                          sources::ScrubPasswords(plan.status().message(), {&*from, &*to}));
    if (diagnostics.empty()) return scrubbed;
    return Status(scrubbed.code(), scrubbed.message() + RenderDiagnostics(diagnostics));
  }
  return plan;
}

}  // namespace schemac::testing
