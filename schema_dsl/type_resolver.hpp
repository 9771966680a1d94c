// Resolving a written column type (`varchar(40)`, `order_status`, `billing.kind`,
// `native(postgres: 'inet')`) into a model::DataType.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/dialect_vocabulary.hpp"
#include "schema_dsl/syntax_tree.hpp"
#include "schemac/model.hpp"

namespace schemac::dsl {

// Looks enums up for the resolver: `FindEnum(ns, name)` is the enum or nullptr, `EnumNames(ns)`
// the names declared in a namespace (for suggestions).
struct EnumLookup {
  std::function<const model::Enum*(const std::string& ns, const std::string& name)> find;
  std::function<std::vector<std::string_view>(const std::string& ns)> names;
};

// Resolves `type` as used by a column of a table in namespace `table_namespace`. Reports
// problems to `sink` and returns nullopt when the type cannot be resolved. With
// `require_enums` false (formatting one file alone), an unknown name is taken to be an enum
// declared elsewhere. The dialects of native(...) spellings must be in `dialects`.
std::optional<model::DataType> ResolveType(const TypeSyntax& type, const std::string& table_namespace,
                                           const EnumLookup& enums, bool require_enums,
                                           const DialectVocabulary& dialects, DiagnosticSink& sink);

// How a type reads in messages: "varchar(20)", "enum order_status".
std::string DescribeType(const model::DataType& type);

}  // namespace schemac::dsl
