// The diff of views and triggers, and where their changes go in the plan.
//
// Views and triggers hold no data, so the diff may drop and recreate them freely; what matters is
// order. Their dependencies are worked out from their SQL text (sql_names.hpp: every identifier
// that names a table or view of the namespace, conservatively), plus a trigger's own table.
//
// - A view or trigger is *disturbed* when a routine it calls is disturbed, or something it depends on
//   is dropped, renamed, has a
//   column dropped, renamed or retyped (type, collation, generation), or is a view that is itself
//   dropped, renamed, replaced or disturbed. Disturbed objects are dropped before any table change
//   and recreated (from the desired schema) after all of them: "a view over a column whose type
//   changes" is dropped before and created again after.
// - Other changes: a dropped view or trigger goes early; an added, replaced or renamed one late.
// - Early drops run triggers first, then views in reverse dependency order; late changes run views
//   in dependency order (a view after the views it reads), then triggers (an INSTEAD OF trigger
//   after its view).
#pragma once

#include <set>
#include <string>
#include <utility>

#include "schemac/change.hpp"
#include "schemac/model.hpp"

namespace schemac::compiler {

struct ViewTriggerChanges {
  ChangeList early;  // before table renames, drops and modifications
  ChangeList late;   // after every table and enum change
};

// `disturbed_tables`: (namespace, current name) of the tables whose change disturbs dependents;
// `disturbed_routines`: (namespace, name) of the routines that are dropped, renamed or recreated
// (diff_routines.hpp): a view whose query mentions one, or a trigger that executes one, is
// disturbed too. `triggers_fire_in_declared_order` (Capabilities): a trigger that only fires out of
// the declared order among its siblings is replaced, so that it is created again in its place.
ViewTriggerChanges DiffViewsAndTriggers(
    const model::Schema& current, const model::Schema& desired, const std::vector<std::string>& namespaces,
    const std::set<std::pair<std::string, std::string>>& disturbed_tables,
    const std::set<std::pair<std::string, std::string>>& disturbed_routines,
    bool triggers_fire_in_declared_order);

}  // namespace schemac::compiler
