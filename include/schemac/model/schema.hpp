// The schemac schema model: namespaces, tables, columns, keys, indexes, checks, enums, views,
// triggers, functions and procedures, sequences.
//
// One neutral model for every source. The schema language binds into it, every dialect inspects a
// live database into it, and the diff compares two of it. Header-only, C++17, standard library
// only. Values are plain aggregates: copyable, comparable with ==, not thread-safe to mutate.
//
// Conventions:
// - Declaration order is kept (vectors, not maps): printing and codegen follow it, equality
//   depends on it only where the database cares (columns of a table, keys of an index,
//   values of an enum). Tables, indexes and constraints compare as sets by name in the diff.
// - Names are stored as written, unquoted. The empty namespace name means "the default
//   namespace" (SQLite's main, the connection's current PostgreSQL schema, the MySQL database).
// - Constraint and index names are always filled in by the binder or the inspector, so the diff
//   can match by name; the printer leaves out names that equal the default convention
//   (see naming.hpp).
// - SQL expressions (defaults, checks, generated columns, index predicates) are kept as text;
//   dialects normalize their spelling before two models are compared.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "schemac/model/types.hpp"

namespace schemac::model {

// A column default: a typed literal, or an SQL expression kept as text.
struct DefaultValue {
  enum class Kind { Null, Bool, Number, String, Expression };
  Kind kind = Kind::Null;
  // Bool: "true" / "false"; Number: the literal as written ("-1.50" stays "-1.50" until a dialect
  // normalizes it); String: the unescaped value; Expression: SQL text without outer parentheses.
  std::string text;

  auto Tie() const { return std::tie(kind, text); }
  bool operator==(const DefaultValue& other) const { return Tie() == other.Tie(); }
  bool operator!=(const DefaultValue& other) const { return !(*this == other); }
};

// An identity / auto-increment column. `always` is PostgreSQL's GENERATED ALWAYS; other dialects
// ignore it.
struct Identity {
  bool always = false;
  auto Tie() const { return std::tie(always); }
  bool operator==(const Identity& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Identity& other) const { return !(*this == other); }
};

// A generated (computed) column.
struct Generated {
  std::string expression;
  bool stored = true;
  auto Tie() const { return std::tie(expression, stored); }
  bool operator==(const Generated& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Generated& other) const { return !(*this == other); }
};

struct Column {
  std::string name;
  DataType type;
  bool nullable = true;
  std::optional<DefaultValue> default_value;
  std::optional<Identity> identity;
  std::optional<Generated> generated;
  std::string collation;
  std::string comment;
  // Earlier names of this column, newest first: a rename hint, not part of the database's state.
  std::vector<std::string> renamed_from;

  // What the database holds; rename hints are left out on purpose.
  auto Tie() const {
    return std::tie(name, type, nullable, default_value, identity, generated, collation, comment);
  }
  bool operator==(const Column& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Column& other) const { return !(*this == other); }
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
  std::string comment;  // MySQL: the COMMENT of the key's index
  auto Tie() const { return std::tie(name, columns, comment); }
  bool operator==(const PrimaryKey& other) const { return Tie() == other.Tie(); }
  bool operator!=(const PrimaryKey& other) const { return !(*this == other); }
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  // When the uniqueness is checked (PostgreSQL, SQLite syntax): at each statement, or at commit.
  bool deferrable = false;
  bool initially_deferred = false;
  auto Tie() const { return std::tie(name, columns, deferrable, initially_deferred); }
  bool operator==(const UniqueConstraint& other) const { return Tie() == other.Tie(); }
  bool operator!=(const UniqueConstraint& other) const { return !(*this == other); }
};

enum class NullsOrder { Default, First, Last };

// One key of an index: a column, or an expression (exactly one of the two is set).
struct IndexKey {
  std::string column;
  std::string expression;
  bool descending = false;
  NullsOrder nulls = NullsOrder::Default;
  std::string opclass;
  std::string collation;
  int prefix_length = 0;  // MySQL: index the first N characters (bytes if binary) only; 0: all

