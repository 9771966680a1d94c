// schemac.yaml: the project file. Named environments, so that a deploy says `--env production`
// instead of repeating a URL, a schema path and a policy on every command line.
//
//   schema: schema/                 # the desired schema: a file or directory, relative to this file
//   dialect: postgres               # optional; what `validate` and file-to-file `plan` assume
//   policy:                         # optional; defaults for every environment
//     lock_timeout_ms: 5000
//     statement_timeout_ms: 0
//     lock_retries: 5
//     allowed_hazards: [HZ013]      # consent given once, like --allow-hazard (codes: docs/HAZARDS.md)
//     excludes: ["table:audit_*"]   # objects another tool owns, like --exclude KIND:PATTERN
//   environments:
//     staging:
//       url: postgres://deploy@db.staging.internal/app
//       password_env: STAGING_DB_PASSWORD   # the password comes from the environment, never the file
//     production:
//       url_env: PRODUCTION_DB_URL          # or the whole URL comes from the environment
//       policy: {lock_timeout_ms: 2000}     # overrides the top-level policy key by key
//
// YAML, because the golden corpus and every CI system schemac runs in already speak it and the
// parser (yaml-cpp) is a dependency already; its marks give the line and column of every error.
//
// Rules that keep a deploy from going wrong quietly: an unknown key is an error (a typo would
// otherwise drop a setting); a URL that carries a password is an error (secrets live in the
// environment); a variable named by password_env / url_env that is unset is an error. Command-line
// flags override what the file says.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::cli {

inline constexpr const char* kProjectFileName = "schemac.yaml";

struct ProjectPolicy {
  std::optional<int> lock_timeout_ms;
  std::optional<int> statement_timeout_ms;
  std::optional<int> lock_retries;
  // Codes as written; plan and apply check them with --allow-hazard's parser and add the flags' codes.
  std::optional<std::vector<std::string>> allowed_hazards;
  std::string allowed_hazards_where;  // "schemac.yaml:LINE:COL: " of that list, so a bad code is located
  // KIND:PATTERN as written, each checked when the file is read; the command line's are added.
  std::optional<std::vector<std::string>> excludes;
};

// One environment, with the file's top-level defaults folded in and secrets resolved.
struct ProjectEnvironment {
  std::string name;
  std::string url;      // complete, password included: hand it to the connection, never print it
  std::string schema;   // resolved against the project file's directory; "" when none is set
  std::string dialect;  // "" when none is set
  ProjectPolicy policy;
};

// Reads environment `name` from `path` (a schemac.yaml). `getenv` reads the process environment;
// tests pass their own. Errors are kInvalidArgument with "path:line:col: ..." where the file has
// a position, kNotFound when the file or the environment is missing (listing those that exist).
using GetEnv = const char* (*)(const char*);
Result<ProjectEnvironment> LoadEnvironment(const std::string& path, const std::string& name,
                                           GetEnv getenv_fn = nullptr);

// The project file a command reads for --env: `explicit_path` when given (--config), else
// $SCHEMAC_CONFIG, else ./schemac.yaml.
std::string ProjectFilePath(const std::string& explicit_path);

}  // namespace schemac::cli
