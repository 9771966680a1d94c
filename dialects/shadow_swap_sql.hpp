// The SQL of each phase of an online shadow-table swap, in one dialect's words.
//
// The orchestrator (migrator/shadow_swap.hpp) is written once and engine-neutral: it decides
// the order of the phases, the chunk sizes, the retries and the checkpoints. Everything it sends
// to the database comes from here, built from the plan's ShadowSwap (include/schemac/plan.hpp).
// A key is the text of the chunking key's values, as Connection::Query returns them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/plan.hpp"

namespace schemac::dialects {

using KeyValues = std::vector<std::string>;

// The checkpoint table's phases, in the order a swap goes through them.
enum class SwapPhase { kCopy, kVerify, kCutOver };

class ShadowSwapSql {
 public:
  virtual ~ShadowSwapSql() = default;

  // The helper table with one checkpoint row per swap in progress (a schemac_* table, which
  // inspection leaves out). Idempotent.
  virtual std::string CreateCheckpointTable() const = 0;
  virtual std::string CheckpointTableName() const = 0;
  // One row or none: phase, plan fingerprint, last copied key (encoded), rows copied, drop_old.
  virtual std::string ReadCheckpoint(const std::string& table) const = 0;
  // Every checkpoint row: table, shadow table, old table, drop_old.
  virtual std::string ReadAllCheckpoints() const = 0;
  virtual std::string InsertCheckpoint(const ShadowSwap& swap, const std::string& fingerprint,
                                       bool drop_old) const = 0;
  virtual std::string SavePhase(const std::string& table, SwapPhase phase) const = 0;
  // Runs in the chunk's transaction, so the copy and its checkpoint commit together.
  virtual std::string SaveChunk(const std::string& table, const std::string& encoded_key,
                                long long rows_added) const = 0;
  virtual std::string DeleteCheckpoint(const std::string& table) const = 0;

  // Queries returning one row per reason the swap cannot run on the live table (a message in
  // the first column): triggers of its own, foreign keys the model does not show, a leftover old
  // table. No rows: go ahead.
  virtual std::vector<std::string> Preflight(const ShadowSwap& swap) const = 0;
  // A query returning a row when `table` exists.
  virtual std::string TableExists(const std::string& table) const = 0;
  // A query returning one row per capture trigger of the swap that exists.
  virtual std::string CaptureTriggersPresent(const ShadowSwap& swap) const = 0;
  virtual int CaptureTriggerCount() const = 0;

  virtual std::string DropShadow(const ShadowSwap& swap) const = 0;
  // Triggers on the original that repeat every write into the shadow, from before the copy.
  virtual std::vector<std::string> CreateCaptureTriggers(const ShadowSwap& swap) const = 0;
  // Idempotent: the triggers by name, on whichever table they are on now.
  virtual std::vector<std::string> DropCaptureTriggers(const ShadowSwap& swap) const = 0;

  // The key of the `rows`-th row after `after` (from the first row when absent), in key order:
  // no row when fewer remain, then the rest is the last chunk.
  virtual std::string ChunkEnd(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                               long long rows) const = 0;
  // Copies the original's rows in (after, upto] (open ends when absent) that the shadow lacks.
  virtual std::string CopyChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                const std::optional<KeyValues>& upto) const = 0;
  // Removes the shadow's rows in (after, upto], before they are copied again.
  virtual std::string DeleteShadowChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                        const std::optional<KeyValues>& upto) const = 0;
  // A query returning the rows affected by the last statement.
  virtual std::string RowsAffected() const = 0;
  // One row: count and checksum of the common columns of the original's rows in (after, upto],
  // then the same of the shadow's, read from one snapshot.
  virtual std::string ChecksumChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                    const std::optional<KeyValues>& upto) const = 0;

  // One row whose first column is the number of sessions running now (the throttle's measure).
  virtual std::string ServerLoad() const = 0;
  // Bounds the cut-over's wait for the table lock; and restores the session's usual bound.
  virtual std::string SetCutOverLockWait(int timeout_ms) const = 0;
  // The atomic exchange: the original becomes the old table, the shadow the original.
  virtual std::string CutOver(const ShadowSwap& swap) const = 0;
  virtual std::string DropOld(const ShadowSwap& swap) const = 0;
};

}  // namespace schemac::dialects
