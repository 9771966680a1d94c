#include "compiler/apply_change.hpp"

#include <algorithm>
#include <string>

#include "compiler/rename_map.hpp"

namespace schemac::compiler {
namespace {

template <typename T>
void EraseByName(std::vector<T>& items, const std::string& name) {
  items.erase(std::remove_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; }),
              items.end());
}

template <typename T>
void ReplaceOrAppend(std::vector<T>& items, const std::string& name, const T& replacement) {
  if (T* existing = model::Table::FindByName(items, name)) {
    *existing = replacement;
  } else {
    items.push_back(replacement);
  }
}

// Routines are told apart by identity (name and signature), not by name: overloads share one.
void EraseRoutine(std::vector<model::Routine>& routines, const std::string& identity) {
  routines.erase(
      std::remove_if(routines.begin(), routines.end(),
                     [&](const model::Routine& routine) { return routine.Identity() == identity; }),
      routines.end());
}

void ReplaceOrAppendRoutine(std::vector<model::Routine>& routines, const model::Routine& replacement) {
  for (auto& routine : routines) {
    if (routine.Identity() == replacement.Identity()) {
      routine = replacement;
      return;
    }
  }
  routines.push_back(replacement);
}

// Calls `visit(fk, referencing_namespace)` for every foreign key pointing at table `ns`.`table`.
template <typename Visit>
void ForEachReferenceTo(model::Schema& schema, const std::string& ns, const std::string& table, Visit visit) {
  for (auto& space : schema.namespaces) {
    for (auto& candidate : space.tables) {
      for (auto& fk : candidate.foreign_keys) {
        if (fk.ref_table == table && ReferencedNamespace(fk, space.name) == ns) visit(fk);
      }
    }
  }
}

void RenameEnumUses(model::Schema& schema, const std::string& ns, const std::string& from,
                    const std::string& to) {
  for (auto& space : schema.namespaces) {
    for (auto& table : space.tables) {
      for (auto& column : table.columns) {
        const std::string& enum_ns =
            column.type.enum_namespace.empty() ? space.name : column.type.enum_namespace;
        if (column.type.kind == model::TypeKind::Enum && column.type.enum_name == from && enum_ns == ns) {
          column.type.enum_name = to;
        }
      }
    }
  }
}

void ApplyTableModification(const Change& change, model::Schema& schema) {
  model::Namespace& space = schema.GetOrAddNamespace(change.ns);
  const std::string& name = change.table_after->name;
  for (const auto& column : change.table_diff.columns) {
    if (column.op != ChangeOp::kRename) continue;
    ForEachReferenceTo(schema, change.ns, name, [&](model::ForeignKey& fk) {
      std::replace(fk.ref_columns.begin(), fk.ref_columns.end(), column.before->name, column.after->name);
    });
  }
  ReplaceOrAppend(space.tables, name, *change.table_after);
}

}  // namespace

