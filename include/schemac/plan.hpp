// A migration plan: ordered steps of dialect SQL, each with its undo, strategy, lock and hazards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schemac/change.hpp"

namespace schemac {

// Stable hazard codes: users allow them one by one, so never renumber or reuse one.
namespace hazard {
inline constexpr const char* kDropTable = "HZ001-drop-table";           // data loss
inline constexpr const char* kDropColumn = "HZ002-drop-column";         // data loss
inline constexpr const char* kNarrowType = "HZ003-narrow-type";         // data may not fit / be cut
inline constexpr const char* kTableRebuild = "HZ004-table-rebuild";     // the table is copied
inline constexpr const char* kNotNullMayFail = "HZ005-not-null";        // existing NULLs fail it
inline constexpr const char* kTableRewrite = "HZ006-table-rewrite";     // rewrite under lock
inline constexpr const char* kExclusiveLock = "HZ007-exclusive-lock";   // blocks reads / writes
inline constexpr const char* kDropEnumValue = "HZ008-drop-enum-value";  // rows may hold it
inline constexpr const char* kConstraintMayFail = "HZ009-constraint";   // rows may violate it
inline constexpr const char* kIrreversible = "HZ010-irreversible";      // no down migration
inline constexpr const char* kDropNamespace = "HZ011-drop-namespace";   // data loss
inline constexpr const char* kUnmanaged =
    "HZ012-unmanaged";  // database holds objects schemac does not manage
// Rolling deploys: the old release keeps running while the step runs, and after it.
inline constexpr const char* kRenameInUse = "HZ013-rename-in-use";               // old code uses the old name
inline constexpr const char* kDropColumnInUse = "HZ014-drop-column-in-use";      // old code still reads it
inline constexpr const char* kNotNullNoDefault = "HZ015-not-null-no-default";    // old code's inserts fail
inline constexpr const char* kTypeChangeInPlace = "HZ016-type-change-in-place";  // old code writes old type
}  // namespace hazard

// The catalogue of every code above, in order: what --allow-hazard accepts and docs/HAZARDS.md
// lists (tests/compiler/hazards_doc_test.cpp compares the two).
inline const std::vector<std::string>& AllHazardCodes() {
  static const std::vector<std::string> kCodes = {
      hazard::kDropTable,        hazard::kDropColumn,      hazard::kNarrowType,
      hazard::kTableRebuild,     hazard::kNotNullMayFail,  hazard::kTableRewrite,
      hazard::kExclusiveLock,    hazard::kDropEnumValue,   hazard::kConstraintMayFail,
      hazard::kIrreversible,     hazard::kDropNamespace,   hazard::kUnmanaged,
      hazard::kRenameInUse,      hazard::kDropColumnInUse, hazard::kNotNullNoDefault,
      hazard::kTypeChangeInPlace};
  return kCodes;
}

struct Hazard {
  std::string code;        // one of hazard::k*
  std::string message;     // what exactly, for people
  bool data_loss = false;  // `apply` refuses these without --allow-destructive (or --allow-hazard CODE)
};

// What a data check counts: the rows of an existing table that the step would fail on or damage.
enum class DataCheckKind {
  kNull,         // NULLs in a column that becomes NOT NULL
  kRowsNoValue,  // rows of a table that gets a NOT NULL column without a default
  kDuplicate,    // rows sharing a value of a new unique key, unique index or primary key
  kOrphan,       // rows whose new foreign key matches no referenced row
  kCheck,        // rows failing a new check
  kCast,         // values that do not convert to a column's new type
  kTooLong,      // values longer than a narrowed varchar / char
  kEnumValue,    // values outside a narrowed enum
};

// One read-only check of a step, planned by the dialect from the step's change (dialects/<d>/
// data_checks.*) and run against the current database before anything is applied
// (migrator/data_checks.hpp). Unlike SqlScript::precheck, which stops one step at the last moment,
// a data check runs when the plan is made: it counts, names sample rows, and fails `plan`.
struct DataCheck {
  DataCheckKind kind = DataCheckKind::kNull;
  std::string hazard;       // the code whose --allow-hazard lets the step through despite the rows
  std::string description;  // "rows of users with tier NULL (it becomes NOT NULL)"
  std::string count_sql;    // one row, one column: how many rows fail
  std::string sample_sql;   // up to three rows of primary key values of failing rows; "": no key
  std::vector<std::string> key_columns;  // the columns sample_sql returns, in order

