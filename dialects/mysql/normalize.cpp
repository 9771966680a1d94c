#include "dialects/mysql/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>
#include <vector>

#include "dialects/mysql/foreign_key_index.hpp"
#include "dialects/mysql/normalize_expression.hpp"
#include "dialects/mysql/routine_sql.hpp"
#include "dialects/mysql/view_trigger_sql.hpp"
#include "schemac/model/naming.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::DataType;
using model::DefaultValue;
using model::TypeKind;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Lower case and single spaces outside quoted strings; no spaces next to ( ) and ,.
std::string TidyTypeText(const std::string& text) {
  std::string out;
  char quote = 0;
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) {
        out += text[++i];
      } else if (c == quote) {
        if (i + 1 < text.size() && text[i + 1] == quote) {
          out += text[++i];
        } else {
          quote = 0;
        }
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    bool tight = c == '(' || c == ')' || c == ',';
    bool after_tight = !out.empty() && (out.back() == '(' || out.back() == ',');
    if (pending_space && !tight && !after_tight) out += ' ';
    pending_space = false;
    if (c == '\'' || c == '"') quote = c;
    out += quote ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

struct ParsedType {
  std::string base;               // "int", "varchar", "double", "enum", ...
  std::vector<std::string> args;  // inside the parentheses, as written
  std::string args_text;          // the parentheses' content, verbatim
  bool is_unsigned = false;
  bool zerofill = false;
  std::string rest;  // anything else after the type (on update ..., charset ...)
};

ParsedType ParseType(const std::string& tidy) {
  ParsedType parsed;
  size_t i = 0;
  while (i < tidy.size() && (std::isalnum(static_cast<unsigned char>(tidy[i])) || tidy[i] == '_')) ++i;
  parsed.base = tidy.substr(0, i);
  if (parsed.base == "double" && tidy.compare(i, 10, " precision") == 0) i += 10;
  if (parsed.base == "integer") parsed.base = "int";
  if (parsed.base == "numeric" || parsed.base == "dec" || parsed.base == "fixed") parsed.base = "decimal";
  if (parsed.base == "bool" || parsed.base == "boolean") {
    parsed.base = "tinyint";
    parsed.args = {"1"};
  }
  if (i < tidy.size() && tidy[i] == '(') {
    int depth = 0;
    char quote = 0;
    size_t start = i + 1;
    std::string current;
    for (; i < tidy.size(); ++i) {
      char c = tidy[i];
      if (quote) {
        current += c;
        if (c == quote) {
          if (i + 1 < tidy.size() && tidy[i + 1] == quote)
            current += tidy[++i];
          else
            quote = 0;
        } else if (c == '\\' && i + 1 < tidy.size()) {
          current += tidy[++i];
        }
        continue;
      }
      if (c == '(') {
        if (depth++ > 0) current += c;
        continue;
      }
      if (c == ')') {
        if (--depth == 0) {
          parsed.args.push_back(current);
          parsed.args_text = tidy.substr(start, i - start);
          ++i;
          break;
        }
        current += c;
        continue;
      }
      if (c == '\'' || c == '"') quote = c;
      if (c == ',' && depth == 1) {
        parsed.args.push_back(current);
        current.clear();
        continue;
      }
      current += c;
    }
  }
  // datetime(0), timestamp(0) and time(0) are the types without a fraction: the server prints them so.
  bool temporal = parsed.base == "datetime" || parsed.base == "timestamp" || parsed.base == "time";
  if (temporal && parsed.args.size() == 1 && parsed.args[0] == "0") {
    parsed.args.clear();
    parsed.args_text.clear();
  }
  // Modifiers after the type.
  std::string tail = tidy.substr(std::min(i, tidy.size()));
  size_t pos = 0;
  while (pos < tail.size()) {
    while (pos < tail.size() && tail[pos] == ' ') ++pos;
    size_t end = tail.find(' ', pos);
    std::string word = tail.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (word == "unsigned")
      parsed.is_unsigned = true;
    else if (word == "zerofill")
      parsed.zerofill = true;
    else if (word == "signed") {
    } else {
      parsed.rest = tail.substr(pos);
      break;
    }
    if (end == std::string::npos) break;
    pos = end;
  }
  return parsed;
}

std::optional<TypeKind> ClosestPortableKind(const ParsedType& parsed) {
  const std::string& base = parsed.base;
  if (base == "tinyint") return TypeKind::SmallInt;
  if (base == "smallint") return parsed.is_unsigned ? TypeKind::Int : TypeKind::SmallInt;
  if (base == "mediumint") return TypeKind::Int;
  if (base == "int") return parsed.is_unsigned ? TypeKind::BigInt : TypeKind::Int;
  if (base == "bigint") return TypeKind::BigInt;
  if (base == "tinytext" || base == "text" || base == "mediumtext") return TypeKind::Text;
  if (base == "tinyblob" || base == "blob" || base == "mediumblob" || base == "varbinary" ||
      base == "binary") {
    return TypeKind::Bytes;
  }
  if (base == "datetime" && parsed.rest.empty()) return TypeKind::Timestamp;
  if (base == "timestamp" && parsed.rest.empty()) return TypeKind::TimestampTz;
  if (base == "time") return TypeKind::Time;
  return std::nullopt;
}

std::optional<int> ToInt(const std::string& text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsIntegerBase(const std::string& base) {
  return base == "tinyint" || base == "smallint" || base == "mediumint" || base == "int" || base == "bigint";
}

// " on update now()" and friends, canonical: " on update current_timestamp()".
std::string CanonicalRest(const std::string& rest) {
  if (rest.rfind("on update ", 0) == 0) return "on update " + CanonicalExpression(rest.substr(10));
  return rest;
}

bool IsNumericType(const DataType& type) {
  switch (type.kind) {
    case TypeKind::SmallInt:
    case TypeKind::Int:
    case TypeKind::BigInt:
    case TypeKind::Decimal:
    case TypeKind::Real:
    case TypeKind::Double:
      return true;
    case TypeKind::Native: {
      const std::string* native = type.NativeFor("mysql");
      if (!native) return false;
      std::string base = ParseType(TidyTypeText(*native)).base;
      return IsIntegerBase(base) || base == "decimal" || base == "float" || base == "double" || base == "bit";
    }
    default:
      return false;
  }
}

bool IsStringType(const DataType& type) {
  switch (type.kind) {
    case TypeKind::Text:
    case TypeKind::Varchar:
    case TypeKind::Char:
    case TypeKind::Enum:
      return true;
    case TypeKind::Native: {
      const std::string* native = type.NativeFor("mysql");
      if (!native) return false;
      std::string base = ParseType(TidyTypeText(*native)).base;
      return base == "enum" || base == "set" || base == "tinytext" || base == "text" ||
             base == "mediumtext" || base == "longtext" || base == "varchar" || base == "char";
    }
    default:
      return false;
  }
}

bool LooksNumeric(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && !std::isspace(static_cast<unsigned char>(text[0]));
}

// An exact decimal literal rescaled to `scale` digits after the point (padding or cutting).
std::string RescaleDecimal(std::string text, int scale) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  if (text.find_first_of("eE") != std::string::npos) return (negative ? "-" : "") + text;
  std::string integer = text, fraction;
  if (size_t dot = text.find('.'); dot != std::string::npos) {
    integer = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size()));
  if (integer.empty()) integer = "0";
  fraction.resize(static_cast<size_t>(std::max(scale, 0)), '0');
  std::string result = integer + (scale > 0 ? "." + fraction : "");
  bool zero = result.find_first_not_of("0.") == std::string::npos;
  return (negative && !zero ? "-" : "") + result;
}

