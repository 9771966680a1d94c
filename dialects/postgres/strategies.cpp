#include "dialects/postgres/strategies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "dialects/data_check_types.hpp"
#include "dialects/postgres/normalize_expression.hpp"
#include "dialects/postgres/render.hpp"

namespace schemac::dialects::postgres {
namespace {

constexpr const char* kAccessExclusive = "ACCESS EXCLUSIVE";
constexpr const char* kShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE";
constexpr const char* kShareRowExclusive = "SHARE ROW EXCLUSIVE";
constexpr const char* kShare = "SHARE";
constexpr const char* kAccessShare = "ACCESS SHARE";
// Functions, procedures and sequence options live in catalog rows: no table is locked.
constexpr const char* kCatalogOnly = "none (catalog rows only)";

// The policy's timeouts for one script: SET LOCAL inside its transaction, so they end with it and
// never stay on a server connection another client gets next (a transaction pooler such as
// PgBouncer hands each transaction to any server connection); outside a transaction (CREATE INDEX
// CONCURRENTLY) nothing can pin them to the statements' connection, so they are the session's,
// reset after the statements.
ScriptSettings Timeouts(const PlanPolicy& policy) {
  const std::string lock = fmt::format("lock_timeout = '{}ms'", policy.lock_timeout_ms);
  const std::string statement = fmt::format("statement_timeout = '{}ms'", policy.statement_timeout_ms);
  ScriptSettings settings;
  settings.local = {"SET LOCAL " + lock, "SET LOCAL " + statement};
  settings.session = {"SET " + lock, "SET " + statement};
  settings.reset = {"RESET lock_timeout", "RESET statement_timeout"};
  return settings;
}

// Builds the steps of one change; every step gets the policy's timeouts and the change index.
class StepList {
 public:
  explicit StepList(const PlanContext& context) : context_(context) {}

  PlanStep& Add(std::string description, std::string strategy, std::string lock,
                std::vector<std::string> statements, bool transactional = true) {
    PlanStep step;
    step.description = std::move(description);
    step.strategy = std::move(strategy);
    step.lock = std::move(lock);
    step.change_index = context_.change_index;
    step.up = Script(std::move(statements), transactional);
    steps_.push_back(std::move(step));
    return steps_.back();
  }

  // A script with the same timeouts as the steps' ups: for the downs this dialect sets.
  SqlScript Script(std::vector<std::string> statements, bool transactional = true) const {
    SqlScript script;
    script.settings = Timeouts(context_.policy);
    script.statements = std::move(statements);
    script.transactional = transactional;
    return script;
  }

  // The steps added since `first` that still carry the whole change carry `parts` instead (a
  // step that named its parts itself keeps them).
  void SetParts(std::size_t first, const std::vector<ChangePart>& parts) {
    for (std::size_t k = first; k < steps_.size(); ++k) {
      if (steps_[k].parts == std::vector<ChangePart>{ChangePart{}}) steps_[k].parts = parts;
    }
  }
  std::size_t Size() const { return steps_.size(); }
  PlanStep& Last() { return steps_.back(); }

  std::vector<PlanStep> Take() { return std::move(steps_); }
  const PlanPolicy& policy() const { return context_.policy; }
  const PlanContext& context() const { return context_; }

