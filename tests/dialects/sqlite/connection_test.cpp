#include "dialects/sqlite/connection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "schemac_sqlite_XXXXXX";
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

bool Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

TEST(SqliteUrl, ParsesTheThreeForms) {
  auto absolute = ParseSqliteUrl("sqlite:///var/data/app.db");
  ASSERT_TRUE(absolute.ok()) << absolute.status().message();
  EXPECT_EQ(absolute->path, "/var/data/app.db");
  EXPECT_FALSE(absolute->in_memory);
  EXPECT_FALSE(absolute->read_only);

  auto relative = ParseSqliteUrl("sqlite://build/demo/shop.db");
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->path, "build/demo/shop.db");

  auto memory = ParseSqliteUrl("sqlite::memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_TRUE(memory->in_memory);
  EXPECT_EQ(memory->path, ":memory:");
}

TEST(SqliteUrl, ReadsModeAndEscapes) {
  auto ro = ParseSqliteUrl("sqlite:///tmp/a%20b.db?mode=ro");
  ASSERT_TRUE(ro.ok()) << ro.status().message();
  EXPECT_EQ(ro->path, "/tmp/a b.db");
  EXPECT_TRUE(ro->read_only);
  auto rw = ParseSqliteUrl("sqlite://x.db?mode=rw");
  ASSERT_TRUE(rw.ok());
  EXPECT_FALSE(rw->read_only);
}

TEST(SqliteUrl, RejectsMalformedUrlsWithAClearMessage) {
  for (const char* bad : {"sqlite:", "sqlite://", "sqlite:///", "sqlite:x.db", "postgres://h/db",
                          "sqlite://x.db?mode=zz", "sqlite://x.db?cache=shared", "sqlite://a%zz.db"}) {
    auto parsed = ParseSqliteUrl(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(parsed.status().message().find(bad), std::string::npos) << parsed.status().message();
  }
  EXPECT_TRUE(IsSqliteUrl("sqlite::memory:"));
  EXPECT_FALSE(IsSqliteUrl("schema/dir"));
}

TEST(SqliteConnection, MissingFileIsNotFoundAndNotCreated) {
  TempDir dir;
  const std::string path = dir.File("missing.db");
  auto opened = SqliteConnection::Open("sqlite://" + path, false);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kNotFound);
  EXPECT_NE(opened.status().message().find(path), std::string::npos);
  EXPECT_FALSE(Exists(path)) << "inspect/plan must not create the file";
}

TEST(SqliteConnection, CreateIfMissingCreatesTheFile) {
  TempDir dir;
  const std::string path = dir.File("new.db");
  auto opened = SqliteConnection::Open("sqlite://" + path, true);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  ASSERT_TRUE((*opened)->Execute("CREATE TABLE t (a INT)").ok());
  EXPECT_TRUE(Exists(path));
  EXPECT_EQ((*opened)->DisplayUrl(), "sqlite://" + path);
}

TEST(SqliteConnection, MissingDirectoryIsAClearError) {
  TempDir dir;
  auto opened = SqliteConnection::Open("sqlite://" + dir.File("no/such/dir/x.db"), true);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kNotFound);
  EXPECT_NE(opened.status().message().find("does not exist"), std::string::npos) << opened.status().message();
}

TEST(SqliteConnection, FileThatIsNotADatabaseIsRejected) {
  TempDir dir;
  const std::string path = dir.File("notes.txt");
  std::ofstream(path) << "this is not a database, just some text that is long enough to have a header\n";
  auto opened = SqliteConnection::Open("sqlite://" + path, false);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().message().find("not a SQLite database"), std::string::npos)
      << opened.status().message();
}

TEST(SqliteConnection, DirectoryIsRejected) {
  TempDir dir;
  auto opened = SqliteConnection::Open("sqlite://" + dir.File(""), false);
  ASSERT_FALSE(opened.ok());
}

TEST(SqliteConnection, ReadOnlyDatabaseRefusesWritesClearly) {
  TempDir dir;
  const std::string path = dir.File("ro.db");
  {
    auto created = SqliteConnection::Open("sqlite://" + path, true);
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE((*created)->Execute("CREATE TABLE t (a INT)").ok());
  }
  auto opened = SqliteConnection::Open("sqlite://" + path + "?mode=ro", false);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto schema = (*opened)->Inspect();
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(schema->TableCount(), 1u);
  Status write = (*opened)->Execute("INSERT INTO t VALUES (1)");
  ASSERT_FALSE(write.ok());
  EXPECT_NE(write.message().find("read-only"), std::string::npos) << write.message();

  auto missing_ro = SqliteConnection::Open("sqlite://" + dir.File("nope.db") + "?mode=ro", true);
  EXPECT_EQ(missing_ro.status().code(), StatusCode::kNotFound) << "mode=ro never creates";
}

