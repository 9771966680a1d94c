// The PostgreSQL dialect: the hooks the core calls (see dialects/dialect.hpp).
#pragma once

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

// Stateless; one shared instance. Thread-safe.
class PostgresDialect : public Dialect {
 public:
  static const PostgresDialect& Instance();

  std::string Name() const override { return "postgres"; }
  Capabilities GetCapabilities() const override;
  void Normalize(model::Schema& schema) const override;
  std::vector<std::string> Unsupported(const model::Schema& desired) const override;
  std::vector<std::string> MissingDependencies(const model::Schema& current,
                                               const model::Schema& desired) const override;
  std::vector<PlanStep> PlanChange(const Change& change, const PlanContext& context) const override;
  std::string QuoteIdentifier(const std::string& name) const override;
  std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) const override;
  std::string TableEstimateQuery(const std::string& ns, const std::string& table) const override;
  std::vector<std::string> DataCheckTimeout(int timeout_ms, int lock_timeout_ms) const override;
  std::vector<std::string> DataCheckTimeoutReset() const override;
};

}  // namespace schemac::dialects::postgres
