// Sources: classified once, the plan's dialect (the connection's own, on MariaDB too), and
// passwords scrubbed from what is printed.
#include "sources/sources.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "compiler/planner.hpp"
#include "compiler/render_plan.hpp"
#include "dialects/registry.hpp"
#include "migrator/apply.hpp"
#include "test_database.hpp"
#include "tests/support/database_url.hpp"

namespace schemac::sources {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Source Classified(const std::string& text) {
  Result<Source> source = ClassifySource(text);
  EXPECT_TRUE(source.ok()) << text << ": " << source.status().message();
  return source.ok() ? std::move(*source) : Source(SchemaPath{});
}

TEST(ScrubPasswords, MasksThePasswordOfEachUrlWherePrinted) {
  const std::string text = "postgres://deployer:hunter2@db.internal:5432/app?sslmode=require";
  const Source url = Classified(text);
  EXPECT_EQ(ScrubPasswords("could not connect to " + text + " (password hunter2 rejected)", {&url}),
            "could not connect to postgres://deployer:***@db.internal:5432/app?sslmode=require (password *** "
            "rejected)");
}

TEST(ScrubPasswords, LeavesUrlsWithoutPasswordsAlone) {
  const Source a = Classified("postgres://user@host/db"), b = Classified("sqlite://a.db"),
               c = Classified("examples/shop");
  EXPECT_EQ(ScrubPasswords("no user@host here", {&a, &b, &c}), "no user@host here");
}

TEST(ScrubPasswords, PasswordContainingAtSign) {
  const std::string text = "mysql://root:p@ss@127.0.0.1:3306/app";
  const Source url = Classified(text);
  EXPECT_THAT(ScrubPasswords(text, {&url}), Not(HasSubstr("p@ss")));
}

TEST(ClassifySource, SchemaPathsAndDatabaseUrlsAreToldApartOnce) {
  EXPECT_FALSE(IsDatabase(Classified("examples/shop")));
  EXPECT_FALSE(IsDatabase(Classified("a dir/with ://odd name")));
  EXPECT_FALSE(IsDatabase(Classified("shop.schema")));
  EXPECT_TRUE(IsDatabase(Classified("sqlite://a.db")));
  EXPECT_TRUE(IsDatabase(Classified("sqlite::memory:")));
  EXPECT_TRUE(IsDatabase(Classified("postgres://h/db")));
  EXPECT_TRUE(IsDatabase(Classified("mariadb://root@h/db")));
  EXPECT_EQ(DisplayName(Classified("mysql://root:pw@h/db")), "mysql://root:***@h/db");
  EXPECT_EQ(DisplayName(Classified("examples/shop")), "examples/shop");
}

TEST(ClassifySource, BadUrlsAreErrorsNotMissingFiles) {
  for (const std::string text : {"oracle://scott:tiger@db/x", "postgres://u:tiger@h:99999/db",
                                 "mysql://u:tiger@/db", "postgres:tiger@h/db"}) {
    Result<Source> source = ClassifySource(text);
    ASSERT_FALSE(source.ok()) << text;
    EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(source.status().message(), Not(HasSubstr("tiger"))) << source.status().message();
  }
  EXPECT_THAT(ClassifySource("oracle://db/x").status().message(), HasSubstr("oracle"));
}

TEST(Sources, ResolvePlanDialect) {
  SourceSchema file;
  file.display_name = "a.schema";
  EXPECT_FALSE(ResolvePlanDialect(file, file, "").ok());
  EXPECT_FALSE(ResolvePlanDialect(file, file, "oracle").ok());
  Result<const dialects::Dialect*> chosen = ResolvePlanDialect(file, file, "postgres");
  ASSERT_TRUE(chosen.ok()) << chosen.status().message();
  EXPECT_EQ((*chosen)->Name(), "postgres");

  SourceSchema database;
  database.display_name = "sqlite://a.db";
  database.dialect = dialects::FindDialect("sqlite");
  ASSERT_NE(database.dialect, nullptr);
  chosen = ResolvePlanDialect(database, file, "");
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ((*chosen)->Name(), "sqlite");
  Result<const dialects::Dialect*> clash = ResolvePlanDialect(database, file, "postgres");
  ASSERT_FALSE(clash.ok());
  EXPECT_THAT(clash.status().message(), HasSubstr("sqlite"));
}

TEST(Sources, LoadSourceReportsMissingFiles) {
  std::vector<dsl::Diagnostic> diagnostics;
  Result<SourceSchema> missing = LoadSource(Classified("no/such/file.schema"), diagnostics);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

// The schema language names no dialect: what it accepts comes from the vocabulary it is given.
TEST(Vocabulary, TheBinderAcceptsWhatTheVocabularyNames) {
  dsl::DialectVocabulary duck;
  duck.dialects.push_back({"duck", {"duckdb"}, {"memory_limit"}});
  const std::string text =
      "table t {\n  id int primary key\n  data native(duck: 'BLOB')\n  option duck.memory_limit = '1GB'\n}\n";
  dsl::LoadResult accepted = dsl::ParseSchemaText(text, "t.schema", duck);
  EXPECT_TRUE(accepted.ok()) << (accepted.diagnostics.empty() ? "" : accepted.diagnostics[0].message);
  dsl::LoadResult refused = dsl::ParseSchemaText(text, "t.schema", Vocabulary());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.diagnostics[0].message, HasSubstr("unknown dialect \"duck\""));
  dsl::LoadResult suggested =
      dsl::ParseSchemaText("table t {\n  id native(duckdb: 'INT') primary key\n}\n", "t.schema", duck);
  ASSERT_FALSE(suggested.ok());
  EXPECT_THAT(suggested.diagnostics[0].message, HasSubstr("(expected duck)"));
  EXPECT_THAT(suggested.diagnostics[0].message, HasSubstr("did you mean \"duck\""));
}

// The schema language's default vocabulary (for callers without the registry) and the
// registry's hold the same dialects, aliases and options: one list, checked, not two that drift.
TEST(Vocabulary, RegistryAndDefaultAgree) {
  auto sorted = [](dsl::DialectVocabulary vocabulary) {
    for (auto& entry : vocabulary.dialects) {
      std::sort(entry.aliases.begin(), entry.aliases.end());
      std::sort(entry.table_options.begin(), entry.table_options.end());
    }
    std::sort(vocabulary.dialects.begin(), vocabulary.dialects.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return vocabulary;
  };
  EXPECT_EQ(sorted(Vocabulary()), sorted(dsl::DefaultDialectVocabulary()));
  ASSERT_NE(Vocabulary().Find("mysql"), nullptr);
  EXPECT_EQ(Vocabulary().Suggest("mariadb"), "mysql");
  EXPECT_EQ(Vocabulary().Suggest("postgresql"), "postgres");
  EXPECT_EQ(Vocabulary().Find("mariadb"), nullptr);
}

// The acceptance test of issue 9: on a MariaDB server, `plan` plans with the server's own
// capability rows, as `apply` does. Widening a VARCHAR within its length-byte class is INSTANT on
// MariaDB 10.4+ but INPLACE on the MySQL 8.0 rows the name "mysql" stands for without a server,
// so a plan made with the default rows differs from apply's.
TEST(Sources, PlanOnMariaDbUsesTheServersCapabilitiesAsApplyDoes) {
  SCHEMAC_REQUIRE_MYSQL();
  dialects::mysql::testing::TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  auto version = db.connection().Query("SELECT VERSION()");
  ASSERT_TRUE(version.ok() && !version->empty() && (*version)[0][0]) << version.status().message();
  if (!dialects::mysql::ServerVersion::Parse(*(*version)[0][0]).IsMariaDb()) {
    GTEST_SKIP() << "the server is not MariaDB";
  }
  ASSERT_EQ(db.Run({"CREATE TABLE items (id int NOT NULL PRIMARY KEY, label varchar(20))"}), "");
  const std::string schema_path =
      (std::filesystem::temp_directory_path() / ("schemac_sources_" + db.name() + ".schema")).string();
  {
    std::ofstream schema(schema_path);
    schema << "table items {\n  id int primary key\n  label varchar(40)\n}\n";
  }

  std::vector<dsl::Diagnostic> diagnostics;
  const Source from = Classified(db.url());
  const Source to = Classified(schema_path);
  Result<Plan> planned = PlanSources(from, to, "", PlanPolicy{}, diagnostics);
  ASSERT_TRUE(planned.ok()) << planned.status().message();
  ASSERT_EQ(planned->steps.size(), 1u);
  EXPECT_EQ(planned->steps[0].strategy, "alter-instant");

  // With the default MySQL 8.0 rows the same change would be planned differently: the test can fail.
  {
    std::vector<dsl::Diagnostic> ignored;
    Result<SourceSchema> current = LoadSource(from, ignored);
    Result<SourceSchema> desired = LoadSource(to, ignored);
    ASSERT_TRUE(current.ok() && desired.ok());
    Result<Plan> default_rows =
        compiler::BuildPlan(current->schema, desired->schema, *dialects::FindDialect("mysql"), PlanPolicy{});
    ASSERT_TRUE(default_rows.ok()) << default_rows.status().message();
    ASSERT_EQ(default_rows->steps.size(), 1u);
    EXPECT_NE(default_rows->steps[0].strategy, planned->steps[0].strategy);
  }

  // apply --dry-run plans against the same connection kind: the same plan, step for step.
  Result<Source> target = ClassifySource(db.url());
  ASSERT_TRUE(target.ok());
  auto connection = OpenDatabase(std::get<dialects::DatabaseUrl>(*target), /*must_exist=*/true);
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  std::vector<dsl::Diagnostic> ignored;
  Result<SourceSchema> desired = LoadSource(to, ignored);
  ASSERT_TRUE(desired.ok());
  migrator::ApplyOptions options;
  options.dry_run = true;
  Result<migrator::ApplyReport> report = migrator::Apply(**connection, desired->schema, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // The dry run also ran the data checks and read the table sizes; the plan itself must not differ.
  Plan as_planned = report->plan;
  as_planned.data_checks = Plan::DataChecks::kNotRun;
  for (auto& step : as_planned.steps) {
    if (step.impact) step.impact = TableImpact{step.impact->table, step.impact->estimate_sql};
    for (auto& check : step.data_checks)
      check = DataCheck{check.kind,      check.hazard,     check.description,
                        check.count_sql, check.sample_sql, check.key_columns};
  }
  EXPECT_EQ(report->plan.data_checks, Plan::DataChecks::kRun);
  EXPECT_EQ(compiler::RenderPlan(*planned, compiler::PlanFormat::kJson, false),
            compiler::RenderPlan(as_planned, compiler::PlanFormat::kJson, false));
  std::filesystem::remove(schema_path);
}

// `plan` against PostgreSQL compares a view as the server spells it, as `apply` does: a query
// written in the schema one way and kept by the server another plans nothing.
TEST(Sources, PlanAgainstPostgresComparesViewsAsTheServerSpellsThem) {
  const char* server = std::getenv("SCHEMAC_TEST_PG_URL");
  if (server == nullptr || *server == '\0') GTEST_SKIP() << "SCHEMAC_TEST_PG_URL is not set";
  const std::string name = "schemac_sources_spelling_" + std::to_string(getpid());
  auto admin = dialects::Connect(test_support::UrlWithDatabase(server, "postgres"));
  ASSERT_TRUE(admin.ok()) << admin.status().message();
  ASSERT_TRUE((*admin)->Execute("DROP DATABASE IF EXISTS " + name).ok());
  ASSERT_TRUE((*admin)->Execute("CREATE DATABASE " + name).ok());
  const std::string url = test_support::UrlWithDatabase(server, name);
  {
    auto db = dialects::Connect(url);
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE((*db)->Execute("CREATE TABLE users (id bigint PRIMARY KEY, active boolean NOT NULL)").ok());
    ASSERT_TRUE((*db)->Execute("CREATE VIEW active_users AS SELECT id FROM users WHERE active").ok());
  }
  const std::string schema_path = (std::filesystem::temp_directory_path() / (name + ".schema")).string();
  std::ofstream(schema_path) << "table users {\n  id bigint primary key\n  active boolean not null\n}\n"
                                "view active_users as $$ select id   from users where active $$\n";
  std::vector<dsl::Diagnostic> diagnostics;
  Result<Plan> planned = PlanSources(Classified(url), Classified(schema_path), "", PlanPolicy{}, diagnostics);
  // The reverse direction spells the file side too.
  Result<Plan> reverse = PlanSources(Classified(schema_path), Classified(url), "", PlanPolicy{}, diagnostics);
  (void)(*admin)->Execute("DROP DATABASE IF EXISTS " + name);
  std::filesystem::remove(schema_path);
  ASSERT_TRUE(planned.ok()) << planned.status().message();
  EXPECT_TRUE(planned->Empty()) << compiler::RenderPlan(*planned, compiler::PlanFormat::kText, false);
  ASSERT_TRUE(reverse.ok()) << reverse.status().message();
  EXPECT_TRUE(reverse->Empty()) << compiler::RenderPlan(*reverse, compiler::PlanFormat::kText, false);
}

}  // namespace
}  // namespace schemac::sources
