#include "migrator/shadow_swap.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "dialects/shadow_swap_sql.hpp"

namespace schemac::migrator {
namespace {

using dialects::KeyValues;
using dialects::ShadowSwapSql;
using dialects::SwapPhase;
using Clock = std::chrono::steady_clock;
using Rows = std::vector<std::vector<std::optional<std::string>>>;

// A key as the checkpoint stores it: each value as "<length>:<bytes>", so any byte may occur.
std::string EncodeKey(const KeyValues& key) {
  std::string out;
  for (const auto& value : key) out += std::to_string(value.size()) + ":" + value;
  return out;
}

std::optional<KeyValues> DecodeKey(const std::string& text) {
  KeyValues key;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t colon = text.find(':', at);
    if (colon == std::string::npos) return std::nullopt;
    std::size_t length = std::stoul(text.substr(at, colon - at));
    key.push_back(text.substr(colon + 1, length));
    at = colon + 1 + length;
  }
  if (key.empty()) return std::nullopt;
  return key;
}

// FNV-1a of what decides the shadow's content: a checkpoint of another shadow is not resumed.
std::string Fingerprint(const ShadowSwap& swap) {
  std::string text = swap.create_shadow;
  for (const auto& key : swap.key) text += "|k" + key.source + ">" + key.target;
  for (const auto& column : swap.columns) text += "|c" + column.source + ">" + column.target;
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

Status Interrupted(const ShadowSwap& swap, const std::string& where) {
  return Status(StatusCode::kInterrupted, "stopped " + where + " of the shadow-table swap of " + swap.table +
                                              "; the checkpoint is kept: run apply again to resume");
}

class SwapRun {
 public:
  SwapRun(dialects::Connection& connection, const ShadowSwapSql& sql, const ShadowSwap& swap,
          const ShadowSwapOptions& options)
      : db_(connection), sql_(sql), swap_(swap), options_(options) {
    progress_.swap = &swap_;
    progress_.rows_estimated = swap.estimate.rows;
  }

  Status Run() {
    if (Status s = db_.Execute(sql_.CreateCheckpointTable()); !s.ok())
      return s.WithContext("creating the shadow-swap checkpoint table");
    Result<bool> resumed = Prepare();
    if (!resumed.ok()) return resumed.status();
    progress_.resumed = *resumed;
    if (phase_ == SwapPhase::kCopy) {
      if (Status s = Copy(); !s.ok()) return s;
      if (Status s = db_.Execute(sql_.SavePhase(swap_.table, SwapPhase::kVerify)); !s.ok()) return s;
      phase_ = SwapPhase::kVerify;
    }
    if (phase_ == SwapPhase::kVerify) {
      if (Status s = Verify(); !s.ok()) return s;
      if (Status s = db_.Execute(sql_.SavePhase(swap_.table, SwapPhase::kCutOver)); !s.ok()) return s;
      phase_ = SwapPhase::kCutOver;
    }
    if (Status s = CutOver(); !s.ok()) return s;
    return Finish();
  }

  // After a failure: the original serves without triggers, as if the swap never started.
  Status Abandon() { return AbandonSwap(db_, sql_, swap_); }

  static Status AbandonSwap(dialects::Connection& db, const ShadowSwapSql& sql, const ShadowSwap& swap) {
    for (const auto& drop : sql.DropCaptureTriggers(swap)) {
      if (Status s = db.Execute(drop); !s.ok()) return s;
    }
    if (Status s = db.Execute(sql.DropShadow(swap)); !s.ok()) return s;
    return db.Execute(sql.DeleteCheckpoint(swap.table));
  }

 private:
  Result<Rows> Query(const std::string& text) { return db_.Query(text); }

  Result<bool> Exists(const std::string& query) { return db_.QueryHasRows(query); }

  void Report(SwapProgress::Phase phase) {
    progress_.phase = phase;
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    progress_.rows_per_second = seconds > 0 ? static_cast<double>(rows_this_run_) / seconds : 0;
    if (options_.on_progress) options_.on_progress(progress_);
  }

  // Resumes the checkpoint of this same shadow when its shadow and triggers are all there;
  // otherwise starts over. Returns whether it resumed.
  Result<bool> Prepare() {
    Report(SwapProgress::Phase::kPrepare);
    Result<Rows> checkpoint = Query(sql_.ReadCheckpoint(swap_.table));
    if (!checkpoint.ok()) return checkpoint.status().WithContext("reading the checkpoint");
    if (!checkpoint->empty()) {
      const auto& row = checkpoint->front();
      Result<bool> shadow = Exists(sql_.TableExists(swap_.shadow_table));
      Result<Rows> triggers = Query(sql_.CaptureTriggersPresent(swap_));
      if (!shadow.ok()) return shadow.status();
      if (!triggers.ok()) return triggers.status();
      const bool same = row.size() >= 4 && row[1].value_or("") == Fingerprint(swap_);
      if (same && *shadow && static_cast<int>(triggers->size()) == sql_.CaptureTriggerCount()) {
        const std::string phase = row[0].value_or("copy");
        phase_ = phase == "verify"     ? SwapPhase::kVerify
                 : phase == "cut-over" ? SwapPhase::kCutOver
                                       : SwapPhase::kCopy;
        if (row[2]) last_ = DecodeKey(*row[2]);
        progress_.rows_done = std::stoll(row[3].value_or("0"));
        return true;
      }
    }
    // A fresh start: nothing of an earlier attempt is kept.
    for (const auto& query : sql_.Preflight(swap_)) {
      Result<Rows> problems = Query(query);
      if (!problems.ok()) return problems.status().WithContext("checking the table before the swap");
      std::string listing;
      for (const auto& problem : *problems) listing += "\n  - " + problem.front().value_or("");
      if (!listing.empty()) {
        return Status(StatusCode::kRefused, "the shadow-table swap of " + swap_.table +
                                                " cannot run; nothing was changed:" + listing);
      }
    }
    if (Status s = AbandonSwap(db_, sql_, swap_); !s.ok())
      return s.WithContext("clearing an earlier attempt");
    if (Status s = db_.Execute(swap_.create_shadow); !s.ok())
      return s.WithContext("creating " + swap_.shadow_table);
    // Creating a trigger waits for the table's metadata lock: a long transaction on the table
    // makes it time out, which is retried like any lock timeout.
    for (const auto& trigger : sql_.CreateCaptureTriggers(swap_)) {
      Status created = Status::Ok();
      for (int attempt = 0; attempt <= options_.cut_over_retries; ++attempt) {
        created = db_.Execute(trigger);
        if (created.code() != StatusCode::kLockTimeout) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt, 5)));
      }
      if (!created.ok()) {
        Status cleaned = Abandon();
        return created.WithContext("creating the capture triggers of " + swap_.table +
                                   (cleaned.ok() ? "" : " (cleanup failed too: " + cleaned.message() + ")"));
      }
    }
    if (Status s = db_.Execute(sql_.InsertCheckpoint(swap_, Fingerprint(swap_), options_.drop_old)); !s.ok())
      return s.WithContext("recording the checkpoint");
    phase_ = SwapPhase::kCopy;
    last_.reset();
    return false;
  }

  // Waits while the server runs more sessions than allowed.
  Status Throttle() {
    for (;;) {
      Result<Rows> load = Query(sql_.ServerLoad());
      if (!load.ok()) return load.status().WithContext("reading the server load");
      long long running = 0;
      if (!load->empty() && load->front().front()) running = std::stoll(*load->front().front());
      if (running <= options_.max_threads_running) {
        progress_.throttle.clear();
        return Status::Ok();
      }
      progress_.throttle =
          "Threads_running " + std::to_string(running) + " > " + std::to_string(options_.max_threads_running);
      Report(SwapProgress::Phase::kCopy);
      if (options_.stop.stop_requested()) return Interrupted(swap_, "while throttled");
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }

  Result<std::optional<KeyValues>> ChunkEnd(const std::optional<KeyValues>& after, long long rows) {
    Result<Rows> end = Query(sql_.ChunkEnd(swap_, after, rows));
    if (!end.ok()) return end.status().WithContext("finding the next chunk");
    if (end->empty()) return std::optional<KeyValues>();
    KeyValues key;
    for (const auto& value : end->front()) key.push_back(value.value_or(""));
    return std::optional<KeyValues>(std::move(key));
  }

  // One chunk and its checkpoint in one transaction; a deadlock with a captured write is retried.
  Result<long long> CopyChunk(const std::optional<KeyValues>& upto) {
    Status status = Status::Ok();
    for (int attempt = 0; attempt < 10; ++attempt) {
      long long copied = 0;
      status = db_.Begin();
      if (status.ok()) status = db_.Execute(sql_.CopyChunk(swap_, last_, upto));
      if (status.ok()) {
        Result<Rows> affected = Query(sql_.RowsAffected());
        if (!affected.ok())
          status = affected.status();
        else if (!affected->empty() && affected->front().front())
          copied = std::stoll(*affected->front().front());
      }
      const std::string key = upto ? EncodeKey(*upto) : last_ ? EncodeKey(*last_) : std::string();
      if (status.ok()) status = db_.Execute(sql_.SaveChunk(swap_.table, key, copied));
      if (status.ok()) status = db_.Commit();
      if (status.ok()) return copied;
      (void)db_.Rollback();
      if (status.code() != StatusCode::kLockTimeout) break;
    }
    return status.WithContext("copying a chunk of " + swap_.table + " into " + swap_.shadow_table);
  }

  // The next chunk's size: the last one scaled to the target time, at most doubled or halved.
  long long NextChunkRows(long long rows, Clock::duration took) const {
    const double seconds = std::max(1e-4, std::chrono::duration<double>(took).count());
    const double target = std::chrono::duration<double>(options_.chunk_target).count();
    const double scale = std::clamp(target / seconds, 0.5, 2.0);
    return std::clamp(static_cast<long long>(static_cast<double>(rows) * scale), 10LL,
                      options_.max_chunk_rows);
  }

  // The last chunk is open-ended: it also reads the rows inserted since, which the triggers
  // already wrote, and INSERT IGNORE keeps theirs.
  Status Copy() {
    long long rows = options_.first_chunk_rows;
    for (;;) {
      if (options_.stop.stop_requested()) return Interrupted(swap_, "between chunks of the copy");
      if (Status s = Throttle(); !s.ok()) return s;
      const auto chunk_started = Clock::now();
      Result<std::optional<KeyValues>> upto = ChunkEnd(last_, rows);
      if (!upto.ok()) return upto.status();
      Result<long long> copied = CopyChunk(*upto);
      if (!copied.ok()) return copied.status();
      rows_this_run_ += *copied;
      progress_.rows_done += *copied;
      progress_.chunk_rows = rows;
      Report(SwapProgress::Phase::kCopy);
      if (!*upto) return Status::Ok();
      last_ = *upto;
      rows = NextChunkRows(rows, Clock::now() - chunk_started);
    }
  }

  // Checksums both tables chunk by chunk; a chunk that differs is copied again (delete, copy) and
  // compared again.
  Status Verify() {
    std::optional<KeyValues> after;
    long long rows = std::max<long long>(options_.first_chunk_rows, 1000);
    progress_.rows_done = 0;
    for (;;) {
      if (options_.stop.stop_requested()) return Interrupted(swap_, "between chunks of the verification");
      const auto chunk_started = Clock::now();
      Result<std::optional<KeyValues>> upto = ChunkEnd(after, rows);
      if (!upto.ok()) return upto.status();
      long long verified = 0;
      for (int attempt = 0;; ++attempt) {
        Result<Rows> sums = Query(sql_.ChecksumChunk(swap_, after, *upto));
        if (!sums.ok()) return sums.status().WithContext("checksumming a chunk");
        const auto& row = sums->front();
        if (row[0] == row[2] && row[1] == row[3]) {
          verified = std::stoll(row[0].value_or("0"));
          break;
        }
        if (attempt + 1 >= options_.verify_attempts) {
          return Status(StatusCode::kDatabaseError,
                        "verifying the shadow-table swap of " + swap_.table +
                            ": a chunk still differs after " + std::to_string(attempt) + " copies (" +
                            row[0].value_or("0") + " rows in " + swap_.table + ", " + row[2].value_or("0") +
                            " in " + swap_.shadow_table +
                            "); the new shape loses or changes rows (a new unique key over duplicates?)");
        }
        if (Status s = Recopy(after, *upto); !s.ok()) return s;
      }
      progress_.rows_done += verified;
      progress_.chunk_rows = rows;
      Report(SwapProgress::Phase::kVerify);
      if (!*upto) return Status::Ok();
      after = *upto;
      rows = NextChunkRows(rows, Clock::now() - chunk_started);
    }
  }

  Status Recopy(const std::optional<KeyValues>& after, const std::optional<KeyValues>& upto) {
    Status status = Status::Ok();
    for (int attempt = 0; attempt < 10; ++attempt) {
      status = db_.Begin();
      if (status.ok()) status = db_.Execute(sql_.DeleteShadowChunk(swap_, after, upto));
      if (status.ok()) status = db_.Execute(sql_.CopyChunk(swap_, after, upto));
      if (status.ok()) status = db_.Commit();
      if (status.ok()) return status;
      (void)db_.Rollback();
      if (status.code() != StatusCode::kLockTimeout) break;
    }
    return status.WithContext("copying a differing chunk again");
  }

  // The rename waits for every transaction on the table to end, and meanwhile new ones queue
  // behind it: the wait is kept short and retried with a growing pause in between.
  Status CutOver() {
    Report(SwapProgress::Phase::kCutOver);
    Status renamed = Status::Ok();
    for (int attempt = 0; attempt <= options_.cut_over_retries; ++attempt) {
      if (options_.stop.stop_requested()) return Interrupted(swap_, "before the cut-over");
      if (Status s = db_.Execute(sql_.SetCutOverLockWait(options_.cut_over_lock_timeout_ms)); !s.ok())
        return s;
      renamed = db_.Execute(sql_.CutOver(swap_));
      if (Status s = db_.Execute(sql_.SetCutOverLockWait(options_.lock_timeout_ms)); !s.ok() && renamed.ok())
        return s;
      if (renamed.code() != StatusCode::kLockTimeout) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt, 5)));
    }
    if (!renamed.ok())
      return renamed.WithContext("the cut-over of " + swap_.table + " (after " +
                                 std::to_string(options_.cut_over_retries + 1) + " attempts)");
    return Status::Ok();
  }

  Status Finish() {
    for (const auto& drop : sql_.DropCaptureTriggers(swap_)) {
      if (Status s = db_.Execute(drop); !s.ok()) return s.WithContext("dropping the capture triggers");
    }
    if (options_.drop_old) {
      if (Status s = db_.Execute(sql_.DropOld(swap_)); !s.ok()) return s;
    }
    if (Status s = db_.Execute(sql_.DeleteCheckpoint(swap_.table)); !s.ok()) return s;
    Report(SwapProgress::Phase::kDone);
    return Status::Ok();
  }

  dialects::Connection& db_;
  const ShadowSwapSql& sql_;
  const ShadowSwap& swap_;
  const ShadowSwapOptions& options_;
  SwapPhase phase_ = SwapPhase::kCopy;
  std::optional<KeyValues> last_;  // the last key copied and checkpointed
  SwapProgress progress_;
  long long rows_this_run_ = 0;
  Clock::time_point started_ = Clock::now();
};

