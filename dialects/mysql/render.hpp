// MySQL / MariaDB SQL text for model objects: quoting, column types and definitions, key and
// index clauses, CREATE TABLE. Pure functions of the model and the server's features.
#pragma once

#include <string>

#include "dialects/mysql/capabilities.hpp"
#include "schemac/model.hpp"

namespace schemac::dialects::mysql {

// `name` in backticks, backticks doubled: safe for any identifier.
std::string QuoteIdentifier(const std::string& name);
// 'text' with quotes doubled and backslashes escaped (the session does not set
// NO_BACKSLASH_ESCAPES, so a lone backslash would start an escape).
std::string QuoteString(const std::string& text);
// `'user'@'host'` of a DEFINER "user@host" (the host after the last `@`; none: `'%'`).
std::string RenderDefiner(const std::string& definer);

std::string RenderColumnType(const model::DataType& type, const ServerFeatures& features);
// "DEFAULT ..." for `value` on a column of `type` (without a leading space).
std::string RenderDefault(const model::DataType& type, const model::DefaultValue& value,
                          const ServerFeatures& features);
// `name` type [COLLATE] [GENERATED ...] NOT NULL|NULL [DEFAULT] [AUTO_INCREMENT] [COMMENT].
std::string RenderColumnDefinition(const model::Column& column, const ServerFeatures& features);

// (`a`, `b`(255) DESC, (expr)) for an index of `table`.
std::string RenderIndexKeys(const model::Index& index, const model::Table& table);
std::string RenderColumnList(const std::vector<std::string>& columns);
std::string RenderIndexClause(const model::Index& index,
                              const model::Table& table);               // [UNIQUE] INDEX `n` (...)
std::string RenderUniqueClause(const model::UniqueConstraint& unique);  // CONSTRAINT `n` UNIQUE (...)
std::string RenderPrimaryKeyClause(const model::PrimaryKey& key);       // PRIMARY KEY (...)
std::string RenderForeignKeyClause(const model::ForeignKey& fk);        // CONSTRAINT `n` FOREIGN KEY ...
std::string RenderCheckClause(const model::Check& check);               // CONSTRAINT `n` CHECK (...)
// " ENGINE=... COLLATE=... COMMENT='...'" (with the leading space), or "".
std::string RenderTableOptions(const model::Table& table);

std::string RenderCreateTable(const model::Table& table, const ServerFeatures& features);

}  // namespace schemac::dialects::mysql
