// The questions the core asks a dialect, and the live connection a dialect opens.
//
// The diff walk and the planner live once, in compiler/. They never test which dialect they
// talk to: they call these hooks. Each dialect folder (dialects/<name>/) implements them in the
// same set of files: connection, inspect, normalize, render, capabilities, strategies.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schemac/change.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects {

// What a dialect can do, for the core's decisions (ordering, splitting of changes).
struct Capabilities {
  bool transactional_ddl = false;        // DDL can be rolled back (SQLite, PostgreSQL)
  bool namespaces = false;               // more than one namespace per database (PostgreSQL)
  bool enums_as_types = false;           // enums are standalone types (PostgreSQL)
  bool foreign_keys_need_target = true;  // a FOREIGN KEY may not name a table that does not exist yet
  // Views, triggers and routines keep working when a table or column they read is renamed
  // (PostgreSQL binds them to the object); MySQL's, and SQLite's across a rebuild, break.
  bool dependents_follow_renames = true;
  bool alter_foreign_keys = true;  // FKs can be added / dropped without a table rebuild
  // Triggers of one table, timing and event fire in an order the database keeps and the schema
  // states by declaring them in it (MySQL's ACTION_ORDER), so a schema that only reorders them
  // is a change. PostgreSQL fires them by name; SQLite's order is not defined.
  bool triggers_fire_in_declared_order = false;
};

// What the planner hands the dialect with each change.
struct PlanContext {
  // The normalized schema as it stands when this change runs: the plan's current schema with
  // every earlier change of the plan applied (for an undo: the state right after the change).
  const model::Schema& current;
  // The normalized schema the plan ends at (for an undo: the plan's current schema).
  const model::Schema& desired;
  const PlanPolicy& policy;
  std::size_t change_index;
  // The live sizes of the current tables, read before planning; nullptr when the current side is
  // not a live database (a schema file): then no strategy is chosen by size.
  const TableSizes* sizes = nullptr;
};

class ShadowSwapSql;
// What a data check must count, decided once by the compiler from a change (compiler/data_checks.hpp)
// and spelled in SQL by the dialect (Dialect::PlanDataCheck). `table` is the table as the database
// holds it before the plan runs; every column named here exists in it.
struct DataCheckSpec {
  DataCheckKind kind = DataCheckKind::kNull;
  std::string hazard;  // Hazard code the failing rows make real
  std::string ns;
  const model::Table* table = nullptr;
  std::vector<std::string> columns;  // the checked columns (the key, the foreign key's columns, ...)
  // kOrphan: the referenced table as it stands before the plan, or nullptr when the plan creates it
  // (then every row with a complete key is an orphan).
  const model::ForeignKey* foreign_key = nullptr;
  const model::Table* referenced = nullptr;
  std::string referenced_ns;
  const model::Check* check = nullptr;        // kCheck
  const model::DataType* new_type = nullptr;  // kCast, kTooLong
  std::vector<std::string> values;            // kEnumValue: the values rows may not hold
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "sqlite", "postgres", "mysql": the key of native types and table options in the model.
  virtual std::string Name() const = 0;
  virtual Capabilities GetCapabilities() const = 0;
  // Everything besides the schema that decides which SQL a plan holds: the dialect and, where it
  // matters, the server's flavour and version. Part of every catalog fingerprint, so a saved plan
  // made against one server is not run on another kind.
  virtual std::string ServerIdentity() const { return Name(); }

  // Rewrites `schema` into this dialect's canonical spelling: types the dialect stores
  // differently, default literals and expressions as the database prints them back, options
  // the database fills in. Applied to both sides before the diff, so that a schema file and the
  // database built from it compare equal. Idempotent.
  virtual void Normalize(model::Schema& schema) const = 0;

  // Problems of a desired schema that this dialect cannot build (a native type with no spelling
  // here, a method it lacks). Empty: plannable.
  virtual std::vector<std::string> Unsupported(const model::Schema& desired) const = 0;

  // Problems of building `desired` from `current` (both normalized): objects the desired schema
  // needs that the model cannot declare and the database does not hold (e.g. a sequence a
  // default draws from, until sequences are modelled). Checked before any step is planned, so
  // that a plan refuses instead of failing half-way. Empty: plannable.
  virtual std::vector<std::string> MissingDependencies(const model::Schema& current,
                                                       const model::Schema& desired) const {
    (void)current;
    (void)desired;
    return {};
  }

  // Compiles one change into steps (usually one). `down` is left empty here: the planner fills it
  // by planning the inverse change.
  virtual std::vector<PlanStep> PlanChange(const Change& change, const PlanContext& context) const = 0;

  // The identifier quoted for this dialect, safe for any name.
  virtual std::string QuoteIdentifier(const std::string& name) const = 0;

  // The SQL of each phase of an online shadow-table swap (dialects/shadow_swap_sql.hpp), for
  // dialects that plan steps with strategy "shadow-swap"; nullptr for the others.
  virtual const ShadowSwapSql* GetShadowSwapSql() const { return nullptr; }
  // The read-only queries of one data check (dialects/<name>/data_checks.*), or nullopt when this
  // dialect has no way to count it (a cast it cannot test): the step then carries no check.
  virtual std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) const {
    (void)spec;
    return std::nullopt;
  }
  // The query estimating a table's rows and bytes (one row, two columns, either may be NULL).
  virtual std::string TableEstimateQuery(const std::string& ns, const std::string& table) const {
    (void)ns;
    (void)table;
    return {};
  }
  // Statements that bound each later data-check query to `timeout_ms` on this connection, and its
  // wait for a table lock to `lock_timeout_ms` (0: no bound of its own), and those that lift the
  // bounds again; empty where the server has no such setting.
  virtual std::vector<std::string> DataCheckTimeout(int timeout_ms, int lock_timeout_ms) const {
    (void)timeout_ms;
    (void)lock_timeout_ms;
    return {};
  }
  virtual std::vector<std::string> DataCheckTimeoutReset() const { return {}; }
};

