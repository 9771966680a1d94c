#include "dialects/postgres/dialect.hpp"

#include "dialects/index_names.hpp"
#include "dialects/postgres/capabilities.hpp"
#include "dialects/postgres/normalize.hpp"
#include "dialects/postgres/render.hpp"
#include "dialects/postgres/strategies.hpp"

namespace schemac::dialects::postgres {

const PostgresDialect& PostgresDialect::Instance() {
  static const PostgresDialect kInstance;
  return kInstance;
}

Capabilities PostgresDialect::GetCapabilities() const { return PostgresCapabilities(); }

void PostgresDialect::Normalize(model::Schema& schema) const { NormalizeSchema(schema); }

std::vector<std::string> PostgresDialect::Unsupported(const model::Schema& desired) const {
  std::vector<std::string> problems;
  for (const auto& ns : desired.namespaces) {
    for (auto& problem : RepeatedIndexNames(ns, "PostgreSQL")) problems.push_back(std::move(problem));
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

std::vector<PlanStep> PostgresDialect::PlanChange(const Change& change, const PlanContext& context) const {
  return PlanPostgresChange(change, context);
}

std::string PostgresDialect::QuoteIdentifier(const std::string& name) const { return QuoteIdent(name); }

}  // namespace schemac::dialects::postgres
