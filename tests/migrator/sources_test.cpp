// Sources: which side is a database, the plan's dialect, and password redaction.
#include "migrator/sources.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialects/registry.hpp"

namespace schemac::migrator {
namespace {

using ::testing::HasSubstr;

TEST(RedactPasswords, MasksThePasswordOfEachUrlWherePrinted) {
  const std::string url = "postgres://deployer:hunter2@db.internal:5432/app?sslmode=require";
  EXPECT_EQ(RedactPasswords("could not connect to " + url + " (password hunter2 rejected)", {url}),
            "could not connect to postgres://deployer:***@db.internal:5432/app?sslmode=require (password *** "
            "rejected)");
}

TEST(RedactPasswords, LeavesUrlsWithoutPasswordsAlone) {
  EXPECT_EQ(
      RedactPasswords("no user@host here", {"postgres://user@host/db", "sqlite://a.db", "examples/shop"}),
      "no user@host here");
}

TEST(RedactPasswords, PasswordContainingAtSign) {
  const std::string url = "mysql://root:p@ss@127.0.0.1:3306/app";
  EXPECT_THAT(RedactPasswords(url, {url}), ::testing::Not(HasSubstr("p@ss")));
}

TEST(Sources, UrlSchemesAndDialectNeed) {
  EXPECT_TRUE(HasUrlScheme("ftp://example.com/x"));
  EXPECT_FALSE(HasUrlScheme("examples/shop"));
  EXPECT_FALSE(HasUrlScheme("a dir/with ://odd name"));
  EXPECT_TRUE(NeedsExplicitDialect("a.schema", "b.schema"));
  EXPECT_FALSE(NeedsExplicitDialect("sqlite://a.db", "b.schema"));
  EXPECT_FALSE(NeedsExplicitDialect("a.schema", "postgres://h/db"));
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

TEST(Sources, LoadSourceReportsMissingFilesAndUnknownSchemes) {
  std::vector<dsl::Diagnostic> diagnostics;
  Result<SourceSchema> missing = LoadSource("no/such/file.schema", diagnostics);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  Result<SourceSchema> scheme = LoadSource("oracle://db/x", diagnostics);
  ASSERT_FALSE(scheme.ok());
  EXPECT_THAT(scheme.status().message(), HasSubstr("oracle"));
}

}  // namespace
}  // namespace schemac::migrator
