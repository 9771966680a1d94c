// JSON conversion for every model type (nlohmann_json, found by ADL): `nlohmann::json j = schema;`
// and `j.get<schemac::model::Schema>()`.
//
// Header-only and C++17 like the model. Enums are lower-case strings ("bigint", "set_null").
// Fields holding their default value are left out when writing and defaulted when reading, so
// to_json followed by from_json gives back an equal value, rename hints and strategy included.
// from_json throws nlohmann's exceptions for mistyped fields and std::invalid_argument for an
// unknown enum spelling.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "schemac/model.hpp"

namespace schemac::model {
namespace json_detail {

using nlohmann::json;

template <typename T>
void Put(json& j, const char* key, const T& value, const T& default_value = T()) {
  if (!(value == default_value)) j[key] = value;
}

template <typename T>
void Get(const json& j, const char* key, T& value) {
  auto found = j.find(key);
  if (found != j.end() && !found->is_null()) found->get_to(value);
}

template <typename T>
void PutOptional(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

template <typename T>
void GetOptional(const json& j, const char* key, std::optional<T>& value) {
  auto found = j.find(key);
  if (found == j.end() || found->is_null()) {
    value.reset();
  } else {
    value = found->get<T>();
  }
}

// One table per enum: the spelling of each value, in declaration order.
template <typename E, size_t N>
std::string EnumToString(E value, const std::pair<E, const char*> (&names)[N]) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return names[0].second;
}

template <typename E, size_t N>
E EnumFromString(const std::string& text, const std::pair<E, const char*> (&names)[N], const char* what) {
  for (const auto& [candidate, name] : names) {
    if (text == name) return candidate;
  }
  throw std::invalid_argument(std::string("unknown ") + what + " \"" + text + "\"");
}

inline const std::pair<TypeKind, const char*> kTypeKinds[] = {
    {TypeKind::SmallInt, "smallint"},
    {TypeKind::Int, "int"},
    {TypeKind::BigInt, "bigint"},
    {TypeKind::Decimal, "decimal"},
    {TypeKind::Real, "real"},
    {TypeKind::Double, "double"},
    {TypeKind::Boolean, "boolean"},
    {TypeKind::Text, "text"},
    {TypeKind::Varchar, "varchar"},
    {TypeKind::Char, "char"},
    {TypeKind::Bytes, "bytes"},
    {TypeKind::Date, "date"},
    {TypeKind::Time, "time"},
    {TypeKind::Timestamp, "timestamp"},
    {TypeKind::TimestampTz, "timestamptz"},
    {TypeKind::Uuid, "uuid"},
    {TypeKind::Json, "json"},
    {TypeKind::Enum, "enum"},
    {TypeKind::Native, "native"},
};

inline const std::pair<DefaultValue::Kind, const char*> kDefaultKinds[] = {
    {DefaultValue::Kind::Null, "null"},
    {DefaultValue::Kind::Bool, "bool"},
    {DefaultValue::Kind::Number, "number"},
    {DefaultValue::Kind::String, "string"},
    {DefaultValue::Kind::Expression, "expression"},
};

inline const std::pair<NullsOrder, const char*> kNullsOrders[] = {
    {NullsOrder::Default, "default"}, {NullsOrder::First, "first"}, {NullsOrder::Last, "last"}};

inline const std::pair<ReferentialAction, const char*> kReferentialActions[] = {
    {ReferentialAction::NoAction, "no_action"},     {ReferentialAction::Restrict, "restrict"},
    {ReferentialAction::Cascade, "cascade"},        {ReferentialAction::SetNull, "set_null"},
    {ReferentialAction::SetDefault, "set_default"},
};

inline const std::pair<MatchType, const char*> kMatchTypes[] = {{MatchType::Simple, "simple"},
                                                                {MatchType::Full, "full"}};

inline const std::pair<ViewCheckOption, const char*> kViewCheckOptions[] = {
    {ViewCheckOption::None, "none"},
    {ViewCheckOption::Cascaded, "cascaded"},
    {ViewCheckOption::Local, "local"}};

inline const std::pair<ViewSecurity, const char*> kViewSecurities[] = {{ViewSecurity::Default, "default"},
                                                                       {ViewSecurity::Definer, "definer"},
                                                                       {ViewSecurity::Invoker, "invoker"}};

inline const std::pair<ViewAlgorithm, const char*> kViewAlgorithms[] = {
    {ViewAlgorithm::Undefined, "undefined"},
    {ViewAlgorithm::Merge, "merge"},
    {ViewAlgorithm::TempTable, "temptable"}};

inline const std::pair<RoutineVolatility, const char*> kRoutineVolatilities[] = {
    {RoutineVolatility::Volatile, "volatile"},
    {RoutineVolatility::Stable, "stable"},
    {RoutineVolatility::Immutable, "immutable"}};

inline const std::pair<RoutineParallel, const char*> kRoutineParallels[] = {
    {RoutineParallel::Unsafe, "unsafe"},
    {RoutineParallel::Restricted, "restricted"},
    {RoutineParallel::Safe, "safe"}};

inline const std::pair<RoutineDataAccess, const char*> kRoutineDataAccesses[] = {
    {RoutineDataAccess::ContainsSql, "contains sql"},
    {RoutineDataAccess::NoSql, "no sql"},
    {RoutineDataAccess::ReadsSqlData, "reads sql data"},
    {RoutineDataAccess::ModifiesSqlData, "modifies sql data"}};

inline const std::pair<TriggerTiming, const char*> kTriggerTimings[] = {
    {TriggerTiming::Before, "before"},
    {TriggerTiming::After, "after"},
    {TriggerTiming::InsteadOf, "instead_of"}};

inline const std::pair<TriggerEvent, const char*> kTriggerEvents[] = {{TriggerEvent::Insert, "insert"},
                                                                      {TriggerEvent::Update, "update"},
                                                                      {TriggerEvent::Delete, "delete"},
                                                                      {TriggerEvent::Truncate, "truncate"}};

}  // namespace json_detail

inline void to_json(nlohmann::json& j, ViewCheckOption value) {
  j = json_detail::EnumToString(value, json_detail::kViewCheckOptions);
}
inline void from_json(const nlohmann::json& j, ViewCheckOption& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kViewCheckOptions, "check option");
}
inline void to_json(nlohmann::json& j, ViewSecurity value) {
  j = json_detail::EnumToString(value, json_detail::kViewSecurities);
}
inline void from_json(const nlohmann::json& j, ViewSecurity& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kViewSecurities, "view security");
}
inline void to_json(nlohmann::json& j, ViewAlgorithm value) {
  j = json_detail::EnumToString(value, json_detail::kViewAlgorithms);
}
inline void from_json(const nlohmann::json& j, ViewAlgorithm& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kViewAlgorithms, "algorithm");
}
inline void to_json(nlohmann::json& j, RoutineVolatility value) {
  j = json_detail::EnumToString(value, json_detail::kRoutineVolatilities);
}
inline void from_json(const nlohmann::json& j, RoutineVolatility& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kRoutineVolatilities, "volatility");
}
inline void to_json(nlohmann::json& j, RoutineParallel value) {
  j = json_detail::EnumToString(value, json_detail::kRoutineParallels);
}
inline void from_json(const nlohmann::json& j, RoutineParallel& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kRoutineParallels, "parallel");
}
inline void to_json(nlohmann::json& j, RoutineDataAccess value) {
  j = json_detail::EnumToString(value, json_detail::kRoutineDataAccesses);
}
inline void from_json(const nlohmann::json& j, RoutineDataAccess& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kRoutineDataAccesses, "data_access");
}
inline void to_json(nlohmann::json& j, TriggerTiming value) {
  j = json_detail::EnumToString(value, json_detail::kTriggerTimings);
}
inline void from_json(const nlohmann::json& j, TriggerTiming& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kTriggerTimings, "trigger timing");
}
inline void to_json(nlohmann::json& j, TriggerEvent value) {
  j = json_detail::EnumToString(value, json_detail::kTriggerEvents);
}
inline void from_json(const nlohmann::json& j, TriggerEvent& value) {
  value = json_detail::EnumFromString(j.get<std::string>(), json_detail::kTriggerEvents, "trigger event");
}

