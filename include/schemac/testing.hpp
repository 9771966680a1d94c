// The in-memory testing API: a service's unit tests get a fresh SQLite database built from the
// same schema files production is migrated to, in about the time the CREATE statements take.
//
//   auto db = schemac::testing::CreateInMemoryDatabase("examples/shop");
//   ASSERT_TRUE(db.ok()) << db.status().message();
//   sqlite3_exec(db->handle(), "INSERT INTO users ...", nullptr, nullptr, nullptr);
//
// Link the `schemac_migrator` target. Thread-safe: each call returns its own database; the
// compiled schema is cached per input (and re-read when a schema file changes), so creating many
// databases from one schema costs its CREATE statements only.
#pragma once

#include <string>

#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

struct sqlite3;

namespace schemac::testing {

// An open in-memory SQLite database holding the schema, with foreign keys enforced.
// Owns its handle: closes it on destruction. Movable, not copyable. Use from one thread at a time.
class TestDatabase {
 public:
  TestDatabase(TestDatabase&& other) noexcept;
  TestDatabase& operator=(TestDatabase&& other) noexcept;
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

  sqlite3* handle() const { return handle_; }

  // Takes ownership of an open handle.
  explicit TestDatabase(sqlite3* handle) : handle_(handle) {}

 private:
  sqlite3* handle_ = nullptr;
};

// Opens sqlite::memory: and creates the schema in it. `schema_path_or_text` is a .schema file, a
// directory of them, or schema text itself ("table t { id int primary key }"). Schema errors come
// back as kInvalidArgument with every diagnostic rendered in the message.
Result<TestDatabase> CreateInMemoryDatabase(const std::string& schema_path_or_text);

// The plan from one source to another, as `schemac plan` computes it. Sources are schema files,
// directories, or database URLs; `dialect` is needed when neither is a database.
Result<Plan> PlanBetween(const std::string& from_src, const std::string& to_src,
                         const std::string& dialect = "");

}  // namespace schemac::testing
