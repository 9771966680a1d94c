#include "schema_dsl/type_resolver.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <unordered_map>

#include "schema_dsl/name_suggestions.hpp"

namespace schemac::dsl {
namespace {

// Spellings from other languages that people reach for; suggested instead of an edit-distance
// guess because the distance to the right keyword is often large ("integer" vs "int").
const std::unordered_map<std::string_view, std::string_view>& TypeAliases() {
  static const std::unordered_map<std::string_view, std::string_view> aliases = {
      {"integer", "int"},      {"int4", "int"},
      {"int2", "smallint"},    {"int8", "bigint"},
      {"tinyint", "smallint"}, {"mediumint", "int"},
      {"serial", "int"},       {"bigserial", "bigint"},
      {"bool", "boolean"},     {"numeric", "decimal"},
      {"float", "double"},     {"float4", "real"},
      {"float8", "double"},    {"string", "text"},
      {"character", "char"},   {"blob", "bytes"},
      {"bytea", "bytes"},      {"binary", "bytes"},
      {"varbinary", "bytes"},  {"datetime", "timestamp"},
      {"jsonb", "json"},       {"timestamp_tz", "timestamptz"},
      {"clob", "text"},
  };
  return aliases;
}

constexpr std::string_view kPortableTypes[] = {
    "smallint", "int",   "bigint", "decimal", "real",      "double",      "boolean", "text", "varchar",
    "char",     "bytes", "date",   "time",    "timestamp", "timestamptz", "uuid",    "json"};

// model::TypeKindFromKeyword by hash lookup instead of a scan of string comparisons: this runs
// for every column. Built from the model's own table, so the two cannot disagree.
std::optional<model::TypeKind> PortableTypeKind(const std::string& name) {
  static const std::unordered_map<std::string_view, model::TypeKind> kinds = [] {
    std::unordered_map<std::string_view, model::TypeKind> by_keyword;
    for (std::string_view keyword : kPortableTypes)
      by_keyword.emplace(keyword, *model::TypeKindFromKeyword(std::string(keyword)));
    return by_keyword;
  }();
  auto found = kinds.find(name);
  if (found == kinds.end()) return std::nullopt;
  return found->second;
}

// A type argument: a plain non-negative integer that fits comfortably in an int.
std::optional<int> ParseTypeArgument(const std::string& text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > 1000000000)
    return std::nullopt;
  return value;
}

bool ApplyNative(const TypeSyntax& type, model::DataType& data_type, const DialectVocabulary& dialects,
                 DiagnosticSink& sink) {
  bool ok = true;
  for (const auto& [dialect, spelling] : type.native) {
    if (dialects.Find(dialect.text) == nullptr) {
      sink.Report(DiagnosticKind::kUnknownDialect, dialect.span, {dialect.text, dialects.DescribeNames()},
                  dialects.Suggest(dialect.text));
      ok = false;
      continue;
    }
    data_type.native.emplace(dialect.text, spelling);
  }
  return ok;
}

bool ApplyArguments(const TypeSyntax& type, model::DataType& data_type, DiagnosticSink& sink) {
  const std::string& name = type.name.text;
  const Span& where = type.arguments_span.valid() ? type.arguments_span : type.span;
  // Every argument must be a number; no type takes more than two, so the values of the first
  // three (enough to tell "too many") fit in place.
  int value_storage[3] = {0, 0, 0};
  size_t value_count = 0;
  for (const NameSyntax& argument : type.arguments) {
    std::optional<int> value = ParseTypeArgument(argument.text);
    if (!value) {
      sink.Report(DiagnosticKind::kBadTypeArguments, argument.span,
                  {name, "takes whole numbers as arguments, not \"" + argument.text + "\""});
      return false;
    }
    if (value_count < 3) value_storage[value_count] = *value;
    ++value_count;
  }
  struct Values {
    const int* data;
    size_t count;
    size_t size() const { return count; }
    bool empty() const { return count == 0; }
    int operator[](size_t i) const { return data[i]; }
  } values{value_storage, value_count};
  switch (data_type.kind) {
    case model::TypeKind::Varchar:
    case model::TypeKind::Char:
      if (values.size() > 1) {
        sink.Report(DiagnosticKind::kBadTypeArguments, where,
                    {name, "takes one length, as in " + name + "(255)"});
        return false;
      }
      if (values.size() == 1) {
        if (values[0] == 0) {
          sink.Report(DiagnosticKind::kBadTypeArguments, where, {name, "needs a length of at least 1"});
          return false;
        }
        data_type.length = values[0];
      }
      return true;
    case model::TypeKind::Decimal:
      if (values.size() > 2) {
        sink.Report(DiagnosticKind::kBadTypeArguments, where,
                    {name, "takes a precision and a scale, as in decimal(12,2)"});
        return false;
      }
      if (!values.empty() && (values[0] < 1 || values[0] > 1000)) {
        sink.Report(DiagnosticKind::kBadTypeArguments, where, {name, "needs a precision between 1 and 1000"});
        return false;
      }
      if (values.size() == 2 && values[1] > values[0]) {
        sink.Report(DiagnosticKind::kBadTypeArguments, where,
                    {name, "cannot have a scale larger than its precision"});
        return false;
      }
      if (!values.empty()) data_type.precision = values[0];
      if (values.size() == 2) data_type.scale = values[1];
      return true;
    default:
      if (!values.empty() || type.arguments_span.valid()) {
        sink.Report(DiagnosticKind::kBadTypeArguments, where, {name, "takes no arguments"});
        return false;
      }
      return true;
  }
}

}  // namespace

