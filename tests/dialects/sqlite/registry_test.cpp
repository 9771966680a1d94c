#include "dialects/registry.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects {
namespace {

TEST(Registry, FindsSqliteByName) {
  const Dialect* dialect = FindDialect("sqlite");
  ASSERT_NE(dialect, nullptr);
  EXPECT_EQ(dialect->Name(), "sqlite");
  EXPECT_EQ(FindDialect("oracle"), nullptr);
  auto names = DialectNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "sqlite"), names.end());
}

TEST(Registry, RecognizesDatabaseUrls) {
  EXPECT_TRUE(IsDatabaseUrl("sqlite::memory:"));
  EXPECT_TRUE(IsDatabaseUrl("sqlite:///tmp/x.db"));
  EXPECT_FALSE(IsDatabaseUrl("examples/shop"));
  EXPECT_FALSE(IsDatabaseUrl("shop.schema"));
}

TEST(Registry, ConnectsToSqliteAndRejectsUnknownSchemes) {
  auto memory = Connect("sqlite::memory:");
  ASSERT_TRUE(memory.ok()) << memory.status().message();
  EXPECT_EQ((*memory)->GetDialect().Name(), "sqlite");

  auto unknown = Connect("oracle://scott:tiger@host/db");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message().find("tiger"), std::string::npos) << "password printed";
}

TEST(Registry, ConnectDoesNotCreateMissingSqliteFilesUnlessAsked) {
  const std::string path = ::testing::TempDir() + "schemac_registry_missing.db";
  std::remove(path.c_str());
  auto missing = Connect("sqlite://" + path);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto created = Connect("sqlite://" + path, ConnectOptions{true});
  EXPECT_TRUE(created.ok()) << created.status().message();
  std::remove(path.c_str());
}

}  // namespace
}  // namespace schemac::dialects