const ShadowSwapSql* SqlOf(dialects::Connection& connection) {
  return connection.GetDialect().GetShadowSwapSql();
}

}  // namespace

Status RunShadowSwap(dialects::Connection& connection, const PlanStep& step,
                     const ShadowSwapOptions& options) {
  const ShadowSwapSql* sql = SqlOf(connection);
  if (!step.shadow_swap || sql == nullptr) {
    return Status(StatusCode::kUnsupported,
                  "the " + connection.GetDialect().Name() + " dialect cannot run a shadow-table swap");
  }
  SwapRun run(connection, *sql, *step.shadow_swap, options);
  Status status = run.Run();
  // A stop cancels the statement the server runs (a chunk, rolled back): that is the stop, at the
  // last checkpoint, not a failure to clean up after.
  if (!status.ok() && status.code() != StatusCode::kInterrupted && options.stop.stop_requested()) {
    return Interrupted(*step.shadow_swap, "during a chunk (rolled back; its checkpoint kept)");
  }
  if (status.ok() || status.code() == StatusCode::kInterrupted || status.code() == StatusCode::kRefused ||
      status.code() == StatusCode::kConnectionError) {
    return status;
  }
  Status cleaned = run.Abandon();
  if (!cleaned.ok())
    return Status(status.code(), status.message() + " (cleanup failed too: " + cleaned.message() + ")");
  return Status(status.code(), status.message() + "; the capture triggers and " +
                                   step.shadow_swap->shadow_table + " were removed, " +
                                   step.shadow_swap->table + " is unchanged");
}

