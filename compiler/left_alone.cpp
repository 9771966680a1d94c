#include "compiler/left_alone.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "compiler/sql_names.hpp"

namespace schemac::compiler {
namespace {

// What the plan does to one table of the current side, under its current name.
struct TableFate {
  bool dropped = false;
  std::string renamed_to;
  std::string rebuilt_by;  // the strategy that copies it into a new table ("rebuild", "shadow-swap")
  std::map<std::string, std::string> columns;  // current column name -> what happens to it
};

using Key = std::pair<std::string, std::string>;  // (namespace, name)

constexpr const char* kRetyped = "whose type changes";

// Every table, view, routine, sequence and enum a plan drops or renames, keyed by current name.
struct Fates {
  std::map<Key, TableFate> tables;
  std::map<Key, std::string> others;  // (ns, name) -> "view v, which this plan drops"
};

void NoteColumns(const TableDiff& diff, bool follow_renames, TableFate& fate) {
  constexpr std::uint32_t kShapeFlags = kColumnType | kColumnCollation | kColumnGenerated;
  for (const ColumnChange& column : diff.columns) {
    if (!column.before) continue;
    if (column.op == ChangeOp::kDrop) fate.columns[column.before->name] = "which this plan drops";
    if (column.op == ChangeOp::kRename && !follow_renames)
      fate.columns[column.before->name] = "which this plan renames to " + column.after->name;
    if (column.op == ChangeOp::kModify && (column.flags & kShapeFlags) != 0)
      fate.columns.emplace(column.before->name, kRetyped);
  }
}

Fates FatesOf(const ChangeList& changes, const std::vector<PlanStep>& steps, bool follow_renames) {
  Fates fates;
  std::map<Key, std::string> current_name;  // a renamed table's new name -> its current one
  auto table_fate = [&](const std::string& ns, const std::string& name) -> TableFate& {
    auto renamed = current_name.find({ns, name});
    return fates.tables[{ns, renamed == current_name.end() ? name : renamed->second}];
  };
  auto other = [&](const std::string& ns, const std::string& kind, const std::string& name,
                   const std::string& what) {
    fates.others.emplace(Key{ns, name}, kind + " " + name + ", " + what);
  };
  for (const Change& change : changes) {
    switch (change.kind) {
      case ChangeKind::kDropTable:
        table_fate(change.ns, change.table_before->name).dropped = true;
        break;
      case ChangeKind::kRenameTable:
        table_fate(change.ns, change.table_before->name).renamed_to = change.table_after->name;
        current_name[{change.ns, change.table_after->name}] = change.table_before->name;
        break;
      case ChangeKind::kModifyTable:
        NoteColumns(change.table_diff, follow_renames, table_fate(change.ns, change.table_before->name));
        break;
      case ChangeKind::kDropView:
        other(change.ns, "view", change.view_before->name, "which this plan drops");
        break;
      case ChangeKind::kDropRoutine:
        other(change.ns, change.routine_before->Kind(), change.routine_before->name, "which this plan drops");
        break;
      case ChangeKind::kReplaceRoutine:
        // Another signature or return type: what calls the old one no longer finds it.
        if (!model::SameRoutineShape(*change.routine_before, *change.routine_after))
          other(change.ns, change.routine_before->Kind(), change.routine_before->name,
                "which this plan drops and creates again with another signature or return type");
        break;
      case ChangeKind::kDropSequence:
        other(change.ns, "sequence", change.sequence_before->name, "which this plan drops");
        break;
      case ChangeKind::kDropEnum:
        other(change.ns, "type", change.enum_before->name, "which this plan drops");
        break;
      case ChangeKind::kRenameView:
        if (!follow_renames)
          other(change.ns, "view", change.view_before->name,
                "which this plan renames to " + change.view_after->name);
        break;
      case ChangeKind::kRenameRoutine:
        if (!follow_renames)
          other(change.ns, change.routine_before->Kind(), change.routine_before->name,
                "which this plan renames to " + change.routine_after->name);
        break;
      default:
        break;
    }
  }
  for (const PlanStep& step : steps) {
    if (step.strategy != "rebuild" && step.strategy != "shadow-swap") continue;
    if (step.change_index >= changes.size()) continue;
    const Change& change = changes[step.change_index];
    if (change.kind == ChangeKind::kModifyTable)
      table_fate(change.ns, change.table_before->name).rebuilt_by = step.strategy;
  }
  return fates;
}

bool Reads(const LeftAloneObject& object, const std::string& name) {
  return MentionsSqlName(object.sql, name) ||
         std::any_of(object.references.begin(), object.references.end(),
                     [&](const std::string& table) { return SameSqlName(table, name); });
}

// The first reason `fates` breaks `object`, or empty.
std::string WhatBreaks(const LeftAloneObject& object, const Fates& fates, bool follow_renames) {
  if (!object.table.empty()) {
    auto own = fates.tables.find({object.ns, object.table});
    if (own != fates.tables.end()) {
      if (own->second.dropped) return "is part of table " + object.table + ", which this plan drops";
      if (!own->second.rebuilt_by.empty())
        return "is part of table " + object.table + ", which this plan copies into a new table (" +
               own->second.rebuilt_by + ")";
      // A dropped column takes the index or trigger defined on it along; a retyped one is
      // refused under a trigger's WHEN or a policy, while every database rebuilds an index.
      for (const auto& [column, what] : own->second.columns) {
        const bool retyped = what == kRetyped;
        if (MentionsSqlName(object.pins, column) && !(retyped && object.kind == "index"))
          return "is defined on " + object.table + "." + column + ", " + what;
      }
    }
  }
  const bool reads_every_column = object.sql.find('*') != std::string::npos;
  for (const auto& [key, fate] : fates.tables) {
    if (key.first != object.ns || key.second == object.table || !Reads(object, key.second)) continue;
    if (fate.dropped) return "reads table " + key.second + ", which this plan drops";
    if (!fate.renamed_to.empty() && !follow_renames)
      return "reads table " + key.second + ", which this plan renames to " + fate.renamed_to;
    for (const auto& [column, what] : fate.columns) {
      if (reads_every_column || MentionsSqlName(object.sql, column))
        return "reads " + key.second + "." + column + ", " + what;
    }
  }
  for (const auto& [key, what] : fates.others) {
    if (key.first == object.ns && !(key.second == object.name) && Reads(object, key.second))
      return "uses " + what;
  }
  return {};
}

}  // namespace

std::vector<LeftAloneObject> UnmanagedPartsOfTables(const model::Schema& current) {
  std::vector<LeftAloneObject> objects;
  for (const model::UnmanagedObject& object : current.unmanaged) {
    if (object.table.empty()) continue;
    objects.push_back(LeftAloneObject{
        object.kind, object.namespace_name, object.name, object.table, "", "", {}, "not managed by schemac"});
  }
  return objects;
}

std::vector<std::string> BrokenByPlan(const std::vector<LeftAloneObject>& objects, const ChangeList& changes,
                                      const std::vector<PlanStep>& steps, bool dependents_follow_renames) {
  const Fates fates = FatesOf(changes, steps, dependents_follow_renames);
  std::vector<std::string> broken;
  for (const LeftAloneObject& object : objects) {
    const std::string what = WhatBreaks(object, fates, dependents_follow_renames);
    if (what.empty()) continue;
    const std::string name = object.ns.empty() ? object.name : object.ns + "." + object.name;
    broken.push_back(object.kind + " " + name + " (" + object.why + ") " + what);
  }
  return broken;
}

}  // namespace schemac::compiler
