// A small by-name diff of two tables, for dialect tests that must not depend on compiler/.
// Renames are not detected: tests that rename build their ColumnChange themselves.
#pragma once

#include "schemac/change.hpp"

namespace schemac::dialects::mysql::testing {

template <typename T>
void DiffByName(const std::vector<T>& before, const std::vector<T>& after,
                std::vector<ObjectChange<T>>& out) {
  for (const T& old_item : before) {
    auto it =
        std::find_if(after.begin(), after.end(), [&](const T& item) { return item.name == old_item.name; });
    if (it == after.end())
      out.push_back({ChangeOp::kDrop, old_item, std::nullopt, 0});
    else if (!(*it == old_item)) {
      out.push_back({ChangeOp::kDrop, old_item, std::nullopt, 0});
      out.push_back({ChangeOp::kAdd, std::nullopt, *it, 0});
    }
  }
  for (const T& new_item : after) {
    auto it =
        std::find_if(before.begin(), before.end(), [&](const T& item) { return item.name == new_item.name; });
    if (it == before.end()) out.push_back({ChangeOp::kAdd, std::nullopt, new_item, 0});
  }
}

inline std::uint32_t ColumnFlags(const model::Column& a, const model::Column& b) {
  std::uint32_t flags = 0;
  if (a.type != b.type) flags |= kColumnType;
  if (a.nullable != b.nullable) flags |= kColumnNullability;
  if (a.default_value != b.default_value) flags |= kColumnDefault;
  if (a.identity != b.identity) flags |= kColumnIdentity;
  if (a.generated != b.generated) flags |= kColumnGenerated;
  if (a.collation != b.collation) flags |= kColumnCollation;
  if (a.comment != b.comment) flags |= kColumnComment;
  return flags;
}

inline TableDiff DiffTables(const model::Table& before, const model::Table& after) {
  TableDiff diff;
  for (const auto& column : before.columns) {
    const model::Column* other = after.FindColumn(column.name);
    if (!other)
      diff.columns.push_back({ChangeOp::kDrop, column, std::nullopt, 0});
    else if (std::uint32_t flags = ColumnFlags(column, *other))
      diff.columns.push_back({ChangeOp::kModify, column, *other, flags});
  }
  for (const auto& column : after.columns) {
    if (!before.FindColumn(column.name)) diff.columns.push_back({ChangeOp::kAdd, std::nullopt, column, 0});
  }
  if (before.primary_key != after.primary_key) {
    if (before.primary_key)
      diff.primary_key.push_back({ChangeOp::kDrop, before.primary_key, std::nullopt, 0});
    if (after.primary_key) diff.primary_key.push_back({ChangeOp::kAdd, std::nullopt, after.primary_key, 0});
  }
  DiffByName(before.uniques, after.uniques, diff.uniques);
  DiffByName(before.indexes, after.indexes, diff.indexes);
  DiffByName(before.foreign_keys, after.foreign_keys, diff.foreign_keys);
  DiffByName(before.checks, after.checks, diff.checks);
  diff.comment_changed = before.comment != after.comment;
  diff.options_changed = before.options != after.options;
  return diff;
}

}  // namespace schemac::dialects::mysql::testing
