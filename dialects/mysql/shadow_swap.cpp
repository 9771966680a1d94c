// The SQL of the shadow-table swap's phases on MySQL / MariaDB (see shadow_swap.hpp).
#include "dialects/mysql/shadow_swap.hpp"

#include <fmt/format.h>

#include "dialects/mysql/render.hpp"

namespace schemac::dialects::mysql {
namespace {

constexpr const char* kCheckpointTable = "schemac_shadow_swaps";

std::string Q(const std::string& name) { return QuoteIdentifier(name); }

// Trigger names: `_t_ins`, `_t_upd`, `_t_del` (the planner keeps them within 64 characters).
std::string TriggerName(const ShadowSwap& swap, const char* event) { return "_" + swap.table + "_" + event; }

std::string JoinColumns(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + prefix + Q(name);
  return out;
}

std::vector<std::string> SourceColumns(const ShadowSwap& swap) {
  std::vector<std::string> names;
  for (const auto& column : swap.columns) names.push_back(column.source);
  return names;
}

std::vector<std::string> TargetColumns(const ShadowSwap& swap) {
  std::vector<std::string> names;
  for (const auto& column : swap.columns) names.push_back(column.target);
  return names;
}

// An integer key value is spelled bare: compared with a quoted string, MySQL converts both sides
// to double and keys beyond 2^53 would compare wrong. Anything else is a string literal, which the
// server converts to the column's type.
std::string KeyLiteral(const ShadowSwap::KeyColumn& key, const std::string& value) {
  if (key.integer && !value.empty() && value.find_first_not_of("-0123456789") == std::string::npos)
    return value;
  return QuoteString(value);
}

// The key of a row is after `values` (strictly) or up to them (inclusive), in key order, written
// as nested ORs so that each level can use the key's index (row constructors do not everywhere).
std::string KeyCompare(const ShadowSwap& swap, bool shadow_side, const KeyValues& values, bool after,
                       std::size_t i = 0) {
  const auto& key = swap.key[i];
  const std::string column = Q(shadow_side ? key.target : key.source);
  const std::string value = KeyLiteral(key, values.at(i));
  if (i + 1 == swap.key.size()) return column + (after ? " > " : " <= ") + value;
  return "(" + column + (after ? " > " : " < ") + value + " OR (" + column + " = " + value + " AND " +
         KeyCompare(swap, shadow_side, values, after, i + 1) + "))";
}

std::string RangeCondition(const ShadowSwap& swap, bool shadow_side, const std::optional<KeyValues>& after,
                           const std::optional<KeyValues>& upto) {
  std::vector<std::string> parts;
  if (after) parts.push_back(KeyCompare(swap, shadow_side, *after, true));
  if (upto) parts.push_back(KeyCompare(swap, shadow_side, *upto, false));
  if (parts.empty()) return "";
  std::string out = " WHERE " + parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) out += " AND " + parts[i];
  return out;
}

std::string KeyOrder(const ShadowSwap& swap) {
  std::string out;
  for (const auto& key : swap.key) out += (out.empty() ? "" : ", ") + Q(key.source);
  return out;
}

// The key columns match between OLD / NEW (or a row of the shadow): `<=>`, NULL-safe.
std::string KeyMatch(const ShadowSwap& swap, const std::string& left_prefix, const std::string& right_prefix,
                     bool left_is_shadow) {
  std::string out;
  for (const auto& key : swap.key) {
    const std::string left = left_prefix + Q(left_is_shadow ? key.target : key.source);
    out += (out.empty() ? "" : " AND ") + left + " <=> " + right_prefix + Q(key.source);
  }
  return out;
}

std::string ReplaceFrom(const ShadowSwap& swap, const std::string& row) {
  return "REPLACE INTO " + Q(swap.shadow_table) + " (" + JoinColumns(TargetColumns(swap)) + ") VALUES (" +
         JoinColumns(SourceColumns(swap), row + ".") + ")";
}

// One column as the checksum reads it: a changed type compares as a number or as text, so that
// `5` and `5.00` (int -> decimal) or a longer varchar compare equal.
std::string ChecksumTerm(const ShadowSwap::Column& column, bool shadow_side) {
  const std::string name = Q(shadow_side ? column.target : column.source);
  switch (column.compare) {
    case ShadowSwap::Compare::kValue:
      return name;
    case ShadowSwap::Compare::kNumber:
      return "CAST(" + name + " AS DECIMAL(65,30))";
    case ShadowSwap::Compare::kText:
      return "CAST(" + name + " AS CHAR)";
  }
  return name;
}

// COUNT and a 64-bit XOR of each row's MD5 over the compared columns; ISNULL flags tell a NULL
// from the text 'NULL' or an empty string, which CONCAT_WS would skip or confuse.
std::string ChecksumSelect(const ShadowSwap& swap, bool shadow_side, const std::string& range) {
  std::string terms, nulls;
  for (const auto& column : swap.columns) {
    terms += ", " + ChecksumTerm(column, shadow_side);
    nulls += (nulls.empty() ? "" : ", ") + std::string("ISNULL(") +
             Q(shadow_side ? column.target : column.source) + ")";
  }
  return "SELECT COUNT(*) AS n, COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(CONCAT_WS('#', CONCAT(" + nulls + ")" +
         terms + ")), 16), 16, 10) AS UNSIGNED)), 0) AS h FROM " +
         Q(shadow_side ? swap.shadow_table : swap.table) + range;
}

const char* PhaseName(SwapPhase phase) {
  switch (phase) {
    case SwapPhase::kCopy:
      return "copy";
    case SwapPhase::kVerify:
      return "verify";
    case SwapPhase::kCutOver:
      return "cut-over";
  }
  return "copy";
}

}  // namespace