  // Filled in when the check ran. An error (the query failed or timed out) leaves failing_rows
  // empty and says why in `error`.
  std::optional<std::int64_t> failing_rows;
  std::vector<std::string> sample_keys;  // "id=3", "(a=1, b=x)"
  std::string error;
  bool allowed = false;  // rows fail but the user allowed `hazard`

  // Rows fail (or the check could not run) and the user did not allow the hazard.
  bool Fails() const { return !allowed && ((failing_rows && *failing_rows > 0) || !error.empty()); }
};

// How big the table a step works on is, as the database estimates it (filled in with the checks).
struct TableImpact {
  std::string table;         // "users", "app.users"
  std::string estimate_sql;  // one row: estimated rows, estimated bytes (either may be NULL)
  std::optional<std::int64_t> estimated_rows;
  std::optional<std::int64_t> estimated_bytes;
};

// Settings a script's statements run under (PostgreSQL's lock_timeout), in the spellings a
// connection needs: `local` runs first inside the script's transaction and ends with it, so it
// never outlives the script on any server connection, not even behind a transaction pooler that
// hands the next transaction to another client; a script that runs outside a transaction sets
// `session` before its statements and runs `reset` after them, whatever happened.
struct ScriptSettings {
  std::vector<std::string> local;    // SET LOCAL lock_timeout = '5000ms'
  std::vector<std::string> session;  // SET lock_timeout = '5000ms'
  std::vector<std::string> reset;    // RESET lock_timeout

  bool Empty() const { return local.empty() && session.empty() && reset.empty(); }
  bool operator==(const ScriptSettings& other) const {
    return local == other.local && session == other.session && reset == other.reset;
  }
  bool operator!=(const ScriptSettings& other) const { return !(*this == other); }
};

// The SQL of one direction of a step.
// `statements` run in one transaction when `transactional` (and the dialect supports
// transactional DDL), `settings.local` first inside it; outside a transaction `settings.session`
// runs before them and `settings.reset` after them. `before` and `after` run outside any
// transaction (SQLite's PRAGMA foreign_keys, for instance), `after` even when the statements
// failed. `verify` holds queries that must return no rows before the transaction commits (PRAGMA
// foreign_key_check): a row means roll back. `precheck` holds queries that must return no rows
// before anything else runs: a row means the step stops with nothing changed, which is the only
// safe moment where DDL is not transactional (MySQL's foreign key over orphan rows). A precheck's
// row explains itself: its first column, when not NULL, is the message shown ("foreign key f: 2
// rows of orders have no match in users ...").
struct SqlScript {
  std::vector<std::string> precheck;
  std::vector<std::string> before;
  ScriptSettings settings;
  std::vector<std::string> statements;
  std::vector<std::string> verify;
  std::vector<std::string> after;
  bool transactional = true;

  bool Empty() const {
    return precheck.empty() && before.empty() && settings.Empty() && statements.empty() && verify.empty() &&
           after.empty();
  }
  // The settings as this script runs them: inside its transaction, or for the session and reset.
  // (A dialect without transactional DDL runs a transactional script outside a transaction: it
  // declares no local settings.)
  const std::vector<std::string>& OpeningSettings() const {
    return transactional ? settings.local : settings.session;
  }
  const std::vector<std::string>& ClosingSettings() const {
    static const std::vector<std::string> kNone;
    return transactional ? kNone : settings.reset;
  }
  // Every statement in execution order (precheck, before, the opening settings, statements,
  // verify, the settings' reset, after): what `plan --format sql` prints and what golden files
  // compare.
  std::vector<std::string> Flatten() const {
    std::vector<std::string> all(precheck);
    all.insert(all.end(), before.begin(), before.end());
    all.insert(all.end(), OpeningSettings().begin(), OpeningSettings().end());
    all.insert(all.end(), statements.begin(), statements.end());
    all.insert(all.end(), verify.begin(), verify.end());
    all.insert(all.end(), ClosingSettings().begin(), ClosingSettings().end());
    all.insert(all.end(), after.begin(), after.end());
    return all;
  }
};

// A piece of a change that one step carries out: the planner restricts the change to the pieces of
// a step to work out that step's down (compiler/planner.hpp). kWholeChange is the default and
// stands alone; the other kinds name an entry of the change's TableDiff (`index` into the list of
// that kind) or a part of a kModifyEnum.
struct ChangePart {
  enum class Kind {
    kWholeChange,
    kColumn,      // TableDiff::columns[index]; of a kModify, only `column_flags` (0: every flag)
    kPrimaryKey,  // TableDiff::primary_key[index]
    kUnique,      // TableDiff::uniques[index]
    kIndex,       // TableDiff::indexes[index]
    kForeignKey,  // TableDiff::foreign_keys[index]
    kCheck,       // TableDiff::checks[index]
    kComment,     // the table's or the enum's comment
    kOptions,     // the table's options
    kEnumValue,   // adds enum_after->values[index], in its place among the values already there
    kEnumValues,  // every value of enum_after, in its order
  };
  // Which half of a kRename of a key, index or check the step carries out, where a dialect
  // renames by dropping under the old name and adding under the new one in two steps.
  enum class Half { kAll, kDropBefore, kAddAfter };