inline void to_json(nlohmann::json& j, TypeKind kind) {
  j = json_detail::EnumToString(kind, json_detail::kTypeKinds);
}
inline void from_json(const nlohmann::json& j, TypeKind& kind) {
  kind = json_detail::EnumFromString(j.get<std::string>(), json_detail::kTypeKinds, "type kind");
}

inline void to_json(nlohmann::json& j, NullsOrder order) {
  j = json_detail::EnumToString(order, json_detail::kNullsOrders);
}
inline void from_json(const nlohmann::json& j, NullsOrder& order) {
  order = json_detail::EnumFromString(j.get<std::string>(), json_detail::kNullsOrders, "nulls order");
}

inline void to_json(nlohmann::json& j, ReferentialAction action) {
  j = json_detail::EnumToString(action, json_detail::kReferentialActions);
}
inline void from_json(const nlohmann::json& j, ReferentialAction& action) {
  action = json_detail::EnumFromString(j.get<std::string>(), json_detail::kReferentialActions,
                                       "referential action");
}

inline void to_json(nlohmann::json& j, MatchType match) {
  j = json_detail::EnumToString(match, json_detail::kMatchTypes);
}
inline void from_json(const nlohmann::json& j, MatchType& match) {
  match = json_detail::EnumFromString(j.get<std::string>(), json_detail::kMatchTypes, "match type");
}

