// `--allow-hazard CODE` (repeatable), shared by plan and apply.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::cli {

// The full codes the flags name ("HZ003" or "HZ003-narrow-type"); kInvalidArgument naming the
// unknown one and listing the known codes (docs/HAZARDS.md explains each). `source` says where the
// codes were written, for the message.
Result<std::vector<std::string>> ParseAllowedHazards(const std::vector<std::string>& flags,
                                                     const std::string& source = "--allow-hazard");

// The codes an environment of the project file allows followed by those of --allow-hazard: the
// consent the file gives once for a deploy, widened (never narrowed) by the command line. A bad
// code in the file is reported at `where_in_file` ("schemac.yaml:LINE:COL: ").
Result<std::vector<std::string>> AllowedHazards(
    const std::optional<std::vector<std::string>>& from_environment, const std::string& where_in_file,
    const std::vector<std::string>& flags);

}  // namespace schemac::cli
