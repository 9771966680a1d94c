// Retrying an operation that ran into a lock another session holds: the same bounded backoff for
// plan steps and for the inspection `apply` starts with.
#pragma once

#include <functional>

#include "migrator/script_runner.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

// Calls `attempt` until it returns anything but kLockTimeout, at most 1 + retry.retries times,
// waiting between calls as RetryPolicy says (base_delay, doubling, capped at max_delay). When the
// last call still times out, its status gets "(gave up after N attempts)". `attempts`, when
// given, receives the number of calls made.
Status RetryOnLockTimeout(const RetryPolicy& retry, const std::function<Status()>& attempt,
                          int* attempts = nullptr);

}  // namespace schemac::migrator
