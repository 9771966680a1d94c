#include "compiler/diff_views.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "compiler/sql_names.hpp"

namespace schemac::compiler {
namespace {

// Names of tables and views of `ns` that `sql` mentions (each once).
std::vector<std::string> RelationsIn(const std::string& sql, const model::Namespace& ns) {
  std::vector<std::string> found;
  auto add = [&](const std::string& name) {
    if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
  };
  for (const std::string& word : SqlNames(sql)) {
    for (const auto& table : ns.tables) {
      if (SameSqlName(word, table.name)) add(table.name);
    }
    for (const auto& view : ns.views) {
      if (SameSqlName(word, view.name)) add(view.name);
    }
  }
  return found;
}

std::vector<std::string> TriggerRelations(const model::Trigger& trigger, const model::Namespace& ns) {
  std::vector<std::string> found = RelationsIn(trigger.when + "\n" + trigger.body, ns);
  if (std::find(found.begin(), found.end(), trigger.table) == found.end()) found.push_back(trigger.table);
  return found;
}

// Views of `views` in dependency order: each after the views of the list it reads. A cycle (which
// no database accepts) keeps the declaration order for its members.
std::vector<std::size_t> DependencyOrder(const std::vector<model::View>& views, const model::Namespace& ns) {
  std::vector<std::vector<std::size_t>> reads(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    for (const std::string& name : RelationsIn(views[i].query, ns)) {
      for (std::size_t j = 0; j < views.size(); ++j) {
        if (j != i && views[j].name == name) reads[i].push_back(j);
      }
    }
  }
  std::vector<int> state(views.size(), 0);  // 0 new, 1 visiting, 2 done
  std::vector<std::size_t> order;
  auto visit = [&](auto& self, std::size_t i) -> void {
    if (state[i] != 0) return;
    state[i] = 1;
    for (std::size_t j : reads[i]) self(self, j);
    state[i] = 2;
    order.push_back(i);
  };
  for (std::size_t i = 0; i < views.size(); ++i) visit(visit, i);
  return order;
}

// Which current object (by name) each desired one continues: the same name, or a renamed_from
// hint naming a current object no other desired one claims.
template <typename T>
std::map<std::string, const T*> MatchCurrent(const std::vector<T>& current, const std::vector<T>& desired) {
  std::map<std::string, const T*> match;  // desired name -> current object
  std::vector<std::string> claimed;
  auto find = [&](const std::string& name) -> const T* {
    for (const auto& item : current) {
      if (item.name == name) return &item;
    }
    return nullptr;
  };
  for (const auto& wanted : desired) {
    if (const T* same = find(wanted.name)) {
      match[wanted.name] = same;
      claimed.push_back(wanted.name);
    }
  }
  for (const auto& wanted : desired) {
    if (match.count(wanted.name)) continue;
    for (const auto& old_name : wanted.renamed_from) {
      const T* old_item = find(old_name);
      const bool desired_keeps_it =
          std::any_of(desired.begin(), desired.end(), [&](const T& d) { return d.name == old_name; });
      if (!old_item || desired_keeps_it ||
          std::find(claimed.begin(), claimed.end(), old_name) != claimed.end())
        continue;
      match[wanted.name] = old_item;
      claimed.push_back(old_name);
      break;
    }
  }
  return match;
}

// The current `a` is what the desired `b` asks for but for the name (and rename hints, which
// equality leaves out).
template <typename T>
bool SameButName(T a, const T& b) {
  a.name = b.name;
  return model::DefinitionsMatch(a, b);
}

// `wanted` created again in place of `live`: a definer the schema does not name stays the live
// one (MySQL), since recreated by the deploying account a view or trigger would silently run
// with that account's rights.
template <typename T>
T KeepingDefiner(T wanted, const T& live) {
  if (wanted.definer.empty()) wanted.definer = live.definer;
  return wanted;
}

bool SameFiring(const model::Trigger& a, const model::Trigger& b) {
  return a.table == b.table && a.timing == b.timing && a.events == b.events;
}

// Positions of `sequence` that form a longest strictly increasing subsequence of its values.
std::set<std::size_t> LongestIncreasing(const std::vector<std::size_t>& sequence) {
  std::vector<std::size_t> length(sequence.size(), 1);
  std::vector<std::size_t> previous(sequence.size(), sequence.size());
  std::size_t best = 0;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (sequence[j] < sequence[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
    if (length[i] > length[best]) best = i;
  }
  std::set<std::size_t> kept;
  for (std::size_t i = best; i < sequence.size(); i = previous[i]) kept.insert(i);
  return kept;
}

// The current view stays what its readers see: the same definition and name, its indexes (of a
// materialized view) aside, which no query that reads it depends on.
bool SameButIndexes(model::View current, const model::View& wanted) {
  current.indexes = wanted.indexes;
  return model::DefinitionsMatch(current, wanted);
}

class NamespaceWalk {
 public:
  NamespaceWalk(const std::string& ns, const model::Namespace& current, const model::Namespace& desired,
                const std::set<std::pair<std::string, std::string>>& disturbed_tables,
                const std::set<std::pair<std::string, std::string>>& disturbed_routines,
                bool triggers_fire_in_declared_order)
      : ns_(ns),
        current_(current),
        desired_(desired),
        disturbed_tables_(disturbed_tables),
        disturbed_routines_(disturbed_routines),
        triggers_fire_in_declared_order_(triggers_fire_in_declared_order) {}

  void Run(ViewTriggerChanges& out) {
    const auto view_match = MatchCurrent(current_.views, desired_.views);
    const auto trigger_match = MatchCurrent(current_.triggers, desired_.triggers);
    std::map<std::string, const model::View*> view_target;  // current name -> desired, or absent
    for (const auto& wanted : desired_.views) {
      auto found = view_match.find(wanted.name);
      if (found != view_match.end()) view_target[found->second->name] = &wanted;
    }
    std::map<std::string, const model::Trigger*> trigger_target;
    for (const auto& wanted : desired_.triggers) {
      auto found = trigger_match.find(wanted.name);
      if (found != trigger_match.end()) trigger_target[found->second->name] = &wanted;
    }

    // Views that go away in their current form (dropped, renamed, replaced, disturbed), to a
    // fixed point: a view reading such a view is disturbed too.
    std::set<std::string> going;
    std::set<std::string> disturbed;
    for (const auto& view : current_.views) {
      auto target = view_target.find(view.name);
      if (target == view_target.end() || !SameButIndexes(view, *target->second)) going.insert(view.name);
    }
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& view : current_.views) {
        if (disturbed.count(view.name) ||
            (!Disturbs(RelationsIn(view.query, current_), going) && !CallsDisturbedRoutine(view.query)))
          continue;
        disturbed.insert(view.name);
        going.insert(view.name);
        grew = true;
      }
    }

    // Early: triggers, then views in reverse dependency order.
    std::set<std::string> triggers_recreated;
    for (const auto& trigger : current_.triggers) {
      auto target = trigger_target.find(trigger.name);
      const bool kept = target != trigger_target.end();
      const bool trigger_disturbed = Disturbs(TriggerRelations(trigger, current_), going) ||
                                     ExecutesDisturbedRoutine(trigger) ||
                                     CallsDisturbedRoutine(trigger.when + "\n" + trigger.body);
      // Kept, renamed only, or replaced under its name: done late, in one change.
      const bool late_only = kept && !trigger_disturbed &&
                             (SameButName(trigger, *target->second) || trigger.name == target->second->name);
      if (late_only) continue;
      if (kept) triggers_recreated.insert(target->second->name);
      out.early.push_back(Drop(trigger));
    }
    std::set<std::string> views_recreated;
    const std::vector<std::size_t> current_order = DependencyOrder(current_.views, current_);
    for (auto it = current_order.rbegin(); it != current_order.rend(); ++it) {
      const model::View& view = current_.views[*it];
      auto target = view_target.find(view.name);
      const bool kept = target != view_target.end();
      if (kept && !disturbed.count(view.name) && SameButName(view, *target->second))
        continue;  // as is, or renamed
      if (kept && !disturbed.count(view.name) && view.name == target->second->name)
        continue;  // replaced late
      if (kept) views_recreated.insert(target->second->name);
      out.early.push_back(Drop(view));
    }

    // Late: views in dependency order, then triggers.
    for (std::size_t index : DependencyOrder(desired_.views, desired_)) {
      const model::View& wanted = desired_.views[index];
      auto found = view_match.find(wanted.name);
      if (found == view_match.end()) {
        out.late.push_back(Add(wanted));
        continue;
      }
      const model::View& existing = *found->second;
      if (views_recreated.count(wanted.name)) {
        out.late.push_back(Add(KeepingDefiner(wanted, existing)));
        continue;
      }
      if (model::DefinitionsMatch(existing, wanted)) continue;
      Change change;
      change.ns = ns_;
      change.view_before = existing;
      change.view_after = KeepingDefiner(wanted, existing);
      change.kind = existing.name != wanted.name ? ChangeKind::kRenameView : ChangeKind::kReplaceView;
      out.late.push_back(std::move(change));
    }
    const std::set<std::string> out_of_order = OutOfOrder(trigger_match, triggers_recreated);
    for (const auto& wanted : desired_.triggers) {
      auto found = trigger_match.find(wanted.name);
      if (found == trigger_match.end()) {
        out.late.push_back(Add(wanted));
        continue;
      }
      const model::Trigger& existing = *found->second;
      if (triggers_recreated.count(wanted.name)) {
        out.late.push_back(Add(KeepingDefiner(wanted, existing)));
        continue;
      }
      if (model::DefinitionsMatch(existing, wanted) && !out_of_order.count(wanted.name)) continue;
      Change change;
      change.ns = ns_;
      change.trigger_before = existing;
      change.trigger_after = KeepingDefiner(wanted, existing);
      change.kind = existing.name != wanted.name ? ChangeKind::kRenameTrigger : ChangeKind::kReplaceTrigger;
      out.late.push_back(std::move(change));
    }
  }

