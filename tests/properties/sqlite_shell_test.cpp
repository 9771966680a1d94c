// Properties over databases schemac did not make: each tests/properties/sqlite_shell/*.sql is run
// through the `sqlite3` shell, then driven with the `schemac` binary like a user would:
//   - `inspect --format dsl` written to a file, planned against the database: no changes, and a
//     fresh database applied from that file plans empty against the original;
//   - for every ordered pair (a, b): `plan --from a --to b --format sql` piped into `sqlite3 a`
//     converges (plan a -> b is then empty), and so does `apply --url a --to b`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "command.hpp"

namespace schemac::properties {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ShellScripts() {
  std::vector<std::string> names;
  for (const auto& entry :
       fs::directory_iterator(fs::path(SCHEMAC_SOURCE_DIR) / "tests/properties/sqlite_shell")) {
    if (entry.path().extension() == ".sql") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ScriptPath(const std::string& name) {
  return (fs::path(SCHEMAC_SOURCE_DIR) / "tests/properties/sqlite_shell" / (name + ".sql")).string();
}

class ShellDatabases : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test_name.begin(), test_name.end(), '/', '_');  // parameterized names hold a '/'
    dir_ = fs::temp_directory_path() / ("schemac-shell-" + std::to_string(::getpid()) + "-" + test_name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A database file made from a script by the sqlite3 shell, not by schemac.
  std::string MakeDatabase(const std::string& script, const std::string& file_name) {
    const std::string path = (dir_ / file_name).string();
    CommandResult made = RunCommand(std::string(SCHEMAC_SQLITE3_SHELL) + " -bail " + ShellQuote(path) +
                                    " < " + ShellQuote(ScriptPath(script)) + " 2>&1");
    EXPECT_EQ(made.exit_code, 0) << "sqlite3 on " << script << ":\n" << made.output;
    return path;
  }

  static CommandResult Schemac(const std::string& arguments) {
    return RunCommand(std::string(SCHEMAC_CLI) + " " + arguments + " 2>&1");
  }

  // `plan --from --to --format json`: the "changes" array, or a failure.
  static ::testing::AssertionResult NoChanges(const std::string& from, const std::string& to) {
    CommandResult plan =
        Schemac("plan --from " + ShellQuote(from) + " --to " + ShellQuote(to) + " --format json");
    if (plan.exit_code != 0) {
      return ::testing::AssertionFailure() << "plan exited " << plan.exit_code << ":\n" << plan.output;
    }
    const nlohmann::json parsed = nlohmann::json::parse(plan.output, nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("changes")) {
      return ::testing::AssertionFailure() << "plan printed no JSON plan:\n" << plan.output;
    }
    if (!parsed["changes"].empty()) {
      return ::testing::AssertionFailure() << "plan " << from << " -> " << to << " is not empty:\n"
                                           << parsed["up"].dump(2);
    }
    return ::testing::AssertionSuccess();
  }

  fs::path dir_;
};

TEST_F(ShellDatabases, InspectedDslPlansEmptyAgainstItsDatabase) {
  for (const auto& script : ShellScripts()) {
    SCOPED_TRACE(script);
    const std::string db = MakeDatabase(script, script + ".db");
    const std::string url = "sqlite://" + db;
    const std::string schema_file = (dir_ / (script + ".schema")).string();
    CommandResult inspected = RunCommand(std::string(SCHEMAC_CLI) + " inspect --url " + ShellQuote(url) +
                                         " --format dsl > " + ShellQuote(schema_file));
    ASSERT_EQ(inspected.exit_code, 0) << "inspect " << script;
    EXPECT_TRUE(NoChanges(url, schema_file)) << script;

    // The printed schema holds everything schemac manages: a database built from it alone
    // compares equal to the original.
    const std::string rebuilt_url = "sqlite://" + (dir_ / (script + ".rebuilt.db")).string();
    CommandResult applied = Schemac("apply --url " + ShellQuote(rebuilt_url) + " --to " +
                                    ShellQuote(schema_file) + " --auto-approve");
    EXPECT_EQ(applied.exit_code, 0) << script << ":\n" << applied.output;
    EXPECT_TRUE(NoChanges(rebuilt_url, url))
        << script << ": a database built from the printed schema differs";
  }
}

// One ordered pair of scripts: (from, to).
class ShellDatabasePair : public ShellDatabases,
                          public ::testing::WithParamInterface<std::pair<std::string, std::string>> {};

TEST_P(ShellDatabasePair, PlanBetweenTwoDatabasesConvergesWhenApplied) {
  const auto& [from, to] = GetParam();
  const std::string a = MakeDatabase(from, "a.db");
  const std::string a_again = MakeDatabase(from, "a2.db");
  const std::string b = MakeDatabase(to, "b.db");
  const std::string url_a = "sqlite://" + a;
  const std::string url_a_again = "sqlite://" + a_again;
  const std::string url_b = "sqlite://" + b;

  // The SQL a reviewer reads in the pull request, run by hand.
  CommandResult sql = RunCommand(std::string(SCHEMAC_CLI) + " plan --from " + ShellQuote(url_a) + " --to " +
                                 ShellQuote(url_b) + " --format sql | " + SCHEMAC_SQLITE3_SHELL + " -bail " +
                                 ShellQuote(a) + " 2>&1");
  EXPECT_EQ(sql.exit_code, 0) << sql.output;
  EXPECT_TRUE(NoChanges(url_a, url_b)) << "after running the printed SQL";

  // The same through apply.
  CommandResult applied = Schemac("apply --url " + ShellQuote(url_a_again) + " --to " + ShellQuote(url_b) +
                                  " --auto-approve --allow-destructive");
  EXPECT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_TRUE(NoChanges(url_a_again, url_b)) << "after apply";
}

std::vector<std::pair<std::string, std::string>> ScriptPairs() {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& from : ShellScripts()) {
    for (const auto& to : ShellScripts()) {
      if (from != to) pairs.emplace_back(from, to);
    }
  }
  return pairs;
}

std::string PairName(const ::testing::TestParamInfo<std::pair<std::string, std::string>>& info) {
  return "from_" + info.param.first + "_to_" + info.param.second;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ShellDatabasePair, ::testing::ValuesIn(ScriptPairs()), PairName);

TEST_F(ShellDatabases, InspectManagesViewsAndTriggers) {
  const std::string db = MakeDatabase("04_strict_and_generated", "views.db");
  const std::string url = "sqlite://" + db;
  CommandResult inspected = Schemac("inspect --url " + ShellQuote(url) + " --format dsl");
  EXPECT_EQ(inspected.exit_code, 0) << inspected.output;
  EXPECT_THAT(inspected.output,
              ::testing::HasSubstr("view warm as $$ SELECT * FROM measurements WHERE celsius > 25 $$"));
  EXPECT_THAT(inspected.output,
              ::testing::HasSubstr("trigger measurements_guard before insert on measurements"));
  EXPECT_THAT(inspected.output, ::testing::HasSubstr("when (NEW.celsius < -273.15)"));

  // The schema is the source of truth for views and triggers too: converging to an empty schema
  // drops them, the trigger and view first.
  const std::string empty_schema = (dir_ / "empty.schema").string();
  std::ofstream(empty_schema).close();
  CommandResult applied = Schemac("apply --url " + ShellQuote(url) + " --to " + ShellQuote(empty_schema) +
                                  " --auto-approve --allow-destructive");
  EXPECT_EQ(applied.exit_code, 0) << applied.output;
  CommandResult remaining =
      RunCommand(std::string(SCHEMAC_SQLITE3_SHELL) + " " + ShellQuote(db) +
                 " \"SELECT count(*) FROM sqlite_schema WHERE type IN ('view', 'trigger')\"");
  EXPECT_THAT(remaining.output, ::testing::HasSubstr("0")) << applied.output;
}

}  // namespace
}  // namespace schemac::properties
