// The `schemac` binary as scripts see it: exit codes (0 ok, 1 error, 2 usage), messages on
// stderr, machine-readable output on stdout, never a prompt without a terminal, never a password.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_schemac.hpp"

namespace schemac::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunSchemac;
using testing::SchemacRun;

const fs::path kData = fs::path(SCHEMAC_SOURCE_DIR) / "tests/cli/data";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("schemac-cli-" + std::string(info->name()) + "-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  SchemacRun Schemac(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    return RunSchemac(args, dir_, env);
  }
  std::string Data(const std::string& name) const { return (kData / name).string(); }
  // A sqlite URL for a database file in the test directory.
  std::string DbUrl(const std::string& name) const { return "sqlite://" + (dir_ / name).string(); }
  // An existing, empty SQLite database (an empty file is one).
  std::string EmptyDb(const std::string& name) const {
    std::ofstream(dir_ / name).close();
    return DbUrl(name);
  }
  void Write(const std::string& name, const std::string& text) const { std::ofstream(dir_ / name) << text; }

  fs::path dir_;
};

// --- global flags --------------------------------------------------------------------------------

TEST_F(CliTest, VersionPrintsTheProjectVersion) {
  SchemacRun run = Schemac({"--version"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out + run.err, HasSubstr("schemac " SCHEMAC_VERSION));
}

TEST_F(CliTest, HelpWorksOnEveryCommand) {
  for (std::string command : {"", "plan", "apply", "inspect", "fmt", "validate", "show", "history"}) {
    std::vector<std::string> args;
    if (!command.empty()) args.push_back(command);
    args.push_back("--help");
    SchemacRun run = Schemac(args);
    EXPECT_EQ(run.exit_code, 0) << command << ": " << run.err;
    EXPECT_THAT(run.out, HasSubstr("Usage")) << command;
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {},                                                                             // no command
      {"migrate"},                                                                    // unknown command
      {"plan", "--to", "x.schema"},                                                   // missing --from
      {"plan", "--from", "a", "--to", "b", "--bogus"},                                // unknown flag
      {"apply", "--to", "x.schema"},                                                  // missing --url
      {"apply", "--url", "sqlite://x.db", "--to", "y", "--lock-timeout", "soon"},     // not a number
      {"apply", "--url", "sqlite://x.db", "--to", "y", "--statement-timeout", "-1"},  // negative
      {"fmt"},                                                                        // missing path
      {"validate"},                                                                   // missing path
      {"inspect"},  // neither --url nor --schema
  };
  for (const auto& args : cases) {
    SchemacRun run = Schemac(args);
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_EQ(run.exit_code, 2) << "schemac " << joined << "\n" << run.err;
    EXPECT_FALSE(run.err.empty()) << "schemac " << joined;
  }
}

// --- plan ----------------------------------------------------------------------------------------

TEST_F(CliTest, PlanBetweenTwoFilesNeedsDialect) {
  SchemacRun run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--dialect"));
}

TEST_F(CliTest, PlanRejectsUnknownFormatAndDialect) {
  EXPECT_EQ(Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"), "--dialect",
                     "sqlite", "--format", "yaml"})
                .exit_code,
            2);
  SchemacRun run = Schemac(
      {"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"), "--dialect", "oracle"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("oracle"));
}

TEST_F(CliTest, PlanJsonHasChangesUpDownAndSteps) {
  SchemacRun run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"),
                            "--dialect", "sqlite", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json plan = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(plan.is_discarded()) << run.out;
  for (const char* key : {"changes", "up", "down", "steps"}) {
    ASSERT_TRUE(plan.contains(key)) << key << " missing in " << run.out;
    EXPECT_TRUE(plan[key].is_array()) << key;
  }
  EXPECT_FALSE(plan["changes"].empty());
  EXPECT_FALSE(plan["up"].empty());
}

TEST_F(CliTest, PlanOfASchemaAgainstItselfIsEmptyAndExitsZero) {
  SchemacRun run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v1.schema"),
                            "--dialect", "postgres", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json plan = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(plan.is_discarded()) << run.out;
  EXPECT_TRUE(plan["changes"].empty());
}

