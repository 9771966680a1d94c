// Data checks and per-code hazard consent, end to end through the `schemac` binary on every
// dialect: SQLite always, PostgreSQL and MariaDB when SCHEMAC_TEST_PG_URL / SCHEMAC_TEST_MYSQL_URL
// name a server (skipped, with the reason, otherwise). Rows are planted through a plain connection
// and the catalog is read independently (tests/support/catalog_reader.hpp) to show that a refused
// apply changed nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_schemac.hpp"
#include "tests/golden/scratch_database.hpp"
#include "tests/support/catalog_reader.hpp"

namespace schemac::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunSchemac;
using testing::SchemacRun;

constexpr const char* kUsersV1 = R"(table users {
  id    int         primary key
  name  varchar(64)
  tier  int
}
)";
// tier becomes NOT NULL: three rows hold NULL.
constexpr const char* kTierNotNull = R"(table users {
  id    int         primary key
  name  varchar(64)
  tier  int         not null
}
)";
// name narrows to varchar(32): one row is 40 characters long.
constexpr const char* kNameNarrowed = R"(table users {
  id    int         primary key
  name  varchar(32)
  tier  int
}
)";
// Both at once, for allowing one code and not the other.
constexpr const char* kBoth = R"(table users {
  id    int         primary key
  name  varchar(32)
  tier  int         not null
}
)";
// A NOT NULL column without a default on a table with rows (MariaDB would fill it with 0).
constexpr const char* kAddedNotNull = R"(table users {
  id    int         primary key
  name  varchar(64)
  tier  int
  level int         not null
}
)";

class DataChecksCli : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    auto created = golden::ScratchDatabase::Create(GetParam(), &skip);
    ASSERT_TRUE(created.ok()) << created.status().message();
    if (*created == nullptr) GTEST_SKIP() << skip;
    db_ = std::move(*created);
    dir_ = fs::temp_directory_path() / ("schemac-checks-" + GetParam() + "-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write("v1.schema", kUsersV1);
    Write("tier.schema", kTierNotNull);
    Write("narrow.schema", kNameNarrowed);
    Write("both.schema", kBoth);
    Write("added.schema", kAddedNotNull);
    SchemacRun built = Schemac({"apply", "--url", db_->url(), "--to", "v1.schema", "--auto-approve"});
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    auto connection = db_->Connect();
    ASSERT_TRUE(connection.ok()) << connection.status().message();
    const std::string long_name(40, 'x');
    for (const char* sql : {"INSERT INTO users (id, name, tier) VALUES (1, 'a', NULL)",
                            "INSERT INTO users (id, name, tier) VALUES (2, 'b', 7)",
                            "INSERT INTO users (id, name, tier) VALUES (3, 'c', NULL)",
                            "INSERT INTO users (id, name, tier) VALUES (4, 'd', 8)",
                            "INSERT INTO users (id, name, tier) VALUES (5, 'e', NULL)"}) {
      ASSERT_TRUE((*connection)->Execute(sql).ok()) << sql;
    }
    ASSERT_TRUE(
        (*connection)->Execute("INSERT INTO users (id, name, tier) VALUES (6, '" + long_name + "', 9)").ok());
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  SchemacRun Schemac(const std::vector<std::string>& args) { return RunSchemac(args, dir_); }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }

  test_support::CatalogSnapshot Catalog() {
    auto connection = db_->Connect();
    EXPECT_TRUE(connection.ok()) << connection.status().message();
    if (!connection.ok()) return {};
    auto snapshot = test_support::ReadCatalog(**connection);
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().message();
    return snapshot.ok() ? *snapshot : test_support::CatalogSnapshot{};
  }

  std::unique_ptr<golden::ScratchDatabase> db_;
  fs::path dir_;
};

