#include "compiler/diff.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/diff_routines.hpp"
#include "compiler/diff_table.hpp"
#include "compiler/diff_views.hpp"
#include "compiler/fk_order.hpp"
#include "compiler/rename_map.hpp"

namespace schemac::compiler {
namespace {

using TableKey = std::tuple<std::string, std::string>;  // namespace, table name

// A current table once tables and enums are renamed (see rename_map.hpp), with where it is headed.
struct StagedTable {
  std::string ns;
  model::Table table;
  const model::Table* desired = nullptr;  // null: the table is dropped
  TableDiff diff;
  std::vector<std::string> early_dropped_fks;  // dropped in phase 4, before any table drop
  std::string current_name;                    // the name in the current schema
};

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool GainsValues(const model::Enum& before, const model::Enum& after) {
  for (const auto& value : after.values) {
    if (!Contains(before.values, value)) return true;
  }
  return false;
}

model::Table WithoutForeignKeys(model::Table table, const std::vector<std::string>& names) {
  auto& fks = table.foreign_keys;
  fks.erase(std::remove_if(fks.begin(), fks.end(),
                           [&](const model::ForeignKey& fk) { return Contains(names, fk.name); }),
            fks.end());
  return table;
}

// A kModifyTable that only drops (or only adds) the named foreign keys of `table`.
Change ForeignKeyOnlyChange(const std::string& ns, const model::Table& with_keys,
                            const std::vector<std::string>& names, ChangeOp op) {
  Change change;
  change.kind = ChangeKind::kModifyTable;
  change.ns = ns;
  model::Table without_keys = WithoutForeignKeys(with_keys, names);
  for (const auto& fk : with_keys.foreign_keys) {
    if (!Contains(names, fk.name)) continue;
    if (op == ChangeOp::kDrop)
      change.table_diff.foreign_keys.push_back({ChangeOp::kDrop, fk, std::nullopt, 0});
    else
      change.table_diff.foreign_keys.push_back({ChangeOp::kAdd, std::nullopt, fk, 0});
  }
  change.table_before = op == ChangeOp::kDrop ? with_keys : without_keys;
  change.table_after = op == ChangeOp::kDrop ? without_keys : with_keys;
  return change;
}

class DiffWalk {
 public:
  DiffWalk(const model::Schema& current, const model::Schema& desired, const dialects::Capabilities& caps)
      : current_(current), desired_(desired), caps_(caps) {}

  ChangeList Run() {
    CollectNamespaceNames();
    DecideEnumRenames();
    DecideTableRenames();
    StageCurrentTables();
    DiffMatchedTables();
    MoveForeignKeyDropsEarly();
    RoutineSequenceChanges routines = DiffRoutinesAndSequences(current_, desired_, namespaces_);
    ViewTriggerChanges dependents =
        DiffViewsAndTriggers(current_, desired_, namespaces_, DisturbedTables(), routines.disturbed_routines,
                             caps_.triggers_fire_in_declared_order);

    AddNamespaces();
    AddRenameAndGrowEnums();
    for (auto& change : dependents.early) Emit(std::move(change));
    for (auto& change : routines.before_tables) Emit(std::move(change));
    RenameTables();
    DropForeignKeysEarly();
    DropTables();
    AddTables();
    ModifyTables();
    ModifyEnumsWithoutNewValues();
    for (auto& change : routines.after_tables) Emit(std::move(change));
    for (auto& change : dependents.late) Emit(std::move(change));
    for (auto& change : routines.last) Emit(std::move(change));
    DropEnums();
    DropNamespaces();
    return std::move(changes_);
  }

 private:
  const model::Namespace& CurrentNs(const std::string& name) const {
    const model::Namespace* found = current_.FindNamespace(name);
    return found ? *found : empty_;
  }
  const model::Namespace& DesiredNs(const std::string& name) const {
    const model::Namespace* found = desired_.FindNamespace(name);
    return found ? *found : empty_;
  }

  // Desired namespaces in order, then those only the current schema has.
  void CollectNamespaceNames() {
    for (const auto& ns : desired_.namespaces) namespaces_.push_back(ns.name);
    for (const auto& ns : current_.namespaces) {
      if (!Contains(namespaces_, ns.name)) namespaces_.push_back(ns.name);
    }
  }