Status SettleShadowSwaps(dialects::Connection& connection, const Plan& plan,
                         const ShadowSwapOptions& options) {
  const ShadowSwapSql* sql = SqlOf(connection);
  if (sql == nullptr) return Status::Ok();
  Result<bool> exists = connection.QueryHasRows(sql->TableExists(sql->CheckpointTableName()));
  if (!exists.ok()) return exists.status().WithContext("looking for shadow-swap checkpoints");
  if (!*exists) return Status::Ok();
  Result<Rows> rows = connection.Query(sql->ReadAllCheckpoints());
  if (!rows.ok()) return rows.status().WithContext("reading shadow-swap checkpoints");
  for (const auto& row : *rows) {
    ShadowSwap swap;
    swap.table = row[0].value_or("");
    swap.shadow_table = row[1].value_or("");
    swap.old_table = row[2].value_or("");
    const bool drop_old = row[3].value_or("0") != "0";
    bool planned = false;
    for (const auto& step : plan.steps)
      planned = planned || (step.shadow_swap && step.shadow_swap->table == swap.table);
    Result<bool> shadow = connection.QueryHasRows(sql->TableExists(swap.shadow_table));
    Result<bool> old = connection.QueryHasRows(sql->TableExists(swap.old_table));
    if (!shadow.ok()) return shadow.status();
    if (!old.ok()) return old.status();
    if (!*shadow && *old) {
      // The cut-over happened; what followed it did not.
      for (const auto& drop : sql->DropCaptureTriggers(swap)) {
        if (Status s = connection.Execute(drop); !s.ok()) return s;
      }
      if (drop_old || options.drop_old) {
        if (Status s = connection.Execute(sql->DropOld(swap)); !s.ok()) return s;
      }
      if (Status s = connection.Execute(sql->DeleteCheckpoint(swap.table)); !s.ok()) return s;
    } else if (!planned) {
      if (Status s = SwapRun::AbandonSwap(connection, *sql, swap); !s.ok())
        return s.WithContext("removing the unfinished shadow-table swap of " + swap.table);
    }
  }
  return Status::Ok();
}

}  // namespace schemac::migrator
