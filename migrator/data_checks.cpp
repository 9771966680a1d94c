#include "migrator/data_checks.hpp"

#include <algorithm>
#include <map>

#include "compiler/data_checks.hpp"

namespace schemac::migrator {
namespace {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

std::optional<std::int64_t> ToInteger(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  try {
    return static_cast<std::int64_t>(std::stoll(*text));
  } catch (...) {
    return std::nullopt;
  }
}

std::string SampleKey(const std::vector<std::string>& columns,
                      const std::vector<std::optional<std::string>>& row) {
  std::string key;
  for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i) {
    key += (i == 0 ? "" : ", ") + columns[i] + "=" + row[i].value_or("NULL");
  }
  return columns.size() > 1 ? "(" + key + ")" : key;
}

void RunCheck(dialects::Connection& connection, DataCheck& check, const std::vector<std::string>& allowed) {
  check.failing_rows.reset();
  check.sample_keys.clear();
  check.error.clear();
  Result<Rows> counted = connection.Query(check.count_sql);
  if (!counted.ok()) {
    check.error = counted.status().message();
    return;
  }
  if (counted->empty() || counted->front().empty() ||
      !(check.failing_rows = ToInteger(counted->front()[0]))) {
    check.error = "the count query returned no number";
    return;
  }
  if (*check.failing_rows > 0 && !check.sample_sql.empty()) {
    Result<Rows> samples = connection.Query(check.sample_sql);
    if (samples.ok()) {
      for (const auto& row : *samples) check.sample_keys.push_back(SampleKey(check.key_columns, row));
    }
  }
  check.allowed =
      *check.failing_rows > 0 && std::find(allowed.begin(), allowed.end(), check.hazard) != allowed.end();
}

// A table's estimate is read once however many steps work on it; a failed estimate stays unknown.
void RunEstimate(
    dialects::Connection& connection, TableImpact& impact,
    std::map<std::string, std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>>& cache) {
  auto known = cache.find(impact.estimate_sql);
  if (known == cache.end()) {
    std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> estimate;
    Result<Rows> rows = connection.Query(impact.estimate_sql);
    if (rows.ok() && !rows->empty() && rows->front().size() >= 2) {
      estimate = {ToInteger(rows->front()[0]), ToInteger(rows->front()[1])};
    }
    known = cache.emplace(impact.estimate_sql, estimate).first;
  }
  impact.estimated_rows = known->second.first;
  impact.estimated_bytes = known->second.second;
}

}  // namespace

Status RunDataChecks(dialects::Connection& connection, Plan& plan, const DataCheckOptions& options) {
  const dialects::Dialect& dialect = connection.GetDialect();
  const int timeout =
      options.statement_timeout_ms > 0 ? options.statement_timeout_ms : kDefaultDataCheckTimeoutMs;
  for (const auto& sql : dialect.DataCheckTimeout(timeout, options.lock_timeout_ms)) {
    if (Status set = connection.Execute(sql); !set.ok()) return set.WithContext("bounding the data checks");
  }
  std::map<std::string, std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> estimates;
  for (auto& step : plan.steps) {
    for (auto& check : step.data_checks) RunCheck(connection, check, options.allowed_hazards);
    if (step.impact) RunEstimate(connection, *step.impact, estimates);
  }
  for (const auto& sql : dialect.DataCheckTimeoutReset()) {
    if (Status reset = connection.Execute(sql); !reset.ok())
      return reset.WithContext("ending the data checks");
  }
  plan.data_checks = Plan::DataChecks::kRun;
  return Status::Ok();
}

Status RefuseFailedDataChecks(const Plan& plan, const std::string& what_happens) {
  std::string listing;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    for (const auto& check : plan.steps[i].data_checks) {
      if (!check.Fails()) continue;
      listing += "\n  step " + std::to_string(i + 1) + " (" + plan.steps[i].description +
                 "): " + check.hazard + ": " + compiler::DescribeDataCheck(check);
    }
  }
  if (listing.empty()) return Status::Ok();
  return Status(StatusCode::kRefused,
                "data checks found rows the plan would fail on or damage; " + what_happens +
                    ". Fix the rows, allow the hazard (--allow-hazard CODE) or skip the checks "
                    "(--skip-data-checks):" +
                    listing);
}

}  // namespace schemac::migrator