inline void to_json(nlohmann::json& j, const DataType& type) {
  j = nlohmann::json::object();
  j["kind"] = type.kind;
  json_detail::PutOptional(j, "length", type.length);
  json_detail::PutOptional(j, "precision", type.precision);
  json_detail::PutOptional(j, "scale", type.scale);
  json_detail::Put(j, "enum_namespace", type.enum_namespace);
  json_detail::Put(j, "enum_name", type.enum_name);
  json_detail::Put(j, "native", type.native);
}
inline void from_json(const nlohmann::json& j, DataType& type) {
  type = DataType();
  j.at("kind").get_to(type.kind);
  json_detail::GetOptional(j, "length", type.length);
  json_detail::GetOptional(j, "precision", type.precision);
  json_detail::GetOptional(j, "scale", type.scale);
  json_detail::Get(j, "enum_namespace", type.enum_namespace);
  json_detail::Get(j, "enum_name", type.enum_name);
  json_detail::Get(j, "native", type.native);
}

inline void to_json(nlohmann::json& j, const DefaultValue& value) {
  j = nlohmann::json::object();
  j["kind"] = json_detail::EnumToString(value.kind, json_detail::kDefaultKinds);
  json_detail::Put(j, "text", value.text);
}
inline void from_json(const nlohmann::json& j, DefaultValue& value) {
  value = DefaultValue();
  value.kind = json_detail::EnumFromString(j.at("kind").get<std::string>(), json_detail::kDefaultKinds,
                                           "default kind");
  json_detail::Get(j, "text", value.text);
}

inline void to_json(nlohmann::json& j, const Identity& identity) {
  j = nlohmann::json{{"always", identity.always}};
}
inline void from_json(const nlohmann::json& j, Identity& identity) {
  identity = Identity();
  json_detail::Get(j, "always", identity.always);
}

inline void to_json(nlohmann::json& j, const Generated& generated) {
  j = nlohmann::json{{"expression", generated.expression}, {"stored", generated.stored}};
}
inline void from_json(const nlohmann::json& j, Generated& generated) {
  generated = Generated();
  json_detail::Get(j, "expression", generated.expression);
  json_detail::Get(j, "stored", generated.stored);
}

inline void to_json(nlohmann::json& j, const Column& column) {
  j = nlohmann::json::object();
  j["name"] = column.name;
  j["type"] = column.type;
  j["nullable"] = column.nullable;
  json_detail::PutOptional(j, "default", column.default_value);
  json_detail::PutOptional(j, "identity", column.identity);
  json_detail::PutOptional(j, "generated", column.generated);
  json_detail::Put(j, "collation", column.collation);
  json_detail::Put(j, "comment", column.comment);
  json_detail::Put(j, "renamed_from", column.renamed_from);
}
inline void from_json(const nlohmann::json& j, Column& column) {
  column = Column();
  j.at("name").get_to(column.name);
  j.at("type").get_to(column.type);
  json_detail::Get(j, "nullable", column.nullable);
  json_detail::GetOptional(j, "default", column.default_value);
  json_detail::GetOptional(j, "identity", column.identity);
  json_detail::GetOptional(j, "generated", column.generated);
  json_detail::Get(j, "collation", column.collation);
  json_detail::Get(j, "comment", column.comment);
  json_detail::Get(j, "renamed_from", column.renamed_from);
}