 private:
  const PlanContext& context_;
  std::vector<PlanStep> steps_;
};

void AddHazard(PlanStep& step, const char* code, std::string message, bool data_loss = false) {
  step.hazards.push_back(Hazard{code, std::move(message), data_loss});
}

std::string AlterTable(const std::string& ns, const std::string& table) {
  return "ALTER TABLE " + QualifiedName(ns, table) + " ";
}

// For a precondition probe: the regclass literal of a possibly qualified name.
std::string RegclassLiteral(const std::string& ns, const std::string& name) {
  return QuoteLiteral(QualifiedName(ns, name));
}

// ----- tables ---------------------------------------------------------------------------------

void PlanAddTable(const Change& change, StepList& steps) {
  const model::Table& table = *change.table_after;
  std::vector<std::string> statements = {RenderCreateTable(change.ns, table)};
  // The table is new and empty: plain CREATE INDEX, inside the same transaction.
  for (const auto& index : table.indexes)
    statements.push_back(RenderCreateIndex(change.ns, table.name, index, false));
  for (auto& comment : RenderTableComments(change.ns, table)) statements.push_back(std::move(comment));
  steps.Add("create table " + table.name, "create", kAccessExclusive, std::move(statements));
}

void PlanDropTable(const Change& change, StepList& steps) {
  const model::Table& table = *change.table_before;
  PlanStep& step = steps.Add("drop table " + table.name, "drop", kAccessExclusive,
                             {"DROP TABLE " + QualifiedName(change.ns, table.name)});
  AddHazard(step, hazard::kDropTable, "drops table " + table.name + " and every row in it", true);
}

void PlanRenameTable(const Change& change, StepList& steps) {
  steps.Add("rename table " + change.table_before->name + " to " + change.table_after->name, "rename",
            kAccessExclusive,
            {AlterTable(change.ns, change.table_before->name) + "RENAME TO " +
             QuoteIdent(change.table_after->name)});
}

// ----- columns --------------------------------------------------------------------------------

bool IsVolatileDefault(const model::Column& column) {
  if (!column.default_value || column.default_value->kind != model::DefaultValue::Kind::Expression)
    return false;
  const std::string& text = column.default_value->text;
  for (const char* function :
       {"random(", "gen_random_uuid(", "uuid_generate", "clock_timestamp(", "nextval(", "timeofday("}) {
    if (text.find(function) != std::string::npos) return true;
  }
  return false;
}

void PlanAddColumn(const std::string& ns, const std::string& table, const model::Column& column,
                   StepList& steps) {
  std::vector<std::string> statements = {AlterTable(ns, table) + "ADD COLUMN " +
                                         RenderColumnDefinition(column, ns)};
  if (!column.comment.empty())
    statements.push_back(RenderCommentOnColumn(ns, table, column.name, column.comment));
  PlanStep& step = steps.Add("add column " + column.name + " to " + table, "alter", kAccessExclusive,
                             std::move(statements));
  if (column.identity || column.generated || IsVolatileDefault(column) || SerialStorageType(column.type)) {
    AddHazard(step, hazard::kTableRewrite,
              "adding " + column.name + " computes a value for every row: the table is rewritten under an " +
                  kAccessExclusive + " lock");
  } else if (!column.nullable && !column.default_value) {
    AddHazard(
        step, hazard::kNotNullMayFail,
        "column " + column.name + " is NOT NULL without a default: the step fails if " + table + " has rows");
  }
}

void PlanDropColumn(const std::string& ns, const std::string& table, const model::Column& column,
                    StepList& steps) {
  PlanStep& step = steps.Add("drop column " + column.name + " from " + table, "alter", kAccessExclusive,
                             {AlterTable(ns, table) + "DROP COLUMN " + QuoteIdent(column.name)});
  AddHazard(step, hazard::kDropColumn, "drops column " + table + "." + column.name + " and its data", true);
}

// No rewrite: PostgreSQL only relabels (binary-coercible type, wider length or precision).
bool ChangesWithoutRewrite(const model::DataType& from, const model::DataType& to) {
  using model::TypeKind;
  auto is_string = [](TypeKind kind) { return kind == TypeKind::Varchar || kind == TypeKind::Text; };
  if (is_string(from.kind) && is_string(to.kind)) {
    if (to.kind == TypeKind::Text || !to.length) return true;
    return from.kind == TypeKind::Varchar && from.length && *from.length <= *to.length;
  }
  if (from.kind == TypeKind::Decimal && to.kind == TypeKind::Decimal) {
    if (!to.precision) return true;
    return from.precision && from.scale == to.scale && *from.precision <= *to.precision;
  }
  return false;
}

// Values of `from` may not fit `to` (shorter, smaller, or another kind).
bool Narrows(const model::DataType& from, const model::DataType& to) {
  using model::TypeKind;
  auto integer_rank = [](TypeKind kind) {
    return kind == TypeKind::SmallInt ? 1 : kind == TypeKind::Int ? 2 : kind == TypeKind::BigInt ? 3 : 0;
  };
  if (integer_rank(from.kind) && integer_rank(to.kind))
    return integer_rank(to.kind) < integer_rank(from.kind);
  if (integer_rank(from.kind) &&
      (to.kind == TypeKind::Decimal || to.kind == TypeKind::Text || to.kind == TypeKind::Double)) {
    return to.kind == TypeKind::Decimal && to.precision && *to.precision - to.scale.value_or(0) < 19;
  }
  if (from.kind == TypeKind::Real && to.kind == TypeKind::Double) return false;
  if (to.kind == TypeKind::Text) return false;
  if (ChangesWithoutRewrite(from, to)) return false;
  if (from.kind == TypeKind::Varchar && to.kind == TypeKind::Varchar) return true;
  if (from.kind == TypeKind::Decimal && to.kind == TypeKind::Decimal) {
    return from.precision.value_or(1000) > to.precision.value_or(1000) ||
           from.scale.value_or(0) > to.scale.value_or(0);
  }
  if (from.kind == TypeKind::Timestamp && to.kind == TypeKind::TimestampTz) return false;
  if (from.kind == TypeKind::TimestampTz && to.kind == TypeKind::Timestamp) return false;
  return true;
}

std::string UsingCast(const model::Column& before, const model::Column& after, const std::string& ns) {
  std::string target = RenderType(after.type, ns);
  // An explicit cast to varchar(n) / char(n) cuts longer values silently; without one,
  // ALTER COLUMN TYPE coerces as an assignment does, which fails on a value that does not fit.
  const bool has_length =
      after.type.kind == model::TypeKind::Varchar || after.type.kind == model::TypeKind::Char;
  if (has_length && !after.type.NativeFor("postgres")) {
    return before.type.kind == model::TypeKind::Enum ? QuoteIdent(after.name) + "::text"
                                                     : QuoteIdent(after.name);
  }
  // Enums cast to and from other types through text.
  if (target == "text") return QuoteIdent(after.name) + "::text";
  if (before.type.kind == model::TypeKind::Enum || after.type.kind == model::TypeKind::Enum) {
    return QuoteIdent(after.name) + "::text::" + target;
  }
  return QuoteIdent(after.name) + "::" + target;
}

void PlanSetNotNull(const std::string& ns, const std::string& table, const model::Column& column,
                    StepList& steps) {
  const std::string alter = AlterTable(ns, table);
  const std::string column_name = QuoteIdent(column.name);
  if (!steps.policy().online) {
    PlanStep& step = steps.Add("set " + table + "." + column.name + " not null", "alter", kAccessExclusive,
                               {alter + "ALTER COLUMN " + column_name + " SET NOT NULL"});
    AddHazard(step, hazard::kNotNullMayFail, "fails if " + table + "." + column.name + " holds NULLs");
    AddHazard(step, hazard::kExclusiveLock, "scans " + table + " under an ACCESS EXCLUSIVE lock");
    return;
  }
  // A validated CHECK (col IS NOT NULL) lets SET NOT NULL skip its full scan under the
  // exclusive lock; the scan happens in VALIDATE, which lets reads and writes through.
  const std::string check =
      QuoteIdent(table.substr(0, 20) + "_" + column.name.substr(0, 20) + "_not_null_schemac");
  // The temporary check exists only between these steps, so their downs are set here: each
  // returns to the state before its own step (the check absent, NOT VALID, validated).
  const std::string add_check =
      alter + "ADD CONSTRAINT " + check + " CHECK (" + column_name + " IS NOT NULL)";
  PlanStep& add =
      steps.Add("add NOT VALID null check on " + table + "." + column.name, "check-then-set-not-null",
                kAccessExclusive, {alter + "DROP CONSTRAINT IF EXISTS " + check, add_check + " NOT VALID"});
  add.parts.clear();
  add.down = steps.Script({alter + "DROP CONSTRAINT IF EXISTS " + check});
  PlanStep& validate =
      steps.Add("validate null check on " + table + "." + column.name, "check-then-set-not-null",
                kShareUpdateExclusive, {alter + "VALIDATE CONSTRAINT " + check});
  AddHazard(validate, hazard::kNotNullMayFail, "fails if " + table + "." + column.name + " holds NULLs");
  validate.parts.clear();
  validate.down = steps.Script({alter + "DROP CONSTRAINT " + check, add_check + " NOT VALID"});
  PlanStep& set = steps.Add(
      "set " + table + "." + column.name + " not null", "check-then-set-not-null", kAccessExclusive,
      {alter + "ALTER COLUMN " + column_name + " SET NOT NULL", alter + "DROP CONSTRAINT " + check});
  set.down = steps.Script({alter + "ALTER COLUMN " + column_name + " DROP NOT NULL", add_check});
}

// serial / bigserial / smallserial: an integer column whose default draws from a sequence it
// owns. Not a type PostgreSQL can ALTER a column to, so a change to, from or between them is
// spelled out: the integer type, then the sequence (created, retyped or dropped) and the default.
void PlanSerialTypeChange(const std::string& ns, const std::string& table, const model::Column& before,
                          const model::Column& after, StepList& steps) {
  const std::string alter = AlterTable(ns, table);
  const std::string column_name = QuoteIdent(after.name);
  const std::string subject = table + "." + after.name;
  const std::optional<std::string> from_serial = SerialStorageType(before.type);
  const std::optional<std::string> to_serial = SerialStorageType(after.type);
  const std::string storage = to_serial ? *to_serial : RenderType(after.type, ns);
  // The owned sequence, found by the server (it may not carry the default name).
  const std::string sequence =
      fmt::format("pg_get_serial_sequence({}, {})", RegclassLiteral(ns, table), QuoteLiteral(after.name));
  std::vector<std::string> statements;
  if (to_serial && before.identity)
    statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP IDENTITY");
  if (from_serial && !to_serial) {
    statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP DEFAULT");
    statements.push_back(
        fmt::format("DO $schemac$ BEGIN EXECUTE 'DROP SEQUENCE ' || {}; END $schemac$", sequence));
  } else if (before.default_value && !from_serial) {
    statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP DEFAULT");
  }
  if (from_serial ? *from_serial != storage : RenderType(before.type, ns) != storage) {
    statements.push_back(alter + "ALTER COLUMN " + column_name + " TYPE " + storage + " USING " +
                         column_name + "::" + storage);
  }
  if (from_serial && to_serial) {
    statements.push_back(fmt::format(
        "DO $schemac$ BEGIN EXECUTE 'ALTER SEQUENCE ' || {} || ' AS {}'; END $schemac$", sequence, storage));
  } else if (to_serial) {
    const std::string new_sequence =
        QualifiedName(ns, table.substr(0, 29) + "_" + after.name.substr(0, 29) + "_seq");
    statements.push_back("CREATE SEQUENCE " + new_sequence + " AS " + storage + " OWNED BY " +
                         QualifiedName(ns, table) + "." + column_name);
    statements.push_back(alter + "ALTER COLUMN " + column_name + " SET DEFAULT nextval(" +
                         QuoteLiteral(new_sequence) + "::regclass)");
    statements.push_back(fmt::format("SELECT setval({}, COALESCE(MAX({}), 0) + 1, false) FROM {}",
                                     QuoteLiteral(new_sequence), column_name, QualifiedName(ns, table)));
  }
  PlanStep& step = steps.Add("change type of " + subject + " to " + RenderType(after.type, ns), "alter",
                             kAccessExclusive, std::move(statements));
  AddHazard(step, hazard::kTableRewrite,
            "changing the type of " + subject + " rewrites the table under an ACCESS EXCLUSIVE lock");
}

// Each step carries out the flags of the column change it writes (`column_index` in the diff).
void PlanModifyColumn(const std::string& ns, const std::string& table, const ColumnChange& change,
                      std::size_t column_index, StepList& steps) {
  auto carries = [&](std::size_t first, std::uint32_t flags) {
    steps.SetParts(first, {ChangePart::Of(ChangePart::Kind::kColumn, column_index, flags & change.flags)});
  };
  const model::Column& before = *change.before;
  const model::Column& after = *change.after;
  const std::string alter = AlterTable(ns, table);
  const std::string column_name = QuoteIdent(after.name);
  const std::string subject = table + "." + after.name;

  if (change.flags & kColumnGenerated) {
    if (before.generated && !after.generated) {
      steps.Add("stop generating " + subject, "alter", kAccessExclusive,
                {alter + "ALTER COLUMN " + column_name + " DROP EXPRESSION"});
      carries(steps.Size() - 1, kColumnGenerated);
    } else {
      // PostgreSQL 15 cannot change or add a generation expression in place: the column is
      // recomputed, so nothing but derived data is lost.
      PlanStep& step = steps.Add(
          "recompute generated column " + subject, "alter", kAccessExclusive,
          {alter + "DROP COLUMN " + column_name, alter + "ADD COLUMN " + RenderColumnDefinition(after, ns)});
      AddHazard(step, hazard::kTableRewrite,
                "recomputes " + subject + ": the table is rewritten under an " +
                    std::string(kAccessExclusive) + " lock");
      if (!before.generated)
        AddHazard(step, hazard::kDropColumn, "replaces the stored values of " + subject, true);
      return;
    }
  }
  // The type step drops a default in its way; when the default changes too, a later step sets it.
  bool default_dropped_by_type = false;
  if ((change.flags & kColumnType) && (SerialStorageType(before.type) || SerialStorageType(after.type))) {
    PlanSerialTypeChange(ns, table, before, after, steps);
    carries(steps.Size() - 1, kColumnType | kColumnCollation);
  } else if (change.flags & (kColumnType | kColumnCollation)) {
    std::string statement = alter + "ALTER COLUMN " + column_name + " TYPE " + RenderType(after.type, ns);
    if (!after.collation.empty()) statement += " COLLATE " + QuoteIdent(after.collation);
    std::vector<std::string> statements;
    bool default_in_the_way = before.default_value && (change.flags & kColumnType);
    if (default_in_the_way) statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP DEFAULT");
    if (change.flags & kColumnType) statement += " USING " + UsingCast(before, after, ns);
    statements.push_back(statement);
    if (default_in_the_way && after.default_value && !(change.flags & kColumnDefault)) {
      statements.push_back(alter + "ALTER COLUMN " + column_name + " SET DEFAULT " +
                           RenderDefault(*after.default_value));
    }
    default_dropped_by_type = default_in_the_way && (change.flags & kColumnDefault);
    PlanStep& step = steps.Add("change type of " + subject + " to " + RenderType(after.type, ns), "alter",
                               kAccessExclusive, std::move(statements));
    carries(steps.Size() - 1, kColumnType | kColumnCollation);
    if ((change.flags & kColumnType) && !ChangesWithoutRewrite(before.type, after.type)) {
      AddHazard(step, hazard::kTableRewrite,
                "changing the type of " + subject + " rewrites the table under an ACCESS EXCLUSIVE lock");
    }
    if ((change.flags & kColumnType) && Narrows(before.type, after.type)) {
      AddHazard(step, hazard::kNarrowType,
                "values of " + subject + " may not fit " + RenderType(after.type, ns),
                NarrowsValues(before.type, after.type));
    }
    if (!(change.flags & kColumnType)) {
      AddHazard(step, hazard::kExclusiveLock,
                "changing the collation of " + subject + " rebuilds its indexes");
    }
  }
  if ((change.flags & kColumnDefault) && !after.identity && !after.generated) {
    std::string statement =
        alter + "ALTER COLUMN " + column_name +
        (after.default_value ? " SET DEFAULT " + RenderDefault(*after.default_value) : " DROP DEFAULT");
    PlanStep& step = steps.Add((after.default_value ? "set default of " : "drop default of ") + subject,
                               "alter", kAccessExclusive, {statement});
    carries(steps.Size() - 1, kColumnDefault);
    // After the type step the column had no default at all, a state the model cannot tell.
    if (default_dropped_by_type) {
      step.down = after.default_value
                      ? steps.Script({alter + "ALTER COLUMN " + column_name + " DROP DEFAULT"})
                      : SqlScript{};
    }
  }
  if (change.flags & kColumnNullability) {
    const std::size_t first = steps.Size();
    if (after.nullable) {
      steps.Add("drop not null of " + subject, "alter", kAccessExclusive,
                {alter + "ALTER COLUMN " + column_name + " DROP NOT NULL"});
    } else {
      PlanSetNotNull(ns, table, after, steps);
    }
    carries(first, kColumnNullability);
  }
  if (change.flags & kColumnIdentity) {
    std::vector<std::string> statements;
    if (before.identity && after.identity) {
      statements.push_back(alter + "ALTER COLUMN " + column_name +
                           (after.identity->always ? " SET GENERATED ALWAYS" : " SET GENERATED BY DEFAULT"));
    } else if (after.identity) {
      if (before.default_value) statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP DEFAULT");
      statements.push_back(alter + "ALTER COLUMN " + column_name + " ADD GENERATED " +
                           (after.identity->always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY");
      // The new sequence starts after the values already there.
      statements.push_back(fmt::format(
          "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(MAX({}), 0) + 1, false) FROM {}",
          RegclassLiteral(ns, table), QuoteLiteral(after.name), column_name, QualifiedName(ns, table)));
    } else {
      statements.push_back(alter + "ALTER COLUMN " + column_name + " DROP IDENTITY IF EXISTS");
      if (after.default_value) {
        statements.push_back(alter + "ALTER COLUMN " + column_name + " SET DEFAULT " +
                             RenderDefault(*after.default_value));
      }
    }
    steps.Add("change identity of " + subject, "alter", kAccessExclusive, std::move(statements));
    // The default goes with the identity here (the default step is left out for identities).
    carries(steps.Size() - 1, kColumnIdentity | (after.identity ? kColumnDefault : 0u));
  }
  if (change.flags & kColumnComment) {
    steps.Add("comment on column " + subject, "alter", kShareUpdateExclusive,
              {RenderCommentOnColumn(ns, table, after.name, after.comment)});
    carries(steps.Size() - 1, kColumnComment);
  }
}

// ----- indexes and constraints ----------------------------------------------------------------

std::string IndexProbe(const std::string& ns, const std::string& index) {
  return fmt::format("SELECT 1 FROM pg_index WHERE indexrelid = to_regclass({}) AND indisvalid",
                     RegclassLiteral(ns, index));
}

// A new index on an existing table. Online: CONCURRENTLY, outside a transaction, after dropping
// an INVALID leftover of an earlier failed build (inspect leaves those out, so the plan is here).
void PlanCreateIndex(const std::string& ns, const std::string& table, const model::Index& index,
                     StepList& steps) {
  const bool online = steps.policy().online;
  std::vector<std::string> statements;
  if (online) statements.push_back("DROP INDEX CONCURRENTLY IF EXISTS " + QualifiedName(ns, index.name));
  statements.push_back(RenderCreateIndex(ns, table, index, online));
  PlanStep& step =
      steps.Add("create index " + index.name + " on " + table, online ? "concurrent-index" : "create",
                online ? kShareUpdateExclusive : kShare, std::move(statements), !online);
  if (online) step.precondition_probe = IndexProbe(ns, index.name);
  if (!online)
    AddHazard(step, hazard::kExclusiveLock, "blocks writes to " + table + " while the index builds");
  if (index.unique)
    AddHazard(step, hazard::kConstraintMayFail, "fails if " + table + " holds duplicate keys");
}

void PlanDropIndex(const std::string& ns, const std::string& table, const model::Index& index,
                   StepList& steps) {
  const bool online = steps.policy().online;
  // schemac's own temporary index: left by an interrupted redefinition (often INVALID), wanted by
  // no schema; the description says why it goes.
  const std::string why =
      IsSchemacTemporaryIndex(index.name) ? " (left behind by an interrupted index redefinition)" : "";
  PlanStep& step =
      steps.Add("drop index " + index.name + " on " + table + why, online ? "concurrent-index" : "drop",
                online ? kShareUpdateExclusive : kAccessExclusive,
                {std::string(online ? "DROP INDEX CONCURRENTLY IF EXISTS " : "DROP INDEX ") +
                 QualifiedName(ns, index.name)},
                !online);
  if (online) {
    step.precondition_probe =
        fmt::format("SELECT 1 WHERE to_regclass({}) IS NULL", RegclassLiteral(ns, index.name));
  }
}

// An index whose definition changes, online: the new definition is built concurrently under a
// temporary name while the old index keeps serving (and, if unique, keeps enforcing), then the
// old one is dropped and the new one takes its name. Dropping first would leave the table
// without the index, and without its uniqueness, for as long as the build takes.
// `drop` and `add` are the diff's two entries for the index.
void PlanReplaceIndex(const std::string& ns, const std::string& table, const model::Index& old_index,
                      const model::Index& index, ChangePart drop, ChangePart add, StepList& steps) {
  if (!steps.policy().online) {
    PlanDropIndex(ns, table, index, steps);
    steps.Last().parts = {drop};
    PlanCreateIndex(ns, table, index, steps);
    steps.Last().parts = {add};
    return;
  }
  model::Index replacement = index;
  replacement.name = TemporaryIndexName(index.name);
  // The temporary index is no object of the model: these downs are set here.
  PlanCreateIndex(ns, table, replacement, steps);
  steps.Last().parts.clear();
  steps.Last().down =
      steps.Script({"DROP INDEX CONCURRENTLY IF EXISTS " + QualifiedName(ns, replacement.name)},
                   /*transactional=*/false);
  PlanStep& swap = steps.Add(
      "replace index " + index.name + " on " + table + " with " + replacement.name, "concurrent-index-swap",
      kShareUpdateExclusive,
      {"DROP INDEX CONCURRENTLY IF EXISTS " + QualifiedName(ns, index.name),
       "ALTER INDEX " + QualifiedName(ns, replacement.name) + " RENAME TO " + QuoteIdent(index.name)},
      /*transactional=*/false);
  swap.parts = {drop, add};
  swap.down = steps.Script(
      {"ALTER INDEX " + QualifiedName(ns, index.name) + " RENAME TO " + QuoteIdent(replacement.name),
       RenderCreateIndex(ns, table, old_index, /*concurrently=*/true)},
      /*transactional=*/false);
}

// Unique constraints and primary keys on an existing table: the index is built concurrently,
// then attached (ADD CONSTRAINT ... USING INDEX only takes a brief exclusive lock).
void PlanAddKey(const std::string& ns, const std::string& table, const std::string& name,
                const std::vector<std::string>& columns, bool primary, const std::string& timing,
                StepList& steps) {
  const std::string kind = primary ? "PRIMARY KEY" : "UNIQUE";
  const std::string alter = AlterTable(ns, table);
  if (!steps.policy().online) {
    std::string cols;
    for (const auto& column : columns) cols += (cols.empty() ? "" : ", ") + QuoteIdent(column);
    PlanStep& step =
        steps.Add("add " + std::string(primary ? "primary key " : "unique ") + name + " to " + table, "alter",
                  kAccessExclusive,
                  {alter + "ADD CONSTRAINT " + QuoteIdent(name) + " " + kind + " (" + cols + ")" + timing});
    AddHazard(step, hazard::kConstraintMayFail, "fails if " + table + " holds duplicate keys");
    AddHazard(step, hazard::kExclusiveLock, "blocks " + table + " while the index builds");
    return;
  }
  model::Index index;
  index.name = name;
  index.unique = true;
  for (const auto& column : columns)
    index.keys.push_back(model::IndexKey{column, "", false, model::NullsOrder::Default, "", "", 0});
  // Between the two steps the table has the index but not the constraint, which the model cannot
  // tell: both downs are set here. Dropping the constraint drops its index, so the attach's down
  // builds the index again.
  PlanCreateIndex(ns, table, index, steps);
  steps.Last().parts.clear();
  steps.Last().down = steps.Script({"DROP INDEX CONCURRENTLY IF EXISTS " + QualifiedName(ns, index.name)},
                                   /*transactional=*/false);
  PlanStep& attach =
      steps.Add("attach " + std::string(primary ? "primary key " : "unique ") + name + " to " + table,
                "alter", kAccessExclusive,
                {alter + "ADD CONSTRAINT " + QuoteIdent(name) + " " + kind + " USING INDEX " +
                 QuoteIdent(name) + timing});
  attach.down = steps.Script({alter + "DROP CONSTRAINT " + QuoteIdent(name),
                              RenderCreateIndex(ns, table, index, /*concurrently=*/true)},
                             /*transactional=*/false);
}

void PlanDropConstraint(const std::string& ns, const std::string& table, const std::string& name,
                        const std::string& what, StepList& steps) {
  steps.Add("drop " + what + " " + name + " from " + table, "alter", kAccessExclusive,
            {AlterTable(ns, table) + "DROP CONSTRAINT " + QuoteIdent(name)});
}

// Foreign keys and checks: NOT VALID (brief lock, no scan), then VALIDATE in its own step
// (scans under SHARE UPDATE EXCLUSIVE: reads and writes go on).
void PlanAddValidatedConstraint(const std::string& ns, const std::string& table, const std::string& name,
                                const std::string& clause, const std::string& what, const char* add_lock,
                                StepList& steps) {
  const std::string alter = AlterTable(ns, table);
  if (!steps.policy().online) {
    PlanStep& step =
        steps.Add("add " + what + " " + name + " to " + table, "alter", add_lock, {alter + "ADD " + clause});
    AddHazard(step, hazard::kConstraintMayFail, "fails if rows of " + table + " violate " + name);
    return;
  }
  steps.Add(
      "add " + what + " " + name + " to " + table + " (not valid)", "not-valid-then-validate", add_lock,
      {alter + "DROP CONSTRAINT IF EXISTS " + QuoteIdent(name), alter + "ADD " + clause + " NOT VALID"});
  PlanStep& validate = steps.Add("validate " + what + " " + name + " on " + table, "validate",
                                 kShareUpdateExclusive, {alter + "VALIDATE CONSTRAINT " + QuoteIdent(name)});
  AddHazard(validate, hazard::kConstraintMayFail, "fails if rows of " + table + " violate " + name);
  // The model does not hold validity: the constraint goes back to NOT VALID here.
  validate.parts.clear();
  validate.down =
      steps.Script({alter + "DROP CONSTRAINT " + QuoteIdent(name), alter + "ADD " + clause + " NOT VALID"});
}

// Runs `action` on every entry with `op`; the steps it adds carry that entry (`kind`, its index)
// unless they named their parts themselves.
template <typename T, typename F>
void ForEachOp(const std::vector<ObjectChange<T>>& changes, ChangeOp op, ChangePart::Kind kind,
               StepList& steps, F&& action) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].op != op) continue;
    const std::size_t first = steps.Size();
    action(changes[i]);
    steps.SetParts(first, {ChangePart::Of(kind, i)});
  }
}

