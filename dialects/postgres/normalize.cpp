#include "dialects/postgres/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "dialects/postgres/normalize_expression.hpp"
#include "dialects/postgres/view_trigger_text.hpp"

namespace schemac::dialects::postgres {
namespace {

constexpr const char* kDialect = "postgres";

// "(12,2)" -> {12, 2}; "(20)" -> {20}.
std::vector<int> ParseModifiers(const std::string& modifiers) {
  std::vector<int> numbers;
  std::string current;
  for (char c : modifiers) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      current += c;
    } else if (!current.empty()) {
      numbers.push_back(std::stoi(current));
      current.clear();
    }
  }
  if (!current.empty()) numbers.push_back(std::stoi(current));
  return numbers;
}

bool IsNumberKind(model::TypeKind kind) {
  return model::IsIntegerKind(kind) || kind == model::TypeKind::Decimal || kind == model::TypeKind::Real ||
         kind == model::TypeKind::Double;
}

bool IsNumberText(const std::string& text) {
  if (text.empty()) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

// A whole canonical expression that is a single string literal: its unescaped value.
std::optional<std::string> StringLiteralValue(const std::string& canonical) {
  if (canonical.size() < 2 || canonical.front() != '\'' || canonical.back() != '\'') return std::nullopt;
  std::string value;
  for (std::size_t i = 1; i + 1 < canonical.size(); ++i) {
    if (canonical[i] == '\'') {
      if (i + 2 < canonical.size() && canonical[i + 1] == '\'') {
        value += '\'';
        ++i;
        continue;
      }
      return std::nullopt;  // two literals, e.g. 'a' || 'b'
    }
    value += canonical[i];
  }
  return value;
}

void NormalizeType(model::DataType& type) {
  if (const std::string* spelling = type.NativeFor(kDialect)) {
    const std::string native = *spelling;
    type = TypeFromPostgresSpelling(native);
    // serial & co. stay the integer they are, with their spelling (see inspect.cpp): one form,
    // whether written `native(postgres: 'serial')` or `int native(postgres: 'serial')`.
    static const std::pair<const char*, model::TypeKind> kSerials[] = {
        {"serial", model::TypeKind::Int},
        {"bigserial", model::TypeKind::BigInt},
        {"smallserial", model::TypeKind::SmallInt}};
    for (const auto& [serial, kind] : kSerials) {
      if (type.kind == model::TypeKind::Native && type.native[kDialect] == serial) type.kind = kind;
    }
    return;
  }
  if (type.kind == model::TypeKind::Native) {
    // No PostgreSQL spelling: Unsupported() reports it; keep it as it is.
    return;
  }
  type.native.clear();
  if (type.kind == model::TypeKind::Char && !type.length) type.length = 1;
  if (type.kind == model::TypeKind::Decimal && type.precision && !type.scale) type.scale = 0;
  if (type.kind != model::TypeKind::Varchar && type.kind != model::TypeKind::Char) type.length.reset();
  if (type.kind != model::TypeKind::Decimal) {
    type.precision.reset();
    type.scale.reset();
  }
  if (type.kind != model::TypeKind::Enum) {
    type.enum_name.clear();
    type.enum_namespace.clear();
  }
}

// PostgreSQL keeps at most 63 bytes of a name (NAMEDATALEN - 1), cut at a character boundary,
// and says so only in a NOTICE: a long default name like <table>_<col>_<col>_key comes back
// shorter. Both sides are cut the same way so they still match.
constexpr std::size_t kMaxNameBytes = 63;

void TruncateName(std::string& name) {
  if (name.size() <= kMaxNameBytes) return;
  std::size_t cut = kMaxNameBytes;
  // Never split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  name.resize(cut);
}

void TruncateNames(std::vector<std::string>& names) {
  for (auto& name : names) TruncateName(name);
}

void TruncateTableNames(model::Table& table) {
  TruncateName(table.name);
  for (auto& column : table.columns) TruncateName(column.name);
  if (table.primary_key) {
    TruncateName(table.primary_key->name);
    TruncateNames(table.primary_key->columns);
  }
  for (auto& unique : table.uniques) {
    TruncateName(unique.name);
    TruncateNames(unique.columns);
  }
  for (auto& index : table.indexes) {
    TruncateName(index.name);
    for (auto& key : index.keys) TruncateName(key.column);
    TruncateNames(index.include);
  }
  for (auto& fk : table.foreign_keys) {
    TruncateName(fk.name);
    TruncateNames(fk.columns);
    TruncateName(fk.ref_namespace);
    TruncateName(fk.ref_table);
    TruncateNames(fk.ref_columns);
  }
  for (auto& check : table.checks) TruncateName(check.name);
  for (auto& column : table.columns) {
    TruncateName(column.type.enum_name);
    TruncateName(column.type.enum_namespace);
  }
}

template <typename T>
void SortByName(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

void NormalizeTable(model::Table& table, const std::string& ns, const model::Schema& schema) {
  auto classify_column = [&table](const std::string& name) {
    const model::Column* column = table.FindColumn(name);
    if (column == nullptr) return ColumnClass::kOther;
    const model::TypeKind kind = column->type.kind;
    if (kind == model::TypeKind::Varchar || kind == model::TypeKind::Char) return ColumnClass::kCharacter;
    if (model::IsIntegerKind(kind)) return ColumnClass::kInteger;
    if (kind == model::TypeKind::Decimal) return ColumnClass::kDecimal;
    if (kind == model::TypeKind::Real || kind == model::TypeKind::Double) return ColumnClass::kFloat;
    if (kind == model::TypeKind::Date) return ColumnClass::kDate;
    if (kind == model::TypeKind::Timestamp) return ColumnClass::kTimestamp;
    return ColumnClass::kOther;
  };
  std::set<std::string> key_columns;
  if (table.primary_key)
    key_columns.insert(table.primary_key->columns.begin(), table.primary_key->columns.end());

  for (model::Column& column : table.columns) {
    NormalizeType(column.type);
    if (column.type.kind == model::TypeKind::Enum && column.type.enum_namespace == ns)
      column.type.enum_namespace.clear();
    // PostgreSQL makes primary key and identity columns NOT NULL.
    if (key_columns.count(column.name) != 0 || column.identity) column.nullable = false;
    if (column.identity || column.generated) {
      column.default_value.reset();
    } else {
      column.default_value = NormalizeDefault(column.default_value, column.type);
    }
    if (column.generated) {
      column.generated->expression = CanonicalExpression(column.generated->expression, classify_column);
      column.generated->stored = true;  // PostgreSQL 15 has stored generated columns only
    }
    if (column.collation == "default") column.collation.clear();
  }
  for (model::Check& check : table.checks)
    check.expression = CanonicalExpression(check.expression, classify_column);
  for (model::Index& index : table.indexes) {
    if (index.method == "btree") index.method.clear();
    if (!index.where.empty()) index.where = CanonicalExpression(index.where, classify_column);
    for (model::IndexKey& key : index.keys) {
      if (!key.expression.empty()) key.expression = CanonicalExpression(key.expression, classify_column);
      if (key.collation == "default") key.collation.clear();
      // NULLS LAST is the default of an ascending key, NULLS FIRST of a descending one.
      const bool default_nulls =
          key.nulls == (key.descending ? model::NullsOrder::First : model::NullsOrder::Last);
      if (default_nulls) key.nulls = model::NullsOrder::Default;
    }
  }
  for (model::UniqueConstraint& unique : table.uniques) {
    if (unique.initially_deferred) unique.deferrable = true;
  }
  for (model::ForeignKey& fk : table.foreign_keys) {
    if (fk.ref_namespace == ns) fk.ref_namespace.clear();
    if (fk.initially_deferred) fk.deferrable = true;
    if (fk.ref_columns.empty()) {
      // REFERENCES t without columns means t's primary key.
      const model::Table* target =
          schema.FindTable(fk.ref_namespace.empty() ? ns : fk.ref_namespace, fk.ref_table);
      if (target && target->primary_key) fk.ref_columns = target->primary_key->columns;
    }
  }
  SortByName(table.uniques);
  SortByName(table.indexes);
  SortByName(table.foreign_keys);
  SortByName(table.checks);
  // Options of other dialects mean nothing here.
  for (auto it = table.options.begin(); it != table.options.end();) {
    it = it->first == kDialect ? std::next(it) : table.options.erase(it);
  }
}

// A view's query is compared as the server spells it (spell_as_server.hpp); what is left here
// is what needs no server.
void NormalizeView(model::View& view) {
  TruncateName(view.name);
  view.query = TrimViewQuery(view.query);
  // PostgreSQL's default is the owner's rights: SECURITY DEFINER is what a view always does.
  if (view.security == model::ViewSecurity::Definer) view.security = model::ViewSecurity::Default;
  for (model::Index& index : view.indexes) {
    TruncateName(index.name);
    if (index.method == "btree") index.method.clear();
    for (model::IndexKey& key : index.keys) {
      const bool default_nulls =
          key.nulls == (key.descending ? model::NullsOrder::First : model::NullsOrder::Last);
      if (default_nulls) key.nulls = model::NullsOrder::Default;
    }
  }
  SortByName(view.indexes);
}

void NormalizeTrigger(model::Trigger& trigger) {
  TruncateName(trigger.name);
  SortTriggerEvents(trigger.events);
  trigger.when = StripOuterParentheses(trigger.when);
}

}  // namespace

model::DataType TypeFromPostgresSpelling(const std::string& spelling) {
  std::string canonical = CanonicalTypeSpelling(spelling);
  // integer[][] and integer[3] are integer[]: PostgreSQL records no dimensions or bounds.
  if (std::size_t bracket = canonical.find('[');
      bracket != std::string::npos &&
      canonical.find_first_not_of("[]0123456789", bracket) == std::string::npos) {
    canonical = canonical.substr(0, bracket) + "[]";
  }
  model::DataType type;
  std::size_t open = canonical.find('(');
  std::string base = canonical;
  std::string modifiers;
  if (open != std::string::npos) {
    std::size_t close = canonical.find(')', open);
    modifiers = canonical.substr(open, close - open + 1);
    base = canonical.substr(0, open) + canonical.substr(close + 1);
  }
  std::vector<int> numbers = ParseModifiers(modifiers);
  using model::TypeKind;
  struct Portable {
    const char* name;
    TypeKind kind;
  };
  static const Portable kPortable[] = {
      {"smallint", TypeKind::SmallInt},
      {"integer", TypeKind::Int},
      {"bigint", TypeKind::BigInt},
      {"real", TypeKind::Real},
      {"double precision", TypeKind::Double},
      {"boolean", TypeKind::Boolean},
      {"text", TypeKind::Text},
      {"bytea", TypeKind::Bytes},
      {"date", TypeKind::Date},
      {"uuid", TypeKind::Uuid},
      {"jsonb", TypeKind::Json},
  };
  if (base.find('[') == std::string::npos) {
    if (modifiers.empty()) {
      for (const auto& portable : kPortable) {
        if (base == portable.name) {
          type.kind = portable.kind;
          return type;
        }
      }
      if (base == "time without time zone") type.kind = TypeKind::Time;
      if (base == "timestamp without time zone") type.kind = TypeKind::Timestamp;
      if (base == "timestamp with time zone") type.kind = TypeKind::TimestampTz;
      if (type.kind != TypeKind::Text) return type;
    }
    if (base == "numeric" && numbers.size() <= 2) {
      type.kind = TypeKind::Decimal;
      if (!numbers.empty()) {
        type.precision = numbers[0];
        type.scale = numbers.size() > 1 ? numbers[1] : 0;
      }
      return type;
    }
    if (base == "character varying" && numbers.size() <= 1) {
      type.kind = TypeKind::Varchar;
      if (!numbers.empty()) type.length = numbers[0];
      return type;
    }
    if (base == "character" && numbers.size() <= 1) {
      type.kind = TypeKind::Char;
      type.length = numbers.empty() ? 1 : numbers[0];
      return type;
    }
  }
  type.kind = TypeKind::Native;
  type.native[kDialect] = canonical;
  return type;
}

namespace {

// A literal cast to a timestamp type of the other time-zone kind than its column: the literal is
// read in one kind and converted at every INSERT with the session's TimeZone, which is not what
// the same literal written for the column's own type means. PostgreSQL keeps such a default with
// its cast ('0001-01-01 00:00:00'::timestamp without time zone in a timestamptz column), and so
// does the model; dropping the cast planned a default change after every apply.
bool ZoneChangingCast(const std::string& cast_type, const model::DataType& column_type) {
  if (column_type.kind == model::TypeKind::TimestampTz) return cast_type == "timestamp without time zone";
  if (column_type.kind == model::TypeKind::Timestamp) return cast_type == "timestamp with time zone";
  return false;
}

}  // namespace

std::optional<model::DefaultValue> NormalizeDefault(const std::optional<model::DefaultValue>& value,
                                                    const model::DataType& type) {
  using Kind = model::DefaultValue::Kind;
  if (!value || value->kind == Kind::Null) return std::nullopt;
  model::DefaultValue result = *value;
  if (result.kind == Kind::Expression) {
    std::string canonical = CanonicalExpression(result.text);
    if (canonical == "null") return std::nullopt;
    if (canonical == "true" || canonical == "false") return model::DefaultValue{Kind::Bool, canonical};
    if (IsNumberText(canonical)) {
      result = model::DefaultValue{Kind::Number, canonical};
    } else if (auto literal = StringLiteralValue(canonical)) {
      result = model::DefaultValue{Kind::String, *literal};
    } else if (auto cast_literal = StringLiteralValue(canonical.substr(0, canonical.rfind("::")));
               cast_literal && canonical.rfind("::") != std::string::npos &&
               !ZoneChangingCast(canonical.substr(canonical.rfind("::") + 2), type)) {
      // '2020-01-01'::date: a default is cast to its column's type anyway.
      result = model::DefaultValue{Kind::String, *cast_literal};
    } else {
      return model::DefaultValue{Kind::Expression, canonical};
    }
  }
  if (result.kind == Kind::String && IsNumberKind(type.kind) && IsNumberText(result.text)) {
    result.kind = Kind::Number;
  }
  if (result.kind == Kind::String && type.kind == model::TypeKind::Boolean) {
    std::string lower;
    for (char c : result.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "t" || lower == "true" || lower == "yes" || lower == "on" || lower == "1")
      return model::DefaultValue{Kind::Bool, "true"};
    if (lower == "f" || lower == "false" || lower == "no" || lower == "off" || lower == "0")
      return model::DefaultValue{Kind::Bool, "false"};
  }
  if (result.kind == Kind::String && type.kind == model::TypeKind::Timestamp) {
    // '2020-01-01' comes back as '2020-01-01 00:00:00'::timestamp without time zone.
    std::string quoted = "'";
    for (char c : result.text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    const std::string canonical = CanonicalExpression(quoted + "'::timestamp");
    if (auto literal = StringLiteralValue(canonical.substr(0, canonical.rfind("::")))) result.text = *literal;
  }
  if (result.kind == Kind::Number) {
    if (!result.text.empty() && result.text[0] == '+') result.text.erase(0, 1);
    // 1e3 comes back as '1000'::numeric: compare numbers in the plain form.
    if (std::string plain = CanonicalExpression(result.text); IsNumberText(plain)) result.text = plain;
    if (type.kind == model::TypeKind::Boolean)
      return model::DefaultValue{Kind::Bool, result.text == "0" ? "false" : "true"};
  }
  if (result.kind == Kind::Bool) {
    for (char& c : result.text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return result;
}

namespace {

// The server's spelling of the type and every number (SequenceDefaults).
void NormalizeSequence(model::Sequence& sequence) {
  TruncateName(sequence.name);
  sequence = model::SequenceDefaults(sequence);
}

// PostgreSQL keeps COST and ROWS as float4: a value is compared as the server will hold it.
std::optional<double> AsFloat4(std::optional<double> value) {
  if (value) value = static_cast<double>(static_cast<float>(*value));
  return value;
}

// What PostgreSQL assumes when a clause is left out; the argument list, return type and body are
// spelled by the server (spell_as_server.hpp) when one is connected.
void NormalizeRoutine(model::Routine& routine) {
  TruncateName(routine.name);
  for (char& c : routine.language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (routine.language.empty()) routine.language = "sql";
  if (routine.security == model::ViewSecurity::Invoker) routine.security = model::ViewSecurity::Default;
  if (routine.procedure) {
    routine.volatility = model::RoutineVolatility::Volatile;
    routine.strict = false;
    routine.parallel = model::RoutineParallel::Unsafe;
  }
  // The defaults of a SQL or PL function: COST 100, ROWS 1000 when it returns a set (else none).
  routine.cost = AsFloat4(routine.cost);
  routine.rows = AsFloat4(routine.rows);
  if (routine.cost == 100.0) routine.cost.reset();
  if (routine.rows == 1000.0 && model::ReturnsSet(routine)) routine.rows.reset();
}

}  // namespace

void NormalizeSchema(model::Schema& schema) {
  for (model::Namespace& ns : schema.namespaces) {
    TruncateName(ns.name);
    for (model::Enum& type : ns.enums) TruncateName(type.name);
    for (model::Table& table : ns.tables) TruncateTableNames(table);
  }
  for (model::Namespace& ns : schema.namespaces) {
    for (model::Table& table : ns.tables) NormalizeTable(table, ns.name, schema);
    SortByName(ns.enums);
    for (model::View& view : ns.views) NormalizeView(view);
    for (model::Trigger& trigger : ns.triggers) NormalizeTrigger(trigger);
    for (model::Routine& routine : ns.routines) NormalizeRoutine(routine);
    for (model::Sequence& sequence : ns.sequences) NormalizeSequence(sequence);
    SortByName(ns.sequences);
  }
}

}  // namespace schemac::dialects::postgres