inline void to_json(nlohmann::json& j, const PrimaryKey& key) {
  j = nlohmann::json{{"name", key.name}, {"columns", key.columns}};
  json_detail::Put(j, "comment", key.comment);
}
inline void from_json(const nlohmann::json& j, PrimaryKey& key) {
  key = PrimaryKey();
  json_detail::Get(j, "name", key.name);
  json_detail::Get(j, "columns", key.columns);
  json_detail::Get(j, "comment", key.comment);
}

inline void to_json(nlohmann::json& j, const UniqueConstraint& unique) {
  j = nlohmann::json{{"name", unique.name}, {"columns", unique.columns}};
  json_detail::Put(j, "deferrable", unique.deferrable);
  json_detail::Put(j, "initially_deferred", unique.initially_deferred);
}
inline void from_json(const nlohmann::json& j, UniqueConstraint& unique) {
  unique = UniqueConstraint();
  json_detail::Get(j, "name", unique.name);
  json_detail::Get(j, "columns", unique.columns);
  json_detail::Get(j, "deferrable", unique.deferrable);
  json_detail::Get(j, "initially_deferred", unique.initially_deferred);
}

inline void to_json(nlohmann::json& j, const IndexKey& key) {
  j = nlohmann::json::object();
  json_detail::Put(j, "column", key.column);
  json_detail::Put(j, "expression", key.expression);
  json_detail::Put(j, "descending", key.descending);
  json_detail::Put(j, "nulls", key.nulls);
  json_detail::Put(j, "opclass", key.opclass);
  json_detail::Put(j, "collation", key.collation);
  json_detail::Put(j, "prefix_length", key.prefix_length);
}
inline void from_json(const nlohmann::json& j, IndexKey& key) {
  key = IndexKey();
  json_detail::Get(j, "column", key.column);
  json_detail::Get(j, "expression", key.expression);
  json_detail::Get(j, "descending", key.descending);
  json_detail::Get(j, "nulls", key.nulls);
  json_detail::Get(j, "opclass", key.opclass);
  json_detail::Get(j, "collation", key.collation);
  json_detail::Get(j, "prefix_length", key.prefix_length);
}

inline void to_json(nlohmann::json& j, const Index& index) {
  j = nlohmann::json::object();
  j["name"] = index.name;
  json_detail::Put(j, "unique", index.unique);
  j["keys"] = index.keys;
  json_detail::Put(j, "where", index.where);
  json_detail::Put(j, "method", index.method);
  json_detail::Put(j, "include", index.include);
  json_detail::Put(j, "comment", index.comment);
}
inline void from_json(const nlohmann::json& j, Index& index) {
  index = Index();
  json_detail::Get(j, "name", index.name);
  json_detail::Get(j, "unique", index.unique);
  json_detail::Get(j, "keys", index.keys);
  json_detail::Get(j, "where", index.where);
  json_detail::Get(j, "method", index.method);
  json_detail::Get(j, "include", index.include);
  json_detail::Get(j, "comment", index.comment);
}

