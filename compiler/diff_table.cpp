#include "compiler/diff_table.hpp"

#include <set>
#include <vector>

namespace schemac::compiler {
namespace {

std::uint32_t ColumnFlags(const model::Column& current, const model::Column& desired) {
  std::uint32_t flags = 0;
  if (current.type != desired.type) flags |= kColumnType;
  if (current.nullable != desired.nullable) flags |= kColumnNullability;
  if (current.default_value != desired.default_value) flags |= kColumnDefault;
  if (current.identity != desired.identity) flags |= kColumnIdentity;
  if (current.generated != desired.generated) flags |= kColumnGenerated;
  if (current.collation != desired.collation) flags |= kColumnCollation;
  if (current.comment != desired.comment) flags |= kColumnComment;
  return flags;
}

void DiffColumns(const std::string& ns, const model::Table& staged, const model::Table& desired,
                 const RenameMap& renames, std::vector<ColumnChange>& out) {
  // The name each current column has once its rename (if any) is done.
  auto new_name = [&](const model::Column& column) {
    return renames.ColumnName(ns, staged.name, column.name);
  };

  for (const auto& column : staged.columns) {
    if (!desired.FindColumn(new_name(column))) out.push_back({ChangeOp::kDrop, column, std::nullopt, 0});
  }
  std::vector<const model::Column*> added;
  for (const auto& wanted : desired.columns) {
    const model::Column* existing = nullptr;
    for (const auto& column : staged.columns) {
      if (new_name(column) == wanted.name) existing = &column;
    }
    if (!existing) {
      added.push_back(&wanted);
      continue;
    }
    model::Column base = *existing;
    if (base.name != wanted.name) {
      base.name = wanted.name;
      out.push_back({ChangeOp::kRename, *existing, base, 0});
    }
    if (std::uint32_t flags = ColumnFlags(base, wanted)) {
      out.push_back({ChangeOp::kModify, base, wanted, flags});
    }
  }
  for (const model::Column* column : added) out.push_back({ChangeOp::kAdd, std::nullopt, *column, 0});
}

// Foreign keys may spell "the referencing table's namespace" as empty or by name: the same target.
model::ForeignKey WithResolvedNamespace(model::ForeignKey fk, const std::string& ns) {
  if (fk.ref_namespace == ns) fk.ref_namespace.clear();
  return fk;
}

template <typename T>
bool SameObject(const T& current, const T& desired, const std::string& /*ns*/) {
  return current == desired;
}

template <>
bool SameObject(const model::ForeignKey& current, const model::ForeignKey& desired, const std::string& ns) {
  return WithResolvedNamespace(current, ns) == WithResolvedNamespace(desired, ns);
}

// Objects matched by name; `staged` and `compared` are the same list before and after renames.
template <typename T>
void DiffByName(const std::string& ns, const std::vector<T>& staged, const std::vector<T>& compared,
                const std::vector<T>& desired, std::vector<ObjectChange<T>>& out) {
  std::set<std::string> unchanged;
  for (std::size_t i = 0; i < staged.size(); ++i) {
    const T* wanted = model::Table::FindByName(desired, compared[i].name);
    if (wanted && SameObject(compared[i], *wanted, ns)) {
      unchanged.insert(wanted->name);
      continue;
    }
    out.push_back({ChangeOp::kDrop, staged[i], std::nullopt, 0});
  }
  for (const auto& wanted : desired) {
    if (!unchanged.count(wanted.name)) out.push_back({ChangeOp::kAdd, std::nullopt, wanted, 0});
  }
}

void DiffPrimaryKey(const model::Table& staged, const model::Table& compared, const model::Table& desired,
                    std::vector<PrimaryKeyChange>& out) {
  if (compared.primary_key == desired.primary_key) return;
  if (staged.primary_key) out.push_back({ChangeOp::kDrop, staged.primary_key, std::nullopt, 0});
  if (desired.primary_key) out.push_back({ChangeOp::kAdd, std::nullopt, desired.primary_key, 0});
}

}  // namespace

void DecideColumnRenames(const std::string& ns, const model::Table& staged, const model::Table& desired,
                         RenameMap& renames) {
  std::set<std::string> claimed;
  for (const auto& wanted : desired.columns) {
    if (staged.FindColumn(wanted.name)) continue;
    for (const auto& old_name : wanted.renamed_from) {
      if (claimed.count(old_name) || !staged.FindColumn(old_name)) continue;
      claimed.insert(old_name);
      renames.RenameColumn(ns, staged.name, old_name, wanted.name);
      break;
    }
  }
}

TableDiff DiffTable(const std::string& ns, const model::Table& staged, const model::Table& desired,
                    const RenameMap& renames) {
  const model::Table compared = renames.CompareView(ns, staged);
  TableDiff diff;
  DiffColumns(ns, staged, desired, renames, diff.columns);
  DiffPrimaryKey(staged, compared, desired, diff.primary_key);
  DiffByName(ns, staged.uniques, compared.uniques, desired.uniques, diff.uniques);
  DiffByName(ns, staged.indexes, compared.indexes, desired.indexes, diff.indexes);
  DiffByName(ns, staged.foreign_keys, compared.foreign_keys, desired.foreign_keys, diff.foreign_keys);
  DiffByName(ns, staged.checks, compared.checks, desired.checks, diff.checks);
  diff.comment_changed = staged.comment != desired.comment;
  diff.options_changed = staged.options != desired.options;
  return diff;
}

}  // namespace schemac::compiler
