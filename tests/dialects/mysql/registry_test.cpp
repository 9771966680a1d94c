#include "dialects/registry.hpp"

#include <gtest/gtest.h>

#include "test_database.hpp"

namespace schemac::dialects {
namespace {

TEST(MysqlRegistryTest, FindsBothFlavoursByName) {
  const Dialect* mysql = FindDialect("mysql");
  const Dialect* mariadb = FindDialect("mariadb");
  ASSERT_NE(mysql, nullptr);
  ASSERT_NE(mariadb, nullptr);
  EXPECT_EQ(mysql->Name(), "mysql");
  EXPECT_EQ(mariadb->Name(), "mysql") << "natives and options are keyed \"mysql\" for both";
  EXPECT_TRUE(IsDatabaseUrl("mysql://root@127.0.0.1/db"));
  EXPECT_TRUE(IsDatabaseUrl("mariadb://root@127.0.0.1/db"));
}

TEST(MysqlRegistryTest, ConnectsThroughTheRegistry) {
  SCHEMAC_REQUIRE_MYSQL();
  mysql::testing::TestDatabase db;
  ASSERT_TRUE(db.ok()) << db.error();
  auto connection = Connect(db.url());
  ASSERT_TRUE(connection.ok()) << connection.status().message();
  EXPECT_EQ((*connection)->GetDialect().Name(), "mysql");
  auto schema = (*connection)->Inspect();
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(schema->TableCount(), 0u);
}

TEST(MysqlRegistryTest, ConnectErrorsNeverShowThePassword) {
  auto connection = Connect("mariadb://root:s3cr3t-pw@127.0.0.1:1/db?connect_timeout=1");
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(), StatusCode::kConnectionError);
  EXPECT_EQ(connection.status().message().find("s3cr3t-pw"), std::string::npos)
      << connection.status().message();
}

}  // namespace
}  // namespace schemac::dialects
