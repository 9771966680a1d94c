// SQLite's canonical spelling of a schema model, applied to BOTH the desired schema and the one
// inspected from a database, so that a schema file and the database built from it compare equal.
// Idempotent: Normalize(Normalize(s)) == Normalize(s).
//
// What it does, and why:
// - types: each becomes what SQLite reads back from the declared type it is rendered with
//   (types.hpp); identity columns are INTEGER PRIMARY KEY, so bigint.
// - defaults: NULL means no default; booleans are 1 / 0; numbers in one spelling; an expression
//   that is a plain literal becomes that literal; expressions canonical (sql_text.hpp).
// - checks, generated expressions, index keys and predicates: canonical expression text; an
//   expression key that is a bare column becomes a column key.
// - collations upper case, BINARY (the default) as none; comments dropped (SQLite cannot store
//   them, so no change is reported for them); PRIMARY KEY columns NOT NULL; options of other
//   dialects dropped; enums no column uses dropped (they exist only as column CHECKs here).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schemac/model.hpp"

namespace schemac::dialects::sqlite {

void NormalizeSchema(model::Schema& schema);

// The default `value` canonicalized for a column of `type`; nullopt for "no default".
std::optional<model::DefaultValue> CanonicalDefault(const model::DefaultValue& value,
                                                    const model::DataType& type);
// A default read back from SQLite (PRAGMA table_xinfo's dflt_value text), canonicalized.
std::optional<model::DefaultValue> DefaultFromSql(std::string_view sql, const model::DataType& type);
std::string CanonicalCollation(std::string_view collation);

}  // namespace schemac::dialects::sqlite
