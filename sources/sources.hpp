// Sources: where a schema comes from. A .schema file, a directory of them, or a database URL.
//
// `plan --from A --to B`, `apply --to B`, `inspect`, `validate` and the testing API all start
// here, so the rules live in one place: a source is classified once (ClassifySource), schema
// files go through the schema language with the registry's dialect vocabulary (every diagnostic
// is kept for the caller to print), database URLs are opened and inspected, and a database that
// does not exist is an error, never silently created (a typo in a URL must not plan against
// nothing).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dialects/database_url.hpp"
#include "dialects/dialect.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::sources {

// A .schema file or a directory of them (not checked to exist until loaded).
struct SchemaPath {
  std::string path;
};

// What a source string names, decided once.
using Source = std::variant<SchemaPath, dialects::DatabaseUrl>;

// A database URL when `text` has a scheme the registry knows, or is written "scheme://..."
// (then an unknown scheme is the error, not "no such file"); otherwise a schema path.
// kInvalidArgument, the URL masked, for a malformed or unknown database URL.
Result<Source> ClassifySource(const std::string& text);

bool IsDatabase(const Source& source);

// What to call a source in messages: the path, or the URL with its password masked.
std::string DisplayName(const Source& source);

// `message` with the password of each database source removed (see DatabaseUrl::Scrub).
std::string ScrubPasswords(std::string message, const std::vector<const Source*>& sources);

struct SourceSchema {
  model::Schema schema;
  // The dialect of a database source, the one its connection plans with (for MySQL and MariaDB
  // that of the exact server version); nullptr for schema files (they are dialect-neutral).
  const dialects::Dialect* dialect = nullptr;
  // What to call the source in messages: the path, or the URL with its password masked.
  std::string display_name;
  // A database source's table sizes, read with the schema, for strategies chosen by size.
  std::optional<TableSizes> sizes;
  // The open connection of a database source: it owns `dialect`.
  std::unique_ptr<dialects::Connection> connection;
};

// The dialect vocabulary of the schema language (dialect names, aliases, table options), from the
// registry: what the schema files of every source are bound with.
const dsl::DialectVocabulary& Vocabulary();

// Loads a schema path with Vocabulary(). kNotFound when it does not exist; the diagnostics are
// appended to `diagnostics`, and when any is an error the result is kInvalidArgument.
Result<model::Schema> LoadSchemaFiles(const std::string& path, std::vector<dsl::Diagnostic>& diagnostics);

// Loads `source`. Diagnostics of schema files (errors and warnings) are appended to
// `diagnostics`; when any is an error the result is kInvalidArgument and the caller prints them.
// A database is inspected in its default namespace plus `namespaces` (those of the schema it will
// be compared with, see Connection::ScopeNamespaces).
Result<SourceSchema> LoadSource(const Source& source, std::vector<dsl::Diagnostic>& diagnostics,
                                const std::vector<std::string>& namespaces = {});

// The named (non-default) namespaces of `schema`: what a database compared with it must inspect.
std::vector<std::string> NamespaceNames(const model::Schema& schema);

// Opens the database at `url` for inspection or migration. With `must_exist`, a SQLite file that
// is not there is kNotFound instead of being created.
Result<std::unique_ptr<dialects::Connection>> OpenDatabase(const dialects::DatabaseUrl& url, bool must_exist);

// The dialect a plan between `from` and `to` is compiled for: the database side's, else
// `requested` (a --dialect flag). kInvalidArgument when neither gives one, when `requested` is
// unknown, or when two databases (or a database and `requested`) disagree.
Result<const dialects::Dialect*> ResolvePlanDialect(const SourceSchema& from, const SourceSchema& to,
                                                    const std::string& requested);

// Called with the connection of a database `from` side and the plan made from it, while the
// connection is still open (the CLI runs the data checks there); its error fails the plan.
using CurrentDatabaseHook = std::function<Status(dialects::Connection& current, Plan& plan)>;

// Loads both sources, resolves the dialect and compiles the plan from `from` to `to`; then, when
// `from` is a database and `on_current_database` is set, calls it.
Result<Plan> PlanSources(const Source& from, const Source& to, const std::string& dialect,
                         const PlanPolicy& policy, std::vector<dsl::Diagnostic>& diagnostics,
                         const CurrentDatabaseHook& on_current_database = nullptr);

}  // namespace schemac::sources
