#include "cli/exclude_flags.hpp"

#include "compiler/excludes.hpp"

namespace schemac::cli {

Result<std::vector<std::string>> ExcludePatterns(
    const std::optional<std::vector<std::string>>& from_environment, const std::vector<std::string>& flags) {
  std::vector<std::string> patterns = from_environment.value_or(std::vector<std::string>{});
  for (const auto& flag : flags) {
    Result<compiler::ExcludePattern> parsed = compiler::ParseExcludePattern(flag);
    if (!parsed.ok()) return Status(StatusCode::kInvalidArgument, "--exclude: " + parsed.status().message());
    patterns.push_back(flag);
  }
  return patterns;
}

}  // namespace schemac::cli