  // Shared by enums and tables: which current object (by name) each desired one continues.
  // A rename needs the old name present in current, the new one absent, and the old name not
  // already claimed by an earlier desired object.
  template <typename T>
  std::map<std::string, std::string> MatchWithRenames(const std::vector<T>& current_items,
                                                      const std::vector<T>& desired_items) {
    std::map<std::string, std::string> renamed;  // old -> new
    std::set<std::string> claimed;
    std::set<std::string> current_names;
    for (const auto& item : current_items) current_names.insert(item.name);
    for (const auto& wanted : desired_items) {
      if (current_names.count(wanted.name)) continue;
      for (const auto& old_name : wanted.renamed_from) {
        if (claimed.count(old_name) || !current_names.count(old_name)) continue;
        claimed.insert(old_name);
        renamed[old_name] = wanted.name;
        break;
      }
    }
    return renamed;
  }

  void DecideEnumRenames() {
    for (const auto& ns : namespaces_) {
      for (const auto& [from, to] : MatchWithRenames(CurrentNs(ns).enums, DesiredNs(ns).enums)) {
        renames_.RenameEnum(ns, from, to);
      }
    }
  }

  void DecideTableRenames() {
    for (const auto& ns : namespaces_) {
      for (const auto& [from, to] : MatchWithRenames(CurrentNs(ns).tables, DesiredNs(ns).tables)) {
        renames_.RenameTable(ns, from, to);
      }
    }
  }

  void StageCurrentTables() {
    for (const auto& ns : current_.namespaces) {
      std::map<std::string, const model::Table*> desired_tables;
      for (const auto& table : DesiredNs(ns.name).tables) desired_tables[table.name] = &table;
      for (const auto& table : ns.tables) {
        StagedTable staged{ns.name, renames_.StageTable(ns.name, table), nullptr, {}, {}, table.name};
        auto match = desired_tables.find(staged.table.name);
        staged.desired = match == desired_tables.end() ? nullptr : match->second;
        staged_index_[{ns.name, staged.table.name}] = staged_.size();
        staged_.push_back(std::move(staged));
      }
    }
  }

  StagedTable* FindStaged(const std::string& ns, const std::string& name) {
    auto it = staged_index_.find({ns, name});
    return it == staged_index_.end() ? nullptr : &staged_[it->second];
  }

  void DiffMatchedTables() {
    for (auto& staged : staged_) {
      if (staged.desired) DecideColumnRenames(staged.ns, staged.table, *staged.desired, renames_);
    }
    for (auto& staged : staged_) {
      if (staged.desired) staged.diff = DiffTable(staged.ns, staged.table, *staged.desired, renames_);
    }
  }

  // True when dropping the table or the columns `fk` references is part of this diff.
  bool ReferencesSomethingDropped(const model::ForeignKey& fk, const std::string& ns) {
    StagedTable* target = FindStaged(ReferencedNamespace(fk, ns), fk.ref_table);
    if (!target) return false;
    if (!target->desired) return true;
    for (const auto& column_change : target->diff.columns) {
      if (column_change.op == ChangeOp::kDrop && Contains(fk.ref_columns, column_change.Current().name)) {
        return true;
      }
    }
    return false;
  }

  // A foreign key that is going away and points at a table or column that is going away must go
  // first: the database would refuse to drop its target while it exists.
  void MoveForeignKeyDropsEarly() {
    for (auto& staged : staged_) {
      if (!staged.desired) continue;
      auto& fks = staged.diff.foreign_keys;
      for (auto it = fks.begin(); it != fks.end();) {
        if (it->op == ChangeOp::kDrop && ReferencesSomethingDropped(*it->before, staged.ns)) {
          staged.early_dropped_fks.push_back(it->before->name);
          it = fks.erase(it);
        } else {
          ++it;
        }
      }
    }
  }

  void Emit(Change change) { changes_.push_back(std::move(change)); }

  // Tables (by current name) whose change disturbs the views and triggers that use them (see
  // diff_views.hpp): dropped, renamed, or with a column dropped, renamed or retyped.
  std::set<std::pair<std::string, std::string>> DisturbedTables() const {
    constexpr std::uint32_t kShapeFlags = kColumnType | kColumnCollation | kColumnGenerated;
    std::set<std::pair<std::string, std::string>> disturbed;
    for (const auto& staged : staged_) {
      bool is_disturbed = !staged.desired || staged.table.name != staged.current_name;
      for (const auto& column : staged.diff.columns) {
        is_disturbed = is_disturbed || column.op == ChangeOp::kDrop || column.op == ChangeOp::kRename ||
                       (column.op == ChangeOp::kModify && (column.flags & kShapeFlags) != 0);
      }
      if (is_disturbed) disturbed.insert({staged.ns, staged.current_name});
    }
    return disturbed;
  }

