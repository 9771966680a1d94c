// Every data-check kind finds the rows planted for it, on every dialect: SQLite always,
// PostgreSQL and MariaDB when SCHEMAC_TEST_PG_URL / SCHEMAC_TEST_MYSQL_URL name a server (skipped
// with the reason otherwise). The plan is made from the inspected database, as `plan --from URL`
// and `apply` make it, and the checks run through the connection (migrator/data_checks.hpp).
#include "migrator/data_checks.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "compiler/data_checks.hpp"
#include "compiler/planner.hpp"
#include "migrator/apply.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "sources/sources.hpp"
#include "tests/golden/scratch_database.hpp"

namespace schemac::migrator {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kBefore = R"(enum item_status { new, paid, gone }
table parents {
  id  int primary key
}
table items {
  id  int          primary key
  a   int
  b   int
  p   int
  c   int
  s   varchar(20)
  n   varchar(10)
  st  item_status
}
)";

// a NOT NULL, b unique, p a foreign key, c a check, s to int, n narrowed, `gone` leaves the enum.
constexpr const char* kAfter = R"(enum item_status { new, paid }
table parents {
  id  int primary key
}
table items {
  id  int          primary key
  a   int          not null
  b   int          unique
  p   int          references parents(id)
  c   int          check (c >= 0)
  s   int
  n   varchar(3)
  st  item_status
}
)";

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema", sources::Vocabulary());
  for (const auto& diagnostic : loaded.diagnostics)
    if (diagnostic.severity == dsl::Severity::kError) ADD_FAILURE() << diagnostic.message;
  return loaded.schema;
}

class DataChecksTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    auto created = golden::ScratchDatabase::Create(GetParam(), &skip);
    ASSERT_TRUE(created.ok()) << created.status().message();
    if (*created == nullptr) GTEST_SKIP() << skip;
    db_ = std::move(*created);
    auto connection = db_->Connect();
    ASSERT_TRUE(connection.ok()) << connection.status().message();
    connection_ = std::move(*connection);
    ApplyOptions options;
    Result<ApplyReport> built = Apply(*connection_, Parse(kBefore), options);
    ASSERT_TRUE(built.ok()) << built.status().message();
  }

  void Plant(const std::vector<std::string>& rows) {
    for (const auto& sql : rows) ASSERT_TRUE(connection_->Execute(sql).ok()) << sql;
  }

  // kind name -> (failing rows, sample keys)
  std::map<std::string, std::pair<std::int64_t, std::vector<std::string>>> Counts(
      const std::vector<std::string>& allowed = {}) {
    std::map<std::string, std::pair<std::int64_t, std::vector<std::string>>> counts;
    Result<model::Schema> current = connection_->Inspect();
    EXPECT_TRUE(current.ok()) << current.status().message();
    if (!current.ok()) return counts;
    Result<Plan> plan = compiler::BuildPlan(*current, Parse(kAfter), connection_->GetDialect(), PlanPolicy{});
    EXPECT_TRUE(plan.ok()) << plan.status().message();
    if (!plan.ok()) return counts;
    Status ran = RunDataChecks(*connection_, *plan, DataCheckOptions{0, allowed});
    EXPECT_TRUE(ran.ok()) << ran.message();
    EXPECT_EQ(plan->data_checks, Plan::DataChecks::kRun);
    last_plan_ = *plan;
    for (const auto& step : plan->steps) {
      for (const auto& check : step.data_checks) {
        EXPECT_TRUE(check.error.empty()) << check.count_sql << ": " << check.error;
        if (!check.failing_rows) continue;
        std::string kind = compiler::DataCheckKindName(check.kind);
        // MySQL spells enums inline on their columns: losing a value is a type change there.
        if (kind == "cast" && check.description.find("whose st ") != std::string::npos) kind = "enum-value";
        counts[kind] = {*check.failing_rows, check.sample_keys};
      }
    }
    return counts;
  }

  std::unique_ptr<golden::ScratchDatabase> db_;
  std::unique_ptr<dialects::Connection> connection_;
  Plan last_plan_;
};

TEST_P(DataChecksTest, EveryKindFindsItsPlantedRows) {
  Plant({"INSERT INTO parents (id) VALUES (1)",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (1, NULL, 5, 1, 0, '1', 'ab', 'new')",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (2, NULL, 5, 99, -1, 'x', 'abcdef', 'gone')",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (3, 1, 6, NULL, 3, '2', 'a', 'paid')",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (4, 2, NULL, 1, 4, NULL, NULL, NULL)"});
  auto counts = Counts();
  using Entry = std::pair<std::int64_t, std::vector<std::string>>;
  EXPECT_EQ(counts["null"], (Entry{2, {"id=1", "id=2"}}));
  EXPECT_EQ(counts["duplicate"], (Entry{2, {"id=1", "id=2"}}));
  EXPECT_EQ(counts["orphan"], (Entry{1, {"id=2"}}));
  EXPECT_EQ(counts["check"], (Entry{1, {"id=2"}}));
  EXPECT_EQ(counts["cast"], (Entry{1, {"id=2"}}));
  EXPECT_EQ(counts["too-long"], (Entry{1, {"id=2"}}));
  EXPECT_EQ(counts["enum-value"], (Entry{1, {"id=2"}}));
  Status refused = RefuseFailedDataChecks(last_plan_, "nothing was changed");
  EXPECT_EQ(refused.code(), StatusCode::kRefused);
  EXPECT_THAT(refused.message(), HasSubstr("HZ005-not-null: 2 rows"));
  // Impact: the estimate of the table the steps work on was read (rows may be unknown on a
  // PostgreSQL table never analyzed; the size is always there on the servers).
  bool impact = false;
  for (const auto& step : last_plan_.steps) impact = impact || (step.impact && step.impact->table == "items");
  EXPECT_TRUE(impact);
}

TEST_P(DataChecksTest, CleanRowsPassEveryCheck) {
  Plant({"INSERT INTO parents (id) VALUES (1)",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (1, 1, 5, 1, 0, '1', 'ab', 'new')",
         "INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (2, 2, 6, NULL, 3, '-2', 'a', 'paid')"});
  auto counts = Counts();
  for (const char* kind : {"null", "duplicate", "orphan", "check", "cast", "too-long", "enum-value"}) {
    ASSERT_TRUE(counts.count(kind)) << kind << " was not counted";
    EXPECT_EQ(counts[kind].first, 0) << kind;
  }
  EXPECT_TRUE(RefuseFailedDataChecks(last_plan_, "x").ok());
}

TEST_P(DataChecksTest, AllowedHazardsAreReportedNotRefused) {
  Plant({"INSERT INTO items (id, a, b, p, c, s, n, st) VALUES (1, NULL, 5, NULL, 0, '1', 'ab', 'new')"});
  Counts({hazard::kNotNullMayFail});
  Status refused = RefuseFailedDataChecks(last_plan_, "x");
  EXPECT_TRUE(refused.ok()) << refused.message();
}

INSTANTIATE_TEST_SUITE_P(Dialects, DataChecksTest, ::testing::Values("sqlite", "postgres", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace schemac::migrator
