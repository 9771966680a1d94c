// DatabaseUrl: one parse for every dialect, the masked display form, and scrubbing passwords out
// of driver messages, with adversarial passwords.
#include "dialects/database_url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialects/registry.hpp"

namespace schemac::dialects {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

DatabaseUrl Server(const std::string& text) {
  Result<DatabaseUrl> url = DatabaseUrl::Parse(text, UrlShape::kServer);
  EXPECT_TRUE(url.ok()) << text << ": " << url.status().message();
  return url.ok() ? *url : DatabaseUrl();
}

TEST(ScrubSecrets, EndsAndNeverLeavesThePasswordWhenItIsMadeOfTheMask) {
  for (const std::string password : {"*", "**", "***", "****", "#*", "*#?~^x"}) {
    const std::string message =
        "login as app:" + password + "@db failed: password " + password + " *** rejected";
    const std::string scrubbed = ScrubSecrets(message, {password});
    EXPECT_THAT(scrubbed, Not(HasSubstr(password))) << password << " -> " << scrubbed;
    EXPECT_THAT(scrubbed, HasSubstr("login as app:")) << password;
    EXPECT_THAT(scrubbed, HasSubstr("@db failed")) << password;
  }
}

TEST(ScrubSecrets, PasswordEqualToTheWholeMessage) {
  for (const std::string password : {"*", "***", "hunter2", "error: access denied"}) {
    const std::string scrubbed = ScrubSecrets(password, {password});
    EXPECT_THAT(scrubbed, Not(HasSubstr(password))) << password;
    EXPECT_FALSE(scrubbed.empty()) << "the mask shows that something was there";
  }
}

TEST(ScrubSecrets, MaskCannotCompleteAPasswordWithItsNeighbours) {
  // "x*" around a "***" mask would read "x***": the mask is chosen so that this cannot happen.
  EXPECT_THAT(ScrubSecrets("xx*", {"x*"}), Not(HasSubstr("x*")));
  EXPECT_THAT(ScrubSecrets("a*b*", {"*b", "a*"}), Not(HasSubstr("*b")));
  // Every candidate mask character in the password: removed without a trace, repeatedly.
  const std::string all = "*#?~^x";
  EXPECT_THAT(ScrubSecrets("*#?" + all + "~^x", {all}), Not(HasSubstr(all)));
  EXPECT_EQ(ScrubSecrets("nothing here", {}), "nothing here");
  EXPECT_EQ(ScrubSecrets("nothing here", {""}), "nothing here");
  EXPECT_EQ(ScrubSecrets("pw hunter2 and hunter2", {"hunter2"}), "pw *** and ***");
}

TEST(DatabaseUrl, ParsesEveryPartOfAServerUrl) {
  DatabaseUrl url =
      Server("postgres://app%40corp:s%3Acr%40t@db.example.com:6543/my%20db?sslmode=require&a=b+c");
  EXPECT_EQ(url.scheme(), "postgres");
  EXPECT_EQ(url.user(), "app@corp");
  EXPECT_EQ(url.password(), "s:cr@t");
  EXPECT_TRUE(url.has_password());
  EXPECT_EQ(url.host(), "db.example.com");
  EXPECT_EQ(url.port(), 6543u);
  EXPECT_EQ(url.database(), "my db");
  ASSERT_EQ(url.options().size(), 2u);
  EXPECT_EQ(url.options()[0].key, "sslmode");
  EXPECT_EQ(url.options()[1].value, "b c");
  EXPECT_EQ(url.Masked(), "postgres://app%40corp:***@db.example.com:6543/my%20db?sslmode=require&a=b+c");
}

TEST(DatabaseUrl, PasswordsWithAtColonSlashAndPercentEscapes) {
  struct Case {
    std::string text, password;
  };
  for (const Case& c :
       {Case{"mysql://root:p%40ss@127.0.0.1:3306/app", "p@ss"},
        Case{"mysql://root:p@ss@127.0.0.1:3306/app", "p@ss"}, Case{"mysql://root:p:ss@127.0.0.1/app", "p:ss"},
        Case{"mysql://root:p/ss@127.0.0.1/app", "p/ss"},
        Case{"postgres://u:a@b:c/d@[::1]:5432/app", "a@b:c/d"}}) {
    DatabaseUrl url = Server(c.text);
    EXPECT_EQ(url.password(), c.password) << c.text;
    EXPECT_EQ(url.database(), "app") << c.text;
    EXPECT_THAT(url.Masked(), Not(HasSubstr(c.password))) << url.Masked();
    EXPECT_THAT(url.Masked(), HasSubstr(":***@")) << url.Masked();
    // A driver may quote the password decoded or as written in the URL: both go.
    const std::string message = "failed for " + c.text + " with password " + c.password;
    EXPECT_THAT(url.Scrub(message), Not(HasSubstr(c.password))) << url.Scrub(message);
  }
  DatabaseUrl encoded = Server("mysql://root:p%40ss@h/app");
  EXPECT_THAT(encoded.Scrub("raw p%40ss"), Not(HasSubstr("p%40ss")));
}

TEST(DatabaseUrl, PasswordInTheQueryStringIsMaskedToo) {
  DatabaseUrl url = Server("postgres://h/d?password=secret&sslmode=off");
  EXPECT_EQ(url.password(), "secret");
  EXPECT_EQ(url.Masked(), "postgres://h/d?password=***&sslmode=off");
  ASSERT_EQ(url.options().size(), 1u);
  EXPECT_EQ(url.options()[0].key, "sslmode");
}

TEST(DatabaseUrl, MaskAvoidsThePasswordsOwnCharacters) {
  DatabaseUrl url = Server("mysql://root:*@127.0.0.1/app");
  EXPECT_EQ(url.password(), "*");
  EXPECT_THAT(url.Masked(), Not(HasSubstr("*")));
  EXPECT_THAT(url.Scrub("Access denied for 'root' using password '*'"), Not(HasSubstr("*")));
  url.AddSecret("from-env");
  EXPECT_THAT(url.Scrub("password from-env rejected"), Not(HasSubstr("from-env")));
}

TEST(DatabaseUrl, FileUrls) {
  Result<DatabaseUrl> absolute = DatabaseUrl::Parse("sqlite:///var/data/a%20b.db?mode=ro", UrlShape::kFile);
  ASSERT_TRUE(absolute.ok()) << absolute.status().message();
  EXPECT_EQ(absolute->path(), "/var/data/a b.db");
  EXPECT_EQ(absolute->options()[0].value, "ro");
  Result<DatabaseUrl> relative = DatabaseUrl::Parse("sqlite://build/shop.db", UrlShape::kFile);
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->path(), "build/shop.db");
  EXPECT_EQ(relative->host(), "");
  Result<DatabaseUrl> memory = DatabaseUrl::Parse("sqlite::memory:", UrlShape::kFile);
  ASSERT_TRUE(memory.ok());
  EXPECT_TRUE(memory->in_memory());
}

