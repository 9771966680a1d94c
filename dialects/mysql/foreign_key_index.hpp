// The index that serves a foreign key. InnoDB needs an index whose leading columns are the key's;
// when the table has none, the server makes one itself, named after the key (CREATE TABLE with a
// named key, ALTER TABLE ADD CONSTRAINT) or, for a key declared without a name in CREATE TABLE,
// after the key's first column. schemac names every key, so what it builds gets the key's name on
// both paths; a server-made name of another kind is remembered in ForeignKey::index_name
// (normalize.cpp) and given again when schemac builds the index (README.md, "Foreign-key indexes").
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects::mysql {

// True when `columns` lead the primary key, a unique constraint or an index of `table` other than
// the one named `except`: InnoDB can use it for a foreign key on those columns.
bool HasIndexLeadingWith(const model::Table& table, const std::vector<std::string>& columns,
                         const std::string& except = "");

// The name of the index that serves `fk` when no other key of its table does.
std::string ForeignKeyIndexName(const model::ForeignKey& fk);

// True when `fk` has an index of a name the server would not give it (index_name) and no other key
// of `table` serves it: schemac must then build that index itself, before or with the key.
bool NeedsNamedIndex(const model::Table& table, const model::ForeignKey& fk);

}  // namespace schemac::dialects::mysql
