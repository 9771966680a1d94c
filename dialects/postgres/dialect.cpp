#include "dialects/postgres/dialect.hpp"

#include <cctype>
#include <optional>
#include <utility>

#include "dialects/index_names.hpp"
#include "dialects/mysql_only_index_parts.hpp"
#include "dialects/postgres/capabilities.hpp"
#include "dialects/postgres/data_checks.hpp"
#include "dialects/postgres/normalize.hpp"
#include "dialects/postgres/render.hpp"
#include "dialects/postgres/strategies.hpp"

namespace schemac::dialects::postgres {

const PostgresDialect& PostgresDialect::Instance() {
  static const PostgresDialect kInstance;
  return kInstance;
}

namespace {

// What PostgreSQL's CREATE [MATERIALIZED] VIEW cannot say.
void CheckView(const model::Namespace& ns, const model::View& view, std::vector<std::string>& problems) {
  const std::string what = std::string(view.materialized ? "materialized view " : "view ") +
                           (ns.name.empty() ? "" : ns.name + ".") + view.name + ": ";
  if (view.materialized && view.check_option != model::ViewCheckOption::None)
    problems.push_back(what + "a materialized view takes no writes, so it has no WITH CHECK OPTION");
  if (view.materialized && view.security == model::ViewSecurity::Invoker)
    problems.push_back(what + "a materialized view is computed with its owner's rights: no security invoker");
  if (!view.materialized && !view.indexes.empty())
    problems.push_back(what + "only a materialized view has rows to index");
  if (view.algorithm != model::ViewAlgorithm::Undefined)
    problems.push_back(what + "`algorithm` is MySQL's; PostgreSQL always merges a view into its query");
  if (!view.definer.empty())
    problems.push_back(what + "`definer` is MySQL's; a PostgreSQL view runs with its owner's rights");
}

// What PostgreSQL's CREATE TRIGGER cannot say: it runs a function; INSTEAD OF is for views, row
// level, without WHEN or UPDATE OF; views take BEFORE / AFTER statement triggers only; TRUNCATE
// fires per statement.
void CheckTrigger(const model::Namespace& ns, const model::Trigger& trigger,
                  std::vector<std::string>& problems) {
  const std::string what = "trigger " + (ns.name.empty() ? "" : ns.name + ".") + trigger.name + ": ";
  if (!trigger.definer.empty())
    problems.push_back(what + "`definer` is MySQL's; a PostgreSQL trigger runs its function's rights");
  if (!trigger.body.empty() || trigger.function.empty())
    problems.push_back(what +
                       "a PostgreSQL trigger runs a function (execute function name(arguments)), not a "
                       "body of statements");
  const model::View* view = ns.FindView(trigger.table);
  const bool on_table = ns.FindTable(trigger.table) != nullptr;
  if (view == nullptr && !on_table) {
    problems.push_back(what + "no table or view " + trigger.table + " in its schema");
    return;
  }
  if (view != nullptr && view->materialized)
    problems.push_back(what + "a materialized view takes no triggers");
  const bool instead = trigger.timing == model::TriggerTiming::InsteadOf;
  if (instead && on_table) problems.push_back(what + "INSTEAD OF triggers are for views only");
  if (instead && !trigger.for_each_row) problems.push_back(what + "INSTEAD OF triggers are FOR EACH ROW");
  if (instead && !trigger.when.empty())
    problems.push_back(what + "INSTEAD OF triggers take no WHEN condition");
  if (instead && !trigger.update_columns.empty())
    problems.push_back(what + "INSTEAD OF triggers take no UPDATE OF columns");
  if (view != nullptr && !view->materialized && !instead && trigger.for_each_row)
    problems.push_back(what + "a view takes BEFORE / AFTER triggers FOR EACH STATEMENT only");
  for (model::TriggerEvent event : trigger.events) {
    if (event == model::TriggerEvent::Truncate && trigger.for_each_row)
      problems.push_back(what + "TRUNCATE triggers are FOR EACH STATEMENT only");
  }
}

// MySQL's routine characteristics have no PostgreSQL meaning (volatility says what DETERMINISTIC
// and the data-access promises say here); refused by name rather than dropped.
void CheckRoutine(const model::Namespace& ns, const model::Routine& routine,
                  std::vector<std::string>& problems) {
  const std::string what =
      std::string(routine.Kind()) + " " + (ns.name.empty() ? "" : ns.name + ".") + routine.Identity() + ": ";
  if (routine.deterministic)
    problems.push_back(what + "`deterministic` is MySQL's; on PostgreSQL write `immutable` or `stable`");
  if (routine.data_access != model::RoutineDataAccess::ContainsSql)
    problems.push_back(what + "`" + model::RoutineDataAccessSql(routine.data_access) +
                       "` is MySQL's; PostgreSQL has no data-access clause");
  if (!routine.definer.empty())
    problems.push_back(what + "`definer` is MySQL's; a PostgreSQL routine runs as its owner");
  if (routine.rows && !model::ReturnsSet(routine))
    problems.push_back(what + "`rows` is for a function that returns a set (setof ... or table (...))");
}

}  // namespace

Capabilities PostgresDialect::GetCapabilities() const { return PostgresCapabilities(); }

void PostgresDialect::Normalize(model::Schema& schema) const { NormalizeSchema(schema); }

std::vector<std::string> PostgresDialect::Unsupported(const model::Schema& desired) const {
  std::vector<std::string> problems;
  for (const auto& ns : desired.namespaces) {
    for (auto& problem : RepeatedIndexNames(ns, "PostgreSQL")) problems.push_back(std::move(problem));
    for (auto& problem : MysqlOnlyIndexParts(ns, "PostgreSQL")) problems.push_back(std::move(problem));
    for (const auto& view : ns.views) CheckView(ns, view, problems);
    for (const auto& trigger : ns.triggers) CheckTrigger(ns, trigger, problems);
    for (const auto& routine : ns.routines) CheckRoutine(ns, routine, problems);
    const std::string prefix = ns.name.empty() ? "" : ns.name + ".";
    for (const auto& table : ns.tables) {
      for (const auto& column : table.columns) {
        if (column.type.kind == model::TypeKind::Native && column.type.NativeFor(Name()) == nullptr) {
          problems.push_back(
              "column " + prefix + table.name + "." + column.name +
              " has a native type with no PostgreSQL spelling (add postgres: '...' to native(...))");
        }
        if (column.generated && !column.generated->stored) {
          problems.push_back("column " + prefix + table.name + "." + column.name +
                             " is a virtual generated column: PostgreSQL 15 has stored ones only");
        }
        if (column.identity && !model::IsIntegerKind(column.type.kind)) {
          problems.push_back("column " + prefix + table.name + "." + column.name +
                             " is an identity column but not smallint, int or bigint");
        }
      }
      for (const auto& index : table.indexes) {
        static const char* kMethods[] = {"", "btree", "hash", "gist", "gin", "spgist", "brin"};
        bool known = false;
        for (const char* method : kMethods) known = known || index.method == method;
        if (!known) {
          problems.push_back("index " + prefix + index.name + " uses method '" + index.method +
                             "', which PostgreSQL does not have (btree, hash, gist, gin, spgist, brin)");
        }
      }
      auto options = table.options.find(Name());
      if (options != table.options.end()) {
        for (const auto& [key, value] : options->second) {
          problems.push_back("table " + prefix + table.name + " has option postgres." + key +
                             ", which schemac does not know for PostgreSQL");
        }
      }
    }
  }
  return problems;
}

namespace {

// The sequence `nextval('...')` in a canonical default draws from, as (schema or "", name), the
// way PostgreSQL resolves the text: unquoted parts folded to lower case. Nothing when the default
// calls no nextval with a literal.
std::optional<std::pair<std::string, std::string>> NextvalSequence(const std::string& canonical) {
  const std::string call = "nextval('";
  const std::size_t start = canonical.find(call);
  if (start == std::string::npos) return std::nullopt;
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (std::size_t i = start + call.size(); i < canonical.size(); ++i) {
    const char c = canonical[i];
    if (c == '\'' && i + 1 < canonical.size() && canonical[i + 1] == '\'') {
      parts.back() += c;
      ++i;
    } else if (c == '\'') {
      break;
    } else if (c == '"') {
      if (quoted && i + 1 < canonical.size() && canonical[i + 1] == '"') {
        parts.back() += c;
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (parts.size() > 2) return std::nullopt;
  if (parts.size() == 1) return std::make_pair(std::string(), parts[0]);
  return std::make_pair(parts[0], parts[1]);
}

}  // namespace

std::vector<std::string> PostgresDialect::MissingDependencies(const model::Schema& current,
                                                              const model::Schema& desired) const {
  // A default drawing from a sequence needs it declared, in the database already (managed, or
  // listed as unmanaged), or made by the plan for an identity column.
  auto sequence_available = [&](const std::string& seq_ns, const std::string& seq) {
    for (const model::Schema* schema : {&current, &desired}) {
      for (const auto& ns : schema->namespaces) {
        if (!seq_ns.empty() && !ns.name.empty() && ns.name != seq_ns) continue;
        if (ns.FindSequence(seq) != nullptr) return true;
      }
    }
    for (const model::UnmanagedObject& object : current.unmanaged) {
      if (object.kind != "sequence" || object.name != seq) continue;
      // The connection's own schema is "" in the model whatever its name: a qualified reference
      // to it (public.s) cannot be told from one to elsewhere here, so it is let through.
      if (seq_ns.empty() || object.namespace_name == seq_ns || object.namespace_name.empty()) return true;
    }
    for (const model::Schema* schema : {&current, &desired}) {
      for (const auto& ns : schema->namespaces) {
        for (const auto& table : ns.tables) {
          for (const auto& column : table.columns) {
            if (column.identity && table.name + "_" + column.name + "_seq" == seq) return true;
          }
        }
      }
    }
    return false;
  };
  std::vector<std::string> problems;
  for (const auto& ns : desired.namespaces) {
    for (const auto& table : ns.tables) {
      const model::Table* existing = current.FindTable(ns.name, table.name);
      for (const auto& column : table.columns) {
        if (!column.default_value || column.default_value->kind != model::DefaultValue::Kind::Expression)
          continue;
        const model::Column* held = existing ? existing->FindColumn(column.name) : nullptr;
        if (held && held->default_value == column.default_value) continue;  // already in place
        auto sequence = NextvalSequence(column.default_value->text);
        if (!sequence || sequence_available(sequence->first, sequence->second)) continue;
        const std::string seq_name =
            sequence->first.empty() ? sequence->second : sequence->first + "." + sequence->second;
        problems.push_back("column " + (ns.name.empty() ? "" : ns.name + ".") + table.name + "." +
                           column.name + " has a default drawing from sequence " + seq_name +
                           ", which neither the database nor the schema holds: declare it (sequence " +
                           seq_name + "), or use identity");
      }
    }
  }
  return problems;
}

std::vector<PlanStep> PostgresDialect::PlanChange(const Change& change, const PlanContext& context) const {
  return PlanPostgresChange(change, context);
}

std::string PostgresDialect::QuoteIdentifier(const std::string& name) const { return QuoteIdent(name); }

std::optional<DataCheck> PostgresDialect::PlanDataCheck(const DataCheckSpec& spec) const {
  return postgres::PlanDataCheck(spec);
}

std::string PostgresDialect::TableEstimateQuery(const std::string& ns, const std::string& table) const {
  return postgres::TableEstimateQuery(ns, table);
}

std::vector<std::string> PostgresDialect::DataCheckTimeout(int timeout_ms, int lock_timeout_ms) const {
  return postgres::DataCheckTimeout(timeout_ms, lock_timeout_ms);
}

std::vector<std::string> PostgresDialect::DataCheckTimeoutReset() const {
  return postgres::DataCheckTimeoutReset();
}

}  // namespace schemac::dialects::postgres
