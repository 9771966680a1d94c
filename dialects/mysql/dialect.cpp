#include "dialects/mysql/dialect.hpp"

#include "dialects/mysql/data_checks.hpp"
#include "dialects/mysql/render.hpp"
#include "dialects/mysql/routine_plan.hpp"
#include "dialects/mysql/routine_sql.hpp"
#include "dialects/mysql/shadow_swap.hpp"
#include "dialects/mysql/strategies.hpp"
#include "dialects/mysql/view_trigger_plan.hpp"
#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {

namespace {

// What MySQL's CREATE VIEW cannot say, or what schemac cannot compare with what the server keeps.
void CheckView(const model::View& view, bool algorithm_readable, std::vector<std::string>& problems) {
  const std::string what = "view " + view.name + ": ";
  if (!view.definer.empty() && view.definer.find('@') == std::string::npos)
    problems.push_back(what + "a definer is 'user@host' (\"" + view.definer + "\" names no host)");
  if (view.algorithm != model::ViewAlgorithm::Undefined && !algorithm_readable)
    problems.push_back(what +
                       "this server's information_schema does not say a view's algorithm, so schemac "
                       "could not compare it; leave `algorithm` out");
  if (view.materialized) problems.push_back(what + "MySQL has no materialized views");
  if (!view.columns.empty())
    problems.push_back(what +
                       "MySQL folds a view's column list into its query; name the columns with AS in "
                       "the query instead");
  if (view.name.size() > 64) problems.push_back(what + "MySQL names are at most 64 characters");
  // The server stores `*` expanded into the columns of the moment: the stored view would never
  // compare equal to the declared one.
  if (SelectsStar(view.query))
    problems.push_back(what + "MySQL stores SELECT * expanded into the columns it has now; list the columns");
}

// What MySQL's CREATE TRIGGER cannot say: one event, row level, a body, BEFORE / AFTER on a table.
void CheckTrigger(const model::Namespace& ns, const model::Trigger& trigger,
                  std::vector<std::string>& problems) {
  const std::string what = "trigger " + trigger.name + ": ";
  if (!trigger.definer.empty() && trigger.definer.find('@') == std::string::npos)
    problems.push_back(what + "a definer is 'user@host' (\"" + trigger.definer + "\" names no host)");
  if (trigger.events.size() != 1) problems.push_back(what + "a MySQL trigger fires on exactly one event");
  for (model::TriggerEvent event : trigger.events) {
    if (event == model::TriggerEvent::Truncate) problems.push_back(what + "MySQL has no TRUNCATE triggers");
  }
  if (!trigger.update_columns.empty()) problems.push_back(what + "MySQL has no UPDATE OF <columns> triggers");
  if (!trigger.when.empty())
    problems.push_back(what + "MySQL triggers have no WHEN; test the condition with IF in the body");
  if (!trigger.for_each_row) problems.push_back(what + "MySQL triggers are FOR EACH ROW only");
  if (!trigger.function.empty() || trigger.body.empty())
    problems.push_back(what + "a MySQL trigger runs a body ($$ statements $$), not a function");
  if (trigger.timing == model::TriggerTiming::InsteadOf)
    problems.push_back(what + "MySQL has no INSTEAD OF triggers");
  if (ns.FindTable(trigger.table) == nullptr)
    problems.push_back(what + "MySQL triggers fire on tables only, and " + trigger.table + " is not one");
  if (trigger.name.size() > 64) problems.push_back(what + "MySQL names are at most 64 characters");
}

}  // namespace

MysqlDialect::MysqlDialect(ServerVersion version) : MysqlDialect(version, DatabaseDefaults::For(version)) {}

MysqlDialect::MysqlDialect(ServerVersion version, DatabaseDefaults defaults)
    : version_(version),
      features_(FeaturesFor(version)),
      defaults_(std::move(defaults)),
      shadow_swap_sql_(std::make_unique<MysqlShadowSwapSql>(version)) {}

MysqlDialect::~MysqlDialect() = default;

const ShadowSwapSql* MysqlDialect::GetShadowSwapSql() const { return shadow_swap_sql_.get(); }

