#include "scratch_database.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "dialects/registry.hpp"

namespace schemac::golden {
namespace {

// How each server creates and drops a database. Test scaffolding, not planner logic: the one
// place the corpus runner needs server-specific SQL.
struct ServerCommands {
  const char* dialect;
  const char* env_var;
  const char* create_prefix;
  const char* quote_open;
  const char* quote_close;
  const char* drop_prefix;
  const char* drop_suffix;
  const char* admin_database;  // connected to when the server URL names no database
};

constexpr ServerCommands kServers[] = {
    {"postgres", "SCHEMAC_TEST_PG_URL", "CREATE DATABASE ", "\"", "\"", "DROP DATABASE IF EXISTS ",
     " WITH (FORCE)", "postgres"},
    {"mysql", "SCHEMAC_TEST_MYSQL_URL", "CREATE DATABASE ", "`", "`", "DROP DATABASE IF EXISTS ", "",
     "mysql"},
};

const ServerCommands* FindServer(const std::string& dialect) {
  for (const auto& server : kServers) {
    if (dialect == server.dialect) return &server;
  }
  return nullptr;
}

// Unique across processes (pid), within a process (counter) and across runs (clock).
std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count() % 1000000;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(ticks);
}

// Where SQLite case databases go: memory-backed /dev/shm when there is one and TMPDIR does not
// say otherwise. The databases are thrown away, and the fsyncs of every commit on a shared disk
// made up most of the SQLite corpus's time (measured: 90 s on disk, 9 s on tmpfs).
std::filesystem::path ScratchRoot() {
  std::error_code ec;
  const char* tmpdir = std::getenv("TMPDIR");
  if ((!tmpdir || !*tmpdir) && std::filesystem::is_directory("/dev/shm", ec) &&
      ::access("/dev/shm", W_OK) == 0) {
    return "/dev/shm";
  }
  return std::filesystem::temp_directory_path(ec);
}

}  // namespace

std::string ServerUrlVariable(const std::string& dialect) {
  const ServerCommands* server = FindServer(dialect);
  return server ? server->env_var : "";
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::Create(const std::string& dialect,
                                                                 std::string* skip_reason) {
  std::unique_ptr<ScratchDatabase> db(new ScratchDatabase());
  db->dialect_ = dialect;
  if (dialect == "sqlite") {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = ScratchRoot() / ("schemac-golden-" + UniqueSuffix());
    if (!fs::create_directories(dir, ec)) {
      return Status(StatusCode::kIoError, "cannot create " + dir.string() + ": " + ec.message());
    }
    db->sqlite_dir_ = dir.string();
    const fs::path file = dir / "case.db";
    // An empty file is a valid empty SQLite database; creating it here means the runner never
    // depends on whether Connect creates missing files.
    std::ofstream(file.string()).close();
    db->url_ = "sqlite://" + file.string();
    return db;
  }

  const ServerCommands* server = FindServer(dialect);
  if (!server) return Status(StatusCode::kInvalidArgument, "no scratch databases for dialect " + dialect);
  const char* admin_url = std::getenv(server->env_var);
  if (!admin_url || !*admin_url) {
    *skip_reason = std::string(server->env_var) + " is not set: " + dialect +
                   " golden cases need a throwaway server (scripts/run-tests.sh starts one)";
    return std::unique_ptr<ScratchDatabase>();
  }
  // The server URL may name no database (mysql://root@host:port/); the server's own one will do.
  const std::string admin_connect_url =
      DatabaseOfUrl(admin_url).empty() ? UrlWithDatabase(admin_url, server->admin_database) : admin_url;
  auto admin = dialects::Connect(admin_connect_url);
  if (!admin.ok()) return admin.status().WithContext(std::string("connecting to ") + server->env_var);
  db->admin_ = std::move(admin.value());
  db->database_name_ = "golden_" + UniqueSuffix();
  const std::string quoted = std::string(server->quote_open) + db->database_name_ + server->quote_close;
  if (Status created = db->admin_->Execute(server->create_prefix + quoted); !created.ok()) {
    db->admin_.reset();  // nothing to drop
    return created.WithContext("creating scratch database");
  }
  db->url_ = UrlWithDatabase(admin_url, db->database_name_);
  return db;
}

ScratchDatabase::~ScratchDatabase() {
  if (!sqlite_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(sqlite_dir_, ec);
  }
  if (admin_) {
    const ServerCommands* server = FindServer(dialect_);
    const std::string quoted = std::string(server->quote_open) + database_name_ + server->quote_close;
    // Best effort: a leftover database on a throwaway server is harmless.
    (void)admin_->Execute(server->drop_prefix + quoted + server->drop_suffix);
  }
}

Result<std::unique_ptr<dialects::Connection>> ScratchDatabase::Connect() const {
  return dialects::Connect(url_);
}

}  // namespace schemac::golden
