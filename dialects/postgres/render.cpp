#include "dialects/postgres/render.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "fmt/format.h"

namespace schemac::dialects::postgres {
namespace {

// PostgreSQL's reserved key words and those that cannot name a column or a type: quoted always.
bool IsReservedWord(const std::string& word) {
  static const std::set<std::string> kReserved = {"all",
                                                  "analyse",
                                                  "analyze",
                                                  "and",
                                                  "any",
                                                  "array",
                                                  "as",
                                                  "asc",
                                                  "asymmetric",
                                                  "authorization",
                                                  "between",
                                                  "bigint",
                                                  "binary",
                                                  "bit",
                                                  "boolean",
                                                  "both",
                                                  "case",
                                                  "cast",
                                                  "char",
                                                  "character",
                                                  "check",
                                                  "coalesce",
                                                  "collate",
                                                  "collation",
                                                  "column",
                                                  "concurrently",
                                                  "constraint",
                                                  "create",
                                                  "cross",
                                                  "current_catalog",
                                                  "current_date",
                                                  "current_role",
                                                  "current_schema",
                                                  "current_time",
                                                  "current_timestamp",
                                                  "current_user",
                                                  "dec",
                                                  "decimal",
                                                  "default",
                                                  "deferrable",
                                                  "desc",
                                                  "distinct",
                                                  "do",
                                                  "else",
                                                  "end",
                                                  "except",
                                                  "exists",
                                                  "extract",
                                                  "false",
                                                  "fetch",
                                                  "float",
                                                  "for",
                                                  "foreign",
                                                  "freeze",
                                                  "from",
                                                  "full",
                                                  "grant",
                                                  "greatest",
                                                  "group",
                                                  "grouping",
                                                  "having",
                                                  "ilike",
                                                  "in",
                                                  "initially",
                                                  "inner",
                                                  "inout",
                                                  "int",
                                                  "integer",
                                                  "intersect",
                                                  "interval",
                                                  "into",
                                                  "is",
                                                  "isnull",
                                                  "join",
                                                  "lateral",
                                                  "leading",
                                                  "least",
                                                  "left",
                                                  "like",
                                                  "limit",
                                                  "localtime",
                                                  "localtimestamp",
                                                  "national",
                                                  "natural",
                                                  "nchar",
                                                  "none",
                                                  "normalize",
                                                  "not",
                                                  "notnull",
                                                  "null",
                                                  "nullif",
                                                  "numeric",
                                                  "offset",
                                                  "on",
                                                  "only",
                                                  "or",
                                                  "order",
                                                  "out",
                                                  "outer",
                                                  "overlaps",
                                                  "overlay",
                                                  "placing",
                                                  "position",
                                                  "precision",
                                                  "primary",
                                                  "real",
                                                  "references",
                                                  "returning",
                                                  "right",
                                                  "row",
                                                  "select",
                                                  "session_user",
                                                  "setof",
                                                  "similar",
                                                  "smallint",
                                                  "some",
                                                  "substring",
                                                  "symmetric",
                                                  "table",
                                                  "tablesample",
                                                  "then",
                                                  "time",
                                                  "timestamp",
                                                  "to",
                                                  "trailing",
                                                  "treat",
                                                  "trim",
                                                  "true",
                                                  "union",
                                                  "unique",
                                                  "user",
                                                  "using",
                                                  "values",
                                                  "varchar",
                                                  "variadic",
                                                  "verbose",
                                                  "when",
                                                  "where",
                                                  "window",
                                                  "with",
                                                  "xmlattributes",
                                                  "xmlconcat",
                                                  "xmlelement",
                                                  "xmlexists",
                                                  "xmlforest",
                                                  "xmlnamespaces",
                                                  "xmlparse",
                                                  "xmlpi",
                                                  "xmlroot",
                                                  "xmlserialize",
                                                  "xmltable"};
  return kReserved.count(word) != 0;
}

std::string JoinIdents(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += QuoteIdent(name);
  }
  return joined;
}

std::string RenderIndexKey(const model::IndexKey& key) {
  std::string text = key.column.empty() ? "(" + key.expression + ")" : QuoteIdent(key.column);
  if (!key.collation.empty()) text += " COLLATE " + QuoteIdent(key.collation);
  if (!key.opclass.empty()) text += " " + key.opclass;
  if (key.descending) text += " DESC";
  if (key.nulls == model::NullsOrder::First) text += " NULLS FIRST";
  if (key.nulls == model::NullsOrder::Last) text += " NULLS LAST";
  return text;
}

}  // namespace