std::string CanonicalNumber(const DataType& type, const std::string& text) {
  switch (type.kind) {
    case TypeKind::SmallInt:
    case TypeKind::Int:
    case TypeKind::BigInt:
      return RescaleDecimal(text, 0);
    case TypeKind::Decimal:
      return RescaleDecimal(text, type.scale.value_or(0));
    case TypeKind::Real:
    case TypeKind::Double: {
      double value = std::strtod(text.c_str(), nullptr);
      char buffer[64];
      auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
      if (ec != std::errc()) return text;
      return std::string(buffer, ptr);
    }
    default:
      return text;
  }
}

std::string UnquoteSqlString(const std::string& literal) {
  std::string out;
  char quote = literal.empty() ? '\'' : literal[0];
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    char c = literal[i];
    if (c == quote && i + 2 < literal.size() && literal[i + 1] == quote) {
      out += quote;
      ++i;
    } else if (c == '\\' && i + 2 < literal.size()) {
      char next = literal[++i];
      switch (next) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '0':
          out += '\0';
          break;
        case 'Z':
          out += '\x1a';
          break;
        case 'b':
          out += '\b';
          break;
        default:
          out += next;
          break;
      }
    } else {
      out += c;
    }
  }
  return out;
}

bool IsQuotedLiteral(const std::string& text) {
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') || text.back() != text.front())
    return false;
  // One literal, not 'a' || 'b': the closing quote is the only unescaped quote after the first.
  char quote = text.front();
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == quote) {
      if (text[i + 1] == quote && i + 2 < text.size()) {
        ++i;
        continue;
      }
      return false;
    }
  }
  return true;
}