TEST_P(DataChecksCli, PlanFailsNamingTheStepTheCountAndSampleKeys) {
  SchemacRun run = Schemac({"plan", "--from", db_->url(), "--to", "tier.schema"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.err, ::testing::ContainsRegex("step [0-9]+ \\([^)]*tier"));
  EXPECT_THAT(run.err, HasSubstr("HZ005-not-null: 3 rows: rows of users with tier NULL"));
  EXPECT_THAT(run.err, HasSubstr("sample keys: id=1, id=3, id=5"));
  // The plan itself is shown with the counts, the table's size and the lock.
  EXPECT_THAT(run.out, HasSubstr("data check HZ005-not-null: 3 rows"));
  EXPECT_THAT(run.out, HasSubstr("table users: "));
  EXPECT_THAT(run.out, HasSubstr("lock: "));

  SchemacRun json = Schemac({"plan", "--from", db_->url(), "--to", "tier.schema", "--format", "json"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_THAT(json.out, HasSubstr("\"failing_rows\": 3"));
  EXPECT_THAT(json.out, HasSubstr("\"data_checks\": \"run\""));
  SchemacRun markdown =
      Schemac({"plan", "--from", db_->url(), "--to", "tier.schema", "--format", "markdown"});
  EXPECT_EQ(markdown.exit_code, 1);
  EXPECT_THAT(markdown.out, HasSubstr("**FAILS**: 3 rows (HZ005-not-null)"));
}

TEST_P(DataChecksCli, ApplyStartsNothingWhenACheckFindsRows) {
  const test_support::CatalogSnapshot before = Catalog();
  SchemacRun run = Schemac({"apply", "--url", db_->url(), "--to", "tier.schema", "--auto-approve"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("nothing was changed"));
  EXPECT_THAT(run.err, HasSubstr("3 rows"));
  EXPECT_THAT(run.out, Not(HasSubstr("[1/")));  // no step started
  EXPECT_EQ(test_support::DiffCatalogs(before, Catalog()), "");
}

TEST_P(DataChecksCli, SkipDataChecksLetsThePlanThroughAndSaysSo) {
  SchemacRun run = Schemac({"plan", "--from", db_->url(), "--to", "tier.schema", "--skip-data-checks"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("Data checks: skipped (--skip-data-checks)"));
  EXPECT_THAT(run.out, Not(HasSubstr("3 rows")));
}

TEST_P(DataChecksCli, NarrowingIsCaughtAndNeedsConsent) {
  const test_support::CatalogSnapshot before = Catalog();
  SchemacRun plan = Schemac({"plan", "--from", db_->url(), "--to", "narrow.schema"});
  EXPECT_EQ(plan.exit_code, 1) << plan.out << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("HZ003-narrow-type: 1 row: rows of users whose name is longer than 32"));
  EXPECT_THAT(plan.err, HasSubstr("sample keys: id=6"));
  EXPECT_THAT(plan.out, HasSubstr("(data loss)"));

  // Without the checks the narrowing is still data loss: apply wants consent.
  SchemacRun apply = Schemac(
      {"apply", "--url", db_->url(), "--to", "narrow.schema", "--auto-approve", "--skip-data-checks"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("HZ003-narrow-type"));
  EXPECT_THAT(apply.err, HasSubstr("--allow-hazard"));
  EXPECT_EQ(test_support::DiffCatalogs(before, Catalog()), "");
}

TEST_P(DataChecksCli, AllowHazardAllowsThatCodeOnly) {
  // HZ003 allowed: the long name is reported as allowed, the NULLs of HZ005 still fail the plan.
  SchemacRun plan = Schemac({"plan", "--from", db_->url(), "--to", "both.schema", "--allow-hazard", "HZ003"});
  EXPECT_EQ(plan.exit_code, 1) << plan.out << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("HZ005-not-null: 3 rows"));
  EXPECT_THAT(plan.err, Not(HasSubstr("HZ003-narrow-type:")));
  EXPECT_THAT(plan.out, HasSubstr("(allowed by --allow-hazard HZ003-narrow-type)"));

  // Both allowed: the plan goes through.
  SchemacRun both = Schemac({"plan", "--from", db_->url(), "--to", "both.schema", "--allow-hazard", "HZ003",
                             "--allow-hazard", "HZ005"});
  EXPECT_EQ(both.exit_code, 0) << both.out << both.err;

  // apply: HZ005 allowed does not consent to HZ003's data loss.
  const test_support::CatalogSnapshot before = Catalog();
  SchemacRun apply = Schemac({"apply", "--url", db_->url(), "--to", "narrow.schema", "--auto-approve",
                              "--allow-hazard", "HZ005-not-null"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_THAT(apply.err, HasSubstr("the plan would lose data"));
  EXPECT_EQ(test_support::DiffCatalogs(before, Catalog()), "");

  SchemacRun unknown =
      Schemac({"plan", "--from", db_->url(), "--to", "both.schema", "--allow-hazard", "HZ999"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_THAT(unknown.err, HasSubstr("is not a hazard code"));
}

TEST_P(DataChecksCli, NotNullColumnWithoutDefaultOnRowsIsRefused) {
  const test_support::CatalogSnapshot before = Catalog();
  SchemacRun plan = Schemac({"plan", "--from", db_->url(), "--to", "added.schema"});
  EXPECT_EQ(plan.exit_code, 1) << plan.out << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("HZ015-not-null-no-default: 6 rows"));
  SchemacRun apply = Schemac({"apply", "--url", db_->url(), "--to", "added.schema", "--auto-approve"});
  EXPECT_EQ(apply.exit_code, 1) << apply.out << apply.err;
  EXPECT_EQ(test_support::DiffCatalogs(before, Catalog()), "");
}

// Allowing HZ015 lets the plan through. Only MariaDB can then run the step: it fills the rows with
// the implicit 0 (the user's explicit choice); PostgreSQL and SQLite refuse on the server.
TEST_P(DataChecksCli, AllowingNotNullWithoutDefaultLetsMariaDbFillTheRows) {
  SchemacRun plan =
      Schemac({"plan", "--from", db_->url(), "--to", "added.schema", "--allow-hazard", "HZ015"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("(allowed by --allow-hazard HZ015-not-null-no-default)"));
  if (GetParam() != "mysql") return;
  SchemacRun apply = Schemac(
      {"apply", "--url", db_->url(), "--to", "added.schema", "--auto-approve", "--allow-hazard", "HZ015"});
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  auto connection = db_->Connect();
  ASSERT_TRUE(connection.ok());
  auto rows = (*connection)->Query("SELECT count(*) FROM users WHERE level = 0");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(rows->at(0).at(0), std::optional<std::string>("6"));
}

// A drop and an add that look like a rename: the plan shows the hint and still drops and adds.
TEST_P(DataChecksCli, RenameSuggestionShowsTheHint) {
  Write("renamed.schema", R"(table users {
  id    int         primary key
  full_name  varchar(64)
  tier  int
}
)");
  SchemacRun plan = Schemac({"plan", "--from", db_->url(), "--to", "renamed.schema"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out,
              HasSubstr("suggestion: users: column name is dropped and full_name added with the same "
                        "type; if it is a rename, add @renamed_from(name) to column full_name"));
  EXPECT_THAT(plan.out, HasSubstr("HZ002-drop-column"));
}

TEST_P(DataChecksCli, CleanDataPassesAndTheStepApplies) {
  auto connection = db_->Connect();
  ASSERT_TRUE(connection.ok());
  ASSERT_TRUE((*connection)->Execute("UPDATE users SET tier = 0 WHERE tier IS NULL").ok());
  connection->reset();
  SchemacRun plan = Schemac({"plan", "--from", db_->url(), "--to", "tier.schema"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("data check HZ005-not-null: 0 rows"));
  SchemacRun apply = Schemac({"apply", "--url", db_->url(), "--to", "tier.schema", "--auto-approve"});
  EXPECT_EQ(apply.exit_code, 0) << apply.out << apply.err;
  SchemacRun again = Schemac({"plan", "--from", db_->url(), "--to", "tier.schema", "--exit-code"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

TEST_P(DataChecksCli, TheProjectFilesAllowedHazardsAddToTheFlags) {
  Write("schemac.yaml", "environments:\n  prod:\n    url: '" + db_->url() +
                            "'\n    schema: both.schema\n    policy: {allowed_hazards: [HZ003]}\n");
  // The file allows HZ003: HZ005's NULLs still fail the plan, and the flag adds HZ005.
  SchemacRun file_only = Schemac({"plan", "--env", "prod"});
  EXPECT_EQ(file_only.exit_code, 1) << file_only.out << file_only.err;
  EXPECT_THAT(file_only.err, HasSubstr("HZ005-not-null: 3 rows"));
  EXPECT_THAT(file_only.err, Not(HasSubstr("HZ003-narrow-type:")));
  SchemacRun with_flag = Schemac({"plan", "--env", "prod", "--allow-hazard", "HZ005"});
  EXPECT_EQ(with_flag.exit_code, 0) << with_flag.out << with_flag.err;

  Write("bad.yaml", "environments:\n  prod:\n    url: '" + db_->url() +
                        "'\n    schema: both.schema\n    policy: {allowed_hazards: [HZ999]}\n");
  SchemacRun bad = Schemac({"plan", "--env", "prod", "--config", "bad.yaml"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_THAT(bad.err, HasSubstr("allowed_hazards (project file) 'HZ999' is not a hazard code"));
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:5:31: "));  // where the list is written
}

INSTANTIATE_TEST_SUITE_P(Dialects, DataChecksCli, ::testing::Values("sqlite", "postgres", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace schemac::cli