std::string QuoteIdent(const std::string& name) {
  bool bare = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_')) {
      bare = false;
      break;
    }
  }
  if (bare && !IsReservedWord(name)) return name;
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string QualifiedName(const std::string& ns, const std::string& name) {
  return ns.empty() ? QuoteIdent(name) : QuoteIdent(ns) + "." + QuoteIdent(name);
}

std::string QuoteLiteral(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string RenderType(const model::DataType& type, const std::string& table_ns) {
  using model::TypeKind;
  if (const std::string* native = type.NativeFor("postgres")) return *native;
  switch (type.kind) {
    case TypeKind::SmallInt:
      return "smallint";
    case TypeKind::Int:
      return "integer";
    case TypeKind::BigInt:
      return "bigint";
    case TypeKind::Decimal:
      if (!type.precision) return "numeric";
      return fmt::format("numeric({},{})", *type.precision, type.scale.value_or(0));
    case TypeKind::Real:
      return "real";
    case TypeKind::Double:
      return "double precision";
    case TypeKind::Boolean:
      return "boolean";
    case TypeKind::Text:
      return "text";
    case TypeKind::Varchar:
      return type.length ? fmt::format("character varying({})", *type.length) : "character varying";
    case TypeKind::Char:
      return fmt::format("character({})", type.length.value_or(1));
    case TypeKind::Bytes:
      return "bytea";
    case TypeKind::Date:
      return "date";
    case TypeKind::Time:
      return "time without time zone";
    case TypeKind::Timestamp:
      return "timestamp without time zone";
    case TypeKind::TimestampTz:
      return "timestamp with time zone";
    case TypeKind::Uuid:
      return "uuid";
    case TypeKind::Json:
      return "jsonb";
    case TypeKind::Enum:
      return QualifiedName(type.enum_namespace.empty() ? table_ns : type.enum_namespace, type.enum_name);
    case TypeKind::Native:
      break;
  }
  return "text";  // a Native type without a PostgreSQL spelling: Unsupported() reported it
}

std::string RenderDefault(const model::DefaultValue& value) {
  using Kind = model::DefaultValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return "NULL";
    case Kind::Bool:
      return value.text == "true" ? "true" : "false";
    case Kind::Number:
      return value.text.rfind('-', 0) == 0 ? "(" + value.text + ")" : value.text;
    case Kind::String:
      return QuoteLiteral(value.text);
    case Kind::Expression:
      return "(" + value.text + ")";
  }
  return "NULL";
}

std::string RenderColumnDefinition(const model::Column& column, const std::string& table_ns) {
  std::string text = QuoteIdent(column.name) + " " + RenderType(column.type, table_ns);
  if (!column.collation.empty()) text += " COLLATE " + QuoteIdent(column.collation);
  if (column.generated) {
    text += " GENERATED ALWAYS AS (" + column.generated->expression + ") STORED";
  } else if (column.identity) {
    text += column.identity->always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
  } else if (column.default_value) {
    text += " DEFAULT " + RenderDefault(*column.default_value);
  }
  if (!column.nullable) text += " NOT NULL";
  return text;
}

std::string RenderPrimaryKeyClause(const model::PrimaryKey& key) {
  return "CONSTRAINT " + QuoteIdent(key.name) + " PRIMARY KEY (" + JoinIdents(key.columns) + ")";
}

std::string RenderConstraintTiming(bool deferrable, bool initially_deferred) {
  if (!deferrable) return "";
  return initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::string RenderUniqueClause(const model::UniqueConstraint& unique) {
  return "CONSTRAINT " + QuoteIdent(unique.name) + " UNIQUE (" + JoinIdents(unique.columns) + ")" +
         RenderConstraintTiming(unique.deferrable, unique.initially_deferred);
}

std::string RenderForeignKeyClause(const model::ForeignKey& fk, const std::string& table_ns) {
  std::string text = "CONSTRAINT " + QuoteIdent(fk.name) + " FOREIGN KEY (" + JoinIdents(fk.columns) +
                     ") REFERENCES " +
                     QualifiedName(fk.ref_namespace.empty() ? table_ns : fk.ref_namespace, fk.ref_table);
  if (!fk.ref_columns.empty()) text += " (" + JoinIdents(fk.ref_columns) + ")";
  if (fk.match == model::MatchType::Full) text += " MATCH FULL";
  if (fk.on_delete != model::ReferentialAction::NoAction) {
    text += std::string(" ON DELETE ") + model::ReferentialActionSql(fk.on_delete);
  }
  if (fk.on_update != model::ReferentialAction::NoAction) {
    text += std::string(" ON UPDATE ") + model::ReferentialActionSql(fk.on_update);
  }
  return text + RenderConstraintTiming(fk.deferrable, fk.initially_deferred);
}

std::string RenderCheckClause(const model::Check& check) {
  return "CONSTRAINT " + QuoteIdent(check.name) + " CHECK (" + check.expression + ")" +
         (check.no_inherit ? " NO INHERIT" : "");
}

std::string RenderCreateTable(const std::string& ns, const model::Table& table) {
  std::vector<std::string> lines;
  for (const auto& column : table.columns) lines.push_back(RenderColumnDefinition(column, ns));
  if (table.primary_key) lines.push_back(RenderPrimaryKeyClause(*table.primary_key));
  for (const auto& unique : table.uniques) lines.push_back(RenderUniqueClause(unique));
  for (const auto& check : table.checks) lines.push_back(RenderCheckClause(check));
  for (const auto& fk : table.foreign_keys) lines.push_back(RenderForeignKeyClause(fk, ns));
  std::string text = "CREATE TABLE " + QualifiedName(ns, table.name) + " (";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    text += (i == 0 ? "\n  " : ",\n  ") + lines[i];
  }
  return text + "\n)";
}

