// The catalog reader on the real databases: two databases built from the same DDL read equal,
// and one clause of difference (the clauses schemac's model has been seen to drop) reads
// different, with the clause in the diff.
#include "tests/support/catalog_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/golden/scratch_database.hpp"

namespace schemac::test_support {
namespace {

using ::testing::HasSubstr;

TEST(DiffCatalogsTest, EqualSnapshotsGiveNothing) {
  CatalogSnapshot a{{"table t column a: type=int", "table t: x"}};
  CatalogSnapshot b{{"table t: x", "table t column a: type=int"}};
  EXPECT_EQ(DiffCatalogs(a, b), "");
}

TEST(DiffCatalogsTest, ShowsEachSideInLineOrder) {
  CatalogSnapshot expected{{"a", "b: 1", "c"}};
  CatalogSnapshot actual{{"a", "b: 2", "d"}};
  EXPECT_EQ(DiffCatalogs(expected, actual), "- b: 1\n+ b: 2\n- c\n+ d\n");
}

TEST(DiffCatalogsTest, CountsRepeatedLines) {
  EXPECT_NE(DiffCatalogs(CatalogSnapshot{{"a", "a"}}, CatalogSnapshot{{"a"}}), "");
}

TEST(CatalogTextTest, CollapsesWhitespaceOutsideQuotes) {
  EXPECT_EQ(catalog_text::CollapseWhitespace("  SELECT  a,\n\tb  FROM 't  x'  "), "SELECT a, b FROM 't  x'");
}

// A scratch database of `dialect` built from `statements`, or nullptr when the server is not
// configured (the test then skips).
struct Built {
  std::unique_ptr<golden::ScratchDatabase> scratch;
  std::unique_ptr<dialects::Connection> connection;
};

Built Build(const std::string& dialect, const std::vector<std::string>& statements, std::string* skip) {
  Built built;
  auto scratch = golden::ScratchDatabase::Create(dialect, skip);
  EXPECT_TRUE(scratch.ok()) << scratch.status().message();
  if (!scratch.ok() || !*scratch) return built;
  built.scratch = std::move(scratch.value());
  auto connection = built.scratch->Connect();
  EXPECT_TRUE(connection.ok()) << connection.status().message();
  if (!connection.ok()) return Built{};
  built.connection = std::move(connection.value());
  for (const auto& statement : statements) {
    Status run = built.connection->Execute(statement);
    EXPECT_TRUE(run.ok()) << statement << ": " << run.message();
  }
  return built;
}

// The diff between databases built from `expected_sql` and `actual_sql`, or nullopt when skipped.
std::optional<std::string> DiffOf(const std::string& dialect, const std::vector<std::string>& expected_sql,
                                  const std::vector<std::string>& actual_sql,
                                  CatalogSnapshot* expected_out = nullptr) {
  std::string skip;
  Built expected = Build(dialect, expected_sql, &skip);
  if (!expected.connection) return std::nullopt;
  Built actual = Build(dialect, actual_sql, &skip);
  if (!actual.connection) return std::nullopt;
  auto want = ReadCatalog(*expected.connection);
  auto got = ReadCatalog(*actual.connection);
  EXPECT_TRUE(want.ok()) << want.status().message();
  EXPECT_TRUE(got.ok()) << got.status().message();
  if (!want.ok() || !got.ok()) return std::string("<unreadable>");
  if (expected_out) *expected_out = *want;
  return DiffCatalogs(*want, *got);
}

#define SKIP_WITHOUT_SERVER(diff, dialect)                                             \
  if (!(diff)) {                                                                       \
    if (::testing::Test::HasFailure()) return;                                         \
    GTEST_SKIP() << golden::ServerUrlVariable(dialect) << " is not set: " << (dialect) \
                 << " catalog test skipped";                                           \
  }

// ---- SQLite ----

TEST(SqliteCatalogTest, SameDdlReadsEqualAndNonEmpty) {
  const std::vector<std::string> ddl = {
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INT CHECK (age > 0))",
      "CREATE INDEX users_age ON users (age DESC) WHERE age IS NOT NULL",
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE)",
      "CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18", "CREATE TABLE schemac_history (id INT)"};
  CatalogSnapshot snapshot;
  auto diff = DiffOf("sqlite", ddl, ddl, &snapshot);
  ASSERT_TRUE(diff);
  EXPECT_EQ(*diff, "");
  const std::string all = DiffCatalogs(CatalogSnapshot{}, snapshot);
  EXPECT_THAT(all, HasSubstr("table users column email: type='TEXT' notnull=1"));
  EXPECT_THAT(all,
              HasSubstr("table users index users_age: unique=0 origin=c partial=1 keys=[age desc BINARY]"));
  EXPECT_THAT(
      all, HasSubstr("table posts foreign key (user_id) -> users(id) on_update=NO ACTION on_delete=CASCADE"));
  EXPECT_THAT(all, HasSubstr("view adults on adults sql: create view adults as select"));
  EXPECT_THAT(all, ::testing::Not(HasSubstr("schemac_history")));
}

