#include "cli/hazard_flags.hpp"

#include "compiler/hazard_codes.hpp"

namespace schemac::cli {

Result<std::vector<std::string>> ParseAllowedHazards(const std::vector<std::string>& flags) {
  std::vector<std::string> codes;
  for (const auto& flag : flags) {
    std::optional<std::string> code = compiler::ResolveHazardCode(flag);
    if (!code) {
      std::string known;
      for (const auto& each : AllHazardCodes()) known += (known.empty() ? "" : ", ") + each;
      return Status(
          StatusCode::kInvalidArgument,
          "--allow-hazard '" + flag + "' is not a hazard code; docs/HAZARDS.md lists them: " + known);
    }
    codes.push_back(*code);
  }
  return codes;
}

}  // namespace schemac::cli