  auto Tie() const {
    return std::tie(column, expression, descending, nulls, opclass, collation, prefix_length);
  }
  bool operator==(const IndexKey& other) const { return Tie() == other.Tie(); }
  bool operator!=(const IndexKey& other) const { return !(*this == other); }
};

struct Index {
  std::string name;
  bool unique = false;
  std::vector<IndexKey> keys;
  std::string where;                 // partial-index predicate, SQL text; empty: none
  std::string method;                // btree, gin, gist, hash, ...; empty: the dialect's default
  std::vector<std::string> include;  // covering columns (PostgreSQL INCLUDE)
  std::string comment;

  auto Tie() const { return std::tie(name, unique, keys, where, method, include, comment); }
  bool operator==(const Index& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Index& other) const { return !(*this == other); }
};

enum class ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

inline const char* ReferentialActionSql(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::NoAction:
      return "NO ACTION";
    case ReferentialAction::Restrict:
      return "RESTRICT";
    case ReferentialAction::Cascade:
      return "CASCADE";
    case ReferentialAction::SetNull:
      return "SET NULL";
    case ReferentialAction::SetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

// How a multi-column foreign key treats a row where only some key columns are NULL: SIMPLE (the
// SQL default) lets it through unchecked, FULL refuses it. PARTIAL is in the standard but no
// supported database implements it.
enum class MatchType { Simple, Full };

inline const char* MatchTypeSql(MatchType match) { return match == MatchType::Full ? "FULL" : "SIMPLE"; }

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_namespace;  // empty: the referencing table's namespace
  std::string ref_table;
  std::vector<std::string> ref_columns;
  ReferentialAction on_delete = ReferentialAction::NoAction;
  ReferentialAction on_update = ReferentialAction::NoAction;
  bool deferrable = false;
  bool initially_deferred = false;
  MatchType match = MatchType::Simple;
  // The name of the index that serves the key when it differs from the key's own: MySQL names the
  // index it makes for a key declared without a name in CREATE TABLE after the key's first column.
  // Empty: the key's name (or no such index). Remembered so a key dropped and added back (a down)
  // gets its index under the same name; not the key's definition, so equality leaves it out.
  std::string index_name;

  auto Tie() const {
    return std::tie(name, columns, ref_namespace, ref_table, ref_columns, on_delete, on_update, deferrable,
                    initially_deferred, match);
  }
  bool operator==(const ForeignKey& other) const { return Tie() == other.Tie(); }
  bool operator!=(const ForeignKey& other) const { return !(*this == other); }
};

struct Check {
  std::string name;
  std::string expression;   // SQL text without the outer parentheses
  bool no_inherit = false;  // PostgreSQL NO INHERIT: not enforced on tables inheriting this one
  auto Tie() const { return std::tie(name, expression, no_inherit); }
  bool operator==(const Check& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Check& other) const { return !(*this == other); }
};

// Per-dialect table options, e.g. options["mysql"]["engine"] = "InnoDB",
// options["sqlite"]["strict"] = "true", options["sqlite"]["without_rowid"] = "true".
using TableOptions = std::map<std::string, std::map<std::string, std::string>>;

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  std::string comment;
  TableOptions options;
  // Rename hints (earlier names, newest first) and a planner strategy hint ("shadow", ...):
  // instructions for schemac, not database state, so equality leaves them out.
  std::vector<std::string> renamed_from;
  std::string strategy;

  auto Tie() const {
    return std::tie(name, columns, primary_key, uniques, indexes, foreign_keys, checks, comment, options);
  }
  bool operator==(const Table& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Table& other) const { return !(*this == other); }

  const Column* FindColumn(const std::string& column_name) const { return FindByName(columns, column_name); }
  Column* FindColumn(const std::string& column_name) { return FindByName(columns, column_name); }
  const Index* FindIndex(const std::string& index_name) const { return FindByName(indexes, index_name); }
  const ForeignKey* FindForeignKey(const std::string& fk_name) const {
    return FindByName(foreign_keys, fk_name);
  }
  const Check* FindCheck(const std::string& check_name) const { return FindByName(checks, check_name); }
  const UniqueConstraint* FindUnique(const std::string& unique_name) const {
    return FindByName(uniques, unique_name);
  }