bool IsStringLike(TypeKind kind) {
  return kind == TypeKind::Text || kind == TypeKind::Varchar || kind == TypeKind::Char ||
         kind == TypeKind::Enum || kind == TypeKind::Native;
}

void NormalizeTableOptions(model::Table& table, const DatabaseDefaults& defaults) {
  std::string collation = EffectiveTableCollation(table, defaults);
  std::map<std::string, std::string> mysql_options;
  if (auto it = table.options.find("mysql"); it != table.options.end()) mysql_options = it->second;
  table.options.clear();  // other dialects' options mean nothing here
  mysql_options.erase("charset");
  mysql_options.erase("collation");
  if (collation != defaults.collation) mysql_options["collation"] = collation;
  if (auto engine = mysql_options.find("engine"); engine != mysql_options.end()) {
    engine->second = CanonicalEngine(engine->second);
    if (engine->second == "InnoDB") mysql_options.erase(engine);
  }
  if (!mysql_options.empty()) table.options["mysql"] = mysql_options;
}

void NormalizeColumnType(model::Column& column, const std::map<std::string, std::vector<std::string>>& enums,
                         const ServerFeatures& features) {
  DataType& type = column.type;
  if (type.kind == TypeKind::Enum) {
    auto values = enums.find(type.enum_name);
    if (values != enums.end()) {
      std::string spelling = "enum(";
      for (size_t i = 0; i < values->second.size(); ++i) {
        if (i) spelling += ',';
        spelling += '\'';
        for (char c : values->second[i]) {
          spelling += c;
          if (c == '\'') spelling += '\'';
          if (c == '\\') spelling += '\\';
        }
        spelling += '\'';
      }
      spelling += ')';
      type = DataType{};
      type.kind = TypeKind::Native;
      type.native["mysql"] = spelling;
    }
  }
  if (const std::string* native = type.NativeFor("mysql")) {
    type = DataTypeFromColumnType(*native, features);
  } else if (type.kind != TypeKind::Native) {
    type.native.clear();
  }
  switch (type.kind) {
    case TypeKind::Varchar:
      if (!type.length) type = DataType{TypeKind::Text, {}, {}, {}, {}, {}, {}};
      break;
    case TypeKind::Char:
      if (!type.length) type.length = 1;
      break;
    case TypeKind::Decimal:
      if (!type.precision) type.precision = 10;
      if (!type.scale) type.scale = 0;
      break;
    case TypeKind::Uuid:
      if (!features.native_uuid) type = DataType{TypeKind::Char, 36, {}, {}, {}, {}, {}};
      break;
    default:
      break;
  }
  if (type.kind != TypeKind::Varchar && type.kind != TypeKind::Char) type.length.reset();
  if (type.kind != TypeKind::Decimal) {
    type.precision.reset();
    type.scale.reset();
  }
}

// MariaDB spells JSON as LONGTEXT plus a column check json_valid(`col`) named after the column.
void FoldMariaDbJsonChecks(model::Table& table) {
  for (auto& column : table.columns) {
    if (column.type.kind != TypeKind::Text) continue;
    std::string expected = CanonicalExpression("json_valid(`" + column.name + "`)");
    auto check = std::find_if(table.checks.begin(), table.checks.end(), [&](const model::Check& c) {
      return c.name == column.name && CanonicalExpression(c.expression) == expected;
    });
    if (check == table.checks.end()) continue;
    column.type = DataType{TypeKind::Json, {}, {}, {}, {}, {}, {}};
    table.checks.erase(check);
  }
}

