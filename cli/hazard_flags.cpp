#include "cli/hazard_flags.hpp"

#include "compiler/hazard_codes.hpp"

namespace schemac::cli {

Result<std::vector<std::string>> ParseAllowedHazards(const std::vector<std::string>& flags,
                                                     const std::string& source) {
  std::vector<std::string> codes;
  for (const auto& flag : flags) {
    std::optional<std::string> code = compiler::ResolveHazardCode(flag);
    if (!code) {
      std::string known;
      for (const auto& each : AllHazardCodes()) known += (known.empty() ? "" : ", ") + each;
      return Status(StatusCode::kInvalidArgument,
                    source + " '" + flag + "' is not a hazard code; docs/HAZARDS.md lists them: " + known);
    }
    codes.push_back(*code);
  }
  return codes;
}

Result<std::vector<std::string>> AllowedHazards(
    const std::optional<std::vector<std::string>>& from_environment, const std::string& where_in_file,
    const std::vector<std::string>& flags) {
  std::vector<std::string> codes;
  if (from_environment) {
    Result<std::vector<std::string>> listed =
        ParseAllowedHazards(*from_environment, where_in_file + "allowed_hazards (project file)");
    if (!listed.ok()) return listed.status();
    codes = std::move(*listed);
  }
  Result<std::vector<std::string>> given = ParseAllowedHazards(flags);
  if (!given.ok()) return given.status();
  codes.insert(codes.end(), given->begin(), given->end());
  return codes;
}

}  // namespace schemac::cli