// The entry of `changes` with `op` whose object is named `name` (before for drops, after for adds).
template <typename T>
ChangePart EntryNamed(const std::vector<ObjectChange<T>>& changes, ChangeOp op, const std::string& name,
                      ChangePart::Kind kind) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (changes[i].op == op && changes[i].Current().name == name && op == ChangeOp::kDrop)
      return ChangePart::Of(kind, i);
    if (changes[i].op == op && changes[i].Desired().name == name && op != ChangeOp::kDrop)
      return ChangePart::Of(kind, i);
  }
  return ChangePart{};
}

// A foreign key dropped and added again under the same name that differs only in when it is
// checked (DEFERRABLE, INITIALLY ...): ALTER CONSTRAINT changes that in place, without a window
// where the key is missing and without scanning the table again to validate it.
const model::ForeignKey* DeferrabilityOnlyChange(const model::ForeignKey& before, const TableDiff& diff) {
  for (const auto& added : diff.foreign_keys) {
    if (added.op != ChangeOp::kAdd || added.after->name != before.name) continue;
    model::ForeignKey same_timing = *added.after;
    same_timing.deferrable = before.deferrable;
    same_timing.initially_deferred = before.initially_deferred;
    if (same_timing == before) return &*added.after;
  }
  return nullptr;
}

