#include "compiler/drift.hpp"

#include <algorithm>
#include <tuple>

#include "compiler/change_names.hpp"
#include "compiler/diff.hpp"

namespace schemac::compiler {
namespace {

constexpr const char* kNowNotThen = " exists now; it did not when the plan was made";
constexpr const char* kThenNotNow = " is gone; it existed when the plan was made";
constexpr const char* kChanged = " changed since the plan was made";

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

template <typename T>
void DescribeObjects(const std::vector<ObjectChange<T>>& changes, const std::string& noun,
                     const std::string& table, std::vector<std::string>& out) {
  for (const auto& change : changes) {
    const std::string name = noun + " " + table + "." + change.Desired().name;
    switch (change.op) {
      case ChangeOp::kAdd:
        out.push_back(name + kNowNotThen);
        break;
      case ChangeOp::kDrop:
        out.push_back(noun + " " + table + "." + change.Current().name + kThenNotNow);
        break;
      case ChangeOp::kRename:  // the live side has no rename hints: cannot happen, said plainly anyway
        out.push_back(noun + " " + table + "." + change.Current().name + " is now called " +
                      change.Desired().name);
        break;
      case ChangeOp::kModify: {
        std::vector<std::string> flags = ColumnChangeFlagNames(change.flags);
        out.push_back(name + kChanged + (flags.empty() ? "" : " (" + Join(flags) + ")"));
        break;
      }
    }
  }
}

void DescribeTableDiff(const std::string& table, const TableDiff& diff, std::vector<std::string>& out) {
  DescribeObjects(diff.columns, "column", table, out);
  DescribeObjects(diff.primary_key, "primary key", table, out);
  DescribeObjects(diff.uniques, "unique constraint", table, out);
  DescribeObjects(diff.indexes, "index", table, out);
  DescribeObjects(diff.foreign_keys, "foreign key", table, out);
  DescribeObjects(diff.checks, "check", table, out);
  if (diff.comment_changed) out.push_back("the comment of table " + table + kChanged);
  if (diff.options_changed) out.push_back("the options of table " + table + kChanged);
}

std::string RoutineNoun(const model::Routine& routine) { return std::string(routine.Kind()) + " "; }

void DescribeChange(const Change& change, std::vector<std::string>& out) {
  auto qualified = [&](const std::string& name) { return QualifiedName(change.ns, name); };
  switch (change.kind) {
    case ChangeKind::kAddNamespace:
      out.push_back("namespace " + change.ns + kNowNotThen);
      return;
    case ChangeKind::kDropNamespace:
      out.push_back("namespace " + change.ns + kThenNotNow);
      return;
    case ChangeKind::kAddEnum:
      out.push_back("enum " + qualified(change.enum_after->name) + kNowNotThen);
      return;
    case ChangeKind::kDropEnum:
      out.push_back("enum " + qualified(change.enum_before->name) + kThenNotNow);
      return;
    case ChangeKind::kRenameEnum:
      out.push_back("enum " + qualified(change.enum_before->name) + " is now called " +
                    change.enum_after->name);
      return;
    case ChangeKind::kModifyEnum:
      out.push_back("enum " + qualified(change.enum_after->name) + kChanged + " (" + change.Describe() + ")");
      return;
    case ChangeKind::kAddTable:
      out.push_back("table " + qualified(change.table_after->name) + kNowNotThen);
      return;
    case ChangeKind::kDropTable:
      out.push_back("table " + qualified(change.table_before->name) + kThenNotNow);
      return;
    case ChangeKind::kRenameTable:
      out.push_back("table " + qualified(change.table_before->name) + " is now called " +
                    change.table_after->name);
      return;
    case ChangeKind::kModifyTable:
      DescribeTableDiff(qualified(change.table_after->name), change.table_diff, out);
      return;
    case ChangeKind::kAddView:
      out.push_back("view " + qualified(change.view_after->name) + kNowNotThen);
      return;
    case ChangeKind::kDropView:
      out.push_back("view " + qualified(change.view_before->name) + kThenNotNow);
      return;
    case ChangeKind::kRenameView:
      out.push_back("view " + qualified(change.view_before->name) + " is now called " +
                    change.view_after->name);
      return;
    case ChangeKind::kReplaceView:
      out.push_back("the definition of view " + qualified(change.view_after->name) + kChanged);
      return;
    case ChangeKind::kAddTrigger:
      out.push_back("trigger " + qualified(change.trigger_after->name) + kNowNotThen);
      return;
    case ChangeKind::kDropTrigger:
      out.push_back("trigger " + qualified(change.trigger_before->name) + kThenNotNow);
      return;
    case ChangeKind::kRenameTrigger:
      out.push_back("trigger " + qualified(change.trigger_before->name) + " is now called " +
                    change.trigger_after->name);
      return;
    case ChangeKind::kReplaceTrigger:
      out.push_back("the definition of trigger " + qualified(change.trigger_after->name) + kChanged);
      return;
    case ChangeKind::kAddRoutine:
      out.push_back(RoutineNoun(*change.routine_after) + qualified(change.routine_after->Identity()) +
                    kNowNotThen);
      return;
    case ChangeKind::kDropRoutine:
      out.push_back(RoutineNoun(*change.routine_before) + qualified(change.routine_before->Identity()) +
                    kThenNotNow);
      return;
    case ChangeKind::kRenameRoutine:
      out.push_back(RoutineNoun(*change.routine_before) + qualified(change.routine_before->Identity()) +
                    " is now called " + change.routine_after->name);
      return;
    case ChangeKind::kReplaceRoutine:
      out.push_back("the definition of " + RoutineNoun(*change.routine_after) +
                    qualified(change.routine_after->Identity()) + kChanged);
      return;
    case ChangeKind::kAddSequence:
      out.push_back("sequence " + qualified(change.sequence_after->name) + kNowNotThen);
      return;
    case ChangeKind::kDropSequence:
      out.push_back("sequence " + qualified(change.sequence_before->name) + kThenNotNow);
      return;
    case ChangeKind::kRenameSequence:
      out.push_back("sequence " + qualified(change.sequence_before->name) + " is now called " +
                    change.sequence_after->name);
      return;
    case ChangeKind::kAlterSequence:
      out.push_back("the options of sequence " + qualified(change.sequence_after->name) + kChanged);
      return;
  }
}

std::string UnmanagedName(const model::UnmanagedObject& object) {
  return object.kind + " " + (object.namespace_name.empty() ? "" : object.namespace_name + ".") + object.name;
}

bool SameUnmanaged(const model::UnmanagedObject& a, const model::UnmanagedObject& b) {
  return std::tie(a.kind, a.namespace_name, a.name, a.detail) ==
         std::tie(b.kind, b.namespace_name, b.name, b.detail);
}

void DescribeUnmanaged(const std::vector<model::UnmanagedObject>& planned,
                       const std::vector<model::UnmanagedObject>& live, std::vector<std::string>& out) {
  auto contains = [](const std::vector<model::UnmanagedObject>& objects,
                     const model::UnmanagedObject& wanted) {
    return std::any_of(objects.begin(), objects.end(),
                       [&](const model::UnmanagedObject& object) { return SameUnmanaged(object, wanted); });
  };
  for (const auto& object : live) {
    if (!contains(planned, object))
      out.push_back(UnmanagedName(object) + " (not managed by schemac)" + kNowNotThen);
  }
  for (const auto& object : planned) {
    if (!contains(live, object))
      out.push_back(UnmanagedName(object) + " (not managed by schemac)" + kThenNotNow);
  }
}

}  // namespace

std::vector<std::string> DescribeDrift(const model::Schema& planned, const model::Schema& live,
                                       const dialects::Capabilities& capabilities) {
  std::vector<std::string> out;
  for (const auto& change : Diff(planned, live, capabilities)) DescribeChange(change, out);
  DescribeUnmanaged(planned.unmanaged, live.unmanaged, out);
  return out;
}

}  // namespace schemac::compiler