TEST(SqliteCatalogTest, SpellingCaseAndColumnOrderDoNotCount) {
  auto diff =
      DiffOf("sqlite", {"CREATE TABLE t (a INT NOT NULL DEFAULT 1, b TEXT COLLATE NOCASE)"},
             {"create table \"t\" (\n  [b]   TEXT collate nocase,\n  \"a\" INT not null default 1 -- x\n)"});
  SKIP_WITHOUT_SERVER(diff, "sqlite");
  EXPECT_EQ(*diff, "");
}

TEST(SqliteCatalogTest, AColumnCheckIsATableCheck) {
  auto diff = DiffOf("sqlite", {"CREATE TABLE t (a INT CONSTRAINT pos CHECK (a > 0), b INT)"},
                     {"CREATE TABLE t (a INT, b INT, CONSTRAINT pos CHECK (a > 0))"});
  SKIP_WITHOUT_SERVER(diff, "sqlite");
  EXPECT_EQ(*diff, "");
  auto renamed = DiffOf("sqlite", {"CREATE TABLE t (a INT CONSTRAINT pos CHECK (a > 0))"},
                        {"CREATE TABLE t (a INT CONSTRAINT positive CHECK (a > 0))"});
  EXPECT_THAT(renamed.value_or(""), HasSubstr("+ table t constraint: constraint positive check(a > 0)"));
}

TEST(SqliteCatalogTest, AutoincrementCounts) {
  auto diff = DiffOf("sqlite", {"CREATE TABLE t (id INTEGER PRIMARY KEY)"},
                     {"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)"});
  SKIP_WITHOUT_SERVER(diff, "sqlite");
  EXPECT_THAT(*diff, HasSubstr("+ table t column id definition: id integer primary key autoincrement"));
}

TEST(SqliteCatalogTest, CheckCollateAndWithoutRowidCount) {
  EXPECT_THAT(
      DiffOf("sqlite", {"CREATE TABLE t (a INT)"}, {"CREATE TABLE t (a INT, CHECK (a > 0))"}).value_or(""),
      HasSubstr("+ table t constraint: check(a > 0)"));
  EXPECT_THAT(
      DiffOf("sqlite", {"CREATE TABLE t (a TEXT)"}, {"CREATE TABLE t (a TEXT COLLATE NOCASE)"}).value_or(""),
      HasSubstr("collate nocase"));
  EXPECT_THAT(DiffOf("sqlite", {"CREATE TABLE t (a INT PRIMARY KEY)"},
                     {"CREATE TABLE t (a INT PRIMARY KEY) WITHOUT ROWID"})
                  .value_or(""),
              HasSubstr("+ table t: options='without rowid'"));
}

// ---- PostgreSQL ----

TEST(PostgresCatalogTest, SameDdlReadsEqualAndNonEmpty) {
  const std::vector<std::string> ddl = {
      "CREATE SCHEMA app",
      "CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy')",
      "CREATE TABLE app.users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(200) NOT "
      "NULL, "
      "m app.mood DEFAULT 'ok', CONSTRAINT email_uq UNIQUE (email) DEFERRABLE INITIALLY DEFERRED)",
      "CREATE INDEX users_m ON app.users (m) WITH (fillfactor = 70)",
      "COMMENT ON INDEX app.users_m IS 'by mood'",
      "CREATE VIEW app.happy AS SELECT id FROM app.users WHERE m = 'happy'",
      "CREATE TABLE schemac_history (id int PRIMARY KEY)"};
  CatalogSnapshot snapshot;
  auto diff = DiffOf("postgres", ddl, ddl, &snapshot);
  SKIP_WITHOUT_SERVER(diff, "postgres");
  EXPECT_EQ(*diff, "");
  const std::string all = DiffCatalogs(CatalogSnapshot{}, snapshot);
  EXPECT_THAT(all, HasSubstr("enum app.mood: values=['sad','ok','happy']"));
  EXPECT_THAT(all, HasSubstr("column app.users.email: type=character varying(200) notnull=t"));
  EXPECT_THAT(all, HasSubstr("column app.users.id: type=bigint notnull=t identity='a'"));
  EXPECT_THAT(all, HasSubstr("comment index app.users_m: 'by mood'"));
  EXPECT_THAT(all, HasSubstr("sequence app.users_id_seq: type=bigint"));
  EXPECT_THAT(all, ::testing::Not(HasSubstr("schemac_history")));
}

