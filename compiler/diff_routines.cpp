#include "compiler/diff_routines.hpp"

#include <algorithm>
#include <map>

#include "compiler/sql_names.hpp"

namespace schemac::compiler {
namespace {

// Every SQL expression of the tables of `ns`: what may call a routine while the table is created.
std::string TableExpressions(const model::Namespace& ns) {
  std::string text;
  for (const auto& table : ns.tables) {
    for (const auto& column : table.columns) {
      if (column.default_value && column.default_value->kind == model::DefaultValue::Kind::Expression)
        text += column.default_value->text + "\n";
      if (column.generated) text += column.generated->expression + "\n";
    }
    for (const auto& check : table.checks) text += check.expression + "\n";
    for (const auto& index : table.indexes) {
      for (const auto& key : index.keys) text += key.expression + "\n";
      text += index.where + "\n";
    }
  }
  return text;
}

// The routine `wanted` continues: the same identity, or a renamed_from name with the same
// signature that no desired routine keeps and no other claims.
class RoutineMatcher {
 public:
  RoutineMatcher(const model::Namespace& current, const model::Namespace& desired)
      : current_(current), desired_(desired) {}

  const model::Routine* Match(const model::Routine& wanted) {
    if (const model::Routine* same = current_.FindRoutine(wanted.Identity())) {
      claimed_.insert(same->Identity());
      return same;
    }
    return nullptr;
  }

  const model::Routine* MatchRename(const model::Routine& wanted) {
    for (const std::string& old_name : wanted.renamed_from) {
      model::Routine old_identity = wanted;
      old_identity.name = old_name;
      const std::string identity = old_identity.Identity();
      const model::Routine* old_routine = current_.FindRoutine(identity);
      if (old_routine == nullptr || claimed_.count(identity) || desired_.FindRoutine(identity)) continue;
      claimed_.insert(identity);
      return old_routine;
    }
    return nullptr;
  }

  // A routine whose argument list changed: the one routine of its kind and name on both sides (so
  // no overload could be meant instead), unclaimed. Without this a dialect with no overloads
  // (MySQL) would create the new one while the old one still holds its name.
  const model::Routine* MatchNewArguments(const model::Routine& wanted) {
    auto same_name = [&](const model::Routine& other) {
      return other.name == wanted.name && other.procedure == wanted.procedure;
    };
    if (std::count_if(desired_.routines.begin(), desired_.routines.end(), same_name) != 1) return nullptr;
    if (std::count_if(current_.routines.begin(), current_.routines.end(), same_name) != 1) return nullptr;
    const model::Routine& only = *std::find_if(current_.routines.begin(), current_.routines.end(), same_name);
    if (claimed_.count(only.Identity())) return nullptr;
    claimed_.insert(only.Identity());
    return &only;
  }

  bool Claimed(const model::Routine& routine) const { return claimed_.count(routine.Identity()) != 0; }

 private:
  const model::Namespace& current_;
  const model::Namespace& desired_;
  std::set<std::string> claimed_;
};

// The current sequence `wanted` continues (same name, or a renamed_from no one else keeps).
const model::Sequence* MatchSequence(const model::Namespace& current, const model::Namespace& desired,
                                     const model::Sequence& wanted, std::set<std::string>& claimed) {
  if (const model::Sequence* same = current.FindSequence(wanted.name)) {
    claimed.insert(same->name);
    return same;
  }
  for (const std::string& old_name : wanted.renamed_from) {
    const model::Sequence* old_sequence = current.FindSequence(old_name);
    if (old_sequence == nullptr || claimed.count(old_name) || desired.FindSequence(old_name)) continue;
    claimed.insert(old_name);
    return old_sequence;
  }
  return nullptr;
}

class NamespaceWalk {
 public:
  NamespaceWalk(const std::string& ns, const model::Namespace& current, const model::Namespace& desired,
                RoutineSequenceChanges& out)
      : ns_(ns), current_(current), desired_(desired), out_(out) {}

  void Run() {
    Sequences();
    Routines();
  }

 private:
  Change Make(ChangeKind kind) const {
    Change change;
    change.kind = kind;
    change.ns = ns_;
    return change;
  }

