// `--exclude KIND:PATTERN` (repeatable), shared by plan, apply and inspect: objects another tool
// owns, left alone (compiler/excludes.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::cli {

// The patterns of the project file's environment (already checked when it was read) followed by
// those of the flags; kInvalidArgument naming a malformed flag. The command line adds patterns,
// never takes the file's away.
Result<std::vector<std::string>> ExcludePatterns(
    const std::optional<std::vector<std::string>>& from_environment, const std::vector<std::string>& flags);

// What --exclude's help says.
inline constexpr const char* kExcludeHelp =
    "Leave objects another tool owns alone, KIND:PATTERN (table:audit_*, view:reporting.*, *:tmp_*): "
    "neither planned nor listed as unmanaged; repeatable";

}  // namespace schemac::cli
