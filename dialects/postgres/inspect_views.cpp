#include "dialects/postgres/inspect_views.hpp"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "dialects/postgres/view_trigger_text.hpp"

namespace schemac::dialects::postgres {
namespace {

using Row = std::vector<std::optional<std::string>>;

std::string Text(const Row& row, std::size_t column) { return row[column] ? *row[column] : std::string(); }

nlohmann::json Json(const Row& row, std::size_t column) {
  if (!row[column]) return nlohmann::json::array();
  nlohmann::json parsed = nlohmann::json::parse(*row[column], nullptr, /*allow_exceptions=*/false);
  return parsed.is_array() ? parsed : nlohmann::json::array();
}

std::vector<std::string> JsonStrings(const Row& row, std::size_t column) {
  std::vector<std::string> values;
  for (const auto& item : Json(row, column)) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
  return values;
}

int Integer(const Row& row, std::size_t column) {
  const std::string text = Text(row, column);
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

// pg_get_viewdef(..., true): the pretty form, the one a person reads in the printed schema too.
constexpr const char* kViewsQuery = R"(
SELECT s.model_ns, c.relname, c.relkind, pg_get_viewdef(c.oid, true), array_to_json(c.reloptions),
       (SELECT json_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
       c.oid
FROM pg_class c JOIN scope s ON s.nsp = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND c.relname NOT LIKE 'schemac\_%'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
ORDER BY s.ns_order, c.relname)";

// Indexes of materialized views, one row each; the keys as a JSON array of
// [expression or null, column or null, descending, nulls first], INCLUDE columns after the keys.
constexpr const char* kMaterializedViewIndexesQuery = R"(
SELECT c.oid, ic.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid), i.indnkeyatts,
       (SELECT json_agg(json_build_array(
                  CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k.n, true) END, a.attname,
                  k.n <= i.indnkeyatts AND (i.indoption[k.n - 1]::int & 1) <> 0,
                  k.n <= i.indnkeyatts AND (i.indoption[k.n - 1]::int & 2) <> 0) ORDER BY k.n)
        FROM generate_series(1, i.indnatts) k(n)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1])
FROM pg_class c JOIN scope s ON s.nsp = c.relnamespace
JOIN pg_index i ON i.indrelid = c.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE c.relkind = 'm' AND c.relname NOT LIKE 'schemac\_%'
ORDER BY c.oid, ic.relname)";

// Triggers on the managed tables and on the views in scope; internal ones (foreign keys') left out.
constexpr const char* kTriggersQuery = R"(
SELECT s.model_ns, tg.tgname, c.relname, tg.tgtype, pg_get_triggerdef(tg.oid, true),
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(tg.tgattr::int2[]) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = tg.tgrelid AND a.attnum = k.attnum),
       CASE WHEN tg.tgconstraint <> 0 THEN 'a constraint trigger'
            WHEN tg.tgoldtable IS NOT NULL OR tg.tgnewtable IS NOT NULL THEN 'a trigger with transition tables'
       END
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN scope s ON s.nsp = c.relnamespace
WHERE NOT tg.tgisinternal AND (c.oid IN (SELECT relid FROM tabs) OR (c.relkind = 'v' AND c.relname NOT LIKE 'schemac\_%'))
ORDER BY s.ns_order, tg.tgname, c.relname)";

model::Index MaterializedViewIndex(const Row& row) {
  model::Index index;
  index.name = Text(row, 1);
  index.unique = Text(row, 2) == "t";
  index.method = Text(row, 3);
  index.where = Text(row, 4);
  const int key_count = Integer(row, 5);
  int position = 0;
  for (const auto& key_json : Json(row, 6)) {
    ++position;
    if (!key_json.is_array() || key_json.size() != 4) continue;
    const std::string expression = key_json[0].is_string() ? key_json[0].get<std::string>() : "";
    const std::string column = key_json[1].is_string() ? key_json[1].get<std::string>() : "";
    if (position > key_count) {
      index.include.push_back(column.empty() ? expression : column);
      continue;
    }
    model::IndexKey key;
    if (expression.empty()) {
      key.column = column;
    } else {
      key.expression = expression;
    }
    key.descending = key_json[2].is_boolean() && key_json[2].get<bool>();
    const bool nulls_first = key_json[3].is_boolean() && key_json[3].get<bool>();
    // PostgreSQL's defaults: NULLS LAST ascending, NULLS FIRST descending.
    if (!key.descending && nulls_first) key.nulls = model::NullsOrder::First;
    if (key.descending && !nulls_first) key.nulls = model::NullsOrder::Last;
    index.keys.push_back(std::move(key));
  }
  return index;
}

}  // namespace