// Plain: what a unique constraint (or the index InnoDB makes for a foreign key) can be.
bool IsPlainColumnKeyList(const model::Index& index) {
  if (!index.where.empty() || !index.method.empty() || !index.include.empty() || !index.comment.empty())
    return false;
  for (const auto& key : index.keys) {
    if (key.column.empty() || key.descending || key.nulls != model::NullsOrder::Default ||
        !key.opclass.empty() || !key.collation.empty() || key.prefix_length != 0) {
      return false;
    }
  }
  return !index.keys.empty();
}

std::vector<std::string> KeyColumns(const model::Index& index) {
  std::vector<std::string> columns;
  for (const auto& key : index.keys) columns.push_back(key.column);
  return columns;
}

void NormalizeKeysAndIndexes(model::Table& table, const std::string& namespace_name,
                             const ServerFeatures& features) {
  if (table.primary_key) {
    table.primary_key->name = kPrimaryKeyName;
    for (const auto& name : table.primary_key->columns) {
      if (model::Column* column = table.FindColumn(name)) column->nullable = false;  // MySQL forces it
    }
  }
  std::vector<model::Index> indexes;
  for (auto index : table.indexes) {
    if (Lower(index.method) == "btree") index.method.clear();
    index.method = Lower(index.method);
    // MariaDB picks the hash for a long unique key by itself and shows every unique hash alike:
    // USING HASH on a unique is no different from a plain unique there.
    if (features.long_unique_hash && index.unique && index.method == "hash") index.method.clear();
    for (auto& key : index.keys) {
      if (!key.expression.empty()) key.expression = CanonicalExpression(key.expression);
      if (!features.descending_indexes) key.descending = false;
      // A TEXT / BLOB column is indexed by its first kAutoPrefixLength characters when the schema
      // says no prefix (render.cpp): that prefix is the whole column. Other methods take none.
      const model::Column* column = table.FindColumn(key.column);
      const bool lob =
          column && (column->type.kind == TypeKind::Text || column->type.kind == TypeKind::Bytes);
      if ((lob && key.prefix_length == kAutoPrefixLength) ||
          !(index.method.empty() || index.method == "hash"))
        key.prefix_length = 0;
    }
    if (index.unique && IsPlainColumnKeyList(index)) {
      table.uniques.push_back(model::UniqueConstraint{index.name, KeyColumns(index)});
      continue;
    }
    indexes.push_back(std::move(index));
  }
  // The index InnoDB creates by itself for a foreign key without one is bookkeeping, not schema:
  // named after the key, or after its first column (a key declared without a name in CREATE
  // TABLE), on exactly its columns, and the only key that serves it. The second name is kept in
  // the key (index_name, not compared), so a down that adds the key back names the index the same.
  // Such an index next to another key that serves the key is not the server's: it stays, so a plan
  // drops it when the schema does not declare it.
  table.indexes = std::move(indexes);
  for (auto& fk : table.foreign_keys) {
    auto implicit = std::find_if(table.indexes.begin(), table.indexes.end(), [&](const model::Index& index) {
      return !index.unique &&
             (index.name == fk.name || (!fk.columns.empty() && index.name == fk.columns[0])) &&
             IsPlainColumnKeyList(index) && KeyColumns(index) == fk.columns &&
             !HasIndexLeadingWith(table, fk.columns, index.name);
    });
    if (implicit == table.indexes.end()) continue;
    if (implicit->name != fk.name) fk.index_name = implicit->name;
    table.indexes.erase(implicit);
  }
  for (auto& fk : table.foreign_keys) {
    // What MySQL cannot do (another namespace, deferrable) stays visible: Unsupported() reports it
    // on the normalized schema.
    if (fk.ref_namespace == namespace_name) fk.ref_namespace.clear();
    if (fk.on_delete == model::ReferentialAction::Restrict) fk.on_delete = model::ReferentialAction::NoAction;
    if (fk.on_update == model::ReferentialAction::Restrict) fk.on_update = model::ReferentialAction::NoAction;
  }
  for (auto& check : table.checks) check.expression = CanonicalExpression(check.expression);
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  std::sort(table.uniques.begin(), table.uniques.end(), by_name);
  std::sort(table.indexes.begin(), table.indexes.end(), by_name);
  std::sort(table.foreign_keys.begin(), table.foreign_keys.end(), by_name);
  std::sort(table.checks.begin(), table.checks.end(), by_name);
}

}  // namespace