  template <typename T>
  static const T* FindByName(const std::vector<T>& items, const std::string& wanted) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == wanted; });
    return it == items.end() ? nullptr : &*it;
  }
  template <typename T>
  static T* FindByName(std::vector<T>& items, const std::string& wanted) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == wanted; });
    return it == items.end() ? nullptr : &*it;
  }
};

struct Enum {
  std::string name;
  std::vector<std::string> values;
  std::string comment;
  std::vector<std::string> renamed_from;

  auto Tie() const { return std::tie(name, values, comment); }
  bool operator==(const Enum& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Enum& other) const { return !(*this == other); }
};

// True when the live view, trigger or routine `current` is what `wanted` asks for. A definer the
// schema leaves out (MySQL's DEFINER) is whoever runs the migration, so any live one matches it.
template <typename T>
bool DefinitionsMatch(const T& current, const T& wanted) {
  if (!wanted.definer.empty()) return current == wanted;
  T anyone = current;
  anyone.definer.clear();
  return anyone == wanted;
}

// A view. Its query is SQL text kept as written (dialects normalize its spelling); the rest is
// structure. `materialized` is PostgreSQL's MATERIALIZED VIEW: other dialects refuse it.
enum class ViewCheckOption { None, Cascaded, Local };
enum class ViewSecurity { Default, Definer, Invoker };
// How MySQL runs a view (ALGORITHM=); Undefined lets the server choose. Other dialects refuse it.
enum class ViewAlgorithm { Undefined, Merge, TempTable };

struct View {
  std::string name;
  std::vector<std::string> columns;  // the optional column list; empty: the query's names
  std::string query;                 // the SELECT, without CREATE VIEW ... AS
  bool materialized = false;
  ViewCheckOption check_option = ViewCheckOption::None;
  ViewSecurity security = ViewSecurity::Default;
  ViewAlgorithm algorithm = ViewAlgorithm::Undefined;
  std::string definer;         // MySQL's DEFINER, "user@host"; empty in a schema: any (DefinitionsMatch)
  std::vector<Index> indexes;  // materialized views only (PostgreSQL): indexes on its rows
  std::vector<std::string> renamed_from;
  // "name type" of each result column, as the database reports it (filled by inspection and by a
  // server that spells the desired schema; empty otherwise). Not part of the definition, which the
  // query says: a planning detail, e.g. whether PostgreSQL's CREATE OR REPLACE VIEW may keep it.
  std::vector<std::string> result_columns;

  auto Tie() const {
    return std::tie(name, columns, query, materialized, check_option, security, algorithm, definer, indexes);
  }
  bool operator==(const View& other) const { return Tie() == other.Tie(); }
  bool operator!=(const View& other) const { return !(*this == other); }
};

enum class TriggerTiming { Before, After, InsteadOf };
enum class TriggerEvent { Insert, Update, Delete, Truncate };

inline const char* TriggerTimingSql(TriggerTiming timing) {
  switch (timing) {
    case TriggerTiming::Before:
      return "BEFORE";
    case TriggerTiming::After:
      return "AFTER";
    case TriggerTiming::InsteadOf:
      return "INSTEAD OF";
  }
  return "AFTER";
}

inline const char* TriggerEventSql(TriggerEvent event) {
  switch (event) {
    case TriggerEvent::Insert:
      return "INSERT";
    case TriggerEvent::Update:
      return "UPDATE";
    case TriggerEvent::Delete:
      return "DELETE";
    case TriggerEvent::Truncate:
      return "TRUNCATE";
  }
  return "INSERT";
}

