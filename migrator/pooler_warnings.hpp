// What apply cannot promise behind a transaction pooler (Connection::BehindTransactionPooler).
//
// A step in a transaction sets its settings inside it (SqlScript::settings.local): the pooler runs
// the whole transaction on one server session, and the settings end with it. A step that must run
// outside a transaction (CREATE INDEX CONCURRENTLY) sets them for the session and resets them
// after, but a transaction pooler may run each of those statements on a different server session:
// its timeouts may not bound it, and a setting may stay on a server session until a reset reaches
// it. Nothing can pin such a step to one server session, so the plan and apply say so.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"

namespace schemac::migrator {

// "step 2 (add index users_email_idx to users) runs outside a transaction: ...", or "" when the
// step runs in a transaction or sets nothing for the session.
std::string PoolerWarning(const PlanStep& step, std::size_t number);

// One warning per such step of `plan` when `connection` is behind a transaction pooler; none
// otherwise.
std::vector<std::string> PoolerWarnings(const dialects::Connection& connection, const Plan& plan);

}  // namespace schemac::migrator