  void Sequences() {
    std::set<std::string> claimed;
    for (const auto& wanted : desired_.sequences) {
      const model::Sequence* existing = MatchSequence(current_, desired_, wanted, claimed);
      if (existing == nullptr) {
        Change add = Make(ChangeKind::kAddSequence);
        add.sequence_after = wanted;
        add.sequence_after->owned_by.clear();
        out_.before_tables.push_back(add);
        if (!wanted.owned_by.empty()) {
          Change own = Make(ChangeKind::kAlterSequence);
          own.sequence_before = *add.sequence_after;
          own.sequence_after = wanted;
          out_.after_tables.push_back(std::move(own));
        }
        continue;
      }
      model::Sequence base = *existing;
      if (base.name != wanted.name) {
        base.name = wanted.name;
        Change rename = Make(ChangeKind::kRenameSequence);
        rename.sequence_before = *existing;
        rename.sequence_after = base;
        out_.before_tables.push_back(std::move(rename));
      }
      if (base.owned_by != wanted.owned_by && !base.owned_by.empty()) {
        // Let go of the old owner before the tables change: it may be dropped.
        Change disown = Make(ChangeKind::kAlterSequence);
        disown.sequence_before = base;
        base.owned_by.clear();
        disown.sequence_after = base;
        out_.before_tables.push_back(std::move(disown));
      }
      if (base != wanted) {
        Change alter = Make(ChangeKind::kAlterSequence);
        alter.sequence_before = base;
        alter.sequence_after = wanted;
        out_.after_tables.push_back(std::move(alter));
      }
    }
    for (const auto& existing : current_.sequences) {
      if (claimed.count(existing.name)) continue;
      model::Sequence unowned = existing;
      unowned.owned_by.clear();
      if (!existing.owned_by.empty()) {
        Change disown = Make(ChangeKind::kAlterSequence);
        disown.sequence_before = existing;
        disown.sequence_after = unowned;
        out_.before_tables.push_back(std::move(disown));
      }
      Change drop = Make(ChangeKind::kDropSequence);
      drop.sequence_before = unowned;
      out_.last.push_back(std::move(drop));
    }
  }

  void Routines() {
    const std::string table_expressions = TableExpressions(desired_);
    RoutineMatcher matcher(current_, desired_);
    std::vector<std::pair<const model::Routine*, const model::Routine*>> pairs;  // desired, current
    for (const auto& wanted : desired_.routines) pairs.emplace_back(&wanted, matcher.Match(wanted));
    for (auto& [wanted, existing] : pairs) {
      if (existing == nullptr) existing = matcher.MatchRename(*wanted);
    }
    for (auto& [wanted, existing] : pairs) {
      if (existing == nullptr) existing = matcher.MatchNewArguments(*wanted);
    }
    for (const auto& [wanted, existing] : pairs) {
      if (existing == nullptr) {
        Change add = Make(ChangeKind::kAddRoutine);
        add.routine_after = *wanted;
        const bool tables_call_it = MentionsSqlName(table_expressions, wanted->name);
        (tables_call_it ? out_.before_tables : out_.after_tables).push_back(std::move(add));
        continue;
      }
      model::Routine base = *existing;
      if (base.name != wanted->name) {
        out_.disturbed_routines.insert({ns_, existing->name});
        base.name = wanted->name;
        Change rename = Make(ChangeKind::kRenameRoutine);
        rename.routine_before = *existing;
        rename.routine_after = base;
        out_.after_tables.push_back(std::move(rename));
      }
      if (model::DefinitionsMatch(base, *wanted)) continue;
      if (!model::SameRoutineShape(base, *wanted)) out_.disturbed_routines.insert({ns_, wanted->name});
      Change replace = Make(ChangeKind::kReplaceRoutine);
      replace.routine_before = base;
      // A definer the schema does not name stays the live one (MySQL): recreated by the deploying
      // account, a SQL SECURITY DEFINER routine would silently run with that account's rights.
      replace.routine_after = *wanted;
      if (replace.routine_after->definer.empty()) replace.routine_after->definer = base.definer;
      out_.after_tables.push_back(std::move(replace));
    }
    for (const auto& existing : current_.routines) {
      if (matcher.Claimed(existing)) continue;
      out_.disturbed_routines.insert({ns_, existing.name});
      Change drop = Make(ChangeKind::kDropRoutine);
      drop.routine_before = existing;
      out_.last.push_back(std::move(drop));
    }
  }

  const std::string& ns_;
  const model::Namespace& current_;
  const model::Namespace& desired_;
  RoutineSequenceChanges& out_;
};

}  // namespace

RoutineSequenceChanges DiffRoutinesAndSequences(const model::Schema& current, const model::Schema& desired,
                                                const std::vector<std::string>& namespaces) {
  RoutineSequenceChanges out;
  const model::Namespace empty;
  for (const std::string& ns : namespaces) {
    const model::Namespace* current_ns = current.FindNamespace(ns);
    const model::Namespace* desired_ns = desired.FindNamespace(ns);
    NamespaceWalk(ns, current_ns ? *current_ns : empty, desired_ns ? *desired_ns : empty, out).Run();
  }
  return out;
}

}  // namespace schemac::compiler
