#include "dialects/postgres/spell_as_server.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dialects/postgres/inspect_routines.hpp"
#include "dialects/postgres/render.hpp"
#include "dialects/postgres/view_trigger_text.hpp"

namespace schemac::dialects::postgres {
namespace {

// Scratch names: schemac_* relations are never inspected, and the savepoint takes them back.
constexpr const char* kScratchView = "schemac_spelling_view";
constexpr const char* kScratchTrigger = "schemac_spelling_trigger";
constexpr const char* kScratchRoutine = "schemac_spelling_routine";
constexpr const char* kScratchRelation = "schemac_spelling_relation";  // in pg_temp

// Refusals that mean "not yet" (a missing table, column or function) keep the text; anything that
// says the database cannot be asked at all is the caller's to see.
bool IsRefusal(const Status& status) { return status.code() == StatusCode::kDatabaseError; }

// Runs `attempt` in a savepoint, kept when the attempt succeeds and `keep` says so, else rolled
// back. True when the attempt succeeded; an error only when it failed other than by a refusal.
template <typename Attempt>
Result<bool> InSavepoint(Connection& connection, bool keep, Attempt attempt) {
  if (Status opened = connection.Execute("SAVEPOINT schemac_spell_one"); !opened.ok()) return opened;
  Status attempted = attempt();
  if (attempted.ok() && keep) {
    if (Status released = connection.Execute("RELEASE SAVEPOINT schemac_spell_one"); !released.ok())
      return released;
    return true;
  }
  Status undone =
      connection.Execute("ROLLBACK TO SAVEPOINT schemac_spell_one; RELEASE SAVEPOINT schemac_spell_one");
  if (!undone.ok()) return undone;
  if (!attempted.ok() && !IsRefusal(attempted)) return attempted;
  return attempted.ok();
}

Result<std::optional<std::string>> SingleValue(Connection& connection, const std::string& sql) {
  auto rows = connection.Query(sql);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().empty()) return std::optional<std::string>();
  return rows->front().front();
}

std::vector<std::string> JsonStrings(const std::optional<std::string>& text) {
  std::vector<std::string> values;
  if (!text) return values;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return values;
  for (const auto& item : parsed) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
  return values;
}

// What the catalog says of the view just created as `scratch`: its query and result columns.
Status ReadBackView(Connection& connection, const std::string& ns, const std::string& scratch,
                    model::View& view) {
  const std::string regclass = QuoteLiteral(QualifiedName(ns, scratch)) + "::regclass";
  auto rows = connection.Query(
      "SELECT pg_get_viewdef(" + regclass +
      ", true), (SELECT json_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) "
      "ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = " +
      regclass + " AND a.attnum > 0 AND NOT a.attisdropped)");
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().size() < 2 || !rows->front()[0])
    return Status(StatusCode::kDatabaseError, "the view just created is not in the catalog");
  view.query = TrimViewQuery(*rows->front()[0]);
  // pg_get_viewdef names every result column (an alias where the list renamed one): the list
  // would only repeat it, and the inspection keeps none.
  view.columns.clear();
  view.result_columns = JsonStrings(rows->front()[1]);
  return Status::Ok();
}

// Views of `ns` in dependency order, found by trying: each round creates every view whose
// relations exist by now; a round that creates none ends it.
Status SpellViews(Connection& connection, const std::string& ns, std::vector<model::View>& views) {
  std::vector<model::View*> pending;
  for (auto& view : views) pending.push_back(&view);
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    std::vector<model::View*> still_pending;
    for (model::View* view : pending) {
      auto exists = SingleValue(
          connection, "SELECT to_regclass(" + QuoteLiteral(QualifiedName(ns, view->name)) + ") IS NOT NULL");
      if (!exists.ok()) return exists.status();
      const bool is_new = *exists && **exists == "f";
      // A plain view, whatever the declaration: the query prints the same, and a materialized
      // one would run it. Options do not change the text, and a check option would refuse a
      // query that the real CREATE will report itself.
      model::View probe = *view;
      probe.name = is_new ? view->name : kScratchView;
      probe.materialized = false;
      probe.check_option = model::ViewCheckOption::None;
      probe.security = model::ViewSecurity::Default;
      model::View spelled = *view;
      Result<bool> created = InSavepoint(connection, is_new, [&]() -> Status {
        if (Status status = connection.Execute(RenderCreateView(ns, probe, false)); !status.ok())
          return status;
        return ReadBackView(connection, ns, probe.name, spelled);
      });
      if (!created.ok()) return created.status().WithContext("spelling view " + view->name);
      if (*created) {
        *view = std::move(spelled);
        progress = true;
      } else {
        still_pending.push_back(view);
      }
    }
    pending = std::move(still_pending);
  }
  return Status::Ok();
}

