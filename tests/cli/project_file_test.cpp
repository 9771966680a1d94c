// schemac.yaml: environments with the top-level defaults folded in, secrets from the environment,
// and every mistake reported with the file, line and column.
#include "cli/project_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace schemac::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::map<std::string, std::string>& FakeEnvironment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

const char* FakeGetEnv(const char* name) {
  auto found = FakeEnvironment().find(name);
  return found == FakeEnvironment().end() ? nullptr : found->second.c_str();
}

class ProjectFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("schemac-project-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    FakeEnvironment().clear();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& text) {
    const std::string path = (dir_ / "schemac.yaml").string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

TEST_F(ProjectFileTest, EnvironmentInheritsTheTopLevelAndOverridesKeyByKey) {
  const std::string path = Write(R"(
schema: schema/
dialect: postgres
policy:
  lock_timeout_ms: 5000
  lock_retries: 3
environments:
  staging:
    url: postgres://deploy@db.staging/app
    password_env: STAGING_PW
  production:
    url_env: PROD_URL
    schema: /srv/schema
    policy: {lock_timeout_ms: 2000}
)");
  FakeEnvironment()["STAGING_PW"] = "p@ss:w/rd";
  FakeEnvironment()["PROD_URL"] = "postgres://deploy:secret@db.prod/app";

  Result<ProjectEnvironment> staging = LoadEnvironment(path, "staging", FakeGetEnv);
  ASSERT_TRUE(staging.ok()) << staging.status().message();
  EXPECT_EQ(staging->url, "postgres://deploy:p%40ss%3Aw%2Frd@db.staging/app");
  EXPECT_EQ(staging->schema, (dir_ / "schema/").lexically_normal().string());
  EXPECT_EQ(staging->dialect, "postgres");
  EXPECT_EQ(staging->policy.lock_timeout_ms, 5000);
  EXPECT_EQ(staging->policy.lock_retries, 3);
  EXPECT_FALSE(staging->policy.statement_timeout_ms.has_value());

  Result<ProjectEnvironment> production = LoadEnvironment(path, "production", FakeGetEnv);
  ASSERT_TRUE(production.ok()) << production.status().message();
  EXPECT_EQ(production->url, "postgres://deploy:secret@db.prod/app");
  EXPECT_EQ(production->schema, "/srv/schema");
  EXPECT_EQ(production->policy.lock_timeout_ms, 2000);
  EXPECT_EQ(production->policy.lock_retries, 3);
}

TEST_F(ProjectFileTest, APasswordInTheFileIsRefusedWithItsPosition) {
  const std::string path = Write("environments:\n  prod:\n    url: postgres://u:hunter2@h/db\n");
  Result<ProjectEnvironment> env = LoadEnvironment(path, "prod", FakeGetEnv);
  ASSERT_FALSE(env.ok());
  EXPECT_THAT(env.status().message(), HasSubstr(path + ":3:10: "));
  EXPECT_THAT(env.status().message(), HasSubstr("password_env"));
  EXPECT_THAT(env.status().message(), ::testing::Not(HasSubstr("hunter2")));

  const std::string query = Write("environments:\n  prod:\n    url: mysql://u@h/db?password=x\n");
  EXPECT_FALSE(LoadEnvironment(query, "prod", FakeGetEnv).ok());
}

TEST_F(ProjectFileTest, UnknownKeysAreErrorsNotSilentlyDroppedSettings) {
  const std::string path = Write("environments:\n  prod:\n    url: postgres://u@h/db\n    polcy: {}\n");
  Result<ProjectEnvironment> env = LoadEnvironment(path, "prod", FakeGetEnv);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(env.status().message(), HasSubstr(path + ":4:5: unknown key 'polcy'"));

  const std::string policy = Write("policy:\n  lock_timeout: 5\nenvironments: {a: {url: 'sqlite://x.db'}}\n");
  EXPECT_THAT(LoadEnvironment(policy, "a", FakeGetEnv).status().message(),
              HasSubstr("unknown key 'lock_timeout'"));
}

TEST_F(ProjectFileTest, BadValuesAndMissingThingsSayWhat) {
  const std::string negative =
      Write("policy: {lock_retries: -1}\nenvironments: {a: {url: 'sqlite://x.db'}}\n");
  EXPECT_THAT(LoadEnvironment(negative, "a", FakeGetEnv).status().message(),
              HasSubstr("lock_retries must be"));

  const std::string unset = Write("environments: {a: {url: 'postgres://u@h/d', password_env: NOPE}}\n");
  EXPECT_THAT(LoadEnvironment(unset, "a", FakeGetEnv).status().message(),
              HasSubstr("$NOPE, which is not set"));

  const std::string two = Write("environments:\n  a: {url: 'sqlite://x.db'}\n  b: {url: 'sqlite://y.db'}\n");
  Result<ProjectEnvironment> missing = LoadEnvironment(two, "c", FakeGetEnv);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("defined: a, b"));

  const std::string broken = Write("environments:\n  a: [unclosed\n");
  Result<ProjectEnvironment> syntax = LoadEnvironment(broken, "a", FakeGetEnv);
  ASSERT_FALSE(syntax.ok());
  EXPECT_THAT(syntax.status().message(), HasSubstr(broken + ":"));

  Result<ProjectEnvironment> absent = LoadEnvironment((dir_ / "none.yaml").string(), "a", FakeGetEnv);
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(absent.status().message(), HasSubstr("--config"));

  const std::string no_user = Write("environments: {a: {url: 'postgres://h/d', password_env: PW}}\n");
  FakeEnvironment()["PW"] = "x";
  EXPECT_THAT(LoadEnvironment(no_user, "a", FakeGetEnv).status().message(), HasSubstr("needs a user"));
}