void PlanAlterForeignKeyTiming(const std::string& ns, const std::string& table,
                               const model::ForeignKey& after, StepList& steps) {
  std::string timing = after.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE";
  if (after.deferrable) timing += after.initially_deferred ? " INITIALLY DEFERRED" : " INITIALLY IMMEDIATE";
  steps.Add("alter foreign key " + after.name + " on " + table + " to " + timing, "alter", kShareRowExclusive,
            {AlterTable(ns, table) + "ALTER CONSTRAINT " + QuoteIdent(after.name) + " " + timing});
}

// Column renames of one table change: old name -> new name.
using ColumnRenames = std::map<std::string, std::string>;

void RenameColumns(std::vector<std::string>& columns, const ColumnRenames& renames) {
  for (auto& column : columns) {
    if (auto found = renames.find(column); found != renames.end()) column = found->second;
  }
}

// An object as PostgreSQL holds it after RENAME COLUMN: it follows the column by itself, in
// keys, indexes and check expressions alike.
model::PrimaryKey AfterColumnRenames(model::PrimaryKey key, const ColumnRenames& renames) {
  RenameColumns(key.columns, renames);
  return key;
}
model::UniqueConstraint AfterColumnRenames(model::UniqueConstraint unique, const ColumnRenames& renames) {
  RenameColumns(unique.columns, renames);
  return unique;
}
model::ForeignKey AfterColumnRenames(model::ForeignKey fk, const ColumnRenames& renames) {
  RenameColumns(fk.columns, renames);
  return fk;
}
model::Index AfterColumnRenames(model::Index index, const ColumnRenames& renames) {
  for (auto& key : index.keys) {
    if (auto found = renames.find(key.column); !key.column.empty() && found != renames.end())
      key.column = found->second;
  }
  RenameColumns(index.include, renames);
  return index;
}
model::Check AfterColumnRenames(model::Check check, const ColumnRenames& renames) {
  if (renames.empty()) return check;
  if (auto renamed = RenameColumnsInExpression(check.expression, renames)) check.expression = *renamed;
  return check;
}

// Objects dropped and added again that differ only in their name once renamed columns are
// followed: a renamed table or column changes the default names of its keys and indexes
// (users_pkey -> accounts_pkey, t_email_key -> t_mail_key). Renaming keeps the object and what
// depends on it (a foreign key needs the key it references) where a drop and an add would fail
// or rebuild it. Old name -> new name; equal names mean PostgreSQL already did all of it.
template <typename T>
std::map<std::string, std::string> OnlyRenamed(const std::vector<ObjectChange<T>>& changes,
                                               const ColumnRenames& column_renames) {
  std::map<std::string, std::string> renamed;
  std::set<std::string> taken;
  for (const auto& dropped : changes) {
    if (dropped.op != ChangeOp::kDrop) continue;
    const T followed = AfterColumnRenames(*dropped.before, column_renames);
    for (const auto& added : changes) {
      if (added.op != ChangeOp::kAdd || taken.count(added.after->name) != 0) continue;
      T same_name = *added.after;
      same_name.name = dropped.before->name;
      if (same_name == followed) {
        renamed[dropped.before->name] = added.after->name;
        taken.insert(added.after->name);
        break;
      }
    }
  }
  return renamed;
}

bool IsRenameSource(const std::map<std::string, std::string>& renamed, const std::string& name) {
  return renamed.count(name) != 0;
}

bool IsRenameTarget(const std::map<std::string, std::string>& renamed, const std::string& name) {
  for (const auto& [from, to] : renamed) {
    if (to == name) return true;
  }
  return false;
}