// A trigger on a table or view of the same namespace. What it runs is either a body (SQLite,
// MySQL: the statements between BEGIN and END, as SQL text) or a function (PostgreSQL: EXECUTE
// FUNCTION <function>(<arguments>)). Trigger names are unique in their namespace.
struct Trigger {
  std::string name;
  std::string table;
  TriggerTiming timing = TriggerTiming::After;
  std::vector<TriggerEvent> events;         // in the order written; at least one
  std::vector<std::string> update_columns;  // UPDATE OF <columns>; empty: any column
  bool for_each_row = true;                 // false: FOR EACH STATEMENT
  std::string when;                         // condition, SQL text without outer parentheses
  std::string body;
  std::string function;   // qualified name as written
  std::string arguments;  // the text between the call's parentheses
  std::string definer;    // MySQL's DEFINER, "user@host"; empty in a schema: any (DefinitionsMatch)
  std::vector<std::string> renamed_from;

  auto Tie() const {
    return std::tie(name, table, timing, events, update_columns, for_each_row, when, body, function,
                    arguments, definer);
  }
  bool operator==(const Trigger& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Trigger& other) const { return !(*this == other); }
};

// A function or procedure. Its argument list, return type and body are SQL text kept as written
// (a dialect that can ask its server spells them as the server prints them back); the rest is
// structure. Overloads (PostgreSQL) share a name and differ in `signature`.
enum class RoutineVolatility { Volatile, Stable, Immutable };
enum class RoutineParallel { Unsafe, Restricted, Safe };
// What a MySQL routine says it does with data (a promise the server records, not checks).
enum class RoutineDataAccess { ContainsSql, NoSql, ReadsSqlData, ModifiesSqlData };

inline const char* RoutineDataAccessSql(RoutineDataAccess access) {
  switch (access) {
    case RoutineDataAccess::ContainsSql:
      return "CONTAINS SQL";
    case RoutineDataAccess::NoSql:
      return "NO SQL";
    case RoutineDataAccess::ReadsSqlData:
      return "READS SQL DATA";
    case RoutineDataAccess::ModifiesSqlData:
      return "MODIFIES SQL DATA";
  }
  return "CONTAINS SQL";
}

struct Routine {
  std::string name;
  bool procedure = false;
  std::string arguments;  // the text between the parentheses: "a integer, b text DEFAULT ''"
  std::string returns;    // the return type ("integer", "SETOF users", "trigger"); procedures: empty
  std::string language;   // "sql", "plpgsql", ...; empty: the dialect's own (MySQL: SQL)
  RoutineVolatility volatility = RoutineVolatility::Volatile;
  bool strict = false;  // RETURNS NULL ON NULL INPUT
  ViewSecurity security = ViewSecurity::Default;
  RoutineParallel parallel = RoutineParallel::Unsafe;
  std::vector<std::string> settings;  // SET clauses as "name=value", in the order written
  bool deterministic = false;         // MySQL's DETERMINISTIC
  RoutineDataAccess data_access = RoutineDataAccess::ContainsSql;  // MySQL's
  // PostgreSQL's planner estimates: COST (in cpu_operator_cost units) and ROWS (of a set-returning
  // function). Unset: the server's default (a dialect clears a value equal to it before comparing).
  std::optional<double> cost;
  std::optional<double> rows;
  bool leakproof = false;  // PostgreSQL's LEAKPROOF: safe to run before row-security filters
  std::string comment;
  // The account the routine runs as under SQL SECURITY DEFINER ("user@host", MySQL). Empty in a
  // schema: whoever creates it, and the diff does not compare it (DefinitionsMatch).
  std::string definer;
  std::string body;  // the source between the dollar quotes
  std::vector<std::string> renamed_from;
  // The argument types that tell overloads apart ("integer, text"), as the database prints them;
  // filled by inspection and by a server that spells the desired schema. Empty: `arguments` stands
  // for them. An identity, not a definition: equality leaves it out (`arguments` says it).
  std::string signature;

  auto Tie() const {
    return std::tie(name, procedure, arguments, returns, language, volatility, strict, security, parallel,
                    settings, deterministic, data_access, cost, rows, leakproof, comment, definer, body);
  }
  bool operator==(const Routine& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Routine& other) const { return !(*this == other); }

  // "function" or "procedure": how SQL, messages and exclude patterns name the kind.
  const char* Kind() const { return procedure ? "procedure" : "function"; }