// What the server says of a statement still running, for a person watching a long step.
struct StatementProgress {
  // What it is doing now, in the server's words: "CREATE INDEX CONCURRENTLY: building index:
  // scanning table", "waiting for a lock (relation)", "copy to tmp table".
  std::string phase;
  // How much of the phase is done, 0 to 1, where the server counts it.
  std::optional<double> fraction;
  // The counts behind `fraction` ("blocks 1200 of 2600"), or "".
  std::string detail;

  friend bool operator==(const StatementProgress& a, const StatementProgress& b) {
    return a.phase == b.phase && a.fraction == b.fraction && a.detail == b.detail;
  }
  friend bool operator!=(const StatementProgress& a, const StatementProgress& b) { return !(a == b); }
};

// A live database. Not thread-safe: one connection, one thread (CancelRunningStatement and
// RunningStatementProgress excepted).
class Connection {
 public:
  virtual ~Connection() = default;

  virtual const Dialect& GetDialect() const = 0;

  // The managed shape of the database, with unmanaged objects listed in Schema::unmanaged.
  // Schemac's own bookkeeping tables are left out.
  virtual Result<model::Schema> Inspect() = 0;

  // Runs one statement that returns nothing of interest.
  virtual Status Execute(const std::string& sql) = 0;
  // Runs a query and tells whether it returned at least one row (verify queries, probes).
  virtual Result<bool> QueryHasRows(const std::string& sql) = 0;
  // Runs a query and returns its rows as text (NULL as an absent optional).
  virtual Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) = 0;

  // Transactions, for steps whose SqlScript is transactional. BEGIN / COMMIT / ROLLBACK in the
  // dialect's words.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // A database-wide lock held by `apply` so two deploys never migrate at once (PostgreSQL
  // advisory lock, MySQL GET_LOCK, an exclusive SQLite transaction on a lock row). Waits at most
  // `timeout_ms`; kLockTimeout when another holder keeps it.
  virtual Status AcquireMigrationLock(int timeout_ms) = 0;
  virtual Status ReleaseMigrationLock() = 0;

  // Row estimates and sizes of the tables of the default namespace (and those ScopeNamespaces
  // named), for the planner's choice of strategy by size. Cheap: catalog statistics, no scan.
  // Dialects that choose nothing by size return an empty map.
  virtual Result<TableSizes> EstimateTableSizes() { return TableSizes{}; }

  // The URL this connection was opened with, password masked: safe to print.
  virtual std::string DisplayUrl() const = 0;

  // Asks the server to stop the statement this connection is running now, and returns without
  // waiting: the running call then fails. The one member that may be called from another thread
  // (apply's signal watcher) while this connection is in use. Asking while nothing runs changes
  // nothing. kUnsupported when the dialect cannot.
  virtual Status CancelRunningStatement() {
    return Status(StatusCode::kUnsupported, "this connection cannot cancel a running statement");
  }

  // How far the statement this connection runs now has got, asked on a second session of its
  // own (opened on first use, kept until this connection closes) so that it may be called from
  // one other thread (apply's progress watcher) while this connection is busy. nullopt when the
  // server says nothing of it: no statement runs, or the server does not report on this kind
  // (PostgreSQL reports index builds and lock waits; MariaDB its ALTER TABLE stages). Calls must
  // not overlap each other.
  virtual Result<std::optional<StatementProgress>> RunningStatementProgress() {
    return std::optional<StatementProgress>{};
  }

  // Rewrites the SQL text `desired` keeps verbatim (view queries, trigger conditions and calls)
  // into the server's own spelling of it, for the dialects whose server rewrites that text as it
  // stores it and so cannot be matched offline: without this, a view written one way and read
  // back another would differ forever. Changes nothing in the database. An object the server
  // cannot spell yet (it reads a table the plan has still to create) keeps its text: it is new or
  // changing anyway. Called on the desired schema before planning against this database.
  virtual Status SpellAsServer(model::Schema& desired) {
    (void)desired;
    return Status::Ok();
  }

  // Namespaces Inspect must cover besides the default one: callers pass the names a schema they
  // compare against uses (both sides of a plan), so a namespace the schema manages is seen and
  // an unrelated one is left alone. Adds to earlier calls. Dialects with one namespace ignore it.
  virtual void ScopeNamespaces(const std::vector<std::string>& namespaces) { (void)namespaces; }

  // Bounds the waits of later Inspect calls: at most `lock_timeout_ms` for a lock another session
  // holds (then Inspect fails with kLockTimeout, which callers may retry; 0: no limit, as for
  // steps) and `statement_timeout_ms` per catalog query (0: the dialect's own bound). `apply`
  // passes its PlanPolicy. Dialects whose inspection never waits on table locks ignore it.
  virtual void SetInspectTimeouts(int lock_timeout_ms, int statement_timeout_ms) {
    (void)lock_timeout_ms;
    (void)statement_timeout_ms;
  }

  // True when the URL says the connection goes through a pooler that may run each transaction,
  // and each statement outside one, on another server session (PgBouncer in transaction mode).
  // A setting made for the session outside a transaction may then miss the statements after it
  // and stay on a server session other clients get: apply warns of the steps that need one.
  virtual bool BehindTransactionPooler() const { return false; }
};

}  // namespace schemac::dialects