std::string RenderCreateIndex(const std::string& ns, const std::string& table, const model::Index& index,
                              bool concurrently) {
  std::string text = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  if (concurrently) text += "CONCURRENTLY ";
  text += QuoteIdent(index.name) + " ON " + QualifiedName(ns, table);
  if (!index.method.empty() && index.method != "btree") text += " USING " + index.method;
  text += " (";
  for (std::size_t i = 0; i < index.keys.size(); ++i) {
    if (i > 0) text += ", ";
    text += RenderIndexKey(index.keys[i]);
  }
  text += ")";
  if (!index.include.empty()) text += " INCLUDE (" + JoinIdents(index.include) + ")";
  if (!index.where.empty()) text += " WHERE (" + index.where + ")";
  return text;
}

std::string RenderCommentOnTable(const std::string& ns, const std::string& table,
                                 const std::string& comment) {
  return "COMMENT ON TABLE " + QualifiedName(ns, table) + " IS " +
         (comment.empty() ? "NULL" : QuoteLiteral(comment));
}

std::string RenderCommentOnColumn(const std::string& ns, const std::string& table, const std::string& column,
                                  const std::string& comment) {
  return "COMMENT ON COLUMN " + QualifiedName(ns, table) + "." + QuoteIdent(column) + " IS " +
         (comment.empty() ? "NULL" : QuoteLiteral(comment));
}

std::vector<std::string> RenderTableComments(const std::string& ns, const model::Table& table) {
  std::vector<std::string> statements;
  if (!table.comment.empty()) statements.push_back(RenderCommentOnTable(ns, table.name, table.comment));
  for (const auto& column : table.columns) {
    if (!column.comment.empty()) {
      statements.push_back(RenderCommentOnColumn(ns, table.name, column.name, column.comment));
    }
  }
  return statements;
}

std::string RenderCreateEnum(const std::string& ns, const model::Enum& type) {
  std::string values;
  for (const auto& value : type.values) {
    if (!values.empty()) values += ", ";
    values += QuoteLiteral(value);
  }
  return "CREATE TYPE " + QualifiedName(ns, type.name) + " AS ENUM (" + values + ")";
}

std::string RenderCommentOnType(const std::string& ns, const std::string& type, const std::string& comment) {
  return "COMMENT ON TYPE " + QualifiedName(ns, type) + " IS " +
         (comment.empty() ? "NULL" : QuoteLiteral(comment));
}

namespace {
constexpr const char* kTemporaryIndexSuffix = "_schemac_new";
}  // namespace

std::string TemporaryIndexName(const std::string& index) {
  return index.substr(0, 50) + kTemporaryIndexSuffix;
}

