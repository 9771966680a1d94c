// The public in-memory testing API (include/schemac/testing.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "schemac/testing.hpp"

namespace schemac::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kSchema = R"(
table users {
  id    bigint primary key
  email text not null unique
}
table orders {
  id      bigint primary key
  user_id bigint not null references users(id)
}
)";

int Exec(sqlite3* db, const std::string& sql) {
  return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

int CountTables(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", -1, &statement, nullptr);
  int count = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  return count;
}

TEST(CreateInMemoryDatabase, FromSchemaTextWithForeignKeysEnforced) {
  Result<TestDatabase> db = CreateInMemoryDatabase(kSchema);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(CountTables(db->handle()), 2);  // no history table, nothing else
  EXPECT_EQ(Exec(db->handle(), "INSERT INTO users (id, email) VALUES (1, 'a@example.com')"), SQLITE_OK);
  EXPECT_EQ(Exec(db->handle(), "INSERT INTO orders (id, user_id) VALUES (1, 1)"), SQLITE_OK);
  EXPECT_EQ(Exec(db->handle(), "INSERT INTO orders (id, user_id) VALUES (2, 99)"), SQLITE_CONSTRAINT);
  EXPECT_EQ(Exec(db->handle(), "INSERT INTO users (id, email) VALUES (2, 'a@example.com')"),
            SQLITE_CONSTRAINT);
}

TEST(CreateInMemoryDatabase, EachCallIsAFreshDatabase) {
  Result<TestDatabase> first = CreateInMemoryDatabase(kSchema);
  Result<TestDatabase> second = CreateInMemoryDatabase(kSchema);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_EQ(Exec(first->handle(), "INSERT INTO users (id, email) VALUES (1, 'a@example.com')"), SQLITE_OK);
  EXPECT_EQ(Exec(second->handle(), "INSERT INTO users (id, email) VALUES (1, 'a@example.com')"), SQLITE_OK);
}

TEST(CreateInMemoryDatabase, FromExampleShopDirectory) {
  Result<TestDatabase> db = CreateInMemoryDatabase(std::string(SCHEMAC_SOURCE_DIR) + "/examples/shop");
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_GT(CountTables(db->handle()), 0);
}

TEST(CreateInMemoryDatabase, PicksUpAnEditedSchemaFile) {
  const fs::path file =
      fs::temp_directory_path() / ("schemac-testing-api-" + std::to_string(getpid()) + ".schema");
  std::ofstream(file) << "table a { id int primary key }\n";
  Result<TestDatabase> before = CreateInMemoryDatabase(file.string());
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_EQ(CountTables(before->handle()), 1);

  std::ofstream(file) << "table a { id int primary key }\ntable bb { id int primary key }\n";
  Result<TestDatabase> after = CreateInMemoryDatabase(file.string());
  fs::remove(file);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(CountTables(after->handle()), 2);
}

TEST(CreateInMemoryDatabase, SchemaErrorsComeBackAsDiagnostics) {
  Result<TestDatabase> db = CreateInMemoryDatabase("table t { id notatype }");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(db.status().message(), HasSubstr("notatype"));
}

TEST(CreateInMemoryDatabase, MissingPathIsNotFound) {
  Result<TestDatabase> db = CreateInMemoryDatabase("no/such/schema_dir");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
}

TEST(CreateInMemoryDatabase, MovedFromDatabaseReleasesNothingTwice) {
  Result<TestDatabase> db = CreateInMemoryDatabase(kSchema);
  ASSERT_TRUE(db.ok());
  TestDatabase moved = std::move(*db);
  EXPECT_EQ(db->handle(), nullptr);
  EXPECT_NE(moved.handle(), nullptr);
}

TEST(CreateInMemoryDatabase, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        if (!CreateInMemoryDatabase(kSchema).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(PlanBetween, SchemaTextsNeedADialect) {
  const fs::path dir = fs::temp_directory_path() / ("schemac-plan-between-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "v1.schema") << "table a { id int primary key }\n";
  std::ofstream(dir / "v2.schema") << "table a { id int primary key\n note text }\n";

  Result<Plan> missing_dialect = PlanBetween((dir / "v1.schema").string(), (dir / "v2.schema").string());
  EXPECT_FALSE(missing_dialect.ok());
  Result<Plan> plan = PlanBetween((dir / "v1.schema").string(), (dir / "v2.schema").string(), "sqlite");
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->changes.size(), 1u);
  Result<Plan> same = PlanBetween((dir / "v1.schema").string(), (dir / "v1.schema").string(), "sqlite");
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_TRUE(same->Empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace schemac::testing
