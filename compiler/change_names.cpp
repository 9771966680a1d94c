#include "compiler/change_names.hpp"

namespace schemac::compiler {

const char* ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAddNamespace:
      return "add_namespace";
    case ChangeKind::kDropNamespace:
      return "drop_namespace";
    case ChangeKind::kAddEnum:
      return "add_enum";
    case ChangeKind::kDropEnum:
      return "drop_enum";
    case ChangeKind::kRenameEnum:
      return "rename_enum";
    case ChangeKind::kModifyEnum:
      return "modify_enum";
    case ChangeKind::kAddTable:
      return "add_table";
    case ChangeKind::kDropTable:
      return "drop_table";
    case ChangeKind::kRenameTable:
      return "rename_table";
    case ChangeKind::kModifyTable:
      return "modify_table";
    case ChangeKind::kAddView:
      return "add_view";
    case ChangeKind::kDropView:
      return "drop_view";
    case ChangeKind::kRenameView:
      return "rename_view";
    case ChangeKind::kReplaceView:
      return "replace_view";
    case ChangeKind::kAddTrigger:
      return "add_trigger";
    case ChangeKind::kDropTrigger:
      return "drop_trigger";
    case ChangeKind::kRenameTrigger:
      return "rename_trigger";
    case ChangeKind::kReplaceTrigger:
      return "replace_trigger";
    case ChangeKind::kAddRoutine:
      return "add_routine";
    case ChangeKind::kDropRoutine:
      return "drop_routine";
    case ChangeKind::kRenameRoutine:
      return "rename_routine";
    case ChangeKind::kReplaceRoutine:
      return "replace_routine";
    case ChangeKind::kAddSequence:
      return "add_sequence";
    case ChangeKind::kDropSequence:
      return "drop_sequence";
    case ChangeKind::kRenameSequence:
      return "rename_sequence";
    case ChangeKind::kAlterSequence:
      return "alter_sequence";
  }
  return "unknown";
}

const char* ChangeOpName(ChangeOp op) {
  switch (op) {
    case ChangeOp::kAdd:
      return "add";
    case ChangeOp::kDrop:
      return "drop";
    case ChangeOp::kRename:
      return "rename";
    case ChangeOp::kModify:
      return "modify";
  }
  return "unknown";
}

std::vector<std::string> ColumnChangeFlagNames(std::uint32_t flags) {
  static const std::pair<ColumnChangeFlag, const char*> kFlagNames[] = {
      {kColumnType, "type"},         {kColumnNullability, "nullability"}, {kColumnDefault, "default"},
      {kColumnIdentity, "identity"}, {kColumnGenerated, "generated"},     {kColumnCollation, "collation"},
      {kColumnComment, "comment"},
  };
  std::vector<std::string> names;
  for (const auto& [flag, name] : kFlagNames) {
    if (flags & flag) names.emplace_back(name);
  }
  return names;
}

std::string QualifiedName(const std::string& ns, const std::string& name) {
  return ns.empty() ? name : ns + "." + name;
}

std::string ChangeObjectName(const Change& change) {
  switch (change.kind) {
    case ChangeKind::kAddNamespace:
    case ChangeKind::kDropNamespace:
      return change.ns;
    case ChangeKind::kAddEnum:
    case ChangeKind::kDropEnum:
    case ChangeKind::kRenameEnum:
    case ChangeKind::kModifyEnum:
      if (change.enum_after) return change.enum_after->name;
      return change.enum_before ? change.enum_before->name : std::string();
    case ChangeKind::kAddTable:
    case ChangeKind::kDropTable:
    case ChangeKind::kRenameTable:
    case ChangeKind::kModifyTable:
      if (change.table_after) return change.table_after->name;
      return change.table_before ? change.table_before->name : std::string();
    case ChangeKind::kAddView:
    case ChangeKind::kDropView:
    case ChangeKind::kRenameView:
    case ChangeKind::kReplaceView:
      if (change.view_after) return change.view_after->name;
      return change.view_before ? change.view_before->name : std::string();
    case ChangeKind::kAddTrigger:
    case ChangeKind::kDropTrigger:
    case ChangeKind::kRenameTrigger:
    case ChangeKind::kReplaceTrigger:
      if (change.trigger_after) return change.trigger_after->name;
      return change.trigger_before ? change.trigger_before->name : std::string();
    case ChangeKind::kAddRoutine:
    case ChangeKind::kDropRoutine:
    case ChangeKind::kRenameRoutine:
    case ChangeKind::kReplaceRoutine:
      // Overloads share a name: the signature tells them apart.
      if (change.routine_after) return change.routine_after->Identity();
      return change.routine_before ? change.routine_before->Identity() : std::string();
    case ChangeKind::kAddSequence:
    case ChangeKind::kDropSequence:
    case ChangeKind::kRenameSequence:
    case ChangeKind::kAlterSequence:
      if (change.sequence_after) return change.sequence_after->name;
      return change.sequence_before ? change.sequence_before->name : std::string();
  }
  return std::string();
}

}  // namespace schemac::compiler