TEST(SqliteConnection, QueriesAndTransactions) {
  auto db = testing::OpenMemory();
  testing::ExecOk(*db, "CREATE TABLE t (a INT, b TEXT)");
  ASSERT_TRUE(db->Begin().ok());
  testing::ExecOk(*db, "INSERT INTO t VALUES (1, NULL)");
  ASSERT_TRUE(db->Rollback().ok());
  auto empty = db->QueryHasRows("SELECT * FROM t");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(*empty);

  ASSERT_TRUE(db->Begin().ok());
  testing::ExecOk(*db, "INSERT INTO t VALUES (1, NULL)");
  ASSERT_TRUE(db->Commit().ok());
  auto rows = db->Query("SELECT a, b FROM t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0], std::optional<std::string>("1"));
  EXPECT_EQ((*rows)[0][1], std::nullopt);

  Status bad = db->Execute("INSERT INTO nowhere VALUES (1)");
  EXPECT_EQ(bad.code(), StatusCode::kDatabaseError);
  EXPECT_NE(bad.message().find("no such table"), std::string::npos);
  EXPECT_EQ(testing::Scalar(*db, "PRAGMA foreign_keys"), "1") << "connections enforce foreign keys";
}

TEST(SqliteConnection, MigrationLockExcludesASecondHolder) {
  TempDir dir;
  const std::string url = "sqlite://" + dir.File("locked.db");
  auto first = SqliteConnection::Open(url, true);
  auto second = SqliteConnection::Open(url, true);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE((*first)->AcquireMigrationLock(100).ok());
  Status blocked = (*second)->AcquireMigrationLock(100);
  EXPECT_EQ(blocked.code(), StatusCode::kLockTimeout) << blocked.message();
  ASSERT_TRUE((*first)->ReleaseMigrationLock().ok());
  EXPECT_TRUE((*second)->AcquireMigrationLock(100).ok());
  EXPECT_TRUE((*second)->ReleaseMigrationLock().ok());

  auto memory = testing::OpenMemory();
  EXPECT_TRUE(memory->AcquireMigrationLock(0).ok());
  EXPECT_TRUE(memory->ReleaseMigrationLock().ok());
}

// A waiter is told who holds the lock; nothing is left next to the database afterwards; a waiter
// that opened the lock file before the holder removed it still excludes a newcomer.
TEST(SqliteConnection, MigrationLockNamesItsHolderAndLeavesNoFile) {
  TempDir dir;
  const std::string url = "sqlite://" + dir.File("named.db");
  const std::string lock_file = dir.File("named.db") + ".schemac-lock";
  auto first = SqliteConnection::Open(url, true);
  auto second = SqliteConnection::Open(url, true);
  auto third = SqliteConnection::Open(url, true);
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  ASSERT_TRUE((*first)->AcquireMigrationLock(100).ok());
  Status blocked = (*second)->AcquireMigrationLock(50);
  ASSERT_EQ(blocked.code(), StatusCode::kLockTimeout);
  EXPECT_THAT(blocked.message(), ::testing::HasSubstr("pid " + std::to_string(::getpid())));
  EXPECT_EQ(blocked.message().find("migration lock", blocked.message().find("migration lock") + 1),
            std::string::npos)
      << "said once: " << blocked.message();
  ASSERT_TRUE((*first)->ReleaseMigrationLock().ok());
  EXPECT_FALSE(std::filesystem::exists(lock_file)) << "the lock file is removed on release";

  ASSERT_TRUE((*second)->AcquireMigrationLock(100).ok());
  EXPECT_EQ((*third)->AcquireMigrationLock(50).code(), StatusCode::kLockTimeout)
      << "a new lock file is still one lock";
  ASSERT_TRUE((*second)->ReleaseMigrationLock().ok());
  EXPECT_TRUE((*third)->AcquireMigrationLock(100).ok());
  EXPECT_TRUE((*third)->ReleaseMigrationLock().ok());
  EXPECT_FALSE(std::filesystem::exists(lock_file));
}

}  // namespace
}  // namespace schemac::dialects::sqlite
