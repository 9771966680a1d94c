// SQLite DDL for model objects. Every identifier is quoted (sql_text.hpp's QuoteIdentifier), every
// constraint is named (CONSTRAINT "name" ...) so names survive the round trip through the stored
// CREATE TABLE text, and enum columns carry their CHECK (enum_checks.hpp).
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects::sqlite {

// The enums a table's enum columns are looked up in (the table's namespace).
using EnumList = std::vector<model::Enum>;

std::string RenderDefault(const model::DefaultValue& value);
// `"name" TYPE [NOT NULL] [DEFAULT ..] [COLLATE ..] [GENERATED ..]`; an identity column is
// `INTEGER NOT NULL CONSTRAINT "pk" PRIMARY KEY AUTOINCREMENT`. With `inline_enum_check`, an enum
// column carries its CHECK inline (ALTER TABLE ADD COLUMN); CREATE TABLE lists it at the end.
std::string RenderColumnDefinition(const model::Table& table, const model::Column& column,
                                   const EnumList& enums, bool inline_enum_check);
// CREATE TABLE `table_name` (...) for `table` (table_name differs during a rebuild).
std::string RenderCreateTable(const model::Table& table, const std::string& table_name,
                              const EnumList& enums);
std::string RenderCreateIndex(const model::Index& index, const std::string& table_name);
std::string RenderDropIndex(const std::string& index_name);
std::string RenderDropTable(const std::string& table_name);
std::string RenderRenameTable(const std::string& from, const std::string& to);
std::string RenderAddColumn(const model::Table& table, const model::Column& column, const EnumList& enums);
std::string RenderDropColumn(const std::string& table_name, const std::string& column);
std::string RenderRenameColumn(const std::string& table_name, const std::string& from, const std::string& to);

// True when the table's single-column primary key is this identity column (INTEGER PRIMARY KEY
// AUTOINCREMENT is the only way SQLite spells identity).
bool IsRowidIdentity(const model::Table& table, const model::Column& column);
// True when this column is the table's rowid alias without AUTOINCREMENT: the single-column primary
// key of a rowid table, declared native(sqlite: 'INTEGER'), no identity (types.hpp).
bool IsRowidAlias(const model::Table& table, const model::Column& column);

}  // namespace schemac::dialects::sqlite