void PlanModifyTable(const Change& change, StepList& steps) {
  const std::string& ns = change.ns;
  const std::string& table = change.table_after->name;
  const TableDiff& diff = change.table_diff;
  const std::string alter = AlterTable(ns, table);
  using Kind = ChangePart::Kind;

  std::set<std::string> retimed_foreign_keys;
  for (const auto& dropped : diff.foreign_keys) {
    if (dropped.op != ChangeOp::kDrop) continue;
    if (const model::ForeignKey* after = DeferrabilityOnlyChange(*dropped.before, diff)) {
      retimed_foreign_keys.insert(after->name);
      PlanAlterForeignKeyTiming(ns, table, *after, steps);
      steps.Last().parts = {
          EntryNamed(diff.foreign_keys, ChangeOp::kDrop, dropped.before->name, Kind::kForeignKey),
          EntryNamed(diff.foreign_keys, ChangeOp::kAdd, after->name, Kind::kForeignKey)};
    }
  }

  // Drops first (what depends on columns goes before the columns), then renames, columns,
  // and the additions that may depend on new columns.
  ColumnRenames column_renames;
  ForEachOp(diff.columns, ChangeOp::kRename, Kind::kColumn, steps,
            [&](const ColumnChange& c) { column_renames[c.before->name] = c.after->name; });
  const auto renamed_foreign_keys = OnlyRenamed(diff.foreign_keys, column_renames);
  const auto renamed_checks = OnlyRenamed(diff.checks, column_renames);
  const auto renamed_indexes = OnlyRenamed(diff.indexes, column_renames);
  const auto renamed_uniques = OnlyRenamed(diff.uniques, column_renames);
  const auto renamed_primary_keys = OnlyRenamed(diff.primary_key, column_renames);
  std::vector<ChangePart> renamed_with_columns;  // pairs the column renames carry out

  ForEachOp(diff.foreign_keys, ChangeOp::kDrop, Kind::kForeignKey, steps, [&](const ForeignKeyChange& c) {
    if (retimed_foreign_keys.count(c.before->name) == 0 &&
        !IsRenameSource(renamed_foreign_keys, c.before->name)) {
      PlanDropConstraint(ns, table, c.before->name, "foreign key", steps);
    }
  });
  ForEachOp(diff.checks, ChangeOp::kDrop, Kind::kCheck, steps, [&](const CheckChange& c) {
    if (!IsRenameSource(renamed_checks, c.before->name))
      PlanDropConstraint(ns, table, c.before->name, "check", steps);
  });
  // Indexes dropped and added under the same name: their definition changed.
  std::set<std::string> replaced_indexes;
  for (const auto& dropped : diff.indexes) {
    if (dropped.op != ChangeOp::kDrop) continue;
    for (const auto& added : diff.indexes) {
      if (added.op == ChangeOp::kAdd && added.after->name == dropped.before->name)
        replaced_indexes.insert(added.after->name);
    }
  }
  ForEachOp(diff.indexes, ChangeOp::kDrop, Kind::kIndex, steps, [&](const IndexChange& c) {
    if (!IsRenameSource(renamed_indexes, c.before->name) && replaced_indexes.count(c.before->name) == 0) {
      PlanDropIndex(ns, table, *c.before, steps);
    }
  });
  ForEachOp(diff.uniques, ChangeOp::kDrop, Kind::kUnique, steps, [&](const UniqueChange& c) {
    if (!IsRenameSource(renamed_uniques, c.before->name))
      PlanDropConstraint(ns, table, c.before->name, "unique", steps);
  });
  ForEachOp(diff.primary_key, ChangeOp::kDrop, Kind::kPrimaryKey, steps, [&](const PrimaryKeyChange& c) {
    if (!IsRenameSource(renamed_primary_keys, c.before->name)) {
      PlanDropConstraint(ns, table, c.before->name, "primary key", steps);
    }
  });

  // A rename's down renames back. Set here because a rename found through column renames runs
  // before the columns are renamed: its object in the diff already names the new columns.
  auto rename_constraint = [&](const std::string& from, const std::string& to, const std::string& what) {
    steps.Add("rename " + what + " " + from + " to " + to, "rename", kAccessExclusive,
              {alter + "RENAME CONSTRAINT " + QuoteIdent(from) + " TO " + QuoteIdent(to)});
    steps.Last().down =
        steps.Script({alter + "RENAME CONSTRAINT " + QuoteIdent(to) + " TO " + QuoteIdent(from)});
  };
  ForEachOp(diff.foreign_keys, ChangeOp::kRename, Kind::kForeignKey, steps, [&](const ForeignKeyChange& c) {
    rename_constraint(c.before->name, c.after->name, "foreign key");
  });
  ForEachOp(diff.checks, ChangeOp::kRename, Kind::kCheck, steps,
            [&](const CheckChange& c) { rename_constraint(c.before->name, c.after->name, "check"); });
  ForEachOp(diff.uniques, ChangeOp::kRename, Kind::kUnique, steps,
            [&](const UniqueChange& c) { rename_constraint(c.before->name, c.after->name, "unique"); });
  ForEachOp(diff.primary_key, ChangeOp::kRename, Kind::kPrimaryKey, steps, [&](const PrimaryKeyChange& c) {
    rename_constraint(c.before->name, c.after->name, "primary key");
  });
  auto rename_index = [&](const std::string& from, const std::string& to) {
    steps.Add("rename index " + from + " to " + to, "rename", kShareUpdateExclusive,
              {"ALTER INDEX " + QualifiedName(ns, from) + " RENAME TO " + QuoteIdent(to)});
    steps.Last().down =
        steps.Script({"ALTER INDEX " + QualifiedName(ns, to) + " RENAME TO " + QuoteIdent(from)});
  };
  ForEachOp(diff.indexes, ChangeOp::kRename, Kind::kIndex, steps,
            [&](const IndexChange& c) { rename_index(c.before->name, c.after->name); });
  // A rename found here carries out the drop and the add it stands for. Equal names: the column
  // rename already renamed it, and the rename's step carries the pair (its down renames back).
  auto rename_all = [&](const std::map<std::string, std::string>& renamed, const auto& list, Kind kind,
                        const auto& rename) {
    for (const auto& [from, to] : renamed) {
      const std::vector<ChangePart> pair = {EntryNamed(list, ChangeOp::kDrop, from, kind),
                                            EntryNamed(list, ChangeOp::kAdd, to, kind)};
      if (from != to) {
        rename(from, to);
        steps.Last().parts = pair;
      } else {
        renamed_with_columns.insert(renamed_with_columns.end(), pair.begin(), pair.end());
      }
    }
  };
  rename_all(renamed_foreign_keys, diff.foreign_keys, Kind::kForeignKey,
             [&](auto& from, auto& to) { rename_constraint(from, to, "foreign key"); });
  rename_all(renamed_checks, diff.checks, Kind::kCheck,
             [&](auto& from, auto& to) { rename_constraint(from, to, "check"); });
  rename_all(renamed_uniques, diff.uniques, Kind::kUnique,
             [&](auto& from, auto& to) { rename_constraint(from, to, "unique"); });
  rename_all(renamed_primary_keys, diff.primary_key, Kind::kPrimaryKey,
             [&](auto& from, auto& to) { rename_constraint(from, to, "primary key"); });
  rename_all(renamed_indexes, diff.indexes, Kind::kIndex, rename_index);

  ForEachOp(diff.columns, ChangeOp::kDrop, Kind::kColumn, steps,
            [&](const ColumnChange& c) { PlanDropColumn(ns, table, *c.before, steps); });
  ForEachOp(diff.columns, ChangeOp::kRename, Kind::kColumn, steps, [&](const ColumnChange& c) {
    PlanStep& step = steps.Add(
        "rename column " + table + "." + c.before->name + " to " + c.after->name, "rename", kAccessExclusive,
        {alter + "RENAME COLUMN " + QuoteIdent(c.before->name) + " TO " + QuoteIdent(c.after->name)});
    step.parts = {ChangePart::Of(Kind::kColumn, static_cast<std::size_t>(&c - diff.columns.data()))};
    step.parts.insert(step.parts.end(), renamed_with_columns.begin(), renamed_with_columns.end());
    renamed_with_columns.clear();
  });
  ForEachOp(diff.columns, ChangeOp::kAdd, Kind::kColumn, steps,
            [&](const ColumnChange& c) { PlanAddColumn(ns, table, *c.after, steps); });
  ForEachOp(diff.columns, ChangeOp::kModify, Kind::kColumn, steps, [&](const ColumnChange& c) {
    PlanModifyColumn(ns, table, c, static_cast<std::size_t>(&c - diff.columns.data()), steps);
  });

  ForEachOp(diff.primary_key, ChangeOp::kAdd, Kind::kPrimaryKey, steps, [&](const PrimaryKeyChange& c) {
    if (IsRenameTarget(renamed_primary_keys, c.after->name)) return;
    PlanAddKey(ns, table, c.after->name, c.after->columns, true, "", steps);
  });
  ForEachOp(diff.uniques, ChangeOp::kAdd, Kind::kUnique, steps, [&](const UniqueChange& c) {
    if (IsRenameTarget(renamed_uniques, c.after->name)) return;
    PlanAddKey(ns, table, c.after->name, c.after->columns, false,
               RenderConstraintTiming(c.after->deferrable, c.after->initially_deferred), steps);
  });
  ForEachOp(diff.indexes, ChangeOp::kAdd, Kind::kIndex, steps, [&](const IndexChange& c) {
    if (replaced_indexes.count(c.after->name) != 0) {
      const ChangePart drop = EntryNamed(diff.indexes, ChangeOp::kDrop, c.after->name, Kind::kIndex);
      PlanReplaceIndex(ns, table, *diff.indexes[drop.index].before, *c.after, drop,
                       EntryNamed(diff.indexes, ChangeOp::kAdd, c.after->name, Kind::kIndex), steps);
    } else if (IsSchemacTemporaryIndex(c.after->name)) {
      // Only the undo of dropping a leftover asks for it: nothing to build again.
    } else if (!IsRenameTarget(renamed_indexes, c.after->name)) {
      PlanCreateIndex(ns, table, *c.after, steps);
    }
  });
  ForEachOp(diff.checks, ChangeOp::kAdd, Kind::kCheck, steps, [&](const CheckChange& c) {
    if (IsRenameTarget(renamed_checks, c.after->name)) return;
    PlanAddValidatedConstraint(ns, table, c.after->name, RenderCheckClause(*c.after), "check",
                               kAccessExclusive, steps);
  });
  ForEachOp(diff.foreign_keys, ChangeOp::kAdd, Kind::kForeignKey, steps, [&](const ForeignKeyChange& c) {
    if (retimed_foreign_keys.count(c.after->name) != 0 || IsRenameTarget(renamed_foreign_keys, c.after->name))
      return;
    PlanAddValidatedConstraint(ns, table, c.after->name, RenderForeignKeyClause(*c.after, ns), "foreign key",
                               kShareRowExclusive, steps);
  });
  if (diff.comment_changed) {
    PlanStep& step = steps.Add("comment on table " + table, "alter", kShareUpdateExclusive,
                               {RenderCommentOnTable(ns, table, change.table_after->comment)});
    step.parts = {ChangePart::Of(Kind::kComment, 0)};
  }
}