 private:
  // Triggers the plan otherwise leaves as they are that fire out of the declared order among the
  // triggers of their table, timing and event (where the dialect keeps an order): the fewest of
  // them, replaced (dropped and created in place), put every sibling in order, since the rest
  // keep their relative order. Current triggers are listed in firing order (inspect).
  std::set<std::string> OutOfOrder(const std::map<std::string, const model::Trigger*>& trigger_match,
                                   const std::set<std::string>& recreated) const {
    std::set<std::string> out_of_order;
    if (!triggers_fire_in_declared_order_) return out_of_order;
    struct Sibling {
      std::string name;
      std::size_t firing;  // position among the current triggers
    };
    std::vector<std::pair<const model::Trigger*, std::vector<Sibling>>> groups;
    for (const auto& wanted : desired_.triggers) {
      auto found = trigger_match.find(wanted.name);
      // Created, recreated, renamed or replaced anyway: placed where declared when created.
      if (found == trigger_match.end() || recreated.count(wanted.name) ||
          !model::DefinitionsMatch(*found->second, wanted))
        continue;
      const auto firing = static_cast<std::size_t>(found->second - current_.triggers.data());
      auto group = std::find_if(groups.begin(), groups.end(),
                                [&](const auto& g) { return SameFiring(*g.first, wanted); });
      if (group == groups.end()) group = groups.insert(groups.end(), {&wanted, {}});
      group->second.push_back({wanted.name, firing});
    }
    for (const auto& [first, siblings] : groups) {
      std::vector<std::size_t> firing;
      for (const Sibling& sibling : siblings) firing.push_back(sibling.firing);
      const std::set<std::size_t> in_order = LongestIncreasing(firing);
      for (std::size_t i = 0; i < siblings.size(); ++i) {
        if (!in_order.count(i)) out_of_order.insert(siblings[i].name);
      }
    }
    return out_of_order;
  }

