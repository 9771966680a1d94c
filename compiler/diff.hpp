// The diff: from two schemas to the typed changes between them. Written once, for every dialect.
#pragma once

#include "dialects/dialect.hpp"
#include "schemac/change.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

// The changes that turn `current` into `desired`. Both schemas must have been normalized by the
// same dialect (Dialect::Normalize): the diff compares values exactly. Unmanaged objects are never
// looked at. The result is deterministic and in dependency order:
//   1. add namespaces
//   2. add enums, rename enums, modify enums that gain values (each enum: rename, then modify)
//   3. rename tables
//   4. kModifyTable steps that drop foreign keys which reference tables or columns about to be
//      dropped (and, when FK targets must exist, keys in cycles among dropped tables)
//   5. drop tables, referencing tables first
//   6. add tables, referenced tables first; when `capabilities.foreign_keys_need_target`, a key in
//      a reference cycle is left out of its CREATE and added by a kModifyTable after all adds
//   7. modify tables (desired order)
//   8. modify enums that gain no value (drops, reorders, comments)
//   9. drop enums, then drop namespaces
// Names match exactly; `renamed_from` hints turn a drop + add into a rename when the old name
// exists in `current` and the new one does not (a stale hint is ignored). Everything is compared
// through the renames, so a foreign key pointing at a renamed table or column is not a change.
ChangeList Diff(const model::Schema& current, const model::Schema& desired,
                const dialects::Capabilities& capabilities);

// The same with default capabilities (foreign-key targets must exist).
ChangeList Diff(const model::Schema& current, const model::Schema& desired);

}  // namespace schemac::compiler