TEST(DatabaseUrl, HostileUrlsGiveClearErrorsWithoutThePassword) {
  struct Case {
    std::string text, why;
  };
  for (const Case& c : {
           Case{"postgres://u:topsecret@/db", "no host"},
           Case{"mysql://u:topsecret@:3306/db", "no host"},
           Case{"mysql://u:topsecret@h:notaport/db", "port"},
           Case{"mysql://u:topsecret@h:0/db", "port"},
           Case{"mysql://u:topsecret@h:70000/db", "port"},
           Case{"mysql://u:topsecret@h:/db", "port"},
           Case{"postgres://u:topsecret@[::1/db", "unterminated"},
           Case{"postgres:u:topsecret@h/db", "expected postgres://"},
           Case{"mysql://u:top%zzsecret@h/db", "%-escape"},
           Case{"mysql://u:topsecret@h/db?ssl-mode", "no value"},
           Case{"u:topsecret@h/db", "expected u://"},
           Case{"@h/db", "no scheme"},
       }) {
    Result<DatabaseUrl> url = DatabaseUrl::Parse(c.text, UrlShape::kServer);
    ASSERT_FALSE(url.ok()) << c.text;
    EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(url.status().message(), HasSubstr(c.why)) << c.text;
    EXPECT_THAT(url.status().message(), Not(HasSubstr("topsecret"))) << url.status().message();
    EXPECT_THAT(url.status().message(), Not(HasSubstr("top%zzsecret"))) << url.status().message();
  }
}

TEST(DatabaseUrl, UnknownSchemesNameTheKnownOnes) {
  Result<DatabaseUrl> url = ParseDatabaseUrl("oracle://scott:tiger@host/db");
  ASSERT_FALSE(url.ok());
  EXPECT_THAT(url.status().message(), HasSubstr("oracle"));
  EXPECT_THAT(url.status().message(), HasSubstr("postgres://"));
  EXPECT_THAT(url.status().message(), Not(HasSubstr("tiger")));
}

TEST(DatabaseUrl, MaskTextHandlesTextThatDoesNotParse) {
  EXPECT_EQ(DatabaseUrl::MaskText("mysql://app:s3cret@db:3306/shop"), "mysql://app:***@db:3306/shop");
  EXPECT_EQ(DatabaseUrl::MaskText("mysql://app:p@ss@db/shop?ssl-mode=REQUIRED"),
            "mysql://app:***@db/shop?ssl-mode=REQUIRED");
  EXPECT_EQ(DatabaseUrl::MaskText("mysql://app@db/shop"), "mysql://app@db/shop");
  EXPECT_EQ(DatabaseUrl::MaskText("postgres://h/d?password=secret&x=1"), "postgres://h/d?password=***&x=1");
  // Without a scheme it may still be user:password@host: masking is the safe answer.
  EXPECT_EQ(DatabaseUrl::MaskText("garbage:with@signs"), "garbage:***@signs");
  // A '?' in an unescaped password does not reveal the rest of it.
  EXPECT_THAT(DatabaseUrl::MaskText("mysql://u:pa?ss@h/db"), Not(HasSubstr("pa?ss")));
}

TEST(DatabaseUrl, SchemeOf) {
  EXPECT_EQ(DatabaseUrl::SchemeOf("postgres://h/d"), "postgres");
  EXPECT_EQ(DatabaseUrl::SchemeOf("sqlite::memory:"), "sqlite");
  EXPECT_EQ(DatabaseUrl::SchemeOf("examples/shop"), "");
  EXPECT_EQ(DatabaseUrl::SchemeOf("a dir/with ://odd name"), "");
  EXPECT_EQ(DatabaseUrl::SchemeOf(":memory:"), "");
}

}  // namespace
}  // namespace schemac::dialects