inline void to_json(nlohmann::json& j, const ForeignKey& key) {
  j = nlohmann::json::object();
  j["name"] = key.name;
  j["columns"] = key.columns;
  json_detail::Put(j, "ref_namespace", key.ref_namespace);
  j["ref_table"] = key.ref_table;
  j["ref_columns"] = key.ref_columns;
  json_detail::Put(j, "on_delete", key.on_delete);
  json_detail::Put(j, "on_update", key.on_update);
  json_detail::Put(j, "deferrable", key.deferrable);
  json_detail::Put(j, "initially_deferred", key.initially_deferred);
  json_detail::Put(j, "match", key.match);
  json_detail::Put(j, "index_name", key.index_name);
}
inline void from_json(const nlohmann::json& j, ForeignKey& key) {
  key = ForeignKey();
  json_detail::Get(j, "name", key.name);
  json_detail::Get(j, "columns", key.columns);
  json_detail::Get(j, "ref_namespace", key.ref_namespace);
  json_detail::Get(j, "ref_table", key.ref_table);
  json_detail::Get(j, "ref_columns", key.ref_columns);
  json_detail::Get(j, "on_delete", key.on_delete);
  json_detail::Get(j, "on_update", key.on_update);
  json_detail::Get(j, "deferrable", key.deferrable);
  json_detail::Get(j, "initially_deferred", key.initially_deferred);
  json_detail::Get(j, "match", key.match);
  json_detail::Get(j, "index_name", key.index_name);
}

inline void to_json(nlohmann::json& j, const Check& check) {
  j = nlohmann::json{{"name", check.name}, {"expression", check.expression}};
  json_detail::Put(j, "no_inherit", check.no_inherit);
}
inline void from_json(const nlohmann::json& j, Check& check) {
  check = Check();
  json_detail::Get(j, "name", check.name);
  json_detail::Get(j, "expression", check.expression);
  json_detail::Get(j, "no_inherit", check.no_inherit);
}

inline void to_json(nlohmann::json& j, const Table& table) {
  j = nlohmann::json::object();
  j["name"] = table.name;
  j["columns"] = table.columns;
  json_detail::PutOptional(j, "primary_key", table.primary_key);
  json_detail::Put(j, "uniques", table.uniques);
  json_detail::Put(j, "indexes", table.indexes);
  json_detail::Put(j, "foreign_keys", table.foreign_keys);
  json_detail::Put(j, "checks", table.checks);
  json_detail::Put(j, "comment", table.comment);
  json_detail::Put(j, "options", table.options);
  json_detail::Put(j, "renamed_from", table.renamed_from);
  json_detail::Put(j, "strategy", table.strategy);
}
inline void from_json(const nlohmann::json& j, Table& table) {
  table = Table();
  j.at("name").get_to(table.name);
  json_detail::Get(j, "columns", table.columns);
  json_detail::GetOptional(j, "primary_key", table.primary_key);
  json_detail::Get(j, "uniques", table.uniques);
  json_detail::Get(j, "indexes", table.indexes);
  json_detail::Get(j, "foreign_keys", table.foreign_keys);
  json_detail::Get(j, "checks", table.checks);
  json_detail::Get(j, "comment", table.comment);
  json_detail::Get(j, "options", table.options);
  json_detail::Get(j, "renamed_from", table.renamed_from);
  json_detail::Get(j, "strategy", table.strategy);
}

inline void to_json(nlohmann::json& j, const Enum& enum_type) {
  j = nlohmann::json::object();
  j["name"] = enum_type.name;
  j["values"] = enum_type.values;
  json_detail::Put(j, "comment", enum_type.comment);
  json_detail::Put(j, "renamed_from", enum_type.renamed_from);
}
inline void from_json(const nlohmann::json& j, Enum& enum_type) {
  enum_type = Enum();
  j.at("name").get_to(enum_type.name);
  json_detail::Get(j, "values", enum_type.values);
  json_detail::Get(j, "comment", enum_type.comment);
  json_detail::Get(j, "renamed_from", enum_type.renamed_from);
}

inline void to_json(nlohmann::json& j, const View& view) {
  j = nlohmann::json::object();
  j["name"] = view.name;
  json_detail::Put(j, "columns", view.columns);
  j["query"] = view.query;
  json_detail::Put(j, "materialized", view.materialized);
  json_detail::Put(j, "check_option", view.check_option);
  json_detail::Put(j, "security", view.security);
  json_detail::Put(j, "algorithm", view.algorithm);
  json_detail::Put(j, "definer", view.definer);
  json_detail::Put(j, "indexes", view.indexes);
  json_detail::Put(j, "renamed_from", view.renamed_from);
}
inline void from_json(const nlohmann::json& j, View& view) {
  view = View();
  j.at("name").get_to(view.name);
  json_detail::Get(j, "columns", view.columns);
  json_detail::Get(j, "query", view.query);
  json_detail::Get(j, "materialized", view.materialized);
  json_detail::Get(j, "check_option", view.check_option);
  json_detail::Get(j, "security", view.security);
  json_detail::Get(j, "algorithm", view.algorithm);
  json_detail::Get(j, "definer", view.definer);
  json_detail::Get(j, "indexes", view.indexes);
  json_detail::Get(j, "renamed_from", view.renamed_from);
}