void MysqlDialect::Normalize(model::Schema& schema) const { NormalizeSchema(schema, features_, defaults_); }

// The version decides the algorithms (capabilities.hpp) and the defaults decide what normalizes
// away: both change a plan's SQL.
std::string MysqlDialect::ServerIdentity() const {
  return Name() + " " + version_.ToString() + " " + defaults_.charset + "/" + defaults_.collation;
}

std::string MysqlDialect::QuoteIdentifier(const std::string& name) const {
  return mysql::QuoteIdentifier(name);
}

std::optional<DataCheck> MysqlDialect::PlanDataCheck(const DataCheckSpec& spec) const {
  return mysql::PlanDataCheck(spec);
}

std::string MysqlDialect::TableEstimateQuery(const std::string& ns, const std::string& table) const {
  return mysql::TableEstimateQuery(ns, table);
}

std::vector<std::string> MysqlDialect::DataCheckTimeout(int timeout_ms, int lock_timeout_ms) const {
  // The session's lock wait is already the policy's (SetLockTimeout when the connection opened).
  (void)lock_timeout_ms;
  return mysql::DataCheckTimeout(timeout_ms, version_.IsMariaDb());
}

std::vector<std::string> MysqlDialect::DataCheckTimeoutReset() const {
  return mysql::DataCheckTimeoutReset(version_.IsMariaDb());
}