std::string MysqlShadowSwapSql::CreateCheckpointTable() const {
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (table_name VARCHAR(64) NOT NULL PRIMARY KEY, shadow_table VARCHAR(64) "
      "NOT "
      "NULL, old_table VARCHAR(64) NOT NULL, fingerprint VARCHAR(32) NOT NULL, phase VARCHAR(16) NOT NULL, "
      "last_key LONGBLOB NULL, rows_copied BIGINT NOT NULL DEFAULT 0, drop_old TINYINT NOT NULL DEFAULT 0, "
      "updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)) "
      "ENGINE=InnoDB",
      kCheckpointTable);
}

std::string MysqlShadowSwapSql::ReadCheckpoint(const std::string& table) const {
  return fmt::format(
      "SELECT phase, fingerprint, last_key, rows_copied, drop_old FROM {} WHERE table_name = {}",
      kCheckpointTable, QuoteString(table));
}

std::string MysqlShadowSwapSql::ReadAllCheckpoints() const {
  return fmt::format("SELECT table_name, shadow_table, old_table, drop_old FROM {} ORDER BY table_name",
                     kCheckpointTable);
}

std::string MysqlShadowSwapSql::InsertCheckpoint(const ShadowSwap& swap, const std::string& fingerprint,
                                                 bool drop_old) const {
  return fmt::format(
      "INSERT INTO {} (table_name, shadow_table, old_table, fingerprint, phase, last_key, rows_copied, "
      "drop_old) "
      "VALUES ({}, {}, {}, {}, 'copy', NULL, 0, {})",
      kCheckpointTable, QuoteString(swap.table), QuoteString(swap.shadow_table), QuoteString(swap.old_table),
      QuoteString(fingerprint), drop_old ? 1 : 0);
}

std::string MysqlShadowSwapSql::SavePhase(const std::string& table, SwapPhase phase) const {
  return fmt::format("UPDATE {} SET phase = '{}' WHERE table_name = {}", kCheckpointTable, PhaseName(phase),
                     QuoteString(table));
}

std::string MysqlShadowSwapSql::SaveChunk(const std::string& table, const std::string& encoded_key,
                                          long long rows_added) const {
  return fmt::format("UPDATE {} SET last_key = {}, rows_copied = rows_copied + {} WHERE table_name = {}",
                     kCheckpointTable, QuoteString(encoded_key), rows_added, QuoteString(table));
}

