// The diff of one table that exists on both sides (matched by name, or by a table rename).
#pragma once

#include <string>

#include "compiler/rename_map.hpp"
#include "schemac/change.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

// Records in `renames` the column renames that `desired`'s `renamed_from` hints ask for: a hint
// counts when the old name exists in `staged` (the current table, see rename_map.hpp) and the new
// name does not. A hint whose old name is gone is ignored; each old column is renamed at most once
// (the first desired column claiming it wins).
void DecideColumnRenames(const std::string& ns, const model::Table& staged, const model::Table& desired,
                         RenameMap& renames);

// What changes inside the table. Needs the column renames of every table decided first, because
// foreign keys are compared through the renames of the columns they reference.
//
// Columns: drops (current order), then renames and modifications (desired order; a rename that
// also modifies is a kRename followed by a kModify of the new name), then adds (desired order).
// Column order itself is not diffed: added columns go at the end, and a reordering of existing
// columns is not a change (moving columns means rebuilding tables, for a cosmetic gain).
// Keys, indexes, checks: matched by name; any difference is a kDrop (current order) followed, in
// the same list, by a kAdd (desired order).
TableDiff DiffTable(const std::string& ns, const model::Table& staged, const model::Table& desired,
                    const RenameMap& renames);

}  // namespace schemac::compiler