// A temporary stand-in for the trigger's table (CREATE TEMP TABLE ... (LIKE ...): the same columns
// and types) or view (a temporary view over it), for the probe trigger to go on. CREATE TRIGGER on
// the relation itself would take SHARE ROW EXCLUSIVE on it and hold it until the spelling
// transaction ends, blocking every write to a live table while `plan` runs; LIKE and a view over
// it take ACCESS SHARE only. The WHEN condition and the call print the same on either.
Status CreateStandIn(Connection& connection, const std::string& ns, const std::string& relation) {
  const std::string name = QualifiedName(ns, relation);
  auto kind = SingleValue(
      connection, "SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass(" + QuoteLiteral(name) + ")");
  if (!kind.ok()) return kind.status();
  if (!*kind) return Status(StatusCode::kDatabaseError, "relation " + name + " does not exist yet");
  const std::string stand_in = std::string("pg_temp.") + kScratchRelation;
  if (**kind == "v") return connection.Execute("CREATE TEMP VIEW " + stand_in + " AS SELECT * FROM " + name);
  return connection.Execute("CREATE TEMP TABLE " + stand_in + " (LIKE " + name + " INCLUDING GENERATED)");
}

Status SpellTriggers(Connection& connection, const std::string& ns, std::vector<model::Trigger>& triggers) {
  for (auto& trigger : triggers) {
    model::Trigger probe = trigger;
    probe.name = kScratchTrigger;
    probe.table = kScratchRelation;
    std::optional<std::string> definition;
    Result<bool> created = InSavepoint(connection, false, [&]() -> Status {
      if (Status status = CreateStandIn(connection, ns, trigger.table); !status.ok()) return status;
      if (Status status = connection.Execute(RenderCreateTrigger("pg_temp", probe)); !status.ok())
        return status;
      auto text = SingleValue(connection,
                              "SELECT pg_get_triggerdef(t.oid, true) FROM pg_trigger t WHERE t.tgname = " +
                                  QuoteLiteral(kScratchTrigger) + " AND t.tgrelid = " +
                                  QuoteLiteral(std::string("pg_temp.") + kScratchRelation) + "::regclass");
      if (!text.ok()) return text.status();
      definition = *text;
      return Status::Ok();
    });
    if (!created.ok()) return created.status().WithContext("spelling trigger " + trigger.name);
    if (!*created || !definition) continue;
    Result<TriggerCall> call = ParseTriggerDefinition(*definition);
    if (!call.ok()) return call.status().WithContext("spelling trigger " + trigger.name);
    trigger.when = call->when;
    trigger.function = call->function;
    trigger.arguments = call->arguments;
  }
  return Status::Ok();
}

// Each routine is created under a scratch name and read back with the inspection's own columns
// (argument list, return type, signature as the server prints them). One that does not exist yet
// under its own name is then created for real, inside the transaction the caller rolls back, so
// that the triggers and views that call it can be spelled too. Bodies are not checked
// (check_function_bodies = off, as pg_dump does): a SQL function may read a table the plan creates.
Status SpellRoutines(Connection& connection, const std::string& ns, std::vector<model::Routine>& routines) {
  if (routines.empty()) return Status::Ok();
  if (Status status = connection.Execute("SET LOCAL check_function_bodies = off"); !status.ok())
    return status;
  const std::string schema_oid =
      ns.empty() ? "current_schema()::regnamespace" : QuoteLiteral(QuoteIdent(ns)) + "::regnamespace";
  for (auto& routine : routines) {
    model::Routine probe = routine;
    probe.name = kScratchRoutine;
    std::optional<model::Routine> spelled;
    Result<bool> created = InSavepoint(connection, false, [&]() -> Status {
      if (Status status = connection.Execute(RenderCreateRoutine(ns, probe, false)); !status.ok())
        return status;
      auto rows = connection.Query(RoutineQuery(
          "''", "", "p.proname = " + QuoteLiteral(kScratchRoutine) + " AND p.pronamespace = " + schema_oid));
      if (!rows.ok()) return rows.status();
      if (rows->size() != 1)
        return Status(StatusCode::kDatabaseError, "the routine just created is not in the catalog");
      model::Routine read_back;
      RoutineFromRow(rows->front(), read_back);
      spelled = std::move(read_back);
      return Status::Ok();
    });
    if (!created.ok()) return created.status().WithContext("spelling routine " + routine.name);
    if (!*created || !spelled) continue;
    spelled->name = routine.name;
    spelled->renamed_from = routine.renamed_from;
    spelled->comment = routine.comment;  // COMMENT ON is not part of the CREATE read back
    routine = std::move(*spelled);
    auto exists = SingleValue(
        connection, "SELECT to_regprocedure(" +
                        QuoteLiteral(QualifiedName(ns, routine.name) + "(" + routine.signature + ")") +
                        ") IS NOT NULL");
    if (!exists.ok()) return exists.status();
    if (*exists && **exists == "t") continue;
    Result<bool> kept = InSavepoint(connection, true, [&]() -> Status {
      return connection.Execute(RenderCreateRoutine(ns, routine, false));
    });
    if (!kept.ok()) return kept.status().WithContext("spelling routine " + routine.name);
  }
  return Status::Ok();
}

}  // namespace

Status SpellViewsAndTriggers(Connection& connection, model::Schema& desired) {
  // First: views and triggers may call them.
  for (auto& ns : desired.namespaces) {
    if (Status status = SpellRoutines(connection, ns.name, ns.routines); !status.ok()) return status;
  }
  for (auto& ns : desired.namespaces) {
    if (Status status = SpellViews(connection, ns.name, ns.views); !status.ok()) return status;
  }
  // After every view: a trigger may be on one the plan creates.
  for (auto& ns : desired.namespaces) {
    if (Status status = SpellTriggers(connection, ns.name, ns.triggers); !status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace schemac::dialects::postgres
