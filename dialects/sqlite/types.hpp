// Column types in SQLite: the declared type text schemac writes for each model type, and the
// model type a declared type text reads back as.
//
// SQLite keeps a column's declared type as written, so int / bigint / smallint survive a round
// trip although SQLite stores all three alike. Each model type has ONE canonical declared type, and
// TypeFromDeclared maps it back exactly; anything that is not a spelling of a portable type reads
// back as Native{"sqlite": spelling}. STRICT tables allow only INT, INTEGER, REAL, TEXT, BLOB and
// ANY, so there the portable types collapse onto INT, REAL, TEXT and BLOB (README.md). INTEGER is
// kept for identity columns (`INTEGER PRIMARY KEY AUTOINCREMENT`) and for the rowid alias without
// AUTOINCREMENT, which is `native(sqlite: 'INTEGER')` in the model (RowidAliasType).
#pragma once

#include <string>

#include "schemac/model.hpp"

namespace schemac::dialects::sqlite {

inline constexpr const char* kDialectName = "sqlite";

// The declared type for `type` (Enum columns are TEXT: their values live in a CHECK).
std::string DeclaredType(const model::DataType& type, bool strict_table);
// The model type of a declared type text. A column declared without a type reads back as
// Native{"sqlite": ""}, which renders back as no type.
model::DataType TypeFromDeclared(const std::string& declared);
// The type `type` reads back as after SQLite stores it: TypeFromDeclared(DeclaredType(type)).
model::DataType CanonicalType(const model::DataType& type, bool strict_table);

// `native(sqlite: 'INTEGER')`: the type of a single-column primary key that is the table's rowid
// without AUTOINCREMENT. SQLite numbers rows that leave it NULL with max(rowid) + 1, so the ids of
// deleted last rows are handed out again; `identity` (AUTOINCREMENT) never reuses an id. The two
// must stay apart, so the rowid alias is not an identity, and not bigint either: a BIGINT key is
// no rowid alias at all.
model::DataType RowidAliasType();
// Whether `type` is spelt exactly INTEGER for SQLite (any case), the spelling that makes a
// single-column primary key of a rowid table the rowid.
bool IsDeclaredInteger(const model::DataType& type);

}  // namespace schemac::dialects::sqlite
