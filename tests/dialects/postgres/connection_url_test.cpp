#include "dialects/postgres/connection_url.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace schemac::dialects::postgres {
namespace {

TEST(PostgresUrlTest, ParsesEveryPart) {
  auto url = ParsePostgresUrl(
      "postgres://app%40corp:s%3Acr%40t@db.example.com:6543/my%20db?sslmode=require&search_path=app,public"
      "&connect_timeout=5&application_name=deploy&schemas=billing,audit");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->user, "app@corp");
  EXPECT_EQ(url->password, "s:cr@t");
  EXPECT_TRUE(url->has_password);
  EXPECT_EQ(url->host, "db.example.com");
  EXPECT_EQ(url->port, "6543");
  EXPECT_EQ(url->database, "my db");
  EXPECT_EQ(url->search_path, "app,public");
  EXPECT_EQ(url->libpq_options.at("sslmode"), "require");
  EXPECT_EQ(url->libpq_options.at("connect_timeout"), "5");
  EXPECT_EQ(url->libpq_options.at("application_name"), "deploy");
  EXPECT_EQ(url->schemas, (std::vector<std::string>{"billing", "audit"}));
}

TEST(PostgresUrlTest, AcceptsBothSchemesAndIpv6) {
  auto url = ParsePostgresUrl("postgresql://u@[::1]:5432/db");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "5432");
  EXPECT_FALSE(url->has_password);
}

TEST(PostgresUrlTest, ConninfoQuotesValuesAndTranslatesSearchPath) {
  auto url = ParsePostgresUrl("postgres://u:it's@h:1/d?search_path=my schema");
  ASSERT_TRUE(url.ok());
  std::string conninfo = ToConninfo(*url);
  EXPECT_NE(conninfo.find("password='it\\'s'"), std::string::npos) << conninfo;
  EXPECT_NE(conninfo.find("options='-csearch_path=my\\\\ schema'"), std::string::npos) << conninfo;
  EXPECT_NE(conninfo.find("dbname='d'"), std::string::npos) << conninfo;
}

TEST(PostgresUrlTest, ConninfoNamesThisProcessUnlessTheUrlSetsAnApplicationName) {
  auto url = ParsePostgresUrl("postgres://u@h/d");
  ASSERT_TRUE(url.ok());
  const std::string conninfo = ToConninfo(*url);
  EXPECT_NE(conninfo.find("application_name='schemac@"), std::string::npos) << conninfo;
  EXPECT_NE(conninfo.find(":" + std::to_string(getpid()) + "'"), std::string::npos) << conninfo;

  auto named = ParsePostgresUrl("postgres://u@h/d?application_name=deploy");
  ASSERT_TRUE(named.ok());
  EXPECT_NE(ToConninfo(*named).find("application_name='deploy'"), std::string::npos);
  EXPECT_EQ(ToConninfo(*named).find("schemac@"), std::string::npos);
}

TEST(PostgresUrlTest, MigrationLockModeAndLeaseLengthAreCheckedNotIgnored) {
  auto advisory = ParsePostgresUrl("postgres://u@h/d");
  ASSERT_TRUE(advisory.ok());
  EXPECT_FALSE(advisory->lease_lock);
  auto lease = ParsePostgresUrl("postgres://u@h/d?migration_lock=lease&lease_seconds=7");
  ASSERT_TRUE(lease.ok()) << lease.status().message();
  EXPECT_TRUE(lease->lease_lock);
  EXPECT_EQ(lease->lease_seconds, 7);
  // Neither reaches libpq, which would refuse them as unknown keywords.
  EXPECT_EQ(ToConninfo(*lease).find("migration_lock"), std::string::npos);
  EXPECT_EQ(ToConninfo(*lease).find("lease_seconds"), std::string::npos);

  for (const char* bad :
       {"postgres://u:hunter2@h/d?migration_lock=session", "postgres://u:hunter2@h/d?lease_seconds=1",
        "postgres://u:hunter2@h/d?lease_seconds=5s", "postgres://u:hunter2@h/d?lease_seconds=99999"}) {
    auto parsed = ParsePostgresUrl(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(parsed.status().message().find("hunter2"), std::string::npos) << parsed.status().message();
  }
}

TEST(PostgresUrlTest, RejectsUnknownOptionsWithoutShowingThePassword) {
  auto url = ParsePostgresUrl("postgres://u:hunter2@h/d?sslmod=require");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(url.status().message().find("sslmod"), std::string::npos);
  EXPECT_EQ(url.status().message().find("hunter2"), std::string::npos) << url.status().message();
}

TEST(PostgresUrlTest, RejectsBadPortsAndSchemes) {
  EXPECT_FALSE(ParsePostgresUrl("postgres://h:notaport/d").ok());
  EXPECT_FALSE(ParsePostgresUrl("postgres://h:70000/d").ok());
  EXPECT_FALSE(ParsePostgresUrl("mysql://h/d").ok());
  EXPECT_FALSE(ParsePostgresUrl("postgres://u:%zz@h/d").ok());
}

TEST(PostgresUrlTest, MasksPasswords) {
  auto masked = [](const std::string& text) { return DatabaseUrl::Parse(text, UrlShape::kServer)->Masked(); };
  EXPECT_EQ(masked("postgres://u:secret@h:5/d?sslmode=off"), "postgres://u:***@h:5/d?sslmode=off");
  EXPECT_EQ(masked("postgres://u@h/d"), "postgres://u@h/d");
  EXPECT_EQ(masked("postgresql://u:p@ss@h/d"), "postgresql://u:***@h/d");
  EXPECT_EQ(masked("postgres://h/d?password=secret&sslmode=off"), "postgres://h/d?password=***&sslmode=off");
}

TEST(PostgresUrlTest, ScrubsSecrets) {
  auto url = DatabaseUrl::Parse("postgres://u:hunter2@h/d", UrlShape::kServer);
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->Scrub("bad pw hunter2 for hunter2"), "bad pw *** for ***");
  auto without = DatabaseUrl::Parse("postgres://u@h/d", UrlShape::kServer);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without->Scrub("nothing"), "nothing");
}

TEST(PostgresUrlTest, QueryOptionsOverrideTheUrlsParts) {
  auto url = ParsePostgresUrl("postgres://u@h:1/d?user=v&host=k&port=2&dbname=e&password=pw");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->user, "v");
  EXPECT_EQ(url->host, "k");
  EXPECT_EQ(url->port, "2");
  EXPECT_EQ(url->database, "e");
  EXPECT_EQ(url->password, "pw");
}

}  // namespace
}  // namespace schemac::dialects::postgres