  Kind kind = Kind::kWholeChange;
  std::size_t index = 0;
  std::uint32_t column_flags = 0;
  Half half = Half::kAll;

  static ChangePart Of(Kind kind, std::size_t index, std::uint32_t column_flags = 0) {
    return ChangePart{kind, index, column_flags, Half::kAll};
  }
  bool operator==(const ChangePart& other) const {
    return kind == other.kind && index == other.index && column_flags == other.column_flags &&
           half == other.half;
  }
};

// The live size of one table, read from the database before planning (Connection::EstimateTableSizes)
// so that the planner, which never opens a database, can choose a strategy by size.
struct TableSize {
  std::int64_t rows = 0;   // the server's estimate (MySQL TABLE_ROWS, PostgreSQL reltuples)
  std::int64_t bytes = 0;  // data and indexes
};
// Keyed by table name, "namespace.table" outside the default namespace.
using TableSizes = std::map<std::string, TableSize>;

// A table copied online into a shadow table and swapped in (strategy "shadow-swap"), decided at
// plan time. The migrator runs it (migrator/shadow_swap.hpp) with the dialect's SQL for each
// phase (dialects/shadow_swap_sql.hpp); the step's `up` holds the same work as plain SQL, for
// review and for `plan --format sql`, but is not what apply runs.
struct ShadowSwap {
  // How verification compares a copied column whose type changed: as the value itself, as a
  // number (int -> bigint, -> decimal: the text differs, the number does not), or as text.
  enum class Compare { kValue, kNumber, kText };
  struct Column {
    std::string source;  // the column in the original table
    std::string target;  // the same column in the shadow (a renamed column's new name)
    Compare compare = Compare::kValue;
  };
  std::string table;          // "t"
  std::string shadow_table;   // "_t_new": the new shape, filled while t serves
  std::string old_table;      // "_t_old": t as it was, kept after the cut-over unless dropped
  std::string create_shadow;  // CREATE TABLE of the shadow, in the dialect's words
  // A column of the chunking key: t's primary key, or a unique key over NOT NULL columns.
  struct KeyColumn {
    std::string source;
    std::string target;
    bool integer = false;  // compared as a number, so a key beyond 2^53 stays exact
  };
  std::vector<KeyColumn> key;
  std::vector<Column> columns;  // copied and compared: the columns of both shapes, not generated
  TableSize estimate;
  std::string reason;          // why this strategy: "column a changes type (COPY); ~1.2M rows > 100000"
  std::string duration_class;  // "seconds", "minutes", "hours"
};

// How well a step's down undoes it. kExact: the database is as it was before the step, rows
// included. kLossy: the schema is restored but not the data the step destroyed (a dropped column
// comes back empty, a narrowed type does not widen the values it cut). kNone: no down.
enum class DownKind { kExact, kLossy, kNone };

struct PlanStep {
  std::string description;  // "add column email to users"
  SqlScript up;
  // What undoes this step alone, run right after it: the state before the step, so an apply that
  // stopped after step k is undone by the downs of steps k..1. Absent exactly when `down_kind`
  // is kNone. A dialect may set it (for states between the steps of one change that only it
  // knows, like a temporary index); otherwise the planner derives it from `parts`.
  std::optional<SqlScript> down;
  DownKind down_kind = DownKind::kExact;
  std::string down_reason;  // kLossy: what is not restored; kNone: why there is no down
  // What of its change the step carries out. Empty: nothing the model holds (a temporary object,
  // a validation); such a step's down is the dialect's to set, or nothing.
  std::vector<ChangePart> parts = {ChangePart{}};
  std::string strategy;  // "create", "alter", "rebuild", "concurrent-index", ...
  std::string lock;      // the strongest lock taken, in the dialect's words
  std::vector<Hazard> hazards;
  // A query that returns a row when this step has already taken effect; lets `apply` resume after
  // an interruption in a dialect without transactional DDL. Empty: none needed.
  std::string precondition_probe;
  std::size_t change_index = 0;        // index into Plan::changes of the change it came from
  std::vector<DataCheck> data_checks;  // what to count before the step may run
  std::optional<TableImpact> impact;   // the existing table the step works on
  // Set for strategy "shadow-swap": apply runs this instead of `up`.
  std::optional<ShadowSwap> shadow_swap;