// ----- enums and namespaces -------------------------------------------------------------------

// True when `after` is `before` with values inserted (none removed, order kept).
bool OnlyAddsValues(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::size_t next = 0;
  for (const auto& value : after) {
    if (next < before.size() && before[next] == value) ++next;
  }
  if (next != before.size()) return false;
  for (const auto& value : before) {
    if (std::count(after.begin(), after.end(), value) != 1) return false;
  }
  return true;
}

// One ADD VALUE: the value and the existing value it goes BEFORE or AFTER (empty: at the end).
struct EnumValueAddition {
  std::string value;
  std::string anchor;
  bool before = false;
};

// The ADD VALUEs that turn `before` into `after` (which only inserts values), in an order where
// every anchor exists when its statement runs: new values ahead of the first old one are added
// back to front, each BEFORE its successor; the others front to back, BEFORE an old successor,
// else AFTER their predecessor (old, or added just before).
std::vector<EnumValueAddition> EnumValueAdditions(const std::vector<std::string>& before,
                                                  const std::vector<std::string>& after) {
  auto is_old = [&](const std::string& value) {
    return std::find(before.begin(), before.end(), value) != before.end();
  };
  std::size_t first_old = 0;
  while (first_old < after.size() && !is_old(after[first_old])) ++first_old;
  std::vector<EnumValueAddition> additions;
  for (std::size_t i = first_old; i-- > 0;) {
    additions.push_back({after[i], i + 1 < after.size() ? after[i + 1] : std::string(), true});
  }
  for (std::size_t i = first_old + 1; i < after.size(); ++i) {
    if (is_old(after[i])) continue;
    if (i + 1 < after.size() && is_old(after[i + 1])) {
      additions.push_back({after[i], after[i + 1], true});
    } else {
      additions.push_back({after[i], after[i - 1], false});
    }
  }
  return additions;
}

// Columns of `schema` whose type is the enum `ns`.`name`: (namespace, table, column).
struct EnumUse {
  std::string ns;
  std::string table;
  const model::Column* column;
};

std::vector<EnumUse> ColumnsUsingEnum(const model::Schema& schema, const std::string& ns,
                                      const std::string& name) {
  std::vector<EnumUse> uses;
  for (const auto& space : schema.namespaces) {
    for (const auto& table : space.tables) {
      for (const auto& column : table.columns) {
        if (column.type.kind != model::TypeKind::Enum || column.type.enum_name != name) continue;
        const std::string& enum_ns =
            column.type.enum_namespace.empty() ? space.name : column.type.enum_namespace;
        if (enum_ns == ns) uses.push_back(EnumUse{space.name, table.name, &column});
      }
    }
  }
  return uses;
}

// An index whose predicate or expression keys may name `column` (text search: a false positive
// only costs a rebuild of that index).
bool MentionsColumn(const model::Index& index, const std::string& column) {
  if (index.where.find(column) != std::string::npos) return true;
  for (const auto& key : index.keys) {
    if (!key.expression.empty() && key.expression.find(column) != std::string::npos) return true;
  }
  return false;
}

void PlanModifyEnum(const Change& change, StepList& steps) {
  const model::Enum& before = *change.enum_before;
  const model::Enum& after = *change.enum_after;
  const std::string type = QualifiedName(change.ns, after.name);
  if (before.values != after.values) {
    if (OnlyAddsValues(before.values, after.values)) {
      for (const EnumValueAddition& addition : EnumValueAdditions(before.values, after.values)) {
        const std::string& value = addition.value;
        const std::string position = addition.anchor.empty() ? std::string()
                                                             : (addition.before ? " BEFORE " : " AFTER ") +
                                                                   QuoteLiteral(addition.anchor);
        // Outside a transaction: a value added inside one cannot be used before it commits.
        PlanStep& step = steps.Add(
            "add value " + value + " to enum " + after.name, "add-enum-value", kShareUpdateExclusive,
            {"ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS " + QuoteLiteral(value) + position}, false);
        const std::size_t index =
            std::find(after.values.begin(), after.values.end(), value) - after.values.begin();
        step.parts = {ChangePart::Of(ChangePart::Kind::kEnumValue, index)};
        step.precondition_probe =
            fmt::format("SELECT 1 FROM pg_enum WHERE enumtypid = to_regtype({})::oid AND enumlabel = {}",
                        QuoteLiteral(type), QuoteLiteral(value));
      }
    } else {
      // Values removed or reordered: build the new type beside the old one and move the columns.
      const std::string old_name = after.name.substr(0, 40) + "_old_schemac";
      const std::string old_type = QualifiedName(change.ns, old_name);
      std::vector<std::string> statements = {"ALTER TYPE " + type + " RENAME TO " + QuoteIdent(old_name),
                                             RenderCreateEnum(change.ns, after)};
      for (const EnumUse& use : ColumnsUsingEnum(steps.context().current, change.ns, before.name)) {
        const std::string alter = AlterTable(use.ns, use.table);
        const std::string column = QuoteIdent(use.column->name);
        // Predicates, expression keys and checks that compare the column with a literal hold the
        // old type's values and block ALTER COLUMN TYPE: drop them, put back the desired ones.
        const model::Table* current_table = steps.context().current.FindTable(use.ns, use.table);
        const model::Table* desired_table = steps.context().desired.FindTable(use.ns, use.table);
        std::vector<std::string> restore;
        for (const model::Index& index : current_table->indexes) {
          if (!MentionsColumn(index, use.column->name)) continue;
          statements.push_back("DROP INDEX IF EXISTS " + QualifiedName(use.ns, index.name));
          const model::Index* wanted = desired_table ? desired_table->FindIndex(index.name) : nullptr;
          if (wanted) restore.push_back(RenderCreateIndex(use.ns, use.table, *wanted, false));
        }
        for (const model::Check& check : current_table->checks) {
          if (check.expression.find(use.column->name) == std::string::npos) continue;
          statements.push_back(alter + "DROP CONSTRAINT IF EXISTS " + QuoteIdent(check.name));
          const model::Check* wanted = desired_table ? desired_table->FindCheck(check.name) : nullptr;
          if (wanted) restore.push_back(alter + "ADD " + RenderCheckClause(*wanted));
        }
        if (use.column->default_value)
          statements.push_back(alter + "ALTER COLUMN " + column + " DROP DEFAULT");
        statements.push_back(alter + "ALTER COLUMN " + column + " TYPE " + type + " USING " + column +
                             "::text::" + type);
        if (use.column->default_value) {
          statements.push_back(alter + "ALTER COLUMN " + column + " SET DEFAULT " +
                               RenderDefault(*use.column->default_value));
        }
        for (auto& statement : restore) statements.push_back(std::move(statement));
      }
      statements.push_back("DROP TYPE " + old_type);
      PlanStep& step =
          steps.Add("rebuild enum " + after.name, "enum-rebuild", kAccessExclusive, std::move(statements));
      step.parts = {ChangePart::Of(ChangePart::Kind::kEnumValues, 0)};
      std::string removed;
      for (const auto& value : before.values) {
        if (std::find(after.values.begin(), after.values.end(), value) == after.values.end()) {
          removed += (removed.empty() ? "" : ", ") + value;
        }
      }
      if (!removed.empty()) {
        AddHazard(step, hazard::kDropEnumValue,
                  "removes " + removed + " from enum " + after.name + ": fails if rows still hold them",
                  true);
      }
      AddHazard(step, hazard::kTableRewrite,
                "every column of type " + after.name + " is rewritten under an ACCESS EXCLUSIVE lock");
    }
  }
  if (before.comment != after.comment) {
    PlanStep& step = steps.Add("comment on enum " + after.name, "alter", kShareUpdateExclusive,
                               {RenderCommentOnType(change.ns, after.name, after.comment)});
    step.parts = {ChangePart::Of(ChangePart::Kind::kComment, 0)};
  }
}

