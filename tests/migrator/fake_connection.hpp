// A scripted Connection for unit tests of the step runner: it records every call in order and
// fails the statements it is told to fail, so transaction handling can be checked exactly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::migrator::testing {

class FakeDialect : public dialects::Dialect {
 public:
  explicit FakeDialect(bool transactional_ddl) : transactional_ddl_(transactional_ddl) {}
  std::string Name() const override { return "fake"; }
  dialects::Capabilities GetCapabilities() const override {
    dialects::Capabilities capabilities;
    capabilities.transactional_ddl = transactional_ddl_;
    return capabilities;
  }
  void Normalize(model::Schema&) const override {}
  std::vector<std::string> Unsupported(const model::Schema&) const override { return {}; }
  std::vector<PlanStep> PlanChange(const Change&, const dialects::PlanContext&) const override { return {}; }
  std::string QuoteIdentifier(const std::string& name) const override { return "\"" + name + "\""; }

 private:
  bool transactional_ddl_;
};

class FakeConnection : public dialects::Connection {
 public:
  explicit FakeConnection(bool transactional_ddl = true) : dialect_(transactional_ddl) {}

  // `sql` fails with `status` the next `times` times it runs.
  void FailNext(const std::string& sql, Status status, int times = 1) {
    failures_[sql] = {std::move(status), times};
  }
  // QueryHasRows(`sql`) answers `has_rows`.
  void AnswerQuery(const std::string& sql, bool has_rows) { answers_[sql] = has_rows; }

  // Every call, in order: "BEGIN", "COMMIT", "ROLLBACK", "EXEC <sql>", "QUERY <sql>".
  const std::vector<std::string>& calls() const { return calls_; }

  const dialects::Dialect& GetDialect() const override { return dialect_; }
  Result<model::Schema> Inspect() override { return model::Schema{}; }
  Status Execute(const std::string& sql) override {
    calls_.push_back("EXEC " + sql);
    return Outcome(sql);
  }
  Result<bool> QueryHasRows(const std::string& sql) override {
    calls_.push_back("QUERY " + sql);
    if (Status status = Outcome(sql); !status.ok()) return status;
    auto it = answers_.find(sql);
    return it != answers_.end() && it->second;
  }
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) override {
    calls_.push_back("QUERY " + sql);
    return std::vector<std::vector<std::optional<std::string>>>{};
  }
  Status Begin() override { return Record("BEGIN"); }
  Status Commit() override { return Record("COMMIT"); }
  Status Rollback() override { return Record("ROLLBACK"); }
  Status AcquireMigrationLock(int) override { return Record("LOCK"); }
  Status ReleaseMigrationLock() override { return Record("UNLOCK"); }
  std::string DisplayUrl() const override { return "fake://"; }
  bool BehindTransactionPooler() const override { return behind_pooler; }

  bool behind_pooler = false;  // as a URL with migration_lock=lease says

 private:
  struct Failure {
    Status status;
    int remaining = 0;
  };

  Status Record(const std::string& call) {
    calls_.push_back(call);
    return Outcome(call);
  }
  Status Outcome(const std::string& sql) {
    auto it = failures_.find(sql);
    if (it == failures_.end() || it->second.remaining == 0) return Status::Ok();
    --it->second.remaining;
    return it->second.status;
  }

  FakeDialect dialect_;
  std::map<std::string, Failure> failures_;
  std::map<std::string, bool> answers_;
  std::vector<std::string> calls_;
};

}  // namespace schemac::migrator::testing
