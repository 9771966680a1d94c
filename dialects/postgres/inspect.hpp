// Reads a live PostgreSQL catalog into the schemac model.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

struct InspectOptions {
  // Schemas inspected besides the connection's current schema (which is the model's default
  // namespace, named ""). Missing ones are simply absent from the result.
  std::vector<std::string> extra_namespaces;
};

// The managed shape of the namespaces in scope, through a fixed number of set-based pg_catalog
// queries (never one per table). Leaves out schemac_* tables, objects owned by extensions,
// INVALID indexes and NOT VALID constraints (left by an interrupted online step: the next plan
// builds them again). Views, materialized views (with their indexes) and triggers are read by
// inspect_views.hpp. Functions, policies, free-standing
// sequences, extensions, partitioned tables, exclusion constraints and other things the model
// cannot express are listed in Schema::unmanaged. A serial column (default nextval() of a
// sequence the column owns) is reported as `identity` (by default), without a default: it is
// PostgreSQL's older spelling of the same thing.
// The result is raw catalog text: run PostgresDialect::Normalize before comparing it.
Result<model::Schema> InspectSchema(Connection& connection, const InspectOptions& options);

}  // namespace schemac::dialects::postgres
