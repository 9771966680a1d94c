#include "compiler/hazard_codes.hpp"

#include <algorithm>
#include <cctype>

namespace schemac::compiler {
namespace {

std::string Upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<std::string> ResolveHazardCode(const std::string& text) {
  const std::string wanted = Upper(text);
  for (const auto& code : AllHazardCodes()) {
    const std::string number = code.substr(0, code.find('-'));
    if (wanted == Upper(code) || wanted == number) return code;
  }
  return std::nullopt;
}

bool HazardAllowed(const std::string& code, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), code) != allowed.end();
}

}  // namespace schemac::compiler
