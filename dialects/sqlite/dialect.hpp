// The SQLite dialect: the hooks the core calls (dialects/dialect.hpp), implemented by this folder's
// normalize, render, strategies and capabilities. Stateless and thread-safe.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::sqlite {

class SqliteDialect : public Dialect {
 public:
  std::string Name() const override;
  Capabilities GetCapabilities() const override;
  void Normalize(model::Schema& schema) const override;
  std::vector<std::string> Unsupported(const model::Schema& desired) const override;
  std::vector<PlanStep> PlanChange(const Change& change, const PlanContext& context) const override;
  std::string QuoteIdentifier(const std::string& name) const override;
  std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) const override;
  std::string TableEstimateQuery(const std::string& ns, const std::string& table) const override;
};

// The one instance the registry and connections hand out.
const SqliteDialect& SqliteDialectInstance();

}  // namespace schemac::dialects::sqlite