  bool HasDataLoss() const {
    for (const auto& h : hazards)
      if (h.data_loss) return true;
    return false;
  }
};

// What a plan was made against and for, so that it can be saved, reviewed and applied later exactly
// as reviewed (`plan --out`, `apply --plan`): both sides as the dialect normalized them, with their
// fingerprints (schemac/fingerprint.hpp). `apply --plan` runs the steps only while the live
// database still fingerprints as `source_fingerprint`.
struct PlanBinding {
  std::string server;              // Dialect::ServerIdentity() of the dialect that planned it
  std::string source_fingerprint;  // the current schema's
  std::string target_fingerprint;  // the desired schema's
  model::Schema source;            // normalized current schema (unmanaged objects included)
  model::Schema target;            // normalized desired schema
  // The exclude patterns (PlanPolicy::excludes) both sides were filtered with before they were
  // fingerprinted: `apply --plan` filters the live catalog with them too.
  std::vector<std::string> excludes;
};

struct Plan {
  std::string dialect;
  PlanBinding binding;
  ChangeList changes;
  std::vector<PlanStep> steps;
  // The down migration of the whole plan, in the order it runs: the inverse of each change as the
  // dialect plans it, last change first (a change with an irreversible step adds nothing). It
  // undoes a finished apply; PlanStep::down undoes one step, for an apply that stopped early.
  std::vector<SqlScript> down;
  std::vector<model::UnmanagedObject> unmanaged;  // reported, never touched
  // Whether the steps' data checks ran against the current database: kNotRun when the current side
  // is a schema file (nothing to count), kSkipped on --skip-data-checks.
  enum class DataChecks { kNotRun, kRun, kSkipped } data_checks = DataChecks::kNotRun;
  // Drops and adds that look like a rename, with the hint that would make them one. Never acted on.
  std::vector<std::string> rename_suggestions;

  bool Empty() const { return changes.empty(); }
  std::vector<std::string> UpStatements() const {
    std::vector<std::string> all;
    for (const auto& step : steps)
      for (auto& s : step.up.Flatten()) all.push_back(s);
    return all;
  }
  // The down migration of the whole plan (`down`), every statement in execution order.
  std::vector<std::string> DownStatements() const {
    std::vector<std::string> all;
    for (const auto& script : down)
      for (auto& s : script.Flatten()) all.push_back(s);
    return all;
  }
};

// Knobs the planner reads. Dialects ignore what does not apply to them.
struct PlanPolicy {
  bool online = true;            // prefer online strategies (CONCURRENTLY, NOT VALID, ...)
  int lock_timeout_ms = 5000;    // PostgreSQL lock_timeout / MySQL lock_wait_timeout
  int statement_timeout_ms = 0;  // 0: none
  int lock_retries = 5;          // bounded retries on a lock timeout
  // A change that would block writes for a table copy (MySQL ALGORITHM=COPY) runs as an online
  // shadow-table swap when the table holds more rows than this (0: always; negative: never).
  // Needs the live sizes (TableSizes); without them nothing is swapped.
  std::int64_t shadow_min_rows = 100000;
  // Hazard codes the user allowed (--allow-hazard), for a dialect whose step refuses on its own
  // what the user may accept (MariaDB's implicit fill of a NOT NULL column added without default).
  std::vector<std::string> allowed_hazards;
  // Objects another tool owns, "KIND:PATTERN" (compiler/excludes.hpp): taken out of both sides
  // before they are compared, so they are neither planned nor listed as unmanaged.
  std::vector<std::string> excludes;
};

}  // namespace schemac
