#include "cli/saved_plan_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/output.hpp"
#include "dialects/registry.hpp"

namespace schemac::cli {

Result<compiler::SavedPlan> ReadPlanFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status(StatusCode::kNotFound, path + ": no such plan file");
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) return Status(StatusCode::kIoError, path + ": cannot read the plan file");
  Result<compiler::SavedPlan> saved =
      compiler::ReadSavedPlan(text.str(), SchemacVersion(), dialects::FindDialect);
  if (!saved.ok()) return saved.status().WithContext(path);
  return saved;
}

}  // namespace schemac::cli
