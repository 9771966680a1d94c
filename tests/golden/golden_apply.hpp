// How the corpus converges a database to a schema: through the real migrator (migrator::Apply,
// the code path of `schemac apply`), so the corpus tests what users run.
#pragma once

#include "dialects/dialect.hpp"
#include "migrator/apply.hpp"
#include "schemac/model.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::golden {

// Applies `desired` to the database: auto-approved, destructive steps only when allowed, lock
// retries without waiting (each case has its database to itself).
Result<migrator::ApplyReport> ApplySchema(dialects::Connection& connection, const model::Schema& desired,
                                          bool allow_destructive);

// A case's schema text parsed as a schema file would be; the rendered diagnostics when it fails.
Result<model::Schema> ParseCaseSchema(const std::string& text, const std::string& label);

// The plan from what the database holds now to `target`, with the default policy.
Result<Plan> PlanAgainstDatabase(dialects::Connection& db, const model::Schema& target);

}  // namespace schemac::golden
