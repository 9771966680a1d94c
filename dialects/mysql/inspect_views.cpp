#include "dialects/mysql/inspect_views.hpp"

#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {
namespace {

std::string Text(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }

Result<model::TriggerEvent> EventOf(const std::string& text) {
  if (text == "INSERT") return model::TriggerEvent::Insert;
  if (text == "UPDATE") return model::TriggerEvent::Update;
  if (text == "DELETE") return model::TriggerEvent::Delete;
  return Status(StatusCode::kUnsupported, "unknown trigger event " + text);
}

// `_t_ins`, `_t_upd`, `_t_del` on table t: the capture triggers of an online shadow-table swap
// (shadow_swap.cpp), which the swap's rerun continues or abandons; a plan must not drop them.
bool IsSwapCaptureTrigger(const std::string& name, const std::string& table) {
  for (const char* suffix : {"_ins", "_upd", "_del"}) {
    if (name == "_" + table + suffix) return true;
  }
  return false;
}

}  // namespace

Status InspectViewsAndTriggers(const QueryFunction& query, bool algorithm_column, model::Schema& schema) {
  model::Namespace& ns = schema.GetOrAddNamespace("");
  auto views =
      query(std::string("SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, DATABASE(), ") +
            (algorithm_column ? "ALGORITHM" : "'UNDEFINED'") +
            ", DEFINER FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  if (!views.ok()) return views.status().WithContext("inspecting views");
  for (const Row& row : *views) {
    model::View view;
    view.name = Text(row, 0);
    view.query = StripDatabaseQualifier(Text(row, 1), Text(row, 4));
    const std::string check = Text(row, 2);
    if (check == "CASCADED") view.check_option = model::ViewCheckOption::Cascaded;
    if (check == "LOCAL") view.check_option = model::ViewCheckOption::Local;
    view.security = Text(row, 3) == "INVOKER" ? model::ViewSecurity::Invoker : model::ViewSecurity::Definer;
    if (Text(row, 5) == "MERGE") view.algorithm = model::ViewAlgorithm::Merge;
    if (Text(row, 5) == "TEMPTABLE") view.algorithm = model::ViewAlgorithm::TempTable;
    view.definer = Text(row, 6);
    ns.views.push_back(std::move(view));
  }

  auto triggers = query(
      "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, "
      "ACTION_ORIENTATION, DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
      "ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER");
  if (!triggers.ok()) return triggers.status().WithContext("inspecting triggers");
  for (const Row& row : *triggers) {
    if (IsSwapCaptureTrigger(Text(row, 0), Text(row, 1))) {
      schema.unmanaged.push_back(
          {"trigger", "", Text(row, 0),
           "a capture trigger of an online shadow-table swap of table " + Text(row, 1)});
      continue;
    }
    model::Trigger trigger;
    trigger.name = Text(row, 0);
    trigger.table = Text(row, 1);
    trigger.timing = Text(row, 2) == "BEFORE" ? model::TriggerTiming::Before : model::TriggerTiming::After;
    Result<model::TriggerEvent> event = EventOf(Text(row, 3));
    if (!event.ok()) return event.status().WithContext("inspecting trigger " + trigger.name);
    trigger.events.push_back(*event);
    trigger.for_each_row = Text(row, 5) != "STATEMENT";
    trigger.body = Text(row, 4);
    trigger.definer = Text(row, 6);
    ns.triggers.push_back(std::move(trigger));
  }
  return Status::Ok();
}

}  // namespace schemac::dialects::mysql