TEST(PostgresCatalogTest, DeferrableUniqueCounts) {
  auto diff =
      DiffOf("postgres", {"CREATE TABLE t (id int, u int, CONSTRAINT uq UNIQUE (u))"},
             {"CREATE TABLE t (id int, u int, CONSTRAINT uq UNIQUE (u) DEFERRABLE INITIALLY DEFERRED)"});
  SKIP_WITHOUT_SERVER(diff, "postgres");
  EXPECT_THAT(*diff, HasSubstr("+ constraint public.t.uq: type=u UNIQUE (u) DEFERRABLE INITIALLY DEFERRED"));
}

TEST(PostgresCatalogTest, IndexFillfactorAndEnumOrderCount) {
  auto fillfactor = DiffOf("postgres", {"CREATE TABLE t (a int)", "CREATE INDEX i ON t (a)"},
                           {"CREATE TABLE t (a int)", "CREATE INDEX i ON t (a) WITH (fillfactor = 70)"});
  SKIP_WITHOUT_SERVER(fillfactor, "postgres");
  EXPECT_THAT(*fillfactor, HasSubstr("fillfactor='70'"));
  auto order = DiffOf("postgres", {"CREATE TYPE e AS ENUM ('a', 'b')"}, {"CREATE TYPE e AS ENUM ('b', 'a')"});
  EXPECT_THAT(order.value_or(""), HasSubstr("+ enum public.e: values=['b','a']"));
  auto no_inherit = DiffOf("postgres", {"CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0))"},
                           {"CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0) NO INHERIT)"});
  EXPECT_THAT(no_inherit.value_or(""), HasSubstr("NO INHERIT"));
}

TEST(PostgresCatalogTest, SerialIsNotIdentityAndColumnOrderDoesNotCount) {
  auto serial = DiffOf("postgres", {"CREATE TABLE t (id serial)"},
                       {"CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY)"});
  SKIP_WITHOUT_SERVER(serial, "postgres");
  EXPECT_THAT(*serial, HasSubstr("nextval"));
  auto order = DiffOf("postgres", {"CREATE TABLE t (a int, b text)"}, {"CREATE TABLE t (b text, a int)"});
  EXPECT_EQ(order.value_or("?"), "");
}

// ---- MySQL / MariaDB ----

TEST(MysqlCatalogTest, SameDdlReadsEqualAndNonEmpty) {
  const std::vector<std::string> ddl = {
      "CREATE TABLE users (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(200) NOT NULL, "
      "bio text, UNIQUE KEY email_uq (email(50)) COMMENT 'short', CHECK (length(email) > 3)) ENGINE=InnoDB "
      "COMMENT='people'",
      "CREATE TABLE posts (id int PRIMARY KEY, user_id bigint, CONSTRAINT posts_user FOREIGN KEY (user_id) "
      "REFERENCES users (id) ON DELETE CASCADE)",
      "CREATE VIEW named AS SELECT id, email FROM users",
      "CREATE TABLE schemac_history (id int PRIMARY KEY)"};
  CatalogSnapshot snapshot;
  auto diff = DiffOf("mysql", ddl, ddl, &snapshot);
  SKIP_WITHOUT_SERVER(diff, "mysql");
  EXPECT_EQ(*diff, "");
  const std::string all = DiffCatalogs(CatalogSnapshot{}, snapshot);
  EXPECT_THAT(all, HasSubstr("table users index email_uq: non_unique=0 type=BTREE comment='' "
                             "index_comment='short' keys=[email(50) A]"));
  EXPECT_THAT(all, HasSubstr("table users column email: type=varchar(200) nullable=NO"));
  EXPECT_THAT(all, HasSubstr("table posts foreign key posts_user: (user_id) -> users(id)"));
  EXPECT_THAT(all, HasSubstr("view named: select `users`.`id`"));
  EXPECT_THAT(all, HasSubstr("comment='people'"));
  EXPECT_THAT(all, ::testing::Not(HasSubstr("schemac_history")));
}

TEST(MysqlCatalogTest, IndexCommentAndPrefixCount) {
  auto comment = DiffOf("mysql", {"CREATE TABLE t (a int, KEY i (a))"},
                        {"CREATE TABLE t (a int, KEY i (a) COMMENT 'x')"});
  SKIP_WITHOUT_SERVER(comment, "mysql");
  EXPECT_THAT(*comment, HasSubstr("+ table t index i: non_unique=1 type=BTREE comment='' index_comment='x'"));
  auto prefix = DiffOf("mysql", {"CREATE TABLE t (a varchar(100), KEY i (a))"},
                       {"CREATE TABLE t (a varchar(100), KEY i (a(20)))"});
  EXPECT_THAT(prefix.value_or(""), HasSubstr("keys=[a(20) A]"));
  auto order = DiffOf("mysql", {"CREATE TABLE t (a int, b text)"}, {"CREATE TABLE t (b text, a int)"});
  EXPECT_EQ(order.value_or("?"), "");
}

}  // namespace
}  // namespace schemac::test_support
