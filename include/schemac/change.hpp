// Typed changes between two schemas: what the diff produces and the planner consumes.
// No SQL here. Every change keeps both sides (`before` from the current schema, `after` from the
// desired one), so the planner can render it and its inverse without diffing again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac {

enum class ChangeOp { kAdd, kDrop, kRename, kModify };

// What a kModify of a column changed. Bits, so one modification can carry several.
enum ColumnChangeFlag : std::uint32_t {
  kColumnType = 1u << 0,
  kColumnNullability = 1u << 1,
  kColumnDefault = 1u << 2,
  kColumnIdentity = 1u << 3,
  kColumnGenerated = 1u << 4,
  kColumnCollation = 1u << 5,
  kColumnComment = 1u << 6,
};

// A change to one object of a table (a column, an index, a key, a check).
// kAdd: only `after`. kDrop: only `before`. kRename: both, names differ, nothing else does
// (a rename that also modifies is a kRename followed by a kModify). kModify: both, same name.
// Indexes, keys and checks are never modified in place: the diff emits kDrop + kAdd.
template <typename T>
struct ObjectChange {
  ChangeOp op = ChangeOp::kAdd;
  std::optional<T> before;
  std::optional<T> after;
  std::uint32_t flags = 0;  // ColumnChangeFlag bits, for columns

  const T& Current() const { return before ? *before : *after; }
  const T& Desired() const { return after ? *after : *before; }
};

using ColumnChange = ObjectChange<model::Column>;
using PrimaryKeyChange = ObjectChange<model::PrimaryKey>;
using UniqueChange = ObjectChange<model::UniqueConstraint>;
using IndexChange = ObjectChange<model::Index>;
using ForeignKeyChange = ObjectChange<model::ForeignKey>;
using CheckChange = ObjectChange<model::Check>;

// Everything that changes inside one table that exists on both sides.
struct TableDiff {
  std::vector<ColumnChange> columns;
  std::vector<PrimaryKeyChange> primary_key;  // at most a kDrop and a kAdd
  std::vector<UniqueChange> uniques;
  std::vector<IndexChange> indexes;
  std::vector<ForeignKeyChange> foreign_keys;
  std::vector<CheckChange> checks;
  bool comment_changed = false;
  bool options_changed = false;

  bool Empty() const {
    return columns.empty() && primary_key.empty() && uniques.empty() && indexes.empty() &&
           foreign_keys.empty() && checks.empty() && !comment_changed && !options_changed;
  }
};

enum class ChangeKind {
  kAddNamespace,
  kDropNamespace,
  kAddEnum,
  kDropEnum,
  kRenameEnum,
  kModifyEnum,  // values added, removed or reordered; comment
  kAddTable,
  kDropTable,
  kRenameTable,
  kModifyTable,  // see `table_diff`
  kAddView,
  kDropView,
  kRenameView,   // the name only; `view_before` is the shape under its old name
  kReplaceView,  // same name, another definition (query, columns, options)
  kAddTrigger,
  kDropTrigger,
  kRenameTrigger,
  kReplaceTrigger,
  kAddRoutine,
  kDropRoutine,
  kRenameRoutine,   // the name only; same signature
  kReplaceRoutine,  // same identity, another definition (CREATE OR REPLACE where the dialect can)
  kAddSequence,
  kDropSequence,
  kRenameSequence,
  kAlterSequence,  // same name, other options or owner
};

// One top-level change. `ns` is the namespace it happens in.
// Tables: kAddTable has `table_after`; kDropTable `table_before`; kRenameTable both (names
// differ, the shape is `table_before`'s: modifications follow as a separate kModifyTable);
// kModifyTable both, plus `table_diff`. Enums likewise with `enum_before` / `enum_after`; views
// with `view_before` / `view_after` and triggers with `trigger_before` / `trigger_after` (kRename:
// both, only the names differ; kReplace: both, same name). Routines (`routine_before` /
// `routine_after`) and sequences (`sequence_before` / `sequence_after`) likewise; kAlterSequence
// has both, same name.
struct Change {
  ChangeKind kind = ChangeKind::kAddTable;
  std::string ns;
  std::optional<model::Table> table_before;
  std::optional<model::Table> table_after;
  TableDiff table_diff;
  std::optional<model::Enum> enum_before;
  std::optional<model::Enum> enum_after;
  std::optional<model::View> view_before;
  std::optional<model::View> view_after;
  std::optional<model::Trigger> trigger_before;
  std::optional<model::Trigger> trigger_after;
  std::optional<model::Routine> routine_before;
  std::optional<model::Routine> routine_after;
  std::optional<model::Sequence> sequence_before;
  std::optional<model::Sequence> sequence_after;

  // A short human description: "add table orders", "modify table users (add column email)".
  std::string Describe() const;
};

using ChangeList = std::vector<Change>;

// The change that undoes `change`: add <-> drop, renames swapped, modifications with both sides
// swapped. Defined once, in compiler/, and used to plan down migrations step by step.
Change Invert(const Change& change);

}  // namespace schemac