Status InspectViewsAndTriggers(const CatalogQuery& run, model::Schema& schema) {
  auto views = run(kViewsQuery, "views");
  if (!views.ok()) return views.status();
  // Materialized views by oid, as (namespace name, position): filled in once all are in place.
  std::map<std::string, std::pair<std::string, std::size_t>> materialized;
  for (const Row& row : *views) {
    model::View view;
    view.name = Text(row, 1);
    view.materialized = Text(row, 2) == "m";
    // pg_get_viewdef names each result column itself (an alias where the view's column list
    // renamed one), so the column list would only repeat it: the model keeps none.
    view.query = TrimViewQuery(Text(row, 3));
    view.result_columns = JsonStrings(row, 5);
    const std::string ns = Text(row, 0);
    for (const std::string& option : ApplyViewOptions(JsonStrings(row, 4), view)) {
      schema.unmanaged.push_back(model::UnmanagedObject{
          "view option", ns, view.name,
          option + ": not expressible in the schemac model; a plan that replaces the view drops it"});
    }
    model::Namespace& target = schema.GetOrAddNamespace(ns);
    target.views.push_back(std::move(view));
    if (target.views.back().materialized) materialized[Text(row, 6)] = {ns, target.views.size() - 1};
  }

  if (!materialized.empty()) {
    auto indexes = run(kMaterializedViewIndexesQuery, "materialized view indexes");
    if (!indexes.ok()) return indexes.status();
    for (const Row& row : *indexes) {
      auto owner = materialized.find(Text(row, 0));
      if (owner == materialized.end()) continue;
      schema.GetOrAddNamespace(owner->second.first)
          .views[owner->second.second]
          .indexes.push_back(MaterializedViewIndex(row));
    }
  }

  auto triggers = run(kTriggersQuery, "triggers");
  if (!triggers.ok()) return triggers.status();
  for (const Row& row : *triggers) {
    const std::string ns = Text(row, 0);
    const std::string name = Text(row, 1);
    const std::string table = Text(row, 2);
    const std::string definition = Text(row, 4);
    std::string why_unmanaged = Text(row, 6);
    model::Namespace& target = schema.GetOrAddNamespace(ns);
    if (why_unmanaged.empty() && target.FindTrigger(name) != nullptr)
      why_unmanaged = "a second trigger of this name (schemac names triggers per schema, not per table)";
    if (!why_unmanaged.empty()) {
      schema.unmanaged.push_back(
          model::UnmanagedObject{"trigger", ns, name, "on " + table + ": " + why_unmanaged});
      continue;
    }
    Result<TriggerCall> call = ParseTriggerDefinition(definition);
    if (!call.ok()) return call.status().WithContext("inspecting trigger " + name + " on " + table);
    model::Trigger trigger;
    trigger.name = name;
    trigger.table = table;
    const int tgtype = Integer(row, 3);
    trigger.timing = TriggerTimingFromType(tgtype);
    trigger.events = TriggerEventsFromType(tgtype);
    trigger.for_each_row = TriggerForEachRowFromType(tgtype);
    trigger.update_columns = JsonStrings(row, 5);
    trigger.when = call->when;
    trigger.function = call->function;
    trigger.arguments = call->arguments;
    target.triggers.push_back(std::move(trigger));
  }
  return Status::Ok();
}

}  // namespace schemac::dialects::postgres