// ----- views and triggers ---------------------------------------------------------------------
// No CASCADE anywhere: the diff drops whatever depends on a view or table before it and creates it
// again after (compiler/diff_views.hpp), so a DROP that would need CASCADE means a bug, and fails.

const char* ViewNoun(const model::View& view) { return view.materialized ? "materialized view " : "view "; }

// CREATE OR REPLACE VIEW keeps the view (and what depends on it) only when the new query returns
// the old result columns first, with the same names and types in the same order; anything else
// is a DROP and a CREATE. Materialized views have no OR REPLACE.
bool ReplaceableInPlace(const model::View& before, const model::View& after) {
  if (before.materialized || after.materialized) return false;
  if (before.result_columns.empty() || after.result_columns.size() < before.result_columns.size())
    return false;
  return std::equal(before.result_columns.begin(), before.result_columns.end(), after.result_columns.begin());
}

// The view and, for a materialized one, its indexes.
std::vector<std::string> CreateViewStatements(const std::string& ns, const model::View& view) {
  std::vector<std::string> statements = {RenderCreateView(ns, view, false)};
  for (const auto& index : view.indexes) statements.push_back(RenderCreateIndex(ns, view.name, index, false));
  return statements;
}

// A materialized view's rows come from its query when it is created: the down of a step that
// drops one computes them again, which is not the rows it held (those of its last refresh).
void MarkRowsRecomputed(PlanStep& step, const model::View& dropped) {
  if (!dropped.materialized) return;
  step.down_kind = DownKind::kLossy;
  step.down_reason = "the down computes the rows of materialized view " + dropped.name +
                     " again from its query; the rows of its last refresh are not restored";
}

// True when two materialized views differ in their indexes only.
bool OnlyIndexesDiffer(const model::View& before, const model::View& after) {
  if (!before.materialized || !after.materialized) return false;
  model::View reindexed = before;
  reindexed.indexes = after.indexes;
  return reindexed == after;
}

// A materialized view whose index list changes keeps its rows: recreating it would run its query
// again under ACCESS EXCLUSIVE and lose the rows of its last refresh. In one transaction, new and
// redefined indexes are built first (a redefined one under a temporary name: CREATE INDEX takes
// SHARE, reads go on, a REFRESH waits), then the old ones are dropped and the temporary ones take
// their names, so the ACCESS EXCLUSIVE of DROP INDEX is held only for the end of the step.
void PlanMaterializedViewIndexes(const std::string& ns, const model::View& before, const model::View& after,
                                 StepList& steps) {
  auto find = [](const std::vector<model::Index>& indexes, const std::string& name) -> const model::Index* {
    for (const auto& index : indexes) {
      if (index.name == name) return &index;
    }
    return nullptr;
  };
  std::vector<std::string> builds, drops, renames;
  for (const auto& index : after.indexes) {
    const model::Index* old_index = find(before.indexes, index.name);
    if (old_index == nullptr) {
      builds.push_back(RenderCreateIndex(ns, after.name, index, false));
    } else if (!(*old_index == index)) {
      model::Index replacement = index;
      replacement.name = TemporaryIndexName(index.name);
      builds.push_back(RenderCreateIndex(ns, after.name, replacement, false));
      drops.push_back("DROP INDEX " + QualifiedName(ns, index.name));
      renames.push_back("ALTER INDEX " + QualifiedName(ns, replacement.name) + " RENAME TO " +
                        QuoteIdent(index.name));
    }
  }
  for (const auto& index : before.indexes) {
    if (find(after.indexes, index.name) == nullptr)
      drops.push_back("DROP INDEX " + QualifiedName(ns, index.name));
  }
  std::vector<std::string> statements = std::move(builds);
  for (auto* part : {&drops, &renames}) {
    for (auto& statement : *part) statements.push_back(std::move(statement));
  }
  steps.Add("change the indexes of materialized view " + after.name, "reindex",
            drops.empty() ? kShare : kAccessExclusive, std::move(statements));
}

void PlanViewChange(const Change& change, StepList& steps) {
  const std::string& ns = change.ns;
  switch (change.kind) {
    case ChangeKind::kAddView: {
      const model::View& view = *change.view_after;
      steps.Add("create " + std::string(ViewNoun(view)) + view.name, "create", kAccessShare,
                CreateViewStatements(ns, view));
      break;
    }
    case ChangeKind::kDropView: {
      const model::View& view = *change.view_before;
      PlanStep& step = steps.Add("drop " + std::string(ViewNoun(view)) + view.name, "drop", kAccessExclusive,
                                 {RenderDropView(ns, view)});
      MarkRowsRecomputed(step, view);
      break;
    }
    case ChangeKind::kRenameView: {
      const model::View& view = *change.view_before;
      steps.Add("rename " + std::string(ViewNoun(view)) + view.name + " to " + change.view_after->name,
                "rename", kAccessExclusive, {RenderRenameView(ns, view, change.view_after->name)});
      break;
    }
    case ChangeKind::kReplaceView: {
      const model::View& before = *change.view_before;
      const model::View& after = *change.view_after;
      const std::string description = "replace " + std::string(ViewNoun(after)) + after.name;
      if (ReplaceableInPlace(before, after)) {
        steps.Add(description, "replace", kAccessExclusive, {RenderCreateView(ns, after, true)});
        break;
      }
      if (OnlyIndexesDiffer(before, after)) {
        PlanMaterializedViewIndexes(ns, before, after, steps);
        break;
      }
      std::vector<std::string> statements = {RenderDropView(ns, before)};
      for (auto& statement : CreateViewStatements(ns, after)) statements.push_back(std::move(statement));
      PlanStep& step = steps.Add(description, "drop-create", kAccessExclusive, std::move(statements));
      MarkRowsRecomputed(step, before);
      break;
    }
    default:
      break;
  }
}

void PlanTriggerChange(const Change& change, StepList& steps) {
  const std::string& ns = change.ns;
  switch (change.kind) {
    case ChangeKind::kAddTrigger: {
      const model::Trigger& trigger = *change.trigger_after;
      steps.Add("create trigger " + trigger.name + " on " + trigger.table, "create", kShareRowExclusive,
                {RenderCreateTrigger(ns, trigger)});
      break;
    }
    case ChangeKind::kDropTrigger: {
      const model::Trigger& trigger = *change.trigger_before;
      steps.Add("drop trigger " + trigger.name + " on " + trigger.table, "drop", kAccessExclusive,
                {RenderDropTrigger(ns, trigger)});
      break;
    }
    case ChangeKind::kRenameTrigger: {
      const model::Trigger& trigger = *change.trigger_before;
      steps.Add("rename trigger " + trigger.name + " to " + change.trigger_after->name, "rename",
                kAccessExclusive, {RenderRenameTrigger(ns, trigger, change.trigger_after->name)});
      break;
    }
    case ChangeKind::kReplaceTrigger: {
      // One transactional step: the table is never without its trigger.
      const model::Trigger& after = *change.trigger_after;
      steps.Add("replace trigger " + after.name + " on " + after.table, "drop-create", kAccessExclusive,
                {RenderDropTrigger(ns, *change.trigger_before), RenderCreateTrigger(ns, after)});
      break;
    }
    default:
      break;
  }
}

// ----- functions, procedures, sequences ----------------------------------------------------------

std::string RoutineNoun(const model::Routine& routine) { return std::string(routine.Kind()) + " "; }

// True when `sql` calls a function named `name` (`name(`, `ns.name (`, `"name"(`), as the server
// prints expressions. Conservative: a call inside a string literal counts too, which only takes a
// default or check off and puts it back for nothing.
bool CallsFunction(const std::string& sql, const std::string& name) {
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (std::size_t at = sql.find(name); at != std::string::npos; at = sql.find(name, at + 1)) {
    std::size_t end = at + name.size();
    std::size_t begin = at;
    if (begin > 0 && sql[begin - 1] == '"' && end < sql.size() && sql[end] == '"') {
      --begin;
      ++end;
    }
    if (begin > 0 && is_word(sql[begin - 1])) continue;
    while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end]))) ++end;
    if (end < sql.size() && sql[end] == '(') return true;
  }
  return false;
}

// What of the tables calls a routine that is dropped and created again: PostgreSQL refuses to drop
// a function a column default, check or index depends on (CASCADE would drop them silently), so
// they are taken off before the DROP and put back after the CREATE, in the same transaction.
// `schema` is the schema as it stands when the step runs. A generated column cannot be taken off
// without rewriting its table: the server's refusal stands, and the step rolls back.
struct TableUses {
  std::vector<std::string> take_off;
  std::vector<std::string> put_back;
  std::vector<std::string> rechecked;  // tables whose rows a re-added check scans again
  std::vector<std::string> reindexed;  // indexes built again
};

