#include "dialects/mysql/statement_progress.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace schemac::dialects::mysql {
namespace {

// Columns of StatementProgressQuery, in order; the last three only with stages.
enum Column { kState, kStage, kMaxStage, kProgress };

}  // namespace

std::string StatementProgressQuery(unsigned long thread_id, bool with_stages) {
  return fmt::format(
      "SELECT STATE{} FROM information_schema.PROCESSLIST WHERE ID = {} AND COMMAND IN ('Query', 'Execute')",
      with_stages ? ", STAGE, MAX_STAGE, PROGRESS" : "", thread_id);
}

std::optional<StatementProgress> ReadStatementProgress(
    const std::vector<std::vector<std::optional<std::string>>>& rows) {
  if (rows.empty() || rows.front().empty()) return std::nullopt;
  const auto& row = rows.front();
  if (!row[kState] || row[kState]->empty()) return std::nullopt;
  StatementProgress progress;
  progress.phase = *row[kState];
  // MariaDB counts ALTER TABLE's stages (copying, then rebuilding the keys) and how far the
  // current one has got, in percent; MAX_STAGE is 0 for statements it does not count.
  if (row.size() > kProgress && row[kMaxStage] && row[kProgress]) {
    const long long max_stage = std::strtoll(row[kMaxStage]->c_str(), nullptr, 10);
    if (max_stage > 0) {
      const long long stage = std::strtoll(row[kStage].value_or("0").c_str(), nullptr, 10);
      progress.fraction = std::strtod(row[kProgress]->c_str(), nullptr) / 100.0;
      progress.detail = fmt::format("stage {} of {}", stage, max_stage);
    }
  }
  return progress;
}

}  // namespace schemac::dialects::mysql