inline void to_json(nlohmann::json& j, const Trigger& trigger) {
  j = nlohmann::json::object();
  j["name"] = trigger.name;
  j["table"] = trigger.table;
  j["timing"] = trigger.timing;
  j["events"] = trigger.events;
  json_detail::Put(j, "update_columns", trigger.update_columns);
  json_detail::Put(j, "for_each_row", trigger.for_each_row, true);
  json_detail::Put(j, "when", trigger.when);
  json_detail::Put(j, "body", trigger.body);
  json_detail::Put(j, "function", trigger.function);
  json_detail::Put(j, "arguments", trigger.arguments);
  json_detail::Put(j, "definer", trigger.definer);
  json_detail::Put(j, "renamed_from", trigger.renamed_from);
}
inline void from_json(const nlohmann::json& j, Trigger& trigger) {
  trigger = Trigger();
  j.at("name").get_to(trigger.name);
  json_detail::Get(j, "table", trigger.table);
  json_detail::Get(j, "timing", trigger.timing);
  json_detail::Get(j, "events", trigger.events);
  json_detail::Get(j, "update_columns", trigger.update_columns);
  json_detail::Get(j, "for_each_row", trigger.for_each_row);
  json_detail::Get(j, "when", trigger.when);
  json_detail::Get(j, "body", trigger.body);
  json_detail::Get(j, "function", trigger.function);
  json_detail::Get(j, "arguments", trigger.arguments);
  json_detail::Get(j, "definer", trigger.definer);
  json_detail::Get(j, "renamed_from", trigger.renamed_from);
}

inline void to_json(nlohmann::json& j, const Routine& routine) {
  j = nlohmann::json::object();
  j["name"] = routine.name;
  json_detail::Put(j, "procedure", routine.procedure);
  j["arguments"] = routine.arguments;
  json_detail::Put(j, "returns", routine.returns);
  json_detail::Put(j, "language", routine.language);
  json_detail::Put(j, "volatility", routine.volatility);
  json_detail::Put(j, "strict", routine.strict);
  json_detail::Put(j, "security", routine.security);
  json_detail::Put(j, "parallel", routine.parallel);
  json_detail::Put(j, "settings", routine.settings);
  json_detail::Put(j, "deterministic", routine.deterministic);
  json_detail::Put(j, "data_access", routine.data_access);
  json_detail::PutOptional(j, "cost", routine.cost);
  json_detail::PutOptional(j, "rows", routine.rows);
  json_detail::Put(j, "leakproof", routine.leakproof);
  json_detail::Put(j, "comment", routine.comment);
  json_detail::Put(j, "definer", routine.definer);
  j["body"] = routine.body;
  json_detail::Put(j, "renamed_from", routine.renamed_from);
  json_detail::Put(j, "signature", routine.signature);
}
inline void from_json(const nlohmann::json& j, Routine& routine) {
  routine = Routine();
  j.at("name").get_to(routine.name);
  json_detail::Get(j, "procedure", routine.procedure);
  json_detail::Get(j, "arguments", routine.arguments);
  json_detail::Get(j, "returns", routine.returns);
  json_detail::Get(j, "language", routine.language);
  json_detail::Get(j, "volatility", routine.volatility);
  json_detail::Get(j, "strict", routine.strict);
  json_detail::Get(j, "security", routine.security);
  json_detail::Get(j, "parallel", routine.parallel);
  json_detail::Get(j, "settings", routine.settings);
  json_detail::Get(j, "deterministic", routine.deterministic);
  json_detail::Get(j, "data_access", routine.data_access);
  json_detail::GetOptional(j, "cost", routine.cost);
  json_detail::GetOptional(j, "rows", routine.rows);
  json_detail::Get(j, "leakproof", routine.leakproof);
  json_detail::Get(j, "comment", routine.comment);
  json_detail::Get(j, "definer", routine.definer);
  json_detail::Get(j, "body", routine.body);
  json_detail::Get(j, "renamed_from", routine.renamed_from);
  json_detail::Get(j, "signature", routine.signature);
}