bool IsSchemacTemporaryIndex(const std::string& name) {
  const std::string suffix = kTemporaryIndexSuffix;
  return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<std::string> SerialStorageType(const model::DataType& type) {
  const std::string* native = type.NativeFor("postgres");
  if (native == nullptr) return std::nullopt;
  if (*native == "serial") return "integer";
  if (*native == "bigserial") return "bigint";
  if (*native == "smallserial") return "smallint";
  return std::nullopt;
}

// ----- views and triggers ---------------------------------------------------------------------

namespace {

const char* ViewKeyword(const model::View& view) {
  return view.materialized ? "MATERIALIZED VIEW " : "VIEW ";
}

// "audit.log_change" (the model's unquoted parts) -> audit.log_change, each part quoted as needed.
std::string QuoteQualifiedName(const std::string& name) {
  std::string quoted;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    quoted += QuoteIdent(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    quoted += ".";
    start = dot + 1;
  }
  return quoted;
}

}  // namespace

std::string RenderCreateView(const std::string& ns, const model::View& view, bool or_replace) {
  std::string sql = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + ViewKeyword(view) +
                    QualifiedName(ns, view.name);
  if (!view.columns.empty()) sql += " (" + JoinIdents(view.columns) + ")";
  if (view.security == model::ViewSecurity::Invoker) sql += " WITH (security_invoker = true)";
  sql += " AS " + view.query;
  // A query that ends in a -- comment would swallow what follows on its line.
  const std::string gap = view.query.find("--") == std::string::npos ? " " : "\n";
  if (view.check_option == model::ViewCheckOption::Cascaded) sql += gap + "WITH CASCADED CHECK OPTION";
  if (view.check_option == model::ViewCheckOption::Local) sql += gap + "WITH LOCAL CHECK OPTION";
  if (view.materialized) sql += gap + "WITH DATA";
  return sql;
}

std::string RenderDropView(const std::string& ns, const model::View& view) {
  return std::string("DROP ") + ViewKeyword(view) + QualifiedName(ns, view.name);
}

std::string RenderRenameView(const std::string& ns, const model::View& view, const std::string& new_name) {
  return std::string("ALTER ") + ViewKeyword(view) + QualifiedName(ns, view.name) + " RENAME TO " +
         QuoteIdent(new_name);
}

std::string RenderCreateTrigger(const std::string& ns, const model::Trigger& trigger) {
  std::string sql =
      "CREATE TRIGGER " + QuoteIdent(trigger.name) + " " + model::TriggerTimingSql(trigger.timing);
  for (std::size_t k = 0; k < trigger.events.size(); ++k) {
    sql += std::string(k == 0 ? " " : " OR ") + model::TriggerEventSql(trigger.events[k]);
    if (trigger.events[k] == model::TriggerEvent::Update && !trigger.update_columns.empty())
      sql += " OF " + JoinIdents(trigger.update_columns);
  }
  sql += " ON " + QualifiedName(ns, trigger.table);
  sql += trigger.for_each_row ? " FOR EACH ROW" : " FOR EACH STATEMENT";
  if (!trigger.when.empty()) sql += " WHEN (" + trigger.when + ")";
  return sql + " EXECUTE FUNCTION " + QuoteQualifiedName(trigger.function) + "(" + trigger.arguments + ")";
}

std::string RenderDropTrigger(const std::string& ns, const model::Trigger& trigger) {
  return "DROP TRIGGER " + QuoteIdent(trigger.name) + " ON " + QualifiedName(ns, trigger.table);
}

std::string RenderRenameTrigger(const std::string& ns, const model::Trigger& trigger,
                                const std::string& new_name) {
  return "ALTER TRIGGER " + QuoteIdent(trigger.name) + " ON " + QualifiedName(ns, trigger.table) +
         " RENAME TO " + QuoteIdent(new_name);
}

// ----- functions, procedures, sequences ------------------------------------------------------

namespace {

// $body$, or $body1$, ...: the first tag the body does not contain.
std::string DollarQuote(const std::string& body) {
  std::string tag = "$body$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n) tag = "$body" + std::to_string(n) + "$";
  return tag + body + tag;
}

// A SET value as PostgreSQL's proconfig keeps it ("public, pg_temp"): each item bare when it is a
// plain word or number, else a literal.
std::string SettingValue(const std::string& value) {
  std::string out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    std::string item = value.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    const bool plain = !item.empty() && std::all_of(item.begin(), item.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '.' || c == '$';
    });
    if (!out.empty()) out += ", ";
    out += plain ? item : QuoteLiteral(item);
    start = comma + 1;
  }
  return out;
}

std::string RoutineSignature(const std::string& ns, const model::Routine& routine) {
  return QualifiedName(ns, routine.name) + "(" +
         (routine.signature.empty() ? routine.arguments : routine.signature) + ")";
}

const char* RoutineKeyword(const model::Routine& routine) {
  return routine.procedure ? "PROCEDURE" : "FUNCTION";
}

}  // namespace