TEST_F(ProjectFileTest, AllowedHazardsAreAListAndTheEnvironmentsListReplacesTheTopLevelOne) {
  const std::string path = Write(R"(
policy:
  allowed_hazards: [HZ013]
environments:
  staging: {url: 'sqlite://s.db'}
  production:
    url: 'sqlite://p.db'
    policy: {allowed_hazards: [HZ003, HZ014]}
)");
  Result<ProjectEnvironment> staging = LoadEnvironment(path, "staging", FakeGetEnv);
  ASSERT_TRUE(staging.ok()) << staging.status().message();
  EXPECT_EQ(staging->policy.allowed_hazards, std::vector<std::string>{"HZ013"});
  Result<ProjectEnvironment> production = LoadEnvironment(path, "production", FakeGetEnv);
  ASSERT_TRUE(production.ok()) << production.status().message();
  EXPECT_EQ(production->policy.allowed_hazards, (std::vector<std::string>{"HZ003", "HZ014"}));

  const std::string scalar =
      Write("policy: {allowed_hazards: HZ013}\nenvironments: {a: {url: 'sqlite://x.db'}}\n");
  Result<ProjectEnvironment> refused = LoadEnvironment(scalar, "a", FakeGetEnv);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr(scalar + ":1:27: allowed_hazards must be a list"));
}

TEST_F(ProjectFileTest, ExcludesAreCheckedWhereTheyAreWritten) {
  const std::string path = Write(R"(
policy:
  excludes: ["table:audit_*", "view:reporting.*"]
environments:
  staging: {url: 'sqlite://s.db'}
  production:
    url: 'sqlite://p.db'
    policy: {excludes: ["*:tmp_*"]}
)");
  Result<ProjectEnvironment> staging = LoadEnvironment(path, "staging", FakeGetEnv);
  ASSERT_TRUE(staging.ok()) << staging.status().message();
  EXPECT_EQ(staging->policy.excludes, (std::vector<std::string>{"table:audit_*", "view:reporting.*"}));
  Result<ProjectEnvironment> production = LoadEnvironment(path, "production", FakeGetEnv);
  ASSERT_TRUE(production.ok()) << production.status().message();
  EXPECT_EQ(production->policy.excludes, std::vector<std::string>{"*:tmp_*"});

  const std::string typo =
      Write("policy:\n  excludes: [\"table:a\", \"tabel:b\"]\nenvironments: {a: {url: 'sqlite://x.db'}}\n");
  Result<ProjectEnvironment> refused = LoadEnvironment(typo, "a", FakeGetEnv);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr(typo + ":2:25: exclude 'tabel:b': unknown kind 'tabel'"));
  const std::string scalar =
      Write("policy: {excludes: 'table:a'}\nenvironments: {a: {url: 'sqlite://x.db'}}\n");
  EXPECT_THAT(LoadEnvironment(scalar, "a", FakeGetEnv).status().message(),
              HasSubstr("excludes must be a list of KIND:PATTERN"));
}

}  // namespace
}  // namespace schemac::cli