  // What tells this routine from the others of its namespace: "name(signature)".
  std::string Identity() const { return name + "(" + (signature.empty() ? arguments : signature) + ")"; }
};

// True when `after` differs from `before` only in body and options: the same kind, return type and
// argument list (names, types, defaults). Databases replace such a routine in place (CREATE OR
// REPLACE), keeping what depends on it; any other change is a DROP and a CREATE.
// A planner estimate (Routine::cost, rows) as the schema language and SQL write it: a whole number
// without a fraction, else the shortest text that reads back as the same float4 PostgreSQL keeps
// (0.1, not 0.100000001).
inline std::string EstimateText(double value) {
  char text[32];
  if (value == static_cast<double>(static_cast<long long>(value)) && value < 1e15) {
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
    return text;
  }
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (static_cast<float>(std::strtod(text, nullptr)) == static_cast<float>(value)) break;
  }
  return text;
}

// True when the function returns a set (RETURNS SETOF ... or RETURNS TABLE (...)), the only kind
// a ROWS estimate applies to.
inline bool ReturnsSet(const Routine& routine) {
  std::string returns;
  for (char c : routine.returns) returns += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  auto starts_with_word = [&](const std::string& word) {
    if (returns.compare(0, word.size(), word) != 0) return false;
    if (returns.size() == word.size()) return true;
    const char next = returns[word.size()];
    return !((next >= 'a' && next <= 'z') || (next >= '0' && next <= '9') || next == '_');
  };
  return starts_with_word("setof") || starts_with_word("table");
}

inline bool SameRoutineShape(const Routine& before, const Routine& after) {
  return before.procedure == after.procedure && before.returns == after.returns &&
         before.arguments == after.arguments;
}

// A sequence. Unset numbers take the SQL standard's defaults for the type and direction
// (SequenceDefaults); dialects fill them in before two models are compared.
struct Sequence {
  std::string name;
  std::string type;  // "smallint", "integer", "bigint"; empty: bigint
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> increment;
  std::optional<std::int64_t> min_value;
  std::optional<std::int64_t> max_value;
  std::optional<std::int64_t> cache;
  bool cycle = false;
  std::string owned_by;  // "table.column" of the same namespace; empty: none
  std::vector<std::string> renamed_from;

  auto Tie() const {
    return std::tie(name, type, start, increment, min_value, max_value, cache, cycle, owned_by);
  }
  bool operator==(const Sequence& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Sequence& other) const { return !(*this == other); }
};

// The standard name of an integer type a sequence may have ("int4" -> "integer"; empty -> the
// default, "bigint"); empty for any other type.
inline std::string SequenceTypeName(const std::string& type) {
  if (type.empty() || type == "bigint" || type == "int8") return "bigint";
  if (type == "integer" || type == "int" || type == "int4") return "integer";
  if (type == "smallint" || type == "int2") return "smallint";
  return "";
}

// `sequence` with its type named the standard way and every unset number replaced by the
// standard default: increment 1; an ascending
// sequence runs from 1 to the type's maximum, a descending one from -1 down to the type's minimum,
// and starts at the end it counts from; cache 1.
inline Sequence SequenceDefaults(Sequence sequence) {
  if (const std::string standard = SequenceTypeName(sequence.type); !standard.empty())
    sequence.type = standard;
  std::int64_t type_max = std::numeric_limits<std::int64_t>::max();
  if (sequence.type == "smallint") type_max = std::numeric_limits<std::int16_t>::max();
  if (sequence.type == "integer") type_max = std::numeric_limits<std::int32_t>::max();
  const std::int64_t type_min = -type_max - 1;
  if (!sequence.increment) sequence.increment = 1;
  const bool ascending = *sequence.increment > 0;
  if (!sequence.min_value) sequence.min_value = ascending ? 1 : type_min;
  if (!sequence.max_value) sequence.max_value = ascending ? type_max : -1;
  if (!sequence.start) sequence.start = ascending ? *sequence.min_value : *sequence.max_value;
  if (!sequence.cache) sequence.cache = 1;
  return sequence;
}