std::string EffectiveTableCollation(const model::Table& table, const DatabaseDefaults& defaults) {
  auto options = table.options.find("mysql");
  if (options == table.options.end()) return defaults.collation;
  auto collation = options->second.find("collation");
  if (collation != options->second.end() && !collation->second.empty()) return Lower(collation->second);
  auto charset = options->second.find("charset");
  if (charset != options->second.end() && !charset->second.empty()) {
    auto found = defaults.default_collation_by_charset.find(Lower(charset->second));
    if (found != defaults.default_collation_by_charset.end()) return found->second;
  }
  return defaults.collation;
}

DatabaseDefaults DatabaseDefaults::For(const ServerVersion& version) {
  DatabaseDefaults defaults;
  if (!version.IsMariaDb() && version.AtLeast(8, 0)) {
    defaults.collation = "utf8mb4_0900_ai_ci";
    defaults.default_collation_by_charset["utf8mb4"] = "utf8mb4_0900_ai_ci";
  }
  return defaults;
}

std::string CanonicalNativeType(const std::string& column_type) {
  ParsedType parsed = ParseType(TidyTypeText(column_type));
  std::string spelling = parsed.base;
  bool drop_width = IsIntegerBase(parsed.base) && !parsed.zerofill;
  if (parsed.base == "float" || parsed.base == "double" || parsed.base == "real") drop_width = false;
  if (!parsed.args_text.empty() && !drop_width) spelling += "(" + parsed.args_text + ")";
  if (parsed.is_unsigned) spelling += " unsigned";
  if (parsed.zerofill) spelling += " zerofill";
  if (!parsed.rest.empty()) spelling += " " + CanonicalRest(parsed.rest);
  return spelling;
}

DataType DataTypeFromColumnType(const std::string& column_type, const ServerFeatures& features) {
  std::string tidy = TidyTypeText(column_type);
  ParsedType parsed = ParseType(tidy);
  auto portable = [](TypeKind kind) {
    DataType type;
    type.kind = kind;
    return type;
  };
  // A spelling with no portable equivalent keeps the closest portable kind that holds its values
  // (so identity and numeric defaults work, and other dialects get a sensible type) with the
  // exact spelling as the mysql override, as in `bigint native(mysql: 'bigint unsigned')`.
  auto native = [&]() {
    DataType type;
    type.kind = ClosestPortableKind(parsed).value_or(TypeKind::Native);
    type.native["mysql"] = CanonicalNativeType(tidy);
    return type;
  };
  if (!parsed.rest.empty() || parsed.zerofill) return native();
  const std::string& base = parsed.base;
  if (parsed.is_unsigned) return native();
  if (base == "tinyint") {
    if (parsed.args.size() == 1 && parsed.args[0] == "1") return portable(TypeKind::Boolean);
    return native();
  }
  if (base == "smallint") return portable(TypeKind::SmallInt);
  if (base == "int") return portable(TypeKind::Int);
  if (base == "bigint") return portable(TypeKind::BigInt);
  if (base == "decimal") {
    DataType type = portable(TypeKind::Decimal);
    type.precision = parsed.args.size() >= 1 ? ToInt(parsed.args[0]) : std::optional<int>(10);
    type.scale = parsed.args.size() >= 2 ? ToInt(parsed.args[1]) : std::optional<int>(0);
    if (!type.precision || !type.scale) return native();
    return type;
  }
  if (base == "float" && parsed.args.empty()) return portable(TypeKind::Real);
  if ((base == "double" || base == "real") && parsed.args.empty()) return portable(TypeKind::Double);
  if (base == "longtext" && parsed.args.empty()) return portable(TypeKind::Text);
  if ((base == "varchar" || base == "char") && parsed.args.size() == 1) {
    DataType type = portable(base == "varchar" ? TypeKind::Varchar : TypeKind::Char);
    type.length = ToInt(parsed.args[0]);
    if (!type.length) return native();
    return type;
  }
  if (base == "longblob" && parsed.args.empty()) return portable(TypeKind::Bytes);
  if (base == "date" && parsed.args.empty()) return portable(TypeKind::Date);
  if (base == "time" && parsed.args.empty()) return portable(TypeKind::Time);
  if (base == "datetime" && parsed.args.empty()) return portable(TypeKind::Timestamp);
  if (base == "timestamp" && parsed.args.empty()) return portable(TypeKind::TimestampTz);
  if (base == "uuid" && parsed.args.empty() && features.native_uuid) return portable(TypeKind::Uuid);
  if (base == "json" && parsed.args.empty()) return portable(TypeKind::Json);
  return native();
}