inline void to_json(nlohmann::json& j, const Sequence& sequence) {
  j = nlohmann::json::object();
  j["name"] = sequence.name;
  json_detail::Put(j, "type", sequence.type);
  json_detail::PutOptional(j, "start", sequence.start);
  json_detail::PutOptional(j, "increment", sequence.increment);
  json_detail::PutOptional(j, "min_value", sequence.min_value);
  json_detail::PutOptional(j, "max_value", sequence.max_value);
  json_detail::PutOptional(j, "cache", sequence.cache);
  json_detail::Put(j, "cycle", sequence.cycle);
  json_detail::Put(j, "owned_by", sequence.owned_by);
  json_detail::Put(j, "renamed_from", sequence.renamed_from);
}
inline void from_json(const nlohmann::json& j, Sequence& sequence) {
  sequence = Sequence();
  j.at("name").get_to(sequence.name);
  json_detail::Get(j, "type", sequence.type);
  json_detail::GetOptional(j, "start", sequence.start);
  json_detail::GetOptional(j, "increment", sequence.increment);
  json_detail::GetOptional(j, "min_value", sequence.min_value);
  json_detail::GetOptional(j, "max_value", sequence.max_value);
  json_detail::GetOptional(j, "cache", sequence.cache);
  json_detail::Get(j, "cycle", sequence.cycle);
  json_detail::Get(j, "owned_by", sequence.owned_by);
  json_detail::Get(j, "renamed_from", sequence.renamed_from);
}

inline void to_json(nlohmann::json& j, const Namespace& ns) {
  j = nlohmann::json::object();
  j["name"] = ns.name;
  json_detail::Put(j, "enums", ns.enums);
  j["tables"] = ns.tables;
  json_detail::Put(j, "views", ns.views);
  json_detail::Put(j, "triggers", ns.triggers);
  json_detail::Put(j, "routines", ns.routines);
  json_detail::Put(j, "sequences", ns.sequences);
}
inline void from_json(const nlohmann::json& j, Namespace& ns) {
  ns = Namespace();
  json_detail::Get(j, "name", ns.name);
  json_detail::Get(j, "enums", ns.enums);
  json_detail::Get(j, "tables", ns.tables);
  json_detail::Get(j, "views", ns.views);
  json_detail::Get(j, "triggers", ns.triggers);
  json_detail::Get(j, "routines", ns.routines);
  json_detail::Get(j, "sequences", ns.sequences);
}

inline void to_json(nlohmann::json& j, const UnmanagedObject& object) {
  j = nlohmann::json::object();
  j["kind"] = object.kind;
  json_detail::Put(j, "namespace", object.namespace_name);
  j["name"] = object.name;
  json_detail::Put(j, "detail", object.detail);
  json_detail::Put(j, "table", object.table);
}
inline void from_json(const nlohmann::json& j, UnmanagedObject& object) {
  object = UnmanagedObject();
  json_detail::Get(j, "kind", object.kind);
  json_detail::Get(j, "namespace", object.namespace_name);
  json_detail::Get(j, "name", object.name);
  json_detail::Get(j, "detail", object.detail);
  json_detail::Get(j, "table", object.table);
}

inline void to_json(nlohmann::json& j, const Schema& schema) {
  j = nlohmann::json::object();
  j["namespaces"] = schema.namespaces;
  json_detail::Put(j, "unmanaged", schema.unmanaged);
  json_detail::Put(j, "excludes", schema.excludes);
}
inline void from_json(const nlohmann::json& j, Schema& schema) {
  schema = Schema();
  json_detail::Get(j, "namespaces", schema.namespaces);
  json_detail::Get(j, "unmanaged", schema.unmanaged);
  json_detail::Get(j, "excludes", schema.excludes);
}

}  // namespace schemac::model
