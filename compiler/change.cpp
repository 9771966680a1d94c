// Change::Describe and Invert, declared in include/schemac/change.hpp.
#include "schemac/change.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "compiler/change_names.hpp"

namespace schemac {
namespace {

using compiler::QualifiedName;

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

template <typename T>
void DescribeObjectChanges(const std::vector<ObjectChange<T>>& changes, const char* noun,
                           std::vector<std::string>& parts) {
  for (const auto& change : changes) {
    switch (change.op) {
      case ChangeOp::kAdd:
        parts.push_back(std::string("add ") + noun + " " + change.Desired().name);
        break;
      case ChangeOp::kDrop:
        parts.push_back(std::string("drop ") + noun + " " + change.Current().name);
        break;
      case ChangeOp::kRename:
        parts.push_back(std::string("rename ") + noun + " " + change.Current().name + " to " +
                        change.Desired().name);
        break;
      case ChangeOp::kModify: {
        std::string part = std::string("modify ") + noun + " " + change.Desired().name;
        auto flags = compiler::ColumnChangeFlagNames(change.flags);
        if (!flags.empty()) part += " (" + Join(flags, ", ") + ")";
        parts.push_back(part);
        break;
      }
    }
  }
}

std::string DescribeTableDiff(const TableDiff& diff) {
  std::vector<std::string> parts;
  DescribeObjectChanges(diff.columns, "column", parts);
  DescribeObjectChanges(diff.primary_key, "primary key", parts);
  DescribeObjectChanges(diff.uniques, "unique", parts);
  DescribeObjectChanges(diff.indexes, "index", parts);
  DescribeObjectChanges(diff.foreign_keys, "foreign key", parts);
  DescribeObjectChanges(diff.checks, "check", parts);
  if (diff.comment_changed) parts.emplace_back("change comment");
  if (diff.options_changed) parts.emplace_back("change options");
  return Join(parts, ", ");
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string DescribeEnumModification(const model::Enum& before, const model::Enum& after) {
  std::vector<std::string> parts;
  std::vector<std::string> kept_before, kept_after;  // common values, in each side's order
  for (const auto& value : after.values) {
    if (!Contains(before.values, value))
      parts.push_back("add value " + value);
    else
      kept_after.push_back(value);
  }
  for (const auto& value : before.values) {
    if (!Contains(after.values, value))
      parts.push_back("drop value " + value);
    else
      kept_before.push_back(value);
  }
  if (kept_before != kept_after) parts.emplace_back("reorder values");
  if (before.comment != after.comment) parts.emplace_back("change comment");
  return Join(parts, ", ");
}

std::string WithDetails(std::string head, const std::string& details) {
  if (!details.empty()) head += " (" + details + ")";
  return head;
}

}  // namespace

namespace {

std::string RoutineNoun(const Change& change) {
  const std::optional<model::Routine>& routine =
      change.routine_after ? change.routine_after : change.routine_before;
  return routine ? routine->Kind() : "function";
}

}  // namespace

std::string Change::Describe() const {
  const std::string name = compiler::ChangeObjectName(*this);
  switch (kind) {
    case ChangeKind::kAddNamespace:
      return "add namespace " + ns;
    case ChangeKind::kDropNamespace:
      return "drop namespace " + ns;
    case ChangeKind::kAddEnum:
      return "add enum " + QualifiedName(ns, name);
    case ChangeKind::kDropEnum:
      return "drop enum " + QualifiedName(ns, name);
    case ChangeKind::kRenameEnum:
      return "rename enum " + QualifiedName(ns, enum_before ? enum_before->name : "") + " to " + name;
    case ChangeKind::kModifyEnum:
      return WithDetails(
          "modify enum " + QualifiedName(ns, name),
          enum_before && enum_after ? DescribeEnumModification(*enum_before, *enum_after) : "");
    case ChangeKind::kAddTable:
      return "add table " + QualifiedName(ns, name);
    case ChangeKind::kDropTable:
      return "drop table " + QualifiedName(ns, name);
    case ChangeKind::kRenameTable:
      return "rename table " + QualifiedName(ns, table_before ? table_before->name : "") + " to " + name;
    case ChangeKind::kModifyTable:
      return WithDetails("modify table " + QualifiedName(ns, name), DescribeTableDiff(table_diff));
    case ChangeKind::kAddView:
      return "add view " + QualifiedName(ns, name);
    case ChangeKind::kDropView:
      return "drop view " + QualifiedName(ns, name);
    case ChangeKind::kRenameView:
      return "rename view " + QualifiedName(ns, view_before ? view_before->name : "") + " to " + name;
    case ChangeKind::kReplaceView:
      return "replace view " + QualifiedName(ns, name);
    case ChangeKind::kAddTrigger:
      return "add trigger " + QualifiedName(ns, name);
    case ChangeKind::kDropTrigger:
      return "drop trigger " + QualifiedName(ns, name);
    case ChangeKind::kRenameTrigger:
      return "rename trigger " + QualifiedName(ns, trigger_before ? trigger_before->name : "") + " to " +
             name;
    case ChangeKind::kReplaceTrigger:
      return "replace trigger " + QualifiedName(ns, name);
    case ChangeKind::kAddRoutine:
      return "add " + RoutineNoun(*this) + " " + QualifiedName(ns, name);
    case ChangeKind::kDropRoutine:
      return "drop " + RoutineNoun(*this) + " " + QualifiedName(ns, name);
    case ChangeKind::kRenameRoutine:
      return "rename " + RoutineNoun(*this) + " " +
             QualifiedName(ns, routine_before ? routine_before->Identity() : "") + " to " +
             (routine_after ? routine_after->name : "");
    case ChangeKind::kReplaceRoutine:
      return "replace " + RoutineNoun(*this) + " " + QualifiedName(ns, name);
    case ChangeKind::kAddSequence:
      return "add sequence " + QualifiedName(ns, name);
    case ChangeKind::kDropSequence:
      return "drop sequence " + QualifiedName(ns, name);
    case ChangeKind::kRenameSequence:
      return "rename sequence " + QualifiedName(ns, sequence_before ? sequence_before->name : "") + " to " +
             name;
    case ChangeKind::kAlterSequence:
      return "alter sequence " + QualifiedName(ns, name);
  }
  return "unknown change";
}

namespace {

template <typename T>
ObjectChange<T> InvertObjectChange(const ObjectChange<T>& change) {
  ObjectChange<T> inverted;
  inverted.before = change.after;
  inverted.after = change.before;
  inverted.flags = change.flags;
  switch (change.op) {
    case ChangeOp::kAdd:
      inverted.op = ChangeOp::kDrop;
      break;
    case ChangeOp::kDrop:
      inverted.op = ChangeOp::kAdd;
      break;
    case ChangeOp::kRename:
      inverted.op = ChangeOp::kRename;
      break;
    case ChangeOp::kModify:
      inverted.op = ChangeOp::kModify;
      break;
  }
  return inverted;
}

// Keys, indexes and checks are never modified in place, only dropped and added. Drops come first
// so that a name freed by a drop can be taken by an add of the same step.
template <typename T>
std::vector<ObjectChange<T>> InvertDropAddList(const std::vector<ObjectChange<T>>& changes) {
  std::vector<ObjectChange<T>> inverted;
  for (const auto& change : changes) inverted.push_back(InvertObjectChange(change));
  std::stable_partition(inverted.begin(), inverted.end(),
                        [](const ObjectChange<T>& c) { return c.op == ChangeOp::kDrop; });
  return inverted;
}

// A rename that also modifies is a kRename followed by a kModify of the new name, in both
// directions, so that dialects may run renames before modifications or simply in list order.
// Undoing "rename a to b; modify b from A' to D" is "rename b to a; modify a from D' back to A"
// (X' is X under the other name). Every other column change inverts on its own, in place.
std::vector<ColumnChange> InvertColumnChanges(const std::vector<ColumnChange>& changes) {
  std::vector<ColumnChange> inverted;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const ColumnChange& change = changes[i];
    const bool renamed_then_modified = change.op == ChangeOp::kRename && i + 1 < changes.size() &&
                                       changes[i + 1].op == ChangeOp::kModify &&
                                       changes[i + 1].Current().name == change.Desired().name;
    if (!renamed_then_modified) {
      inverted.push_back(InvertObjectChange(change));
      continue;
    }
    const model::Column& original = change.Current();
    const ColumnChange& modification = changes[i + 1];
    model::Column desired_under_old_name = modification.Desired();
    desired_under_old_name.name = original.name;
    inverted.push_back({ChangeOp::kRename, modification.Desired(), desired_under_old_name, 0});
    inverted.push_back({ChangeOp::kModify, desired_under_old_name, original, modification.flags});
    ++i;
  }
  return inverted;
}

TableDiff InvertTableDiff(const TableDiff& diff) {
  TableDiff inverted;
  inverted.columns = InvertColumnChanges(diff.columns);
  inverted.primary_key = InvertDropAddList(diff.primary_key);
  inverted.uniques = InvertDropAddList(diff.uniques);
  inverted.indexes = InvertDropAddList(diff.indexes);
  inverted.foreign_keys = InvertDropAddList(diff.foreign_keys);
  inverted.checks = InvertDropAddList(diff.checks);
  inverted.comment_changed = diff.comment_changed;
  inverted.options_changed = diff.options_changed;
  return inverted;
}

ChangeKind InvertKind(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAddNamespace:
      return ChangeKind::kDropNamespace;
    case ChangeKind::kDropNamespace:
      return ChangeKind::kAddNamespace;
    case ChangeKind::kAddEnum:
      return ChangeKind::kDropEnum;
    case ChangeKind::kDropEnum:
      return ChangeKind::kAddEnum;
    case ChangeKind::kAddTable:
      return ChangeKind::kDropTable;
    case ChangeKind::kDropTable:
      return ChangeKind::kAddTable;
    case ChangeKind::kAddView:
      return ChangeKind::kDropView;
    case ChangeKind::kDropView:
      return ChangeKind::kAddView;
    case ChangeKind::kAddTrigger:
      return ChangeKind::kDropTrigger;
    case ChangeKind::kDropTrigger:
      return ChangeKind::kAddTrigger;
    case ChangeKind::kAddRoutine:
      return ChangeKind::kDropRoutine;
    case ChangeKind::kDropRoutine:
      return ChangeKind::kAddRoutine;
    case ChangeKind::kAddSequence:
      return ChangeKind::kDropSequence;
    case ChangeKind::kDropSequence:
      return ChangeKind::kAddSequence;
    case ChangeKind::kRenameEnum:
    case ChangeKind::kModifyEnum:
    case ChangeKind::kRenameTable:
    case ChangeKind::kModifyTable:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
    case ChangeKind::kRenameRoutine:
    case ChangeKind::kReplaceRoutine:
    case ChangeKind::kRenameSequence:
    case ChangeKind::kAlterSequence:
      return kind;
  }
  return kind;
}

}  // namespace

Change Invert(const Change& change) {
  Change inverted;
  inverted.kind = InvertKind(change.kind);
  inverted.ns = change.ns;
  inverted.table_before = change.table_after;
  inverted.table_after = change.table_before;
  inverted.enum_before = change.enum_after;
  inverted.enum_after = change.enum_before;
  inverted.view_before = change.view_after;
  inverted.view_after = change.view_before;
  inverted.trigger_before = change.trigger_after;
  inverted.trigger_after = change.trigger_before;
  inverted.routine_before = change.routine_after;
  inverted.routine_after = change.routine_before;
  inverted.sequence_before = change.sequence_after;
  inverted.sequence_after = change.sequence_before;
  inverted.table_diff = InvertTableDiff(change.table_diff);
  return inverted;
}

}  // namespace schemac