std::string RenderCreateRoutine(const std::string& ns, const model::Routine& routine, bool or_replace) {
  std::string sql = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + RoutineKeyword(routine) +
                    " " + QualifiedName(ns, routine.name) + "(" + routine.arguments + ")";
  if (!routine.procedure) sql += " RETURNS " + routine.returns;
  // A language is named by an identifier that the schema language keeps as written: LANGUAGE SQL
  // and LANGUAGE sql are one language, as in PostgreSQL's own unquoted spelling.
  std::string language = routine.language.empty() ? "sql" : routine.language;
  for (char& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  sql += " LANGUAGE " + QuoteIdent(language);
  if (!routine.procedure) {
    if (routine.volatility == model::RoutineVolatility::Immutable) sql += " IMMUTABLE";
    if (routine.volatility == model::RoutineVolatility::Stable) sql += " STABLE";
    if (routine.strict) sql += " STRICT";
    if (routine.parallel == model::RoutineParallel::Safe) sql += " PARALLEL SAFE";
    if (routine.parallel == model::RoutineParallel::Restricted) sql += " PARALLEL RESTRICTED";
    if (routine.leakproof) sql += " LEAKPROOF";
    if (routine.cost) sql += " COST " + model::EstimateText(*routine.cost);
    if (routine.rows) sql += " ROWS " + model::EstimateText(*routine.rows);
  }
  if (routine.security == model::ViewSecurity::Definer) sql += " SECURITY DEFINER";
  for (const std::string& setting : routine.settings) {
    const std::size_t equals = setting.find('=');
    sql += " SET " + QuoteIdent(setting.substr(0, equals)) + " = " +
           SettingValue(equals == std::string::npos ? "" : setting.substr(equals + 1));
  }
  return sql + " AS " + DollarQuote(routine.body);
}

std::string RenderDropRoutine(const std::string& ns, const model::Routine& routine) {
  return std::string("DROP ") + RoutineKeyword(routine) + " " + RoutineSignature(ns, routine);
}

std::string RenderCommentOnRoutine(const std::string& ns, const model::Routine& routine) {
  return std::string("COMMENT ON ") + RoutineKeyword(routine) + " " + RoutineSignature(ns, routine) + " IS " +
         (routine.comment.empty() ? "NULL" : QuoteLiteral(routine.comment));
}

std::string RenderRenameRoutine(const std::string& ns, const model::Routine& routine,
                                const std::string& new_name) {
  return std::string("ALTER ") + RoutineKeyword(routine) + " " + RoutineSignature(ns, routine) +
         " RENAME TO " + QuoteIdent(new_name);
}

std::string RenderCreateSequence(const std::string& ns, const model::Sequence& sequence) {
  const model::Sequence full = model::SequenceDefaults(sequence);
  return "CREATE SEQUENCE " + QualifiedName(ns, sequence.name) + " AS " + full.type + " INCREMENT BY " +
         std::to_string(*full.increment) + " MINVALUE " + std::to_string(*full.min_value) + " MAXVALUE " +
         std::to_string(*full.max_value) + " START WITH " + std::to_string(*full.start) + " CACHE " +
         std::to_string(*full.cache) + (full.cycle ? " CYCLE" : " NO CYCLE");
}

std::string RenderAlterSequence(const std::string& ns, const model::Sequence& before,
                                const model::Sequence& after) {
  const model::Sequence from = model::SequenceDefaults(before);
  const model::Sequence to = model::SequenceDefaults(after);
  std::string clauses;
  if (from.type != to.type) clauses += " AS " + to.type;
  if (from.increment != to.increment) clauses += " INCREMENT BY " + std::to_string(*to.increment);
  if (from.min_value != to.min_value) clauses += " MINVALUE " + std::to_string(*to.min_value);
  if (from.max_value != to.max_value) clauses += " MAXVALUE " + std::to_string(*to.max_value);
  if (from.start != to.start) clauses += " START WITH " + std::to_string(*to.start);
  if (from.cache != to.cache) clauses += " CACHE " + std::to_string(*to.cache);
  if (from.cycle != to.cycle) clauses += to.cycle ? " CYCLE" : " NO CYCLE";
  if (from.owned_by != to.owned_by) {
    const std::size_t dot = to.owned_by.find('.');
    clauses += to.owned_by.empty()
                   ? std::string(" OWNED BY NONE")
                   : " OWNED BY " + QualifiedName(ns, to.owned_by.substr(0, dot)) + "." +
                         QuoteIdent(dot == std::string::npos ? "" : to.owned_by.substr(dot + 1));
  }
  if (clauses.empty()) return {};
  return "ALTER SEQUENCE " + QualifiedName(ns, after.name) + clauses;
}

std::string RenderDropSequence(const std::string& ns, const model::Sequence& sequence) {
  return "DROP SEQUENCE " + QualifiedName(ns, sequence.name);
}

std::string RenderRenameSequence(const std::string& ns, const model::Sequence& sequence,
                                 const std::string& new_name) {
  return "ALTER SEQUENCE " + QualifiedName(ns, sequence.name) + " RENAME TO " + QuoteIdent(new_name);
}

}  // namespace schemac::dialects::postgres