namespace {

// MySQL and MariaDB keep names and comments in utf8mb3 metadata: 4-byte characters (emoji, rare
// CJK) turn into '?' there.
bool HasFourByteCharacter(const std::string& text) {
  for (unsigned char c : text) {
    if (c >= 0xF0) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> MysqlDialect::Unsupported(const model::Schema& desired) const {
  std::vector<std::string> problems;
  const std::string server = version_.ToString();
  for (const auto& ns : desired.namespaces) {
    if (!ns.name.empty() && (!ns.tables.empty() || !ns.enums.empty() || !ns.routines.empty())) {
      problems.push_back("namespace " + ns.name +
                         ": MySQL has one namespace per database; connect to database " + ns.name +
                         " separately");
    }
    for (const auto& view : ns.views) CheckView(view, version_.IsMariaDb(), problems);
    for (const auto& trigger : ns.triggers) CheckTrigger(ns, trigger, problems);
    const std::string qualifier = ns.name.empty() ? "" : ns.name + ".";
    for (const auto& routine : ns.routines) CheckRoutine(ns, routine, problems);
    for (const auto& sequence : ns.sequences)
      problems.push_back("sequence " + qualifier + sequence.name +
                         ": sequences are not managed by schemac on MySQL/MariaDB (MySQL has none; an "
                         "AUTO_INCREMENT column numbers rows)");
    for (const auto& table : ns.tables) {
      const std::string where = "table " + table.name;
      if (table.name.size() > 64) problems.push_back(where + ": MySQL names are at most 64 characters");
      if (HasFourByteCharacter(table.name) || HasFourByteCharacter(table.comment)) {
        problems.push_back(where +
                           ": MySQL metadata cannot hold 4-byte characters (emoji) in names or comments");
      }
      for (const auto& column : table.columns) {
        if (HasFourByteCharacter(column.name) || HasFourByteCharacter(column.comment)) {
          problems.push_back(where + ", column " + column.name +
                             ": MySQL metadata cannot hold 4-byte characters (emoji) in names or comments");
        }
        if (column.type.kind == model::TypeKind::Native && !column.type.NativeFor("mysql")) {
          problems.push_back(where + ", column " + column.name + ": native type has no mysql spelling");
        }
        if (column.type.kind == model::TypeKind::Enum &&
            !desired.FindEnum(column.type.enum_namespace, column.type.enum_name) &&
            !desired.FindEnum(ns.name, column.type.enum_name)) {
          problems.push_back(where + ", column " + column.name + ": enum " + column.type.enum_name +
                             " is not defined");
        }
        if (column.generated && !column.nullable && !features_.generated_not_null) {
          problems.push_back(where + ", column " + column.name + ": " + server +
                             " cannot declare a generated column NOT NULL (drop `not null`)");
        }
        if (column.default_value && column.default_value->kind == model::DefaultValue::Kind::Expression &&
            !features_.expression_defaults) {
          problems.push_back(where + ", column " + column.name + ": " + server +
                             " has no expression defaults");
        }
      }
      auto check_name = [&](const std::string& kind, const std::string& name) {
        if (name.size() > 64) {
          problems.push_back(where + ", " + kind + " " + name +
                             ": MySQL names are at most 64 characters; name it");
        }
      };
      for (const auto& column : table.columns) check_name("column", column.name);
      for (const auto& index : table.indexes) check_name("index", index.name);
      for (const auto& unique : table.uniques) check_name("unique constraint", unique.name);
      for (const auto& fk : table.foreign_keys) check_name("foreign key", fk.name);
      for (const auto& check : table.checks) check_name("check", check.name);
      for (const auto& index : table.indexes) {
        const std::string what = where + ", index " + index.name;
        if (!index.where.empty()) problems.push_back(what + ": MySQL has no partial indexes (where)");
        if (!index.include.empty()) problems.push_back(what + ": MySQL has no covering INCLUDE columns");
        if (!index.method.empty() && index.method != "btree" && index.method != "hash" &&
            index.method != "fulltext" && index.method != "spatial") {
          problems.push_back(what + ": MySQL has no index method " + index.method);
        }
        for (const auto& key : index.keys) {
          if (!key.expression.empty() && !features_.functional_indexes) {
            problems.push_back(what + ": " + server +
                               " has no expression keys (index a generated column instead)");
          }
          if (key.nulls != model::NullsOrder::Default)
            problems.push_back(what + ": MySQL has no NULLS FIRST / LAST");
          if (!key.opclass.empty()) problems.push_back(what + ": MySQL has no operator classes");
          if (!key.collation.empty()) problems.push_back(what + ": MySQL has no per-key collation");
        }
      }
      for (const auto& fk : table.foreign_keys) {
        if (fk.deferrable)
          problems.push_back(where + ", foreign key " + fk.name + ": MySQL has no deferrable constraints");
        // InnoDB parses MATCH and ignores it: planning MATCH FULL would promise a check that never runs.
        if (fk.match == model::MatchType::Full) {
          problems.push_back(where + ", foreign key " + fk.name +
                             ": MySQL ignores MATCH FULL (it accepts and never enforces it)");
        }
        if (!fk.ref_namespace.empty() && fk.ref_namespace != ns.name) {
          problems.push_back(where + ", foreign key " + fk.name + ": references another namespace");
        }
        // InnoDB refuses a key between integers of different widths (error 3780); the schema
        // language accepts it, as SQLite and PostgreSQL do.
        const model::Table* target = ns.FindTable(fk.ref_table);
        for (std::size_t i = 0; target && i < fk.columns.size() && i < fk.ref_columns.size(); ++i) {
          const model::Column* local = table.FindColumn(fk.columns[i]);
          const model::Column* remote = target->FindColumn(fk.ref_columns[i]);
          if (local && remote && model::IsIntegerKind(local->type.kind) &&
              model::IsIntegerKind(remote->type.kind) && local->type.kind != remote->type.kind) {
            problems.push_back(where + ", foreign key " + fk.name + ": column " + local->name + " is " +
                               model::TypeKindKeyword(local->type.kind) + " but " + target->name + "." +
                               remote->name + " is " + model::TypeKindKeyword(remote->type.kind) +
                               "; MySQL needs the same integer type on both sides");
          }
        }
      }
      if (!table.checks.empty() && !features_.check_constraints) {
        problems.push_back(where + ": " + server + " parses CHECK constraints but does not enforce them");
      }
      for (const auto& [dialect, options] : table.options) {
        if (dialect != "mysql") continue;
        for (const auto& [key, value] : options) {
          if (key != "engine" && key != "charset" && key != "collation") {
            problems.push_back(where + ": unknown option mysql." + key +
                               " (known: engine, charset, collation)");
          }
        }
      }
    }
  }
  return problems;
}

std::vector<PlanStep> MysqlDialect::PlanChange(const Change& change, const PlanContext& context) const {
  std::vector<PlanStep> steps;
  PlanStep step;
  step.change_index = context.change_index;
  step.up.transactional = false;  // MySQL commits every DDL statement implicitly
  switch (change.kind) {
    case ChangeKind::kAddTable: {
      const model::Table& table = *change.table_after;
      step.description = "create table " + table.name;
      step.up.statements.push_back(RenderCreateTable(table, features_));
      step.strategy = "create";
      step.lock = "none";
      step.precondition_probe = ProbeQuery({TableExistsCondition(table.name)});
      steps.push_back(std::move(step));
      break;
    }
    case ChangeKind::kDropTable: {
      const model::Table& table = *change.table_before;
      step.description = "drop table " + table.name;
      step.up.statements.push_back("DROP TABLE " + QuoteIdentifier(table.name));
      step.strategy = "drop";
      step.lock = "exclusive metadata lock (brief)";
      step.hazards.push_back(
          Hazard{hazard::kDropTable, "dropping table " + table.name + " loses all its rows", true});
      step.precondition_probe = ProbeQuery({"NOT " + TableExistsCondition(table.name)});
      steps.push_back(std::move(step));
      break;
    }
    case ChangeKind::kRenameTable: {
      const std::string& from = change.table_before->name;
      const std::string& to = change.table_after->name;
      step.description = "rename table " + from + " to " + to;
      step.up.statements.push_back("RENAME TABLE " + QuoteIdentifier(from) + " TO " + QuoteIdentifier(to));
      step.strategy = "rename";
      step.lock = "exclusive metadata lock (brief)";
      step.precondition_probe = ProbeQuery({TableExistsCondition(to), "NOT " + TableExistsCondition(from)});
      steps.push_back(std::move(step));
      break;
    }
    case ChangeKind::kModifyTable: {
      auto actions = PlanTableActions(*change.table_before, *change.table_after, change.table_diff, version_,
                                      defaults_, context.policy);
      std::vector<PlanStep> alter_steps = StepsForActions(change.table_after->name, actions);
      // A copy that blocks writes on a big table runs online instead, as one swap of the whole change.
      ShadowSwapDecision swap = DecideShadowSwap(change, alter_steps, AlgorithmStrategy(Algorithm::kCopy),
                                                 context, version_, features_);
      if (swap.step) {
        swap.step->change_index = context.change_index;
        steps.push_back(std::move(*swap.step));
        break;
      }
      for (auto& alter_step : alter_steps) {
        alter_step.change_index = context.change_index;
        if (!swap.not_possible.empty() && alter_step.strategy == AlgorithmStrategy(Algorithm::kCopy))
          alter_step.hazards.push_back(Hazard{hazard::kTableRewrite, swap.not_possible, false});
        steps.push_back(std::move(alter_step));
      }
      break;
    }
    // Enums are spelled inline on their columns (Normalize folds them in), and MySQL has one
    // namespace per database: these changes have nothing to run.
    case ChangeKind::kAddEnum:
    case ChangeKind::kDropEnum:
    case ChangeKind::kRenameEnum:
    case ChangeKind::kModifyEnum:
    case ChangeKind::kAddNamespace:
    case ChangeKind::kDropNamespace:
      break;
    case ChangeKind::kAddView:
    case ChangeKind::kDropView:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
      return PlanViewChange(change, context);
    case ChangeKind::kAddTrigger:
    case ChangeKind::kDropTrigger:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
      return PlanTriggerChange(change, context);
    case ChangeKind::kAddRoutine:
    case ChangeKind::kDropRoutine:
    case ChangeKind::kRenameRoutine:
    case ChangeKind::kReplaceRoutine:
      return PlanRoutineChange(change, context);
  }
  return steps;
}

const MysqlDialect& DefaultMysqlDialect() {
  static const MysqlDialect dialect(ServerVersion::Parse("8.0.36"));
  return dialect;
}

const MysqlDialect& DefaultMariaDbDialect() {
  static const MysqlDialect dialect(ServerVersion::Parse("10.11.6-MariaDB"));
  return dialect;
}

}  // namespace schemac::dialects::mysql