  void AddNamespaces() {
    for (const auto& ns : desired_.namespaces) {
      if (ns.name.empty() || current_.FindNamespace(ns.name)) continue;
      Change change;
      change.kind = ChangeKind::kAddNamespace;
      change.ns = ns.name;
      Emit(std::move(change));
    }
  }

  // The current enum a desired enum continues (same name, or renamed), or null.
  const model::Enum* CurrentEnumFor(const std::string& ns, const model::Enum& wanted) const {
    for (const auto& existing : CurrentNs(ns).enums) {
      if (renames_.EnumName(ns, existing.name) == wanted.name) return &existing;
    }
    return nullptr;
  }

  void AddRenameAndGrowEnums() {
    for (const auto& ns : desired_.namespaces) {
      for (const auto& wanted : ns.enums) {
        const model::Enum* existing = CurrentEnumFor(ns.name, wanted);
        if (!existing) {
          Change change;
          change.kind = ChangeKind::kAddEnum;
          change.ns = ns.name;
          change.enum_after = wanted;
          Emit(std::move(change));
          continue;
        }
        model::Enum base = *existing;
        if (base.name != wanted.name) {
          base.name = wanted.name;
          Change change;
          change.kind = ChangeKind::kRenameEnum;
          change.ns = ns.name;
          change.enum_before = *existing;
          change.enum_after = base;
          Emit(std::move(change));
        }
        if (base != wanted && GainsValues(base, wanted)) EmitEnumModification(ns.name, base, wanted);
      }
    }
  }

  void EmitEnumModification(const std::string& ns, const model::Enum& before, const model::Enum& after) {
    Change change;
    change.kind = ChangeKind::kModifyEnum;
    change.ns = ns;
    change.enum_before = before;
    change.enum_after = after;
    Emit(std::move(change));
  }

  void RenameTables() {
    for (const auto& ns : desired_.namespaces) {
      std::map<std::string, std::string> old_names;  // new name -> old name
      for (const auto& existing : CurrentNs(ns.name).tables) {
        std::string new_name = renames_.TableName(ns.name, existing.name);
        if (new_name != existing.name) old_names[new_name] = existing.name;
      }
      for (const auto& wanted : ns.tables) {
        auto old_name = old_names.find(wanted.name);
        if (old_name == old_names.end()) continue;
        const StagedTable* staged = FindStaged(ns.name, wanted.name);
        Change change;
        change.kind = ChangeKind::kRenameTable;
        change.ns = ns.name;
        change.table_after = staged->table;
        change.table_before = staged->table;
        change.table_before->name = old_name->second;
        Emit(std::move(change));
      }
    }
  }

  std::vector<NamespacedTable> DroppedTables() const {
    std::vector<NamespacedTable> dropped;
    for (const auto& staged : staged_) {
      if (!staged.desired) dropped.push_back({staged.ns, &staged.table});
    }
    return dropped;
  }

  void DropForeignKeysEarly() {
    for (const auto& staged : staged_) {
      if (staged.desired && !staged.early_dropped_fks.empty()) {
        Emit(ForeignKeyOnlyChange(staged.ns, staged.table, staged.early_dropped_fks, ChangeOp::kDrop));
      }
    }
    // Tables dropped together that reference each other in a cycle: no drop order works while
    // every key is there.
    if (!caps_.foreign_keys_need_target) return;
    const auto dropped = DroppedTables();
    const ForeignKeyOrder order = OrderByForeignKeys(dropped);
    for (std::size_t i = 0; i < dropped.size(); ++i) {
      const auto& cyclic = order.cyclic_foreign_keys[i];
      if (cyclic.empty()) continue;
      Emit(ForeignKeyOnlyChange(dropped[i].ns, *dropped[i].table, cyclic, ChangeOp::kDrop));
    }
  }

  void DropTables() {
    const auto dropped = DroppedTables();
    const ForeignKeyOrder order = OrderByForeignKeys(dropped);
    for (auto it = order.order.rbegin(); it != order.order.rend(); ++it) {
      const NamespacedTable& entry = dropped[*it];
      Change change;
      change.kind = ChangeKind::kDropTable;
      change.ns = entry.ns;
      change.table_before = caps_.foreign_keys_need_target
                                ? WithoutForeignKeys(*entry.table, order.cyclic_foreign_keys[*it])
                                : *entry.table;
      Emit(std::move(change));
    }
  }