struct Namespace {
  std::string name;  // empty: the default namespace
  std::vector<Table> tables;
  std::vector<Enum> enums;
  std::vector<View> views;  // in dependency order is not required: the diff orders them
  std::vector<Trigger> triggers;
  std::vector<Routine> routines;  // functions and procedures
  std::vector<Sequence> sequences;

  auto Tie() const { return std::tie(name, tables, enums, views, triggers, routines, sequences); }
  bool operator==(const Namespace& other) const { return Tie() == other.Tie(); }
  bool operator!=(const Namespace& other) const { return !(*this == other); }

  const Table* FindTable(const std::string& table_name) const {
    return Table::FindByName(tables, table_name);
  }
  Table* FindTable(const std::string& table_name) { return Table::FindByName(tables, table_name); }
  const Enum* FindEnum(const std::string& enum_name) const { return Table::FindByName(enums, enum_name); }
  Enum* FindEnum(const std::string& enum_name) { return Table::FindByName(enums, enum_name); }
  const View* FindView(const std::string& view_name) const { return Table::FindByName(views, view_name); }
  const Trigger* FindTrigger(const std::string& trigger_name) const {
    return Table::FindByName(triggers, trigger_name);
  }
  const Sequence* FindSequence(const std::string& sequence_name) const {
    return Table::FindByName(sequences, sequence_name);
  }
  // The routine with this identity (Routine::Identity), or null.
  const Routine* FindRoutine(const std::string& identity) const {
    for (const auto& routine : routines) {
      if (routine.Identity() == identity) return &routine;
    }
    return nullptr;
  }
};

// Something a live database holds that the model cannot express (a view, a trigger, ...).
// Inspectors report these instead of dropping them silently; the diff never touches them.
struct UnmanagedObject {
  std::string kind;  // "view", "trigger", "function", ...
  std::string namespace_name;
  std::string name;
  std::string detail;  // why it is unmanaged, or its definition when short
  // The table of the namespace it is part of (a policy, a rule): dropping or rebuilding that table
  // would take it along, so a plan that does stops. Empty: none, or not known.
  std::string table;

  auto Tie() const { return std::tie(kind, namespace_name, name, detail, table); }
  bool operator==(const UnmanagedObject& other) const { return Tie() == other.Tie(); }
  bool operator!=(const UnmanagedObject& other) const { return !(*this == other); }
};

struct Schema {
  std::vector<Namespace> namespaces;
  std::vector<UnmanagedObject> unmanaged;
  // `exclude` lines of a schema file, as "KIND:PATTERN" (schemac/exclude_pattern.hpp), namespace
  // blocks' patterns qualified: objects another tool owns, which plans leave alone. A directive to
  // the planner, not part of the shape.
  std::vector<std::string> excludes;

  // Equality is about the managed shape; unmanaged objects are reported, not compared, and
  // excludes are directives.
  bool operator==(const Schema& other) const { return namespaces == other.namespaces; }
  bool operator!=(const Schema& other) const { return !(*this == other); }

  const Namespace* FindNamespace(const std::string& ns) const { return Table::FindByName(namespaces, ns); }
  Namespace* FindNamespace(const std::string& ns) { return Table::FindByName(namespaces, ns); }

  // The namespace named `ns`, created (empty, at the end) when missing.
  Namespace& GetOrAddNamespace(const std::string& ns) {
    if (Namespace* existing = FindNamespace(ns)) return *existing;
    namespaces.push_back(Namespace{ns, {}, {}, {}, {}, {}, {}});
    return namespaces.back();
  }

  const Table* FindTable(const std::string& ns, const std::string& table) const {
    const Namespace* found = FindNamespace(ns);
    return found ? found->FindTable(table) : nullptr;
  }
  const Enum* FindEnum(const std::string& ns, const std::string& enum_name) const {
    const Namespace* found = FindNamespace(ns);
    return found ? found->FindEnum(enum_name) : nullptr;
  }

  size_t TableCount() const {
    size_t count = 0;
    for (const auto& ns : namespaces) count += ns.tables.size();
    return count;
  }
};

}  // namespace schemac::model