std::string MysqlShadowSwapSql::DeleteCheckpoint(const std::string& table) const {
  return fmt::format("DELETE FROM {} WHERE table_name = {}", kCheckpointTable, QuoteString(table));
}

std::vector<std::string> MysqlShadowSwapSql::Preflight(const ShadowSwap& swap) const {
  const std::string table = QuoteString(swap.table);
  return {
      // MariaDB allows several triggers per event, MySQL 8 too, so the capture triggers could sit
      // beside the table's own; but RENAME TABLE carries those to the old table, and the new one
      // would serve without them.
      "SELECT CONCAT('table ', " + table +
          ", ' has trigger ', TRIGGER_NAME, ': "
          "the cut-over would leave it on the old table; drop it for the swap and recreate it after, or plan "
          "without the swap (@strategy(alter))') FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
          "DATABASE() "
          "AND EVENT_OBJECT_TABLE = " +
          table + " AND TRIGGER_NAME NOT IN (" + QuoteString(TriggerName(swap, "ins")) + ", " +
          QuoteString(TriggerName(swap, "upd")) + ", " + QuoteString(TriggerName(swap, "del")) + ")",
      "SELECT CONCAT('foreign key ', CONSTRAINT_NAME, ' of table ', TABLE_NAME, ' references ', "
      "REFERENCED_TABLE_NAME, ': the shadow-table swap does not move foreign keys yet (RENAME TABLE leaves "
      "them on the old table); plan without the swap (@strategy(alter))') FROM "
      "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND (TABLE_NAME = " +
          table + " OR REFERENCED_TABLE_NAME = " + table + ")",
      "SELECT CONCAT('table ', TABLE_NAME, ' exists (the table before an earlier swap of ', " + table +
          ", '?): drop it, or rename it, before swapping again') FROM information_schema.TABLES WHERE "
          "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " +
          QuoteString(swap.old_table),
  };
}

std::string MysqlShadowSwapSql::TableExists(const std::string& table) const {
  return "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " +
         QuoteString(table);
}

std::string MysqlShadowSwapSql::CaptureTriggersPresent(const ShadowSwap& swap) const {
  return "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND "
         "EVENT_OBJECT_TABLE = " +
         QuoteString(swap.table) + " AND TRIGGER_NAME IN (" + QuoteString(TriggerName(swap, "ins")) + ", " +
         QuoteString(TriggerName(swap, "upd")) + ", " + QuoteString(TriggerName(swap, "del")) + ")";
}

std::string MysqlShadowSwapSql::DropShadow(const ShadowSwap& swap) const {
  return "DROP TABLE IF EXISTS " + Q(swap.shadow_table);
}

std::vector<std::string> MysqlShadowSwapSql::CreateCaptureTriggers(const ShadowSwap& swap) const {
  const std::string on = " ON " + Q(swap.table) + " FOR EACH ROW ";
  const std::string shadow = Q(swap.shadow_table);
  return {
      "CREATE TRIGGER " + Q(TriggerName(swap, "ins")) + " AFTER INSERT" + on + ReplaceFrom(swap, "NEW"),
      // A key that changed leaves its old row behind in the shadow unless it is deleted first.
      "CREATE TRIGGER " + Q(TriggerName(swap, "upd")) + " AFTER UPDATE" + on + "BEGIN DELETE IGNORE FROM " +
          shadow + " WHERE NOT (" + KeyMatch(swap, "NEW.", "OLD.", false) + ") AND " +
          KeyMatch(swap, shadow + ".", "OLD.", true) + "; " + ReplaceFrom(swap, "NEW") + "; END",
      "CREATE TRIGGER " + Q(TriggerName(swap, "del")) + " AFTER DELETE" + on + "DELETE IGNORE FROM " +
          shadow + " WHERE " + KeyMatch(swap, shadow + ".", "OLD.", true),
  };
}

