#include "dialects/mysql/connection_url.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace schemac::dialects::mysql {
namespace {

TEST(MysqlUrlTest, ParsesEveryPart) {
  auto url = ParseMysqlUrl(
      "mysql://app:s3cret@db.example.com:3307/shop?ssl-mode=REQUIRED&connect_timeout=5&charset=utf8mb4");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->scheme, "mysql");
  EXPECT_EQ(url->user, "app");
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_TRUE(url->has_password);
  EXPECT_EQ(url->host, "db.example.com");
  EXPECT_EQ(url->port, 3307u);
  EXPECT_EQ(url->database, "shop");
  EXPECT_EQ(url->ssl_mode, SslMode::kRequired);
  EXPECT_EQ(url->connect_timeout_s, 5u);
  EXPECT_EQ(url->charset, "utf8mb4");
}

TEST(MysqlUrlTest, DefaultsWhenPartsAreMissing) {
  auto url = ParseMysqlUrl("mariadb://localhost/app");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->scheme, "mariadb");
  EXPECT_EQ(url->user, "root");
  EXPECT_FALSE(url->has_password);
  EXPECT_EQ(url->port, 3306u);
  EXPECT_EQ(url->ssl_mode, SslMode::kPreferred);
}

TEST(MysqlUrlTest, DecodesPercentEscapesAndKeepsSpecialCharactersInPassword) {
  auto url = ParseMysqlUrl("mysql://us%40er:p%40ss:w/rd@127.0.0.1:3306/my%20db");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->user, "us@er");
  EXPECT_EQ(url->password, "p@ss:w/rd");
  EXPECT_EQ(url->database, "my db");
}

TEST(MysqlUrlTest, ParsesBracketedIpv6Host) {
  auto url = ParseMysqlUrl("mysql://root@[::1]:3310/db");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 3310u);
}

TEST(MysqlUrlTest, RejectsMalformedUrlsWithoutLeakingThePassword) {
  const char* bad[] = {
      "postgres://u:topsecret@h/db",
      "mysql://u:topsecret@h:notaport/db",
      "mysql://u:topsecret@h:70000/db",
      "mysql://u:topsecret@h/db?bogus=1",
      "mysql://u:topsecret@h/db?ssl-mode=maybe",
      "mysql://u:topsecret@h/db?connect_timeout=0",
      "mysql://u:top%zzsecret@h/db",
      "u:topsecret@h/db",
      "mysql://u:topsecret@/db",
  };
  for (const char* text : bad) {
    auto url = ParseMysqlUrl(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(url.status().message().find("topsecret"), std::string::npos) << url.status().message();
  }
}

TEST(MysqlUrlTest, MasksThePassword) {
  auto masked = [](const std::string& text) { return DatabaseUrl::Parse(text, UrlShape::kServer)->Masked(); };
  EXPECT_EQ(masked("mysql://app:s3cret@db:3306/shop"), "mysql://app:***@db:3306/shop");
  EXPECT_EQ(masked("mysql://app:p@ss@db/shop?ssl-mode=REQUIRED"),
            "mysql://app:***@db/shop?ssl-mode=REQUIRED");
  EXPECT_EQ(masked("mysql://app@db/shop"), "mysql://app@db/shop");
  EXPECT_EQ(masked("mysql://db/shop"), "mysql://db/shop");
  // Without a scheme it may still be user:password@host: masking is the safe answer.
  EXPECT_EQ(DatabaseUrl::MaskText("garbage:with@signs"), "garbage:***@signs");
}

TEST(MysqlUrlTest, PasswordFallsBackToMysqlPwd) {
  auto url = ParseMysqlUrl("mysql://app@db/shop");
  ASSERT_TRUE(url.ok());
  ::setenv("MYSQL_PWD", "from-env", 1);
  EXPECT_EQ(ResolvePassword(*url), "from-env");
  auto explicit_url = ParseMysqlUrl("mysql://app:from-url@db/shop");
  ASSERT_TRUE(explicit_url.ok());
  EXPECT_EQ(ResolvePassword(*explicit_url), "from-url");
  ::unsetenv("MYSQL_PWD");
  EXPECT_EQ(ResolvePassword(*url), "");
}

}  // namespace
}  // namespace schemac::dialects::mysql
