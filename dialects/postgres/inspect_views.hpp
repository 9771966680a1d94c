// Views, materialized views (with their indexes) and triggers of the namespaces in scope, read from
// pg_catalog into the model. Part of InspectSchema (inspect.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "schemac/model.hpp"
#include "schemac/status.hpp"

namespace schemac::dialects::postgres {

using CatalogRows = std::vector<std::vector<std::optional<std::string>>>;
// Runs one of the queries below after InspectSchema's scope CTE (`scope`, `tabs`,
// `extension_members`); `what` names it in errors.
using CatalogQuery = std::function<Result<CatalogRows>(const char* query, const char* what)>;

// Adds the views and triggers to the namespaces of `schema` (which hold the tables already).
// What the model cannot say (a view option such as security_barrier, a constraint trigger, a
// trigger with transition tables, a second trigger of the same name) is listed in
// Schema::unmanaged; such triggers are left out of the model.
Status InspectViewsAndTriggers(const CatalogQuery& run, model::Schema& schema);

}  // namespace schemac::dialects::postgres