// The drift gate: 0 no changes, 3 changes, 1 error, 2 usage; without the flag changes exit 0.
TEST_F(CliTest, PlanExitCodeSaysWhetherThereAreChanges) {
  const std::vector<std::string> changed = {
      "plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"), "--dialect", "sqlite"};
  EXPECT_EQ(Schemac(changed).exit_code, 0);
  std::vector<std::string> gated = changed;
  gated.push_back("--exit-code");
  SchemacRun run = Schemac(gated);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, Not(HasSubstr("No changes")));
  run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v1.schema"), "--dialect",
                 "sqlite", "--exit-code"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("missing.schema"), "--dialect",
                 "sqlite", "--exit-code"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"), "--exit-code"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
}

// The columns of `table` in the SQLite database `file`, read with SQLite itself, not schemac.
std::string SqliteColumns(const fs::path& file, const std::string& table) {
  sqlite3* db = nullptr;
  std::string columns;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    const std::string sql = "SELECT name FROM pragma_table_info('" + table + "') ORDER BY name";
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW) {
        columns += (columns.empty() ? "" : ",") +
                   std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      }
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return columns;
}

// plan --out, a change by hand, apply --plan: exit 4, the change named, nothing touched; once the
// database is back where the plan started, it applies as reviewed; show renders the saved plan.
TEST_F(CliTest, SavedPlanIsBoundToTheCatalogItWasMadeAgainst) {
  const std::string url = EmptyDb("bound.db");
  ASSERT_EQ(Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"}).exit_code, 0);
  const std::string plan_file = (dir_ / "plan.json").string();
  SchemacRun planned = Schemac({"plan", "--from", url, "--to", Data("shop_v2.schema"), "--out", plan_file});
  ASSERT_EQ(planned.exit_code, 0) << planned.err;
  ASSERT_TRUE(fs::exists(plan_file));
  EXPECT_FALSE(fs::exists(plan_file + ".tmp"));

  SchemacRun shown = Schemac({"show", plan_file});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("catalog fingerprint"));
  SchemacRun shown_sql = Schemac({"show", plan_file, "--format", "sql"});
  ASSERT_EQ(shown_sql.exit_code, 0) << shown_sql.err;
  SchemacRun fresh_sql = Schemac({"plan", "--from", url, "--to", Data("shop_v2.schema"), "--format", "sql"});
  EXPECT_EQ(shown_sql.out, fresh_sql.out) << "the saved plan runs what a fresh plan shows";
  EXPECT_FALSE(shown_sql.out.empty());

  // A table added by hand since the plan: refused, named, exit 4, the catalog as it was.
  const fs::path db_file = dir_ / "bound.db";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE audit (id INTEGER PRIMARY KEY)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const std::string users_before = SqliteColumns(db_file, "users");
  SchemacRun stale = Schemac({"apply", "--url", url, "--plan", plan_file, "--auto-approve"});
  EXPECT_EQ(stale.exit_code, 4) << stale.err;
  EXPECT_THAT(stale.err, HasSubstr("table audit exists now; it did not when the plan was made"));
  EXPECT_THAT(stale.err, HasSubstr("nothing was changed"));
  EXPECT_EQ(SqliteColumns(db_file, "users"), users_before);
  EXPECT_EQ(SqliteColumns(db_file, "audit"), "id");

  ASSERT_EQ(sqlite3_open(db_file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  SchemacRun applied = Schemac({"apply", "--url", url, "--plan", plan_file, "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  SchemacRun converged = Schemac({"plan", "--from", url, "--to", Data("shop_v2.schema"), "--exit-code"});
  EXPECT_EQ(converged.exit_code, 0) << converged.out << converged.err;
  EXPECT_FALSE(fs::exists(dir_ / "bound.db.schemac-lock")) << "no lock file is left next to the database";
}

TEST_F(CliTest, SavedPlanMisuseIsAClearError) {
  const std::string url = EmptyDb("misuse.db");
  Write("not_a_plan.json", "{\"changes\": []}");
  SchemacRun run =
      Schemac({"apply", "--url", url, "--plan", (dir_ / "not_a_plan.json").string(), "--auto-approve"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("not a saved schemac plan"));
  Write("garbage.json", "\x01\x02 not json");
  run = Schemac({"show", (dir_ / "garbage.json").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("not JSON"));
  run = Schemac({"show", (dir_ / "missing.json").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no such plan file"));
  run = Schemac({"apply", "--url", url, "--plan", (dir_ / "missing.json").string(), "--to",
                 Data("shop_v1.schema"), "--auto-approve"});
  EXPECT_EQ(run.exit_code, 2) << "--to and --plan together";
  run = Schemac({"apply", "--url", url, "--auto-approve"});
  EXPECT_EQ(run.exit_code, 2) << "neither --to nor --plan";
}

TEST_F(CliTest, PlanEveryFormatExitsZero) {
  for (std::string format : {"text", "sql", "json", "markdown"}) {
    SchemacRun run = Schemac({"plan", "--from", Data("shop_v1.schema"), "--to", Data("shop_v2.schema"),
                              "--dialect", "mysql", "--format", format});
    EXPECT_EQ(run.exit_code, 0) << format << ": " << run.err;
    EXPECT_FALSE(run.out.empty()) << format;
  }
}

TEST_F(CliTest, PlanFromMissingFileIsAnError) {
  SchemacRun run =
      Schemac({"plan", "--from", "no/such.schema", "--to", Data("shop_v1.schema"), "--dialect", "sqlite"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("no/such.schema"));
}

TEST_F(CliTest, PlanWithInvalidSchemaPrintsDiagnostics) {
  SchemacRun run = Schemac(
      {"plan", "--from", Data("shop_v1.schema"), "--to", Data("invalid.schema"), "--dialect", "sqlite"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("invalid.schema:"));
  EXPECT_THAT(run.err, HasSubstr("error"));
}

TEST_F(CliTest, PlanFromUnknownUrlSchemeSaysSo) {
  SchemacRun run = Schemac({"plan", "--from", "ftp://example.com/db", "--to", Data("shop_v1.schema")});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("ftp"));
}

TEST_F(CliTest, PlanFromMissingSqliteFileFailsAndDoesNotCreateIt) {
  SchemacRun run = Schemac({"plan", "--from", DbUrl("missing.db"), "--to", Data("shop_v1.schema")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("missing.db"));
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
}

TEST_F(CliTest, PlanFromAFileThatIsNotSqliteIsAnError) {
  Write("notes.db", "these are notes, not a database; long enough to be read as a header........\n");
  SchemacRun run = Schemac({"plan", "--from", DbUrl("notes.db"), "--to", Data("shop_v1.schema")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_FALSE(run.err.empty());
}

TEST_F(CliTest, PlanFromEmptyDatabaseToSchemaCreatesTables) {
  SchemacRun run =
      Schemac({"plan", "--from", EmptyDb("shop.db"), "--to", Data("shop_v1.schema"), "--format", "sql"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("CREATE TABLE"));
}

TEST_F(CliTest, PasswordsNeverAppearInErrors) {
  const std::string url = "postgres://deployer:hunter2secret@127.0.0.1:1/app";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"plan", "--from", url, "--to", Data("shop_v1.schema")},
           {"inspect", "--url", url},
           {"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"},
           {"apply", "--url", url, "--to", Data("shop_v1.schema")}}) {
    SchemacRun run = Schemac(args);
    EXPECT_EQ(run.exit_code, 1) << args[0] << ": " << run.err;
    EXPECT_THAT(run.out + run.err, Not(HasSubstr("hunter2secret"))) << args[0];
  }
}

// Hostile URLs: a clear error and exit 1 from every command that takes one, never a crash, and
// never the password.
TEST_F(CliTest, HostileUrlsAreClearErrors) {
  struct Case {
    std::string url, why;
  };
  for (const Case& c :
       {Case{"postgres://u:topsecret@/app", "no host"}, Case{"mysql://u:topsecret@:3306/app", "no host"},
        Case{"postgres://u:topsecret@h:99999/app", "port"}, Case{"mysql://u:topsecret@h:port/app", "port"},
        Case{"oracle://u:topsecret@h/app", "oracle"}, Case{"mysql:u:topsecret@h/app", "expected mysql://"},
        Case{"postgres://u:top%zzsecret@h/app", "%-escape"}}) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"plan", "--from", c.url, "--to", Data("shop_v1.schema")},
             {"plan", "--from", Data("shop_v1.schema"), "--to", c.url},
             {"inspect", "--url", c.url},
             {"apply", "--url", c.url, "--to", Data("shop_v1.schema"), "--auto-approve"},
             {"apply", "--url", EmptyDb("x.db"), "--to", c.url, "--auto-approve"}}) {
      SchemacRun run = Schemac(args);
      EXPECT_EQ(run.exit_code, 1) << c.url << " " << args[0] << ": " << run.err;
      EXPECT_THAT(run.err, HasSubstr("error: ")) << c.url;
      EXPECT_THAT(run.err, HasSubstr(c.why)) << c.url << " " << args[0] << ": " << run.err;
      EXPECT_THAT(run.out + run.err, Not(HasSubstr("topsecret"))) << c.url;
    }
  }
}

// A password made of the mask's own character: the scrubbing ends, and nothing shows it.
TEST_F(CliTest, PasswordOfStarsIsScrubbedAndScrubbingEnds) {
  for (const std::string password : {"*", "**", "***"}) {
    const std::string url = "postgres://deployer:" + password + "@127.0.0.1:1/app?connect_timeout=2";
    SchemacRun run = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema")});
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_THAT(run.err, HasSubstr("deployer:"));
    EXPECT_THAT(run.out + run.err, Not(HasSubstr(password))) << run.err;
  }
}

// --- apply ---------------------------------------------------------------------------------------

TEST_F(CliTest, ApplyWithoutTerminalOrAutoApproveRefusesAndChangesNothing) {
  const std::string url = EmptyDb("shop.db");
  SchemacRun run = Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("--auto-approve"));
  EXPECT_EQ(fs::file_size(dir_ / "shop.db"), 0u);
}

TEST_F(CliTest, ApplyThenPlanIsEmptyAndSecondApplyDoesNothing) {
  const std::string url = DbUrl("shop.db");  // apply creates a missing database
  SchemacRun first = Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Applied"));

  SchemacRun plan = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--format", "json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_TRUE(nlohmann::json::parse(plan.out)["changes"].empty()) << plan.out;

  SchemacRun second = Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("No changes"));

  SchemacRun inspect = Schemac({"inspect", "--url", url});
  EXPECT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_THAT(inspect.out, HasSubstr("orders"));
  EXPECT_THAT(inspect.out, Not(HasSubstr("schemac_history")));
}

TEST_F(CliTest, ApplyDryRunChangesNothing) {
  const std::string url = EmptyDb("shop.db");
  SchemacRun run = Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--dry-run"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Dry run"));
  EXPECT_EQ(fs::file_size(dir_ / "shop.db"), 0u);
}

TEST_F(CliTest, ApplyRefusesDataLossWithoutAllowDestructive) {
  const std::string url = DbUrl("shop.db");
  ASSERT_EQ(Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"}).exit_code, 0);

  SchemacRun refused = Schemac({"apply", "--url", url, "--to", Data("users_only.schema"), "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("--allow-destructive"));
  EXPECT_THAT(Schemac({"inspect", "--url", url}).out, HasSubstr("orders"));

  SchemacRun allowed = Schemac(
      {"apply", "--url", url, "--to", Data("users_only.schema"), "--auto-approve", "--allow-destructive"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_THAT(Schemac({"inspect", "--url", url}).out, Not(HasSubstr("orders")));
}

TEST_F(CliTest, ApplyToUnknownSchemeIsAnError) {
  SchemacRun run =
      Schemac({"apply", "--url", "oracle://db", "--to", Data("shop_v1.schema"), "--auto-approve"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("oracle"));
}

// --- inspect -------------------------------------------------------------------------------------

TEST_F(CliTest, InspectSchemaAsJson) {
  SchemacRun run = Schemac({"inspect", "--schema", Data("shop_v1.schema"), "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json model = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(model.is_discarded()) << run.out;
  EXPECT_THAT(run.out, HasSubstr("orders"));
}

TEST_F(CliTest, InspectRejectsBothSourcesAndBadFormat) {
  EXPECT_EQ(Schemac({"inspect", "--url", "sqlite://x.db", "--schema", Data("shop_v1.schema")}).exit_code, 2);
  EXPECT_EQ(Schemac({"inspect", "--schema", Data("shop_v1.schema"), "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Schemac({"inspect", "--url", Data("shop_v1.schema")}).exit_code, 2);
}

TEST_F(CliTest, InspectMissingSqliteDatabaseIsAnError) {
  SchemacRun run = Schemac({"inspect", "--url", DbUrl("missing.db")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
}

// --- validate ------------------------------------------------------------------------------------

TEST_F(CliTest, ValidateGoodSchema) {
  SchemacRun run = Schemac({"validate", Data("shop_v1.schema")});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Schemac({"validate", Data("shop_v1.schema"), "--dialect", "postgres"}).exit_code, 0);
}

TEST_F(CliTest, ValidateBadSchemaReportsEveryError) {
  SchemacRun run = Schemac({"validate", Data("invalid.schema")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("nowhere"));
  EXPECT_THAT(run.err, HasSubstr("notatype"));
}

// What a dialect cannot build is reported like every other diagnostic: file:line:col of the
// object the problem is about, its source line and a caret.
TEST_F(CliTest, ValidateDialectProblemsAreLocated) {
  Write("d.schema",
        "table customer {\n  id bigint primary key\n  tag text collate \"klingon\"\n"
        "  index idx_a (id)\n}\ntable store {\n  id bigint primary key\n  index idx_a (id)\n}\n");
  SchemacRun run = Schemac({"validate", "d.schema", "--dialect", "sqlite"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err,
              HasSubstr("d.schema:3:3: error[E0031]: sqlite: table customer, column tag: collation KLINGON"));
  EXPECT_THAT(run.err, HasSubstr("  tag text collate \"klingon\"\n  ^^^\n"));
  EXPECT_THAT(run.err,
              HasSubstr("d.schema:8:9: error[E0031]: sqlite: table store, index idx_a: index name idx_a"));
  SchemacRun postgres = Schemac({"validate", "d.schema", "--dialect", "postgres"});
  EXPECT_EQ(postgres.exit_code, 1);
  EXPECT_THAT(postgres.err, HasSubstr("d.schema:8:9: error[E0031]: postgres: table store, index idx_a"));
}

TEST_F(CliTest, ValidateMissingPathAndUnknownDialect) {
  EXPECT_EQ(Schemac({"validate", "no/such/dir"}).exit_code, 1);
  EXPECT_EQ(Schemac({"validate", Data("shop_v1.schema"), "--dialect", "oracle"}).exit_code, 2);
}

// validate --dialect judges the schema as plan does, normalized: SQLite drops
// `without_rowid = false`, so this table (no primary key) is buildable; checked un-normalized it
// would be "a WITHOUT ROWID table needs a primary key".
TEST_F(CliTest, ValidateDialectChecksTheNormalizedSchemaAsPlanDoes) {
  Write("rowid.schema", "table events {\n  at int\n  option sqlite.without_rowid = false\n}\n");
  const std::string schema = (dir_ / "rowid.schema").string();
  SchemacRun validated = Schemac({"validate", schema, "--dialect", "sqlite"});
  EXPECT_EQ(validated.exit_code, 0) << validated.err;
  EXPECT_THAT(validated.err, Not(HasSubstr("primary key")));
  SchemacRun planned = Schemac({"plan", "--from", EmptyDb("empty.db"), "--to", schema});
  EXPECT_EQ(planned.exit_code, 0) << planned.err;
  EXPECT_THAT(planned.out, HasSubstr("CREATE TABLE"));

  // And where the normalized schema still cannot be built, both say so.
  Write("rowid_true.schema", "table events {\n  at int\n  option sqlite.without_rowid = true\n}\n");
  const std::string bad = (dir_ / "rowid_true.schema").string();
  SchemacRun refused = Schemac({"validate", bad, "--dialect", "sqlite"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("primary key"));
  EXPECT_EQ(Schemac({"plan", "--from", EmptyDb("empty2.db"), "--to", bad}).exit_code, 1);
}

// --- fmt -----------------------------------------------------------------------------------------

TEST_F(CliTest, FmtCheckListsUnformattedFilesAndFmtFixesThem) {
  fs::create_directories(dir_ / "schema");
  Write("schema/users.schema", "table   users {id bigint    primary key\n\n\n  email text}\n");
  SchemacRun check = Schemac({"fmt", "--check", "schema"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_THAT(check.out, HasSubstr("users.schema"));

  SchemacRun fmt = Schemac({"fmt", "schema"});
  EXPECT_EQ(fmt.exit_code, 0) << fmt.err;
  SchemacRun recheck = Schemac({"fmt", "--check", "schema"});
  EXPECT_EQ(recheck.exit_code, 0) << recheck.out << recheck.err;
  EXPECT_EQ(Schemac({"validate", "schema"}).exit_code, 0);
}

TEST_F(CliTest, FmtLeavesAFileWithErrorsAlone) {
  Write("bad.schema", "table t { id bigint primary key\n");
  const std::string before = testing::Slurp(dir_ / "bad.schema");
  SchemacRun run = Schemac({"fmt", "bad.schema"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(testing::Slurp(dir_ / "bad.schema"), before);
}

TEST_F(CliTest, FmtMissingPathIsAnError) { EXPECT_EQ(Schemac({"fmt", "nothing-here"}).exit_code, 1); }

// --- history and the project file -------------------------------------------------------------

TEST_F(CliTest, HistoryListsRunsWithStepsAndNeverWrites) {
  // A database schemac never changed: no runs, and no table created for asking.
  const std::string empty = EmptyDb("fresh.db");
  SchemacRun none = Schemac({"history", "--url", empty});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("No runs recorded"));
  SchemacRun tables = Schemac({"inspect", "--url", empty, "--format", "json"});
  EXPECT_THAT(tables.out, Not(HasSubstr("schemac_history")));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "fresh.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &statement, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(statement, 0), 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);

  SchemacRun applied =
      Schemac({"apply", "--url", DbUrl("app.db"), "--to", Data("shop_v1.schema"), "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_THAT(applied.out, ::testing::ContainsRegex(R"(: done \([0-9.]+ m?s\))"));
  SchemacRun text = Schemac({"history", "--url", DbUrl("app.db")});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("run 1  done"));
  EXPECT_THAT(text.out, HasSubstr("(pid "));
  EXPECT_THAT(text.out, HasSubstr("[1] "));
  SchemacRun json = Schemac({"history", "--url", DbUrl("app.db"), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto runs = nlohmann::json::parse(json.out);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["status"], "done");
  EXPECT_FALSE(runs[0]["steps"].empty());
  EXPECT_EQ(runs[0]["steps"][0]["outcome"], "applied");
  EXPECT_TRUE(runs[0]["steps"][0]["duration_ms"].is_number());

  EXPECT_EQ(Schemac({"history", "--url", DbUrl("missing.db")}).exit_code, 1);  // never created
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
  EXPECT_EQ(Schemac({"history", "--url", DbUrl("app.db"), "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Schemac({"history"}).exit_code, 2);
}

TEST_F(CliTest, EnvironmentsOfTheProjectFileAreDefaultsThatFlagsOverride) {
  fs::copy_file(Data("shop_v1.schema"), dir_ / "shop.schema");
  Write("schemac.yaml",
        "schema: shop.schema\n"
        "dialect: sqlite\n"
        "policy: {lock_timeout_ms: 1500}\n"
        "environments:\n"
        "  dev: {url: 'sqlite://dev.db'}\n"
        "  other: {url: 'sqlite://other.db'}\n");
  SchemacRun validated = Schemac({"validate", "--env", "dev"});
  EXPECT_EQ(validated.exit_code, 0) << validated.err;
  SchemacRun applied = Schemac({"apply", "--env", "dev", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_TRUE(fs::exists(dir_ / "dev.db"));
  SchemacRun drift = Schemac({"plan", "--env", "dev", "--exit-code"});
  EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;
  EXPECT_EQ(Schemac({"history", "--env", "dev"}).exit_code, 0);

  // A flag wins over the file: --url names another database than the environment's.
  SchemacRun overridden = Schemac({"apply", "--env", "dev", "--url", DbUrl("flag.db"), "--auto-approve"});
  ASSERT_EQ(overridden.exit_code, 0) << overridden.err;
  EXPECT_TRUE(fs::exists(dir_ / "flag.db"));
  EXPECT_FALSE(fs::exists(dir_ / "other.db"));

  // Mistakes are errors that name the file, never silent defaults.
  SchemacRun unknown = Schemac({"plan", "--env", "prod"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no environment 'prod' (defined: dev, other)"));
  Write("bad.yaml", "environments:\n  dev: {url: 'postgres://u:hunter2@h/d'}\n");
  SchemacRun secret = Schemac({"plan", "--env", "dev", "--config", (dir_ / "bad.yaml").string()});
  EXPECT_EQ(secret.exit_code, 1);
  EXPECT_THAT(secret.err, HasSubstr("bad.yaml:2:"));
  EXPECT_THAT(secret.err, Not(HasSubstr("hunter2")));
  EXPECT_EQ(Schemac({"plan", "--config", "schemac.yaml", "--from", "a", "--to", "b"}).exit_code, 1);
}

// The CI examples call schemac with flags that exist: every `schemac COMMAND --flag` in them is
// listed by `schemac COMMAND --help` (a renamed flag would break every pipeline copied from them).
TEST_F(CliTest, CiExamplesUseFlagsThatExist) {
  const fs::path ci = fs::path(SCHEMAC_SOURCE_DIR) / "examples/ci";
  std::size_t commands = 0;
  for (const auto& file :
       {ci / "github/schemac-plan.yml", ci / "github/schemac-apply.yml", ci / "gitlab/.gitlab-ci.yml"}) {
    std::ifstream in(file);
    ASSERT_TRUE(in) << file;
    std::string line;
    while (std::getline(in, line)) {
      const auto first = line.find_first_not_of(' ');
      if (first == std::string::npos || line[first] == '#') continue;  // comments describe, not run
      const auto at = line.find("schemac ");
      if (at == std::string::npos || (at > 0 && line[at - 1] != ' ' && line[at - 1] != ';')) continue;
      std::istringstream words(line.substr(at + 8));
      std::string command;
      words >> command;
      if (command.empty() || command[0] == '-' || command.find_first_of("$/:.") != std::string::npos)
        continue;
      ++commands;
      SchemacRun help = Schemac({command, "--help"});
      ASSERT_EQ(help.exit_code, 0) << file << ": schemac " << command;
      std::string word;
      while (words >> word) {
        if (word.rfind("--", 0) != 0) continue;
        EXPECT_THAT(help.out, HasSubstr(word))
            << file << ": `schemac " << command << "` has no flag " << word;
      }
    }
  }
  EXPECT_GE(commands, 5u);
}

// --- excludes and --fail-on-unmanaged ------------------------------------------------------------

// Runs `sql` on the SQLite file `file` directly, as another tool would; "" or the error.
std::string SqliteExec(const fs::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) error = "cannot open " + file.string();
  char* message = nullptr;
  if (error.empty() && sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : "error";
  }
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

// A table another tool owns: without --exclude schemac would drop it; with it, the table is left
// alone by plan and apply, and a saved plan is not made stale when the other tool changes it. The
// saved plan also carries the consent it was reviewed with.
TEST_F(CliTest, ExcludedTablesAreNeitherPlannedNorDropped) {
  const std::string url = EmptyDb("owned.db");
  const fs::path db_file = dir_ / "owned.db";
  ASSERT_EQ(Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"}).exit_code, 0);
  ASSERT_EQ(SqliteExec(db_file, "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT)"), "");

  SchemacRun unexcluded = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--exit-code"});
  EXPECT_EQ(unexcluded.exit_code, 3) << unexcluded.err;
  EXPECT_THAT(unexcluded.out, HasSubstr("drop table audit_log"));
  SchemacRun excluded = Schemac(
      {"plan", "--from", url, "--to", Data("shop_v1.schema"), "--exit-code", "--exclude", "table:audit_*"});
  EXPECT_EQ(excluded.exit_code, 0) << excluded.out << excluded.err;

  // Even with consent to lose data, apply leaves the excluded table as it is.
  SchemacRun applied = Schemac({"apply", "--url", url, "--to", Data("shop_v2.schema"), "--auto-approve",
                                "--allow-destructive", "--exclude", "table:audit_*"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(SqliteColumns(db_file, "audit_log"), "id,what");

  const std::string plan_file = (dir_ / "plan.json").string();
  ASSERT_EQ(Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--exclude", "table:audit_*",
                     "--out", plan_file, "--allow-hazard", "HZ002"})
                .exit_code,
            0);
  SchemacRun shown = Schemac({"show", plan_file});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("Leaves alone (exclude): table:audit_*."));
  EXPECT_THAT(shown.out, HasSubstr("Allows hazards (--allow-hazard): HZ002-drop-column."));
  ASSERT_EQ(SqliteExec(db_file, "ALTER TABLE audit_log ADD COLUMN at TEXT"), "");
  SchemacRun usage =
      Schemac({"apply", "--url", url, "--plan", plan_file, "--auto-approve", "--exclude", "table:audit_*"});
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
  EXPECT_THAT(usage.err, HasSubstr("keeps the excludes it was made with"));
  // No --allow-destructive: the consent reviewed with the plan (--allow-hazard HZ002) goes with it.
  SchemacRun saved = Schemac({"apply", "--url", url, "--plan", plan_file, "--auto-approve"});
  EXPECT_EQ(saved.exit_code, 0) << "a change to an excluded table does not make the plan stale: "
                                << saved.err;
  EXPECT_EQ(SqliteColumns(db_file, "audit_log"), "at,id,what");
  EXPECT_EQ(Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--exit-code", "--exclude",
                     "table:audit_*"})
                .exit_code,
            0);

  // inspect leaves it out too; a malformed pattern is a usage error naming the kinds.
  SchemacRun inspected = Schemac({"inspect", "--url", url, "--exclude", "table:audit_*"});
  ASSERT_EQ(inspected.exit_code, 0) << inspected.err;
  EXPECT_THAT(inspected.out, Not(HasSubstr("audit_log")));
  EXPECT_THAT(Schemac({"inspect", "--url", url}).out, HasSubstr("audit_log"));
  SchemacRun typo =
      Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--exclude", "tabel:audit_*"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("unknown kind 'tabel'"));
}

// The same, said in the schema file: `exclude table 'audit_*'` leaves the table alone in plan,
// apply (even with --allow-destructive) and a saved plan, which shows the pattern to its reviewer.
TEST_F(CliTest, ExcludeLinesInTheSchemaLeaveObjectsAlone) {
  const std::string url = EmptyDb("owned_by_file.db");
  const fs::path db_file = dir_ / "owned_by_file.db";
  ASSERT_EQ(Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"}).exit_code, 0);
  ASSERT_EQ(SqliteExec(db_file, "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT)"), "");
  std::ifstream shop(Data("shop_v1.schema"));
  const std::string shop_text((std::istreambuf_iterator<char>(shop)), std::istreambuf_iterator<char>());
  Write("owned.schema", "exclude table 'audit_*'\n\n" + shop_text);
  const std::string schema = (dir_ / "owned.schema").string();

  SchemacRun planned = Schemac({"plan", "--from", url, "--to", schema, "--exit-code"});
  EXPECT_EQ(planned.exit_code, 0) << planned.out << planned.err;
  SchemacRun applied =
      Schemac({"apply", "--url", url, "--to", schema, "--auto-approve", "--allow-destructive"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(SqliteColumns(db_file, "audit_log"), "id,what");

  const std::string plan_file = (dir_ / "owned_plan.json").string();
  ASSERT_EQ(Schemac({"plan", "--from", url, "--to", schema, "--out", plan_file}).exit_code, 0);
  SchemacRun shown = Schemac({"show", plan_file});
  EXPECT_THAT(shown.out, HasSubstr("Leaves alone (exclude): table:audit_*."));
  ASSERT_EQ(SqliteExec(db_file, "ALTER TABLE audit_log ADD COLUMN at TEXT"), "");
  SchemacRun saved = Schemac({"apply", "--url", url, "--plan", plan_file, "--auto-approve"});
  EXPECT_EQ(saved.exit_code, 0) << "the plan's own excludes filter the live catalog: " << saved.err;

  // A typo in the file is an error at its line and column, and nothing is planned.
  Write("typo.schema", "exclude tabel 'audit_*'\n\n" + shop_text);
  SchemacRun typo = Schemac({"plan", "--from", url, "--to", (dir_ / "typo.schema").string()});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_THAT(typo.err, HasSubstr("typo.schema:1:9"));
  EXPECT_THAT(typo.err, HasSubstr("did you mean \"table\"?"));

  // Without the line, the same plan would drop the table.
  SchemacRun unexcluded = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema")});
  EXPECT_THAT(unexcluded.out, HasSubstr("drop table audit_log"));
}

TEST_F(CliTest, FailOnUnmanagedListsWhatSchemacDoesNotManage) {
  const std::string url = EmptyDb("fts.db");
  const fs::path db_file = dir_ / "fts.db";
  ASSERT_EQ(Schemac({"apply", "--url", url, "--to", Data("shop_v1.schema"), "--auto-approve"}).exit_code, 0);
  ASSERT_EQ(SqliteExec(db_file, "CREATE VIRTUAL TABLE docs_fts USING fts5(body)"), "");

  SchemacRun lenient = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema")});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  SchemacRun strict = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--fail-on-unmanaged"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.err, HasSubstr("1 object is not managed by schemac"));
  EXPECT_THAT(strict.err, HasSubstr("virtual table docs_fts"));
  SchemacRun excluded = Schemac({"plan", "--from", url, "--to", Data("shop_v1.schema"), "--fail-on-unmanaged",
                                 "--exclude", "virtual_table:docs_*"});
  EXPECT_EQ(excluded.exit_code, 0) << excluded.err;
  EXPECT_THAT(excluded.out + excluded.err, Not(HasSubstr("docs_fts")));
}

}  // namespace
}  // namespace schemac::cli