std::optional<model::DataType> ResolveType(const TypeSyntax& type, const std::string& table_namespace,
                                           const EnumLookup& enums, bool require_enums,
                                           const DialectVocabulary& dialects, DiagnosticSink& sink) {
  model::DataType data_type;
  if (!type.name.present()) {
    data_type.kind = model::TypeKind::Native;
    if (!ApplyNative(type, data_type, dialects, sink)) return std::nullopt;
    return data_type;
  }
  const std::string& name = type.name.text;
  if (!type.type_namespace.present()) {
    if (std::optional<model::TypeKind> kind = PortableTypeKind(name)) {
      data_type.kind = *kind;
      bool ok = ApplyArguments(type, data_type, sink);
      ok = ApplyNative(type, data_type, dialects, sink) && ok;
      if (!ok) return std::nullopt;
      return data_type;
    }
  }
  // Not a portable type: an enum, here or in the named namespace.
  const std::string enum_namespace =
      type.type_namespace.present() ? type.type_namespace.text : table_namespace;
  const model::Enum* found = enums.find(enum_namespace, name);
  if (found == nullptr && require_enums) {
    std::string written = type.type_namespace.present() ? enum_namespace + "." + name : name;
    std::string suggestion;
    if (!type.type_namespace.present()) {
      auto alias = TypeAliases().find(name);
      if (alias != TypeAliases().end()) suggestion = std::string(alias->second);
    }
    if (suggestion.empty()) {
      std::vector<std::string_view> candidates = enums.names(enum_namespace);
      if (!type.type_namespace.present())
        candidates.insert(candidates.begin(), std::begin(kPortableTypes), std::end(kPortableTypes));
      suggestion = SuggestName(name, candidates);
    }
    if (suggestion.empty() && !type.type_namespace.present()) {
      // A misspelled alias ("integr"): suggest what the alias stands for.
      std::vector<std::string_view> alias_names;
      for (const auto& [alias, target] : TypeAliases()) alias_names.push_back(alias);
      std::sort(alias_names.begin(), alias_names.end());  // deterministic ties
      std::string alias = SuggestName(name, alias_names);
      if (!alias.empty()) suggestion = std::string(TypeAliases().at(alias));
    }
    Span span = type.type_namespace.present() ? type.type_namespace.span : type.name.span;
    if (type.type_namespace.present()) {
      span.end = type.name.span.end;
      span.length = static_cast<int>(span.end - span.begin);
    }
    sink.Report(DiagnosticKind::kUnknownType, span, {written}, suggestion);
    return std::nullopt;
  }
  data_type.kind = model::TypeKind::Enum;
  data_type.enum_name = name;
  if (enum_namespace != table_namespace) data_type.enum_namespace = enum_namespace;
  if (!type.arguments.empty() || type.arguments_span.valid()) {
    sink.Report(DiagnosticKind::kBadTypeArguments, type.arguments_span, {name, "takes no arguments"});
    return std::nullopt;
  }
  if (!ApplyNative(type, data_type, dialects, sink)) return std::nullopt;
  return data_type;
}

std::string DescribeType(const model::DataType& type) {
  switch (type.kind) {
    case model::TypeKind::Enum: {
      std::string spelled = "enum ";
      if (!type.enum_namespace.empty()) spelled.append(type.enum_namespace).append(".");
      return spelled.append(type.enum_name);
    }
    case model::TypeKind::Native: {
      std::string spelled = "native(";
      bool first = true;
      for (const auto& [dialect, spelling] : type.native) {
        spelled += (first ? "" : ", ") + dialect + ": '" + spelling + "'";
        first = false;
      }
      return spelled + ")";
    }
    case model::TypeKind::Varchar:
    case model::TypeKind::Char:
    case model::TypeKind::Decimal: {
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
      std::string spelled = model::TypeKindKeyword(type.kind);
      std::optional<int> first = type.kind == model::TypeKind::Decimal ? type.precision : type.length;
      if (!first) return spelled;
      spelled += '(';
      spelled += std::to_string(*first);
      if (type.kind == model::TypeKind::Decimal && type.scale) {
        spelled += ',';
        spelled += std::to_string(*type.scale);
      }
      spelled += ')';
      return spelled;
    }
    default:
      return model::TypeKindKeyword(type.kind);
  }
}

}  // namespace schemac::dsl