  void AddTables() {
    std::vector<NamespacedTable> added;
    for (const auto& ns : desired_.namespaces) {
      for (const auto& wanted : ns.tables) {
        if (!FindStaged(ns.name, wanted.name)) added.push_back({ns.name, &wanted});
      }
    }
    const ForeignKeyOrder order = OrderByForeignKeys(added);
    std::vector<Change> deferred_keys;
    for (std::size_t index : order.order) {
      const NamespacedTable& entry = added[index];
      const auto& cyclic = order.cyclic_foreign_keys[index];
      Change change;
      change.kind = ChangeKind::kAddTable;
      change.ns = entry.ns;
      change.table_after = *entry.table;
      if (caps_.foreign_keys_need_target && !cyclic.empty()) {
        change.table_after = WithoutForeignKeys(*entry.table, cyclic);
        deferred_keys.push_back(ForeignKeyOnlyChange(entry.ns, *entry.table, cyclic, ChangeOp::kAdd));
      }
      Emit(std::move(change));
    }
    for (auto& change : deferred_keys) Emit(std::move(change));
  }

  // Modified tables in foreign-key order: a key added to one may reference a column or key that
  // the change of the other adds (the key's ALTER, and a precheck over the referenced column, need
  // it to exist). Without such references the order is the desired schema's.
  void ModifyTables() {
    std::vector<NamespacedTable> modified;
    for (const auto& ns : desired_.namespaces) {
      for (const auto& wanted : ns.tables) {
        StagedTable* staged = FindStaged(ns.name, wanted.name);
        if (staged && !staged->diff.Empty()) modified.push_back({ns.name, &wanted});
      }
    }
    for (std::size_t index : OrderByForeignKeys(modified).order) {
      const NamespacedTable& entry = modified[index];
      const StagedTable* staged = FindStaged(entry.ns, entry.table->name);
      Change change;
      change.kind = ChangeKind::kModifyTable;
      change.ns = entry.ns;
      change.table_before = WithoutForeignKeys(staged->table, staged->early_dropped_fks);
      change.table_after = *entry.table;
      change.table_diff = staged->diff;
      Emit(std::move(change));
    }
  }

  void ModifyEnumsWithoutNewValues() {
    for (const auto& ns : desired_.namespaces) {
      for (const auto& wanted : ns.enums) {
        const model::Enum* existing = CurrentEnumFor(ns.name, wanted);
        if (!existing) continue;
        model::Enum base = *existing;
        base.name = wanted.name;
        if (base != wanted && !GainsValues(base, wanted)) EmitEnumModification(ns.name, base, wanted);
      }
    }
  }

  void DropEnums() {
    for (const auto& ns : current_.namespaces) {
      const model::Namespace& desired_ns = DesiredNs(ns.name);
      for (const auto& existing : ns.enums) {
        if (desired_ns.FindEnum(renames_.EnumName(ns.name, existing.name))) continue;
        Change change;
        change.kind = ChangeKind::kDropEnum;
        change.ns = ns.name;
        change.enum_before = existing;
        Emit(std::move(change));
      }
    }
  }

  void DropNamespaces() {
    for (const auto& ns : current_.namespaces) {
      if (ns.name.empty() || desired_.FindNamespace(ns.name)) continue;
      Change change;
      change.kind = ChangeKind::kDropNamespace;
      change.ns = ns.name;
      Emit(std::move(change));
    }
  }

  const model::Schema& current_;
  const model::Schema& desired_;
  const dialects::Capabilities& caps_;
  const model::Namespace empty_{};
  std::vector<std::string> namespaces_;
  RenameMap renames_;
  std::vector<StagedTable> staged_;
  std::map<TableKey, std::size_t> staged_index_;  // (namespace, staged name) -> position in staged_
  ChangeList changes_;
};

}  // namespace

ChangeList Diff(const model::Schema& current, const model::Schema& desired,
                const dialects::Capabilities& capabilities) {
  return DiffWalk(current, desired, capabilities).Run();
}

ChangeList Diff(const model::Schema& current, const model::Schema& desired) {
  return Diff(current, desired, dialects::Capabilities{});
}

}  // namespace schemac::compiler
