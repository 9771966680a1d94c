// Who holds the lock an inspection timed out on: the sessions named in a kLockTimeout message.
#pragma once

#include <string>

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

// "table public.t is locked by another session (pid 4242, idle in transaction, running `LOCK
// TABLE t IN ACCESS EXCLUSIVE MODE`)": the relations of the current database that other sessions
// hold ACCESS EXCLUSIVE (the one mode that blocks the ACCESS SHARE lock pg_get_expr and
// pg_get_constraintdef take), from pg_locks and pg_stat_activity. One query, no relation locks;
// at most a few holders are named. Empty when none is found (the holder let go meanwhile) or the
// lookup itself fails: it only adds detail to an error that is reported anyway.
// Must run outside a failed transaction.
std::string DescribeExclusiveLockHolders(Connection& connection);

}  // namespace schemac::dialects::postgres