std::vector<std::string> MysqlShadowSwapSql::DropCaptureTriggers(const ShadowSwap& swap) const {
  return {"DROP TRIGGER IF EXISTS " + Q(TriggerName(swap, "ins")),
          "DROP TRIGGER IF EXISTS " + Q(TriggerName(swap, "upd")),
          "DROP TRIGGER IF EXISTS " + Q(TriggerName(swap, "del"))};
}

std::string MysqlShadowSwapSql::ChunkEnd(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                         long long rows) const {
  std::string columns;
  for (const auto& key : swap.key) columns += (columns.empty() ? "" : ", ") + Q(key.source);
  return "SELECT " + columns + " FROM " + Q(swap.table) + RangeCondition(swap, false, after, std::nullopt) +
         " ORDER BY " + KeyOrder(swap) + " LIMIT 1 OFFSET " + std::to_string(rows > 0 ? rows - 1 : 0);
}

// INSERT IGNORE: a row the triggers already wrote is newer than the one read here, and stays.
// Under REPEATABLE READ the SELECT share-locks the rows it reads, so a concurrent DELETE waits
// for this chunk to commit and its trigger then removes the copied row.
std::string MysqlShadowSwapSql::CopyChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                          const std::optional<KeyValues>& upto) const {
  return "INSERT IGNORE INTO " + Q(swap.shadow_table) + " (" + JoinColumns(TargetColumns(swap)) +
         ") SELECT " + JoinColumns(SourceColumns(swap)) + " FROM " + Q(swap.table) +
         RangeCondition(swap, false, after, upto) + " ORDER BY " + KeyOrder(swap);
}

std::string MysqlShadowSwapSql::DeleteShadowChunk(const ShadowSwap& swap,
                                                  const std::optional<KeyValues>& after,
                                                  const std::optional<KeyValues>& upto) const {
  return "DELETE FROM " + Q(swap.shadow_table) + RangeCondition(swap, true, after, upto);
}

// Both sides in one statement: one read view, in which every captured write is on both sides.
std::string MysqlShadowSwapSql::ChecksumChunk(const ShadowSwap& swap, const std::optional<KeyValues>& after,
                                              const std::optional<KeyValues>& upto) const {
  return "SELECT s.n, s.h, d.n, d.h FROM (" +
         ChecksumSelect(swap, false, RangeCondition(swap, false, after, upto)) + ") s CROSS JOIN (" +
         ChecksumSelect(swap, true, RangeCondition(swap, true, after, upto)) + ") d";
}

std::string MysqlShadowSwapSql::ServerLoad() const {
  if (version_.IsMariaDb())
    return "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = "
           "'THREADS_RUNNING'";
  return "SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = "
         "'Threads_running'";
}

std::string MysqlShadowSwapSql::SetCutOverLockWait(int timeout_ms) const {
  return fmt::format("SET SESSION lock_wait_timeout = {}", std::max(1, (timeout_ms + 999) / 1000));
}

std::string MysqlShadowSwapSql::CutOver(const ShadowSwap& swap) const {
  return "RENAME TABLE " + Q(swap.table) + " TO " + Q(swap.old_table) + ", " + Q(swap.shadow_table) + " TO " +
         Q(swap.table);
}

std::string MysqlShadowSwapSql::DropOld(const ShadowSwap& swap) const {
  return "DROP TABLE IF EXISTS " + Q(swap.old_table);
}

std::vector<std::string> MysqlShadowSwapSql::PlainScript(const ShadowSwap& swap) const {
  std::vector<std::string> script = {DropShadow(swap), swap.create_shadow};
  for (auto& trigger : CreateCaptureTriggers(swap)) script.push_back(std::move(trigger));
  script.push_back(CopyChunk(swap, std::nullopt, std::nullopt));
  script.push_back(CutOver(swap));
  for (auto& trigger : DropCaptureTriggers(swap)) script.push_back(std::move(trigger));
  script.push_back(DropOld(swap));
  return script;
}

}  // namespace schemac::dialects::mysql
