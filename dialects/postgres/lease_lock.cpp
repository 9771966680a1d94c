#include "dialects/postgres/lease_lock.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

namespace schemac::dialects::postgres {
namespace {

constexpr const char* kCreateLockTable =
    "CREATE TABLE IF NOT EXISTS schemac_lock (name text PRIMARY KEY, holder text NOT NULL, "
    "acquired_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)";

constexpr const char* kLockName = "migration";

}  // namespace

LeaseLock::LeaseLock(std::string conninfo, std::string holder, int lease_seconds)
    : conninfo_(std::move(conninfo)), holder_(std::move(holder)), lease_seconds_(lease_seconds) {}

LeaseLock::~LeaseLock() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
}

std::string LeaseLock::Quoted(const std::string& text) const {
  std::string quoted = "'";
  for (char c : text) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

std::string LeaseLock::LostReason() const {
  std::lock_guard lock(mutex_);
  return lost_reason_;
}

Status LeaseLock::Acquire(const Runner& run, int timeout_ms, const std::atomic<bool>& cancelled,
                          const std::string& display_url) {
  if (held_) return Status::Ok();
  // Concurrent first applies may race to create the table; the loser's error is harmless.
  for (int attempt = 0;; ++attempt) {
    Result<Rows> created = run(kCreateLockTable);
    if (created.ok()) break;
    if (attempt == 3) return created.status().WithContext("creating schemac_lock");
  }
  const std::string take = fmt::format(
      "INSERT INTO schemac_lock AS l (name, holder, acquired_at, expires_at) VALUES ({0}, {1}, now(), now() "
      "+ "
      "interval '{2} seconds') ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, acquired_at = "
      "now(), "
      "expires_at = EXCLUDED.expires_at WHERE l.expires_at < now() OR l.holder = EXCLUDED.holder RETURNING "
      "holder",
      Quoted(kLockName), Quoted(holder_), lease_seconds_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0, timeout_ms));
  for (;;) {
    Result<Rows> taken = run(take);
    if (!taken.ok()) return taken.status().WithContext("taking the migration lease");
    if (!taken->empty()) break;
    if (std::chrono::steady_clock::now() >= deadline || cancelled) {
      if (cancelled) return Status(StatusCode::kDatabaseError, "stopped waiting for the migration lock");
      std::string who;
      Result<Rows> holder = run(fmt::format(
          "SELECT holder, to_char(acquired_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
          "greatest(0, ceil(extract(epoch FROM expires_at - now())))::int FROM schemac_lock WHERE name = {}",
          Quoted(kLockName)));
      if (holder.ok() && !holder->empty() && holder->front().size() == 3) {
        const auto& row = holder->front();
        who = fmt::format(
            ": lease held by {} since {}, renewed while it runs (it expires {} s after its last "
            "renewal if the holder dies; {} s left now)",
            row[0].value_or("?"), row[1].value_or("?"), lease_seconds_, row[2].value_or("?"));
      }
      return Status(StatusCode::kLockTimeout,
                    fmt::format("another schemac holds the migration lock of {}{} (waited {} ms)",
                                display_url, who, timeout_ms));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  held_ = true;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    lost_reason_.clear();
  }
  heartbeat_ = std::thread([this] { Heartbeat(); });
  return Status::Ok();
}

Status LeaseLock::Release(const Runner& run) {
  if (!held_) return Status::Ok();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
  held_ = false;
  Result<Rows> deleted = run(fmt::format("DELETE FROM schemac_lock WHERE name = {} AND holder = {}",
                                         Quoted(kLockName), Quoted(holder_)));
  if (!deleted.ok()) return deleted.status().WithContext("releasing the migration lease");
  return Status::Ok();
}

void LeaseLock::Heartbeat() {
  const auto interval = std::chrono::milliseconds(lease_seconds_ * 1000 / 3);
  const std::string renew = fmt::format(
      "UPDATE schemac_lock SET expires_at = now() + interval '{} seconds' WHERE name = {} AND holder = {} "
      "RETURNING holder",
      lease_seconds_, Quoted(kLockName), Quoted(holder_));
  PGconn* conn = nullptr;
  auto last_renewal = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval, [this] { return stopping_; })) break;
    }
    if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
      if (conn != nullptr) PQfinish(conn);
      conn = PQconnectdb(conninfo_.c_str());
    }
    bool renewed = false;
    bool taken_over = false;
    if (conn != nullptr && PQstatus(conn) == CONNECTION_OK) {
      PGresult* result = PQexec(conn, renew.c_str());
      if (PQresultStatus(result) == PGRES_TUPLES_OK) {
        renewed = PQntuples(result) == 1;
        taken_over = !renewed;
      }
      PQclear(result);
    }
    if (renewed) {
      last_renewal = std::chrono::steady_clock::now();
      continue;
    }
    // A renewal that could not reach the server is retried until the lease would have expired.
    const bool expired =
        std::chrono::steady_clock::now() - last_renewal >= std::chrono::seconds(lease_seconds_);
    if (taken_over || expired) {
      std::lock_guard lock(mutex_);
      lost_reason_ = taken_over ? "the migration lease was taken over by another apply after it expired"
                                : "the migration lease expired: its renewals failed for " +
                                      std::to_string(lease_seconds_) + " s";
      break;
    }
  }
  if (conn != nullptr) PQfinish(conn);
}

}  // namespace schemac::dialects::postgres