  bool Disturbs(const std::vector<std::string>& relations, const std::set<std::string>& going_views) const {
    for (const std::string& name : relations) {
      if (going_views.count(name) || disturbed_tables_.count({ns_, name})) return true;
    }
    return false;
  }

  bool CallsDisturbedRoutine(const std::string& sql) const {
    for (const auto& [ns, name] : disturbed_routines_) {
      if (ns == ns_ && MentionsSqlName(sql, name)) return true;
    }
    return false;
  }

  // `function` is "name" or "namespace.name", as written or as the server prints it.
  bool ExecutesDisturbedRoutine(const model::Trigger& trigger) const {
    if (trigger.function.empty()) return false;
    const std::size_t dot = trigger.function.rfind('.');
    const std::string name = dot == std::string::npos ? trigger.function : trigger.function.substr(dot + 1);
    const std::string qualifier = dot == std::string::npos ? "" : trigger.function.substr(0, dot);
    for (const auto& [ns, routine] : disturbed_routines_) {
      if (!SameSqlName(routine, name)) continue;
      if (qualifier.empty() || SameSqlName(qualifier, ns) || ns == ns_) return true;
    }
    return false;
  }

  Change Drop(const model::View& view) const {
    Change change;
    change.kind = ChangeKind::kDropView;
    change.ns = ns_;
    change.view_before = view;
    return change;
  }
  Change Add(const model::View& view) const {
    Change change;
    change.kind = ChangeKind::kAddView;
    change.ns = ns_;
    change.view_after = view;
    return change;
  }
  Change Drop(const model::Trigger& trigger) const {
    Change change;
    change.kind = ChangeKind::kDropTrigger;
    change.ns = ns_;
    change.trigger_before = trigger;
    return change;
  }
  Change Add(const model::Trigger& trigger) const {
    Change change;
    change.kind = ChangeKind::kAddTrigger;
    change.ns = ns_;
    change.trigger_after = trigger;
    return change;
  }

  const std::string& ns_;
  const model::Namespace& current_;
  const model::Namespace& desired_;
  const std::set<std::pair<std::string, std::string>>& disturbed_tables_;
  const std::set<std::pair<std::string, std::string>>& disturbed_routines_;
  const bool triggers_fire_in_declared_order_;
};

}  // namespace

ViewTriggerChanges DiffViewsAndTriggers(
    const model::Schema& current, const model::Schema& desired, const std::vector<std::string>& namespaces,
    const std::set<std::pair<std::string, std::string>>& disturbed_tables,
    const std::set<std::pair<std::string, std::string>>& disturbed_routines,
    bool triggers_fire_in_declared_order) {
  ViewTriggerChanges out;
  const model::Namespace empty;
  for (const std::string& ns : namespaces) {
    const model::Namespace* current_ns = current.FindNamespace(ns);
    const model::Namespace* desired_ns = desired.FindNamespace(ns);
    NamespaceWalk(ns, current_ns ? *current_ns : empty, desired_ns ? *desired_ns : empty, disturbed_tables,
                  disturbed_routines, triggers_fire_in_declared_order)
        .Run(out);
  }
  return out;
}

}  // namespace schemac::compiler
