// From a URL or a dialect name to the dialect that serves it. The one place that knows every
// dialect folder: adding a dialect adds a line here, never a branch in the core.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dialects/database_url.hpp"
#include "dialects/dialect.hpp"
#include "schema_dsl/dialect_vocabulary.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects {

// The dialect called `name` ("sqlite", "postgres", "mysql"; "postgresql" and "mariadb" are
// accepted aliases), or nullptr.
const Dialect* FindDialect(const std::string& name);
std::vector<std::string> DialectNames();

// What schema files may name: each dialect by the name it gives its natives and table options
// (mysql and mariadb share "mysql"), the other names it is known by (suggested when written
// there), and its table options. Handed to the schema language by sources/.
const dsl::DialectVocabulary& Vocabulary();

// True when `source` looks like a database URL (has a scheme this registry knows).
bool IsDatabaseUrl(const std::string& source);

// Parses `text` in the shape its scheme's URLs have (sqlite: a file path; the others a server).
// kInvalidArgument, the URL masked, for an unknown scheme (listing the known ones) or bad syntax.
Result<DatabaseUrl> ParseDatabaseUrl(const std::string& text);

// How to open a database. `create_if_missing`: a missing SQLite file is created (what `apply`
// wants); otherwise it is a kNotFound error (what `plan` and `inspect` want). Servers ignore it.
struct ConnectOptions {
  bool create_if_missing = false;
};

// Opens a live database by URL: sqlite:///abs.db, sqlite://rel.db, sqlite::memory:,
// postgres://..., postgresql://..., mysql://..., mariadb://...
// The one-argument form never creates a missing SQLite file.
Result<std::unique_ptr<Connection>> Connect(const std::string& url);
Result<std::unique_ptr<Connection>> Connect(const std::string& url, const ConnectOptions& options);
Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url, const ConnectOptions& options);

}  // namespace schemac::dialects
