// The MySQL / MariaDB dialect: the hooks the core calls (dialects/dialect.hpp).
//
// One instance per server kind: what it renders and which online algorithm it picks depend on the
// server's flavour and version (capabilities.hpp) and on the database's default collation. A
// connection builds the instance for the server it talks to; FindDialect("mysql") / ("mariadb")
// returns instances for MySQL 8.0 and MariaDB 10.11 when there is no server to ask.
// Immutable after construction: safe to share between threads.
#pragma once

#include <memory>

#include "dialects/dialect.hpp"
#include "dialects/mysql/capabilities.hpp"
#include "dialects/mysql/normalize.hpp"

namespace schemac::dialects::mysql {

class MysqlDialect : public Dialect {
 public:
  explicit MysqlDialect(ServerVersion version);
  MysqlDialect(ServerVersion version, DatabaseDefaults defaults);
  ~MysqlDialect() override;

  std::string Name() const override { return "mysql"; }
  Capabilities GetCapabilities() const override { return DialectCapabilities(); }
  std::string ServerIdentity() const override;
  void Normalize(model::Schema& schema) const override;
  std::vector<std::string> Unsupported(const model::Schema& desired) const override;
  std::vector<PlanStep> PlanChange(const Change& change, const PlanContext& context) const override;
  std::string QuoteIdentifier(const std::string& name) const override;
  const ShadowSwapSql* GetShadowSwapSql() const override;
  std::optional<DataCheck> PlanDataCheck(const DataCheckSpec& spec) const override;
  std::string TableEstimateQuery(const std::string& ns, const std::string& table) const override;
  std::vector<std::string> DataCheckTimeout(int timeout_ms, int lock_timeout_ms) const override;
  std::vector<std::string> DataCheckTimeoutReset() const override;

  const ServerVersion& Version() const { return version_; }
  const ServerFeatures& Features() const { return features_; }
  const DatabaseDefaults& Defaults() const { return defaults_; }

 private:
  ServerVersion version_;
  ServerFeatures features_;
  DatabaseDefaults defaults_;
  std::unique_ptr<ShadowSwapSql> shadow_swap_sql_;
};

// Shared instances for planning without a server: MySQL 8.0.36 and MariaDB 10.11.
const MysqlDialect& DefaultMysqlDialect();
const MysqlDialect& DefaultMariaDbDialect();

}  // namespace schemac::dialects::mysql