TableUses TableUsesOf(const model::Routine& routine, const model::Schema& schema) {
  TableUses uses;
  for (const auto& ns : schema.namespaces) {
    for (const auto& table : ns.tables) {
      const std::string alter = AlterTable(ns.name, table.name);
      for (const auto& column : table.columns) {
        if (!column.default_value || column.default_value->kind != model::DefaultValue::Kind::Expression ||
            !CallsFunction(column.default_value->text, routine.name))
          continue;
        uses.take_off.push_back(alter + "ALTER COLUMN " + QuoteIdent(column.name) + " DROP DEFAULT");
        uses.put_back.push_back(alter + "ALTER COLUMN " + QuoteIdent(column.name) + " SET DEFAULT " +
                                RenderDefault(*column.default_value));
      }
      for (const auto& check : table.checks) {
        if (!CallsFunction(check.expression, routine.name)) continue;
        uses.take_off.push_back(alter + "DROP CONSTRAINT " + QuoteIdent(check.name));
        uses.put_back.push_back(alter + "ADD " + RenderCheckClause(check));
        uses.rechecked.push_back(table.name);
      }
      for (const auto& index : table.indexes) {
        const bool calls = std::any_of(index.keys.begin(), index.keys.end(),
                                       [&](const model::IndexKey& key) {
                                         return CallsFunction(key.expression, routine.name);
                                       }) ||
                           CallsFunction(index.where, routine.name);
        if (!calls) continue;
        uses.take_off.push_back("DROP INDEX " + QualifiedName(ns.name, index.name));
        uses.put_back.push_back(RenderCreateIndex(ns.name, table.name, index, false));
        uses.reindexed.push_back(index.name + " on " + table.name);
      }
    }
  }
  return uses;
}

void PlanRoutineChange(const Change& change, StepList& steps) {
  const std::string& ns = change.ns;
  switch (change.kind) {
    case ChangeKind::kAddRoutine: {
      const model::Routine& routine = *change.routine_after;
      std::vector<std::string> statements = {RenderCreateRoutine(ns, routine, false)};
      if (!routine.comment.empty()) statements.push_back(RenderCommentOnRoutine(ns, routine));
      steps.Add("create " + RoutineNoun(routine) + routine.Identity(), "create", kCatalogOnly,
                std::move(statements));
      break;
    }
    case ChangeKind::kDropRoutine: {
      const model::Routine& routine = *change.routine_before;
      steps.Add("drop " + RoutineNoun(routine) + routine.Identity(), "drop", kCatalogOnly,
                {RenderDropRoutine(ns, routine)});
      break;
    }
    case ChangeKind::kRenameRoutine: {
      const model::Routine& routine = *change.routine_before;
      steps.Add("rename " + RoutineNoun(routine) + routine.Identity() + " to " + change.routine_after->name,
                "rename", kCatalogOnly, {RenderRenameRoutine(ns, routine, change.routine_after->name)});
      break;
    }
    case ChangeKind::kReplaceRoutine: {
      // CREATE OR REPLACE keeps the routine and what depends on it; another return type or argument
      // list needs DROP and CREATE, in one transaction (the diff recreates its callers around it).
      const model::Routine& before = *change.routine_before;
      const model::Routine& after = *change.routine_after;
      const std::string description = "replace " + RoutineNoun(after) + after.Identity();
      if (model::SameRoutineShape(before, after)) {
        // CREATE OR REPLACE keeps the comment: a new one is COMMENT ON, and one alone is only that.
        model::Routine commented_before = before;
        commented_before.comment = after.comment;
        std::vector<std::string> statements;
        if (commented_before != after) statements.push_back(RenderCreateRoutine(ns, after, true));
        if (before.comment != after.comment) statements.push_back(RenderCommentOnRoutine(ns, after));
        const bool comment_only = commented_before == after;
        steps.Add(description, comment_only ? "comment" : "replace", kCatalogOnly, std::move(statements));
      } else {
        TableUses uses = TableUsesOf(after, steps.context().current);
        std::vector<std::string> statements = std::move(uses.take_off);
        statements.push_back(RenderDropRoutine(ns, before));
        statements.push_back(RenderCreateRoutine(ns, after, false));
        if (!after.comment.empty()) statements.push_back(RenderCommentOnRoutine(ns, after));
        const bool touches_tables = !uses.put_back.empty();
        for (auto& statement : uses.put_back) statements.push_back(std::move(statement));
        PlanStep& step = steps.Add(description, "drop-create",
                                   touches_tables ? kAccessExclusive : kCatalogOnly, std::move(statements));
        for (const auto& table : uses.rechecked)
          AddHazard(step, hazard::kExclusiveLock,
                    "the check on " + table + " that calls " + after.name +
                        " is added again: every row is checked under ACCESS EXCLUSIVE");
        for (const auto& index : uses.reindexed)
          AddHazard(step, hazard::kExclusiveLock,
                    "index " + index + " calls " + after.name + " and is built again, blocking writes");
      }
      break;
    }
    default:
      break;
  }
}

void PlanSequenceChange(const Change& change, StepList& steps) {
  const std::string& ns = change.ns;
  switch (change.kind) {
    case ChangeKind::kAddSequence: {
      const model::Sequence& sequence = *change.sequence_after;
      std::vector<std::string> statements = {RenderCreateSequence(ns, sequence)};
      if (!sequence.owned_by.empty()) {
        model::Sequence unowned = sequence;
        unowned.owned_by.clear();
        statements.push_back(RenderAlterSequence(ns, unowned, sequence));
      }
      steps.Add("create sequence " + sequence.name, "create", kCatalogOnly, std::move(statements));
      break;
    }
    case ChangeKind::kDropSequence: {
      const model::Sequence& sequence = *change.sequence_before;
      PlanStep& step = steps.Add("drop sequence " + sequence.name, "drop", kAccessExclusive,
                                 {RenderDropSequence(ns, sequence)});
      step.down_kind = DownKind::kLossy;
      step.down_reason = "the down creates sequence " + sequence.name +
                         " again at its start value; the value it had reached is not restored";
      break;
    }
    case ChangeKind::kRenameSequence:
      steps.Add("rename sequence " + change.sequence_before->name + " to " + change.sequence_after->name,
                "rename", kAccessExclusive,
                {RenderRenameSequence(ns, *change.sequence_before, change.sequence_after->name)});
      break;
    case ChangeKind::kAlterSequence: {
      const std::string statement = RenderAlterSequence(ns, *change.sequence_before, *change.sequence_after);
      if (!statement.empty())
        steps.Add("alter sequence " + change.sequence_after->name, "alter", kAccessExclusive, {statement});
      break;
    }
    default:
      break;
  }
}

}  // namespace

std::vector<PlanStep> PlanPostgresChange(const Change& change, const PlanContext& context) {
  StepList steps(context);
  switch (change.kind) {
    case ChangeKind::kAddNamespace:
      steps.Add("create schema " + change.ns, "create", kAccessExclusive,
                {"CREATE SCHEMA " + QuoteIdent(change.ns)});
      break;
    case ChangeKind::kDropNamespace: {
      PlanStep& step = steps.Add("drop schema " + change.ns, "drop", kAccessExclusive,
                                 {"DROP SCHEMA " + QuoteIdent(change.ns)});
      AddHazard(step, hazard::kDropNamespace, "drops schema " + change.ns, true);
      break;
    }
    case ChangeKind::kAddEnum: {
      std::vector<std::string> statements = {RenderCreateEnum(change.ns, *change.enum_after)};
      if (!change.enum_after->comment.empty()) {
        statements.push_back(
            RenderCommentOnType(change.ns, change.enum_after->name, change.enum_after->comment));
      }
      steps.Add("create enum " + change.enum_after->name, "create", kAccessExclusive, std::move(statements));
      break;
    }
    case ChangeKind::kDropEnum:
      steps.Add("drop enum " + change.enum_before->name, "drop", kAccessExclusive,
                {"DROP TYPE " + QualifiedName(change.ns, change.enum_before->name)});
      break;
    case ChangeKind::kRenameEnum:
      steps.Add("rename enum " + change.enum_before->name + " to " + change.enum_after->name, "rename",
                kAccessExclusive,
                {"ALTER TYPE " + QualifiedName(change.ns, change.enum_before->name) + " RENAME TO " +
                 QuoteIdent(change.enum_after->name)});
      break;
    case ChangeKind::kModifyEnum:
      PlanModifyEnum(change, steps);
      break;
    case ChangeKind::kAddTable:
      PlanAddTable(change, steps);
      break;
    case ChangeKind::kDropTable:
      PlanDropTable(change, steps);
      break;
    case ChangeKind::kRenameTable:
      PlanRenameTable(change, steps);
      break;
    case ChangeKind::kModifyTable:
      PlanModifyTable(change, steps);
      break;
    case ChangeKind::kAddView:
    case ChangeKind::kDropView:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
      PlanViewChange(change, steps);
      break;
    case ChangeKind::kAddTrigger:
    case ChangeKind::kDropTrigger:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
      PlanTriggerChange(change, steps);
      break;
    case ChangeKind::kAddRoutine:
    case ChangeKind::kDropRoutine:
    case ChangeKind::kRenameRoutine:
    case ChangeKind::kReplaceRoutine:
      PlanRoutineChange(change, steps);
      break;
    case ChangeKind::kAddSequence:
    case ChangeKind::kDropSequence:
    case ChangeKind::kRenameSequence:
    case ChangeKind::kAlterSequence:
      PlanSequenceChange(change, steps);
      break;
  }
  return steps.Take();
}

}  // namespace schemac::dialects::postgres
