// The online shadow-table swap on MySQL / MariaDB: when to plan it, and the SQL of its phases.
//
// Chosen for a table change whose ALTER would copy the table under a lock that blocks writes
// (ALGORITHM=COPY), when the live table holds more than PlanPolicy::shadow_min_rows rows or the
// schema asks for it (@strategy(shadow)); @strategy(alter) keeps the plain ALTER. It copies the
// table into `_t_new` in the new shape while AFTER INSERT / UPDATE / DELETE triggers repeat every
// write there, verifies chunk checksums, and swaps with one RENAME TABLE (see README.md).
//
// Not planned, with the reason added to the copy's hazard, for a table without a primary key or a
// unique key over NOT NULL columns, with foreign keys in either direction (MySQL names foreign
// keys per database, and RENAME TABLE leaves the keys of other tables pointing at the renamed old
// table), or whose name leaves no room for the helper names (64 characters).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "dialects/mysql/capabilities.hpp"
#include "dialects/shadow_swap_sql.hpp"

namespace schemac::dialects::mysql {

// What PlanChange does with a table change's ALTER steps.
struct ShadowSwapDecision {
  std::optional<PlanStep> step;  // set: plan this one step instead of the ALTER steps
  std::string not_possible;      // set when a swap was wanted but cannot run: why, for the hazard
};

// `alter_steps` are the change's ALTER steps as strategies.cpp planned them; `copy_strategy` is
// the strategy name of the ones that copy the table.
ShadowSwapDecision DecideShadowSwap(const Change& change, const std::vector<PlanStep>& alter_steps,
                                    const std::string& copy_strategy, const PlanContext& context,
                                    const ServerVersion& version, const ServerFeatures& features);

class MysqlShadowSwapSql : public ShadowSwapSql {
 public:
  explicit MysqlShadowSwapSql(ServerVersion version) : version_(version) {}

  std::string CreateCheckpointTable() const override;
  std::string CheckpointTableName() const override { return "schemac_shadow_swaps"; }
  std::string ReadCheckpoint(const std::string& table) const override;
  std::string ReadAllCheckpoints() const override;
  std::string InsertCheckpoint(const ShadowSwap& swap, const std::string& fingerprint,
                               bool drop_old) const override;
  std::string SavePhase(const std::string& table, SwapPhase phase) const override;
  std::string SaveChunk(const std::string& table, const std::string& encoded_key,
                        long long rows_added) const override;
  std::string DeleteCheckpoint(const std::string& table) const override;
  std::vector<std::string> Preflight(const ShadowSwap& swap) const override;
  std::string TableExists(const std::string& table) const override;
  std::string CaptureTriggersPresent(const ShadowSwap& swap) const override;
  int CaptureTriggerCount() const override { return 3; }
  std::string DropShadow(const ShadowSwap& swap) const override;
  std::vector<std::string> CreateCaptureTriggers(const ShadowSwap& swap) const override;
  std::vector<std::string> DropCaptureTriggers(const ShadowSwap& swap) const override;
  std::string ChunkEnd(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                       long long rows) const override;
  std::string CopyChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                        const std::optional<KeyValues>& upto) const override;
  std::string DeleteShadowChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                const std::optional<KeyValues>& upto) const override;
  std::string RowsAffected() const override { return "SELECT ROW_COUNT()"; }
  std::string ChecksumChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                            const std::optional<KeyValues>& upto) const override;
  std::string ServerLoad() const override;
  std::string SetCutOverLockWait(int timeout_ms) const override;
  std::string CutOver(const ShadowSwap& swap) const override;
  std::string DropOld(const ShadowSwap& swap) const override;

  // The whole swap as plain statements, for review and `plan --format sql` (and for a down,
  // which runs as SQL): the same phases, the copy as one statement, the old table dropped.
  std::vector<std::string> PlainScript(const ShadowSwap& swap) const;

 private:
  ServerVersion version_;
};

}  // namespace schemac::dialects::mysql
