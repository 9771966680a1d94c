#include "dialects/sqlite/dialect.hpp"

#include "dialects/index_names.hpp"
#include "dialects/mysql_only_index_parts.hpp"
#include "dialects/sqlite/capabilities.hpp"
#include "dialects/sqlite/data_checks.hpp"
#include "dialects/sqlite/normalize.hpp"
#include "dialects/sqlite/render.hpp"
#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/strategies.hpp"
#include "dialects/sqlite/types.hpp"

namespace schemac::dialects::sqlite {
namespace {

// The collations every SQLite connection has; others exist only where an application registers
// them, and CREATE TABLE fails without them.
bool IsBuiltinCollation(const std::string& collation) {
  const std::string canonical = CanonicalCollation(collation);
  return canonical.empty() || canonical == "NOCASE" || canonical == "RTRIM";
}

void CheckTable(const model::Namespace& ns, const model::Table& table, std::vector<std::string>& problems) {
  const std::string where = "table " + table.name;
  auto sqlite_options = table.options.find(kDialectName);
  const bool without_rowid =
      sqlite_options != table.options.end() && sqlite_options->second.count("without_rowid") > 0;
  for (const auto& column : table.columns) {
    const std::string at = where + ", column " + column.name;
    if (column.type.kind == model::TypeKind::Native && !column.type.NativeFor(kDialectName)) {
      problems.push_back(at + ": native type has no sqlite spelling (add native(sqlite: '...'))");
    }
    if (column.type.kind == model::TypeKind::Enum) {
      if (!column.type.enum_namespace.empty() && column.type.enum_namespace != ns.name) {
        problems.push_back(at + ": enum " + column.type.enum_namespace + "." + column.type.enum_name +
                           " lives in another namespace; SQLite has one namespace");
      } else if (!ns.FindEnum(column.type.enum_name)) {
        problems.push_back(at + ": unknown enum " + column.type.enum_name);
      }
    }
    if (!IsBuiltinCollation(column.collation)) {
      problems.push_back(at + ": collation " + column.collation +
                         " does not exist in SQLite (BINARY, NOCASE, RTRIM)");
    }
    if (column.identity) {
      if (!IsRowidIdentity(table, column)) {
        problems.push_back(at +
                           ": identity needs the column to be the whole primary key in SQLite "
                           "(INTEGER PRIMARY KEY AUTOINCREMENT)");
      } else if (without_rowid) {
        problems.push_back(at + ": identity (AUTOINCREMENT) is not possible in a WITHOUT ROWID table");
      }
    }
  }
  if (without_rowid && !table.primary_key) {
    problems.push_back(where + ": a WITHOUT ROWID table needs a primary key");
  }
  for (const auto& fk : table.foreign_keys) {
    // SQLite parses MATCH and ignores it: planning MATCH FULL would promise a check that never runs.
    if (fk.match == model::MatchType::Full) {
      problems.push_back(where + ", foreign key " + fk.name +
                         ": SQLite ignores MATCH FULL (it accepts and never enforces it)");
    }
  }
  for (const auto& index : table.indexes) {
    const std::string at = where + ", index " + index.name;
    if (!index.method.empty() && index.method != "btree") {
      problems.push_back(at + ": index method " + index.method + " does not exist in SQLite");
    }
    if (!index.include.empty()) problems.push_back(at + ": SQLite has no covering (include) columns");
    for (const auto& key : index.keys) {
      if (key.nulls != model::NullsOrder::Default)
        problems.push_back(at + ": SQLite indexes have no NULLS FIRST/LAST");
      if (!key.opclass.empty())
        problems.push_back(at + ": SQLite has no operator classes (" + key.opclass + ")");
      if (!IsBuiltinCollation(key.collation)) {
        problems.push_back(at + ": collation " + key.collation +
                           " does not exist in SQLite (BINARY, NOCASE, RTRIM)");
      }
    }
  }
  for (const auto& fk : table.foreign_keys) {
    if (!fk.ref_namespace.empty() && fk.ref_namespace != ns.name) {
      problems.push_back(where + ", foreign key " + fk.name + ": references namespace " + fk.ref_namespace +
                         "; SQLite has one namespace");
    }
  }
}

// What SQLite's CREATE VIEW cannot say.
void CheckView(const model::View& view, std::vector<std::string>& problems) {
  const std::string what = "view " + view.name + ": ";
  if (view.materialized) problems.push_back(what + "SQLite has no materialized views");
  if (view.algorithm != model::ViewAlgorithm::Undefined)
    problems.push_back(what + "`algorithm` is MySQL's; SQLite chooses how to run a view itself");
  if (!view.definer.empty()) problems.push_back(what + "`definer` is MySQL's; SQLite has no accounts");
  if (view.check_option != model::ViewCheckOption::None)
    problems.push_back(what + "SQLite views have no WITH CHECK OPTION");
  if (view.security != model::ViewSecurity::Default)
    problems.push_back(what + "SQLite views have no SQL SECURITY");
}

// What SQLite's CREATE TRIGGER cannot say: one event, row level, a body of statements; INSTEAD OF
// on views only, BEFORE / AFTER on tables only.
void CheckTrigger(const model::Namespace& ns, const model::Trigger& trigger,
                  std::vector<std::string>& problems) {
  const std::string what = "trigger " + trigger.name + ": ";
  if (!trigger.definer.empty()) problems.push_back(what + "`definer` is MySQL's; SQLite has no accounts");
  if (trigger.events.size() != 1) problems.push_back(what + "a SQLite trigger fires on exactly one event");
  for (model::TriggerEvent event : trigger.events) {
    if (event == model::TriggerEvent::Truncate) problems.push_back(what + "SQLite has no TRUNCATE");
  }
  if (!trigger.for_each_row) problems.push_back(what + "SQLite triggers are FOR EACH ROW only");
  if (!trigger.function.empty() || trigger.body.empty())
    problems.push_back(what + "a SQLite trigger runs a body ($$ statements $$), not a function");
  const bool on_view = ns.FindView(trigger.table) != nullptr;
  const bool on_table = ns.FindTable(trigger.table) != nullptr;
  if (!on_view && !on_table) problems.push_back(what + "no table or view " + trigger.table);
  if (on_view && trigger.timing != model::TriggerTiming::InsteadOf)
    problems.push_back(what + "a trigger on a view must be INSTEAD OF");
  if (on_table && trigger.timing == model::TriggerTiming::InsteadOf)
    problems.push_back(what + "INSTEAD OF triggers are for views only");
}

}  // namespace

std::string SqliteDialect::Name() const { return kDialectName; }

Capabilities SqliteDialect::GetCapabilities() const { return SqliteCapabilities(); }

void SqliteDialect::Normalize(model::Schema& schema) const { NormalizeSchema(schema); }

std::vector<std::string> SqliteDialect::Unsupported(const model::Schema& desired) const {
  std::vector<std::string> problems;
  for (const auto& ns : desired.namespaces) {
    if (!ns.name.empty() &&
        (!ns.tables.empty() || !ns.enums.empty() || !ns.views.empty() || !ns.triggers.empty())) {
      problems.push_back("namespace " + ns.name + ": SQLite has only the default namespace");
    }
    for (const auto& table : ns.tables) CheckTable(ns, table, problems);
    for (auto& problem : RepeatedIndexNames(ns, "SQLite")) problems.push_back(std::move(problem));
    for (auto& problem : MysqlOnlyIndexParts(ns, "SQLite")) problems.push_back(std::move(problem));
    for (const auto& view : ns.views) CheckView(view, problems);
    for (const auto& trigger : ns.triggers) CheckTrigger(ns, trigger, problems);
    const std::string qualifier = ns.name.empty() ? "" : ns.name + ".";
    for (const auto& routine : ns.routines) {
      problems.push_back(std::string(routine.Kind()) + " " + qualifier + routine.name +
                         ": SQLite has no stored functions or procedures (application functions are "
                         "registered by the program, not the database)");
    }
    for (const auto& sequence : ns.sequences)
      problems.push_back(
          "sequence " + qualifier + sequence.name +
          ": SQLite has no sequences (an INTEGER PRIMARY KEY or AUTOINCREMENT column numbers rows)");
  }
  return problems;
}

std::vector<PlanStep> SqliteDialect::PlanChange(const Change& change, const PlanContext& context) const {
  return PlanSqliteChange(change, context);
}

std::string SqliteDialect::QuoteIdentifier(const std::string& name) const {
  return sqlite::QuoteIdentifier(name);
}

std::optional<DataCheck> SqliteDialect::PlanDataCheck(const DataCheckSpec& spec) const {
  return sqlite::PlanDataCheck(spec);
}

std::string SqliteDialect::TableEstimateQuery(const std::string&, const std::string& table) const {
  return sqlite::TableEstimateQuery(table);
}

const SqliteDialect& SqliteDialectInstance() {
  static const SqliteDialect kInstance;
  return kInstance;
}

}  // namespace schemac::dialects::sqlite
