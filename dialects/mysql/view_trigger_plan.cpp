#include "dialects/mysql/view_trigger_plan.hpp"

#include "dialects/mysql/render.hpp"
#include "dialects/mysql/strategies.hpp"
#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {
namespace {

std::string ViewExistsCondition(const std::string& view) {
  return "EXISTS (SELECT 1 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " +
         QuoteString(view) + ")";
}

std::string TriggerExistsCondition(const std::string& trigger) {
  return "EXISTS (SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND "
         "TRIGGER_NAME = " +
         QuoteString(trigger) + ")";
}

PlanStep NewStep(std::string description, std::string strategy, const PlanContext& context) {
  PlanStep step;
  step.description = std::move(description);
  step.strategy = std::move(strategy);
  step.change_index = context.change_index;
  step.up.transactional = false;  // MySQL commits every DDL statement implicitly
  step.lock = "exclusive metadata lock (brief)";
  return step;
}

bool SameFiring(const model::Trigger& a, const model::Trigger& b) {
  return a.table == b.table && a.timing == b.timing && a.events == b.events;
}

// Where a new trigger goes among the triggers of the same table, timing and event: the desired
// schema declares them in firing order, and MySQL puts a trigger created without FOLLOWS /
// PRECEDES last. Returns {"FOLLOWS"|"PRECEDES", name} of a neighbour that exists when it runs.
std::pair<std::string, std::string> Placement(const model::Trigger& trigger, const PlanContext& context) {
  const model::Namespace* desired = context.desired.FindNamespace("");
  const model::Namespace* current = context.current.FindNamespace("");
  if (!desired || !current) return {};
  std::vector<const model::Trigger*> siblings;
  for (const auto& other : desired->triggers) {
    if (SameFiring(other, trigger)) siblings.push_back(&other);
  }
  size_t self = siblings.size();
  for (size_t i = 0; i < siblings.size(); ++i) {
    if (siblings[i]->name == trigger.name) self = i;
  }
  if (self == siblings.size()) return {};
  auto exists = [&](const model::Trigger* other) {
    const model::Trigger* live = current->FindTrigger(other->name);
    return live && live->name != trigger.name && SameFiring(*live, trigger);
  };
  for (size_t i = self; i-- > 0;) {
    if (exists(siblings[i])) return {"FOLLOWS", siblings[i]->name};
  }
  for (size_t i = self + 1; i < siblings.size(); ++i) {
    if (exists(siblings[i])) return {"PRECEDES", siblings[i]->name};
  }
  return {};
}

}  // namespace

std::vector<PlanStep> PlanViewChange(const Change& change, const PlanContext& context) {
  const model::View* before = change.view_before ? &*change.view_before : nullptr;
  const model::View* after = change.view_after ? &*change.view_after : nullptr;
  std::vector<PlanStep> steps;
  if (before && after && before->name != after->name) {
    PlanStep rename = NewStep("rename view " + before->name + " to " + after->name, "rename", context);
    rename.up.statements.push_back(RenderRenameView(before->name, after->name));
    model::View renamed = *before;
    renamed.name = after->name;
    // Renamed and redefined: the new definition replaces the renamed view in the same step.
    if (renamed != *after) rename.up.statements.push_back(RenderCreateView(*after, true));
    rename.precondition_probe =
        ProbeQuery({ViewExistsCondition(after->name), "NOT " + ViewExistsCondition(before->name)});
    steps.push_back(std::move(rename));
    return steps;
  }
  if (before && after) {
    PlanStep replace = NewStep("replace view " + after->name, "replace", context);
    replace.up.statements.push_back(RenderCreateView(*after, true));
    steps.push_back(std::move(replace));
    return steps;
  }
  if (after) {
    PlanStep create = NewStep("create view " + after->name, "create", context);
    create.up.statements.push_back(RenderCreateView(*after, false));
    create.precondition_probe = ProbeQuery({ViewExistsCondition(after->name)});
    steps.push_back(std::move(create));
    return steps;
  }
  PlanStep drop = NewStep("drop view " + before->name, "drop", context);
  drop.up.statements.push_back(RenderDropView(before->name));
  drop.precondition_probe = ProbeQuery({"NOT " + ViewExistsCondition(before->name)});
  steps.push_back(std::move(drop));
  return steps;
}

std::vector<PlanStep> PlanTriggerChange(const Change& change, const PlanContext& context) {
  const model::Trigger* before = change.trigger_before ? &*change.trigger_before : nullptr;
  const model::Trigger* after = change.trigger_after ? &*change.trigger_after : nullptr;
  std::string description;
  if (before && after && before->name != after->name)
    description = "rename trigger " + before->name + " to " + after->name;
  else if (before && after)
    description = "replace trigger " + after->name;
  else if (after)
    description = "create trigger " + after->name;
  else
    description = "drop trigger " + before->name;
  PlanStep step = NewStep(description, after ? (before ? "replace" : "create") : "drop", context);
  if (before && after) {
    // IF EXISTS: an apply interrupted between the DROP and the CREATE resumes by running both again.
    step.up.statements.push_back(RenderDropTriggerIfExists(before->name));
  } else if (before) {
    step.up.statements.push_back(RenderDropTrigger(before->name));
  }
  if (after) {
    auto [keyword, neighbour] = Placement(*after, context);
    std::string sql = RenderCreateTrigger(*after, keyword, neighbour);
    step.up.statements.push_back(std::move(sql));
  }
  if (before && after) {
    // MySQL has no ALTER TRIGGER, and DDL commits: writes between the two statements do not fire it.
    step.lock =
        "exclusive metadata lock (brief); no ALTER TRIGGER in MySQL, so the trigger is dropped and "
        "created, and writes in between do not fire it";
  }
  if (after)
    step.precondition_probe = ProbeQuery({TriggerExistsCondition(after->name)});
  else
    step.precondition_probe = ProbeQuery({"NOT " + TriggerExistsCondition(before->name)});
  if (before && after && before->name == after->name)
    step.precondition_probe.clear();  // same name: unknowable
  return {step};
}

}  // namespace schemac::dialects::mysql
