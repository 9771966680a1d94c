// How each change is carried out on PostgreSQL: which statements, in how many steps, under
// which lock, with which hazards. Online-safe by default (PlanPolicy::online):
// - indexes on existing tables: CREATE / DROP INDEX CONCURRENTLY (non-transactional steps; a
//   leftover INVALID index of a failed build is dropped first);
// - foreign keys and checks: ADD ... NOT VALID, then VALIDATE CONSTRAINT in a separate step;
// - uniques and primary keys on existing tables: a unique index built concurrently, then
//   ADD CONSTRAINT ... USING INDEX;
// - SET NOT NULL: CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL (which uses the
//   validated check instead of scanning), drop the check;
// - enum values: ALTER TYPE ADD VALUE; removing or reordering values rebuilds the type;
// - type changes: ALTER COLUMN TYPE ... USING, flagged HZ006 when PostgreSQL rewrites the table.
// Every step starts by setting lock_timeout and statement_timeout from the policy, so a step
// waiting for a lock gives up (kLockTimeout) instead of queueing every query behind it.
#pragma once

#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

std::vector<PlanStep> PlanPostgresChange(const Change& change, const PlanContext& context);

}  // namespace schemac::dialects::postgres