std::optional<DefaultValue> CanonicalDefault(const DataType& type, const DefaultValue& value) {
  DefaultValue result = value;
  if (result.kind == DefaultValue::Kind::Null) return std::nullopt;
  if (result.kind == DefaultValue::Kind::Expression) {
    std::string canonical = CanonicalExpression(result.text);
    std::string lower = Lower(canonical);
    if (lower == "null") return std::nullopt;
    if (lower == "true" || lower == "false") {
      result = DefaultValue{DefaultValue::Kind::Bool, lower};
    } else if (IsQuotedLiteral(canonical)) {
      result = DefaultValue{DefaultValue::Kind::String, UnquoteSqlString(canonical)};
    } else if (LooksNumeric(canonical) ||
               (canonical.size() > 1 && canonical[0] == '-' && LooksNumeric(canonical.substr(1)))) {
      result = DefaultValue{DefaultValue::Kind::Number, canonical};
    } else {
      return DefaultValue{DefaultValue::Kind::Expression, canonical};
    }
  }
  if (type.kind == TypeKind::Boolean) {
    if (result.kind == DefaultValue::Kind::Bool) return result;
    if (LooksNumeric(result.text)) {
      return DefaultValue{DefaultValue::Kind::Bool,
                          std::strtod(result.text.c_str(), nullptr) != 0 ? "true" : "false"};
    }
    std::string lower = Lower(result.text);
    if (lower == "true" || lower == "false") return DefaultValue{DefaultValue::Kind::Bool, lower};
    return result;
  }
  if (IsNumericType(type)) {
    if (result.kind == DefaultValue::Kind::Bool)
      return DefaultValue{DefaultValue::Kind::Number, result.text == "true" ? "1" : "0"};
    if (LooksNumeric(result.text))
      return DefaultValue{DefaultValue::Kind::Number, CanonicalNumber(type, result.text)};
    return result;
  }
  if (IsStringType(type) || IsStringLike(type.kind)) {
    if (result.kind == DefaultValue::Kind::Number)
      return DefaultValue{DefaultValue::Kind::String, result.text};
    if (result.kind == DefaultValue::Kind::Bool)
      return DefaultValue{DefaultValue::Kind::String, result.text == "true" ? "1" : "0"};
    return result;
  }
  // Dates, times, binary: the server prints literals back as quoted strings.
  if (result.kind == DefaultValue::Kind::Number) return DefaultValue{DefaultValue::Kind::String, result.text};
  return result;
}

std::string CanonicalEngine(const std::string& engine) {
  static const std::map<std::string, std::string> kKnown = {
      {"innodb", "InnoDB"},   {"myisam", "MyISAM"}, {"memory", "MEMORY"},   {"aria", "Aria"},
      {"archive", "ARCHIVE"}, {"csv", "CSV"},       {"rocksdb", "ROCKSDB"}, {"blackhole", "BLACKHOLE"}};
  auto found = kKnown.find(Lower(engine));
  return found == kKnown.end() ? engine : found->second;
}

namespace {

// Views and triggers in the spelling both sides share (view_trigger_sql.hpp). The server's
// defaults are spelled out the one way: SQL SECURITY DEFINER is the default security.
void NormalizeViewsAndTriggers(model::Namespace& ns) {
  std::vector<std::string> relations;
  for (const auto& table : ns.tables) relations.push_back(table.name);
  for (const auto& view : ns.views) relations.push_back(view.name);
  for (auto& view : ns.views) {
    view.query = CanonicalViewQuery(view.query, relations);
    if (view.security == model::ViewSecurity::Definer) view.security = model::ViewSecurity::Default;
  }
  for (auto& trigger : ns.triggers) trigger.body = CanonicalCompoundBody(trigger.body);
}

}  // namespace