void ApplyChange(const Change& change, model::Schema& schema) {
  switch (change.kind) {
    case ChangeKind::kAddNamespace:
      schema.GetOrAddNamespace(change.ns);
      return;
    case ChangeKind::kDropNamespace:
      EraseByName(schema.namespaces, change.ns);
      return;
    case ChangeKind::kAddEnum:
    case ChangeKind::kModifyEnum: {
      auto& enums = schema.GetOrAddNamespace(change.ns).enums;
      ReplaceOrAppend(enums, change.enum_after->name, *change.enum_after);
      return;
    }
    case ChangeKind::kDropEnum: {
      if (model::Namespace* space = schema.FindNamespace(change.ns))
        EraseByName(space->enums, change.enum_before->name);
      return;
    }
    case ChangeKind::kRenameEnum: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      if (model::Enum* existing = space.FindEnum(change.enum_before->name))
        existing->name = change.enum_after->name;
      RenameEnumUses(schema, change.ns, change.enum_before->name, change.enum_after->name);
      return;
    }
    case ChangeKind::kAddTable: {
      auto& tables = schema.GetOrAddNamespace(change.ns).tables;
      ReplaceOrAppend(tables, change.table_after->name, *change.table_after);
      return;
    }
    case ChangeKind::kDropTable: {
      if (model::Namespace* space = schema.FindNamespace(change.ns)) {
        EraseByName(space->tables, change.table_before->name);
        // Dropping a table drops its triggers.
        const std::string& dropped = change.table_before->name;
        auto& triggers = space->triggers;
        triggers.erase(
            std::remove_if(triggers.begin(), triggers.end(),
                           [&](const model::Trigger& trigger) { return trigger.table == dropped; }),
            triggers.end());
      }
      return;
    }
    case ChangeKind::kRenameTable: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      const std::string& from = change.table_before->name;
      const std::string& to = change.table_after->name;
      ForEachReferenceTo(schema, change.ns, from, [&](model::ForeignKey& fk) { fk.ref_table = to; });
      if (model::Table* existing = space.FindTable(from)) existing->name = to;
      // A trigger belongs to its table and follows it (every database moves it along).
      for (auto& trigger : space.triggers) {
        if (trigger.table == from) trigger.table = to;
      }
      return;
    }
    case ChangeKind::kAddView:
    case ChangeKind::kReplaceView:
      ReplaceOrAppend(schema.GetOrAddNamespace(change.ns).views, change.view_after->name, *change.view_after);
      return;
    case ChangeKind::kDropView:
      if (model::Namespace* space = schema.FindNamespace(change.ns))
        EraseByName(space->views, change.view_before->name);
      return;
    case ChangeKind::kRenameView: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      EraseByName(space.views, change.view_before->name);
      ReplaceOrAppend(space.views, change.view_after->name, *change.view_after);
      return;
    }
    case ChangeKind::kAddTrigger:
    case ChangeKind::kReplaceTrigger:
      ReplaceOrAppend(schema.GetOrAddNamespace(change.ns).triggers, change.trigger_after->name,
                      *change.trigger_after);
      return;
    case ChangeKind::kDropTrigger:
      if (model::Namespace* space = schema.FindNamespace(change.ns))
        EraseByName(space->triggers, change.trigger_before->name);
      return;
    case ChangeKind::kRenameTrigger: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      EraseByName(space.triggers, change.trigger_before->name);
      ReplaceOrAppend(space.triggers, change.trigger_after->name, *change.trigger_after);
      return;
    }
    case ChangeKind::kAddRoutine:
    case ChangeKind::kReplaceRoutine:
      ReplaceOrAppendRoutine(schema.GetOrAddNamespace(change.ns).routines, *change.routine_after);
      return;
    case ChangeKind::kDropRoutine:
      if (model::Namespace* space = schema.FindNamespace(change.ns))
        EraseRoutine(space->routines, change.routine_before->Identity());
      return;
    case ChangeKind::kRenameRoutine: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      EraseRoutine(space.routines, change.routine_before->Identity());
      ReplaceOrAppendRoutine(space.routines, *change.routine_after);
      return;
    }
    case ChangeKind::kAddSequence:
    case ChangeKind::kAlterSequence:
      ReplaceOrAppend(schema.GetOrAddNamespace(change.ns).sequences, change.sequence_after->name,
                      *change.sequence_after);
      return;
    case ChangeKind::kDropSequence:
      if (model::Namespace* space = schema.FindNamespace(change.ns))
        EraseByName(space->sequences, change.sequence_before->name);
      return;
    case ChangeKind::kRenameSequence: {
      model::Namespace& space = schema.GetOrAddNamespace(change.ns);
      EraseByName(space.sequences, change.sequence_before->name);
      ReplaceOrAppend(space.sequences, change.sequence_after->name, *change.sequence_after);
      return;
    }
    case ChangeKind::kModifyTable:
      ApplyTableModification(change, schema);
      return;
  }
}

}  // namespace schemac::compiler
