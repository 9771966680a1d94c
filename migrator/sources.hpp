// Sources: where a schema comes from. A .schema file, a directory of them, or a database URL.
//
// `plan --from A --to B`, `apply --to B`, `inspect` and the testing API all start here, so the
// rules live in one place: schema files go through the schema language (every diagnostic is kept
// for the caller to print), database URLs are opened and inspected, and a database that does not
// exist is an error, never silently created (a typo in a URL must not plan against nothing).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

struct SourceSchema {
  model::Schema schema;
  // The dialect of a database source; nullptr for schema files (they are dialect-neutral).
  const dialects::Dialect* dialect = nullptr;
  // What to call the source in messages: the path, or the URL with its password masked.
  std::string display_name;
};

// Loads `source`. Diagnostics of schema files (errors and warnings) are appended to
// `diagnostics`; when any is an error the result is kInvalidArgument and the caller prints them.
// A database is inspected in its default namespace plus `namespaces` (those of the schema it will
// be compared with, see Connection::ScopeNamespaces).
Result<SourceSchema> LoadSource(const std::string& source, std::vector<dsl::Diagnostic>& diagnostics,
                                const std::vector<std::string>& namespaces = {});

// The named (non-default) namespaces of `schema`: what a database compared with it must inspect.
std::vector<std::string> NamespaceNames(const model::Schema& schema);

// Opens the database at `url` for inspection or migration. With `must_exist`, a SQLite file that
// is not there is kNotFound instead of being created.
Result<std::unique_ptr<dialects::Connection>> OpenDatabase(const std::string& url, bool must_exist);

// The dialect a plan between `from` and `to` is compiled for: the database side's, else
// `requested` (a --dialect flag). kInvalidArgument when neither gives one, when `requested` is
// unknown, or when two databases (or a database and `requested`) disagree.
Result<const dialects::Dialect*> ResolvePlanDialect(const SourceSchema& from, const SourceSchema& to,
                                                    const std::string& requested);

// True when `source` starts with "scheme://", whether or not a dialect knows the scheme: such a
// source is meant as a URL, and an unknown scheme deserves that message rather than "no such file".
bool HasUrlScheme(const std::string& source);

// True when a plan between these two sources needs --dialect (neither is a database URL).
bool NeedsExplicitDialect(const std::string& from, const std::string& to);

// Loads both sources, resolves the dialect and compiles the plan from `from` to `to`.
Result<Plan> PlanSources(const std::string& from, const std::string& to, const std::string& dialect,
                         const PlanPolicy& policy, std::vector<dsl::Diagnostic>& diagnostics);

// `message` with the password of any URL in `urls` replaced by "***": errors from drivers may
// quote the URL they were given, and nothing schemac prints may show a password.
std::string RedactPasswords(std::string message, const std::vector<std::string>& urls);

}  // namespace schemac::migrator
