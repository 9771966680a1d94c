// The MySQL-family canonical form of a model, applied to both the desired schema and the
// inspected one so that a schema file and the database built from it compare equal.
//
// Decisions (documented in README.md):
// - Types: a native spelling that has a portable equivalent becomes the portable type
//   (native(mysql: 'bigint(20)') == bigint); integer display widths are dropped; tinyint(1) is
//   boolean; Uuid is char(36) where the server has no UUID type.
// - Enums: MySQL has no enum types. A column typed by a schema enum becomes the inline native type
//   enum('a','b',...) and the schema's enum definitions are removed, on both sides.
// - Defaults: DEFAULT NULL is no default; literals are typed by their column (1 on a boolean is
//   true, '5' on an int is 5, 1.5 on decimal(12,2) is 1.50); expressions are canonical text.
// - Charset / collation: only what differs from the inherited value is kept (table from the
//   database, column from the table). The charset option folds into the collation.
// - Primary keys are all named PRIMARY, as MySQL calls every one of them: a name the schema gives
//   cannot reach the database, and a table rename must not look like a new primary key.
// - A unique index on plain ascending columns is a unique constraint (MySQL has no difference).
// - The index MySQL creates on its own for a foreign key is not part of the model.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "dialects/mysql/capabilities.hpp"
#include "schemac/model.hpp"

namespace schemac::dialects::mysql {

// The character set and collation a table inherits, as the connected database sets them.
struct DatabaseDefaults {
  std::string charset = "utf8mb4";
  std::string collation = "utf8mb4_general_ci";
  // Each charset's default collation (information_schema.COLLATIONS IS_DEFAULT = 'Yes').
  std::map<std::string, std::string> default_collation_by_charset = {
      {"utf8mb4", "utf8mb4_general_ci"}, {"utf8mb3", "utf8mb3_general_ci"}, {"utf8", "utf8mb3_general_ci"},
      {"latin1", "latin1_swedish_ci"},   {"ascii", "ascii_general_ci"},     {"binary", "binary"}};

  // The defaults of a server nobody connected to: MariaDB's or MySQL 8's out of the box.
  static DatabaseDefaults For(const ServerVersion& version);
};

inline constexpr const char* kPrimaryKeyName = "PRIMARY";

// The index prefix (in characters) schemac puts on a TEXT / BLOB key part, which MySQL cannot
// index whole. An inspected prefix of exactly this length on such a column is "the whole column".
inline constexpr int kAutoPrefixLength = 255;

// The model type of a COLUMN_TYPE as information_schema prints it ("int(11) unsigned",
// "varchar(40)", "enum('a','b')"), or of a native spelling written in a schema file.
model::DataType DataTypeFromColumnType(const std::string& column_type, const ServerFeatures& features);

// The canonical spelling of a native type (lower case outside quotes, no integer display width,
// canonical ON UPDATE expression), used for types that have no portable equivalent.
std::string CanonicalNativeType(const std::string& column_type);

// A default as the server would print it back for a column of `type`; nullopt for DEFAULT NULL.
std::optional<model::DefaultValue> CanonicalDefault(const model::DataType& type,
                                                    const model::DefaultValue& value);

// The collation a table's columns inherit: its own option, its charset's default, or the database's.
std::string EffectiveTableCollation(const model::Table& table, const DatabaseDefaults& defaults);

// Canonical engine spelling: innodb -> InnoDB.
std::string CanonicalEngine(const std::string& engine);

// Rewrites `schema` in place; idempotent.
void NormalizeSchema(model::Schema& schema, const ServerFeatures& features, const DatabaseDefaults& defaults);

// For reading only (what `inspect` prints), after NormalizeSchema: a column typed by an inline
// ENUM(...) gets an enum type of its own named <table>_<column>, so the printed schema says
// `status orders_status` and `enum orders_status { new, done }` rather than a native spelling.
// NormalizeSchema inlines it again, so planning against the result is unchanged. A name already
// taken by a table or an enum keeps the column native.
void NameInlineEnums(model::Schema& schema);

// For reading only, after NormalizeSchema: the index the server named after a foreign key's first
// column (ForeignKey::index_name) is shown as a plain index, so the printed schema builds it under
// that name. NormalizeSchema folds it back into the key.
void ShowForeignKeyIndexes(model::Schema& schema);

// The values of `enum('a','it''s')` as MySQL prints them; nullopt for anything else.
std::optional<std::vector<std::string>> InlineEnumValues(const std::string& spelling);

}  // namespace schemac::dialects::mysql