void NormalizeSchema(model::Schema& schema, const ServerFeatures& features,
                     const DatabaseDefaults& defaults) {
  std::map<std::string, std::vector<std::string>> enums;
  for (const auto& ns : schema.namespaces) {
    for (const auto& enumeration : ns.enums) enums[enumeration.name] = enumeration.values;
  }
  for (auto& ns : schema.namespaces) {
    ns.enums.clear();  // inlined into their columns below
    for (auto& table : ns.tables) {
      NormalizeTableOptions(table, defaults);
      std::string table_collation = EffectiveTableCollation(table, defaults);
      for (auto& column : table.columns) NormalizeColumnType(column, enums, features);
      if (!features.native_json) FoldMariaDbJsonChecks(table);
      for (auto& column : table.columns) {
        if (column.default_value) column.default_value = CanonicalDefault(column.type, *column.default_value);
        if (column.generated) {
          column.generated->expression = CanonicalExpression(column.generated->expression);
          column.default_value.reset();
        }
        if (column.identity) column.identity->always = false;
        column.collation = Lower(column.collation);
        if (!IsStringType(column.type) || column.collation == table_collation) column.collation.clear();
      }
      NormalizeKeysAndIndexes(table, ns.name, features);
    }
    NormalizeViewsAndTriggers(ns);
    for (auto& routine : ns.routines) NormalizeRoutine(routine, features);
    // information_schema lists tables by name; the diff matches them by name anyway.
    std::sort(ns.tables.begin(), ns.tables.end(),
              [](const model::Table& a, const model::Table& b) { return a.name < b.name; });
  }
}

std::optional<std::vector<std::string>> InlineEnumValues(const std::string& spelling) {
  if (spelling.rfind("enum(", 0) != 0 || spelling.back() != ')') return std::nullopt;
  std::vector<std::string> values;
  size_t i = 5;
  const size_t end = spelling.size() - 1;
  while (i < end) {
    if (spelling[i] != '\'') return std::nullopt;
    std::string value;
    ++i;
    bool closed = false;
    while (i < end) {
      char c = spelling[i];
      if (c == '\\' && i + 1 < end) {
        value += spelling[i + 1];
        i += 2;
        continue;
      }
      if (c == '\'') {
        if (i + 1 < end && spelling[i + 1] == '\'') {
          value += '\'';
          i += 2;
          continue;
        }
        ++i;
        closed = true;
        break;
      }
      value += c;
      ++i;
    }
    if (!closed) return std::nullopt;
    values.push_back(value);
    if (i < end && spelling[i] != ',') return std::nullopt;
    if (i < end) ++i;
  }
  if (values.empty()) return std::nullopt;
  return values;
}

void NameInlineEnums(model::Schema& schema) {
  for (auto& ns : schema.namespaces) {
    std::set<std::string> taken;
    for (const auto& table : ns.tables) taken.insert(Lower(table.name));
    for (const auto& enumeration : ns.enums) taken.insert(Lower(enumeration.name));
    for (auto& table : ns.tables) {
      for (auto& column : table.columns) {
        const std::string* native = column.type.NativeFor("mysql");
        if (column.type.kind != TypeKind::Native || !native || column.type.native.size() != 1) continue;
        auto values = InlineEnumValues(*native);
        const std::string name = table.name + "_" + column.name;
        if (!values || taken.count(Lower(name))) continue;
        taken.insert(Lower(name));
        ns.enums.push_back(model::Enum{name, *values, "", {}});
        DataType type;
        type.kind = TypeKind::Enum;
        type.enum_name = name;
        column.type = type;
      }
    }
  }
}

void ShowForeignKeyIndexes(model::Schema& schema) {
  for (auto& ns : schema.namespaces) {
    for (auto& table : ns.tables) {
      for (const auto& fk : table.foreign_keys) {
        if (!NeedsNamedIndex(table, fk)) continue;
        model::Index index;
        index.name = fk.index_name;
        for (const auto& column : fk.columns) {
          model::IndexKey key;
          key.column = column;
          index.keys.push_back(std::move(key));
        }
        table.indexes.push_back(std::move(index));
      }
    }
  }
}

}  // namespace schemac::dialects::mysql
