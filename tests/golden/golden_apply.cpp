#include "golden_apply.hpp"

namespace schemac::golden {

Result<migrator::ApplyReport> ApplySchema(dialects::Connection& connection, const model::Schema& desired,
                                          bool allow_destructive) {
  migrator::ApplyOptions options;
  options.allow_destructive = allow_destructive;
  options.migration_lock_timeout_ms = 10000;
  options.retry_base_delay = std::chrono::milliseconds(1);
  return migrator::Apply(connection, desired, options);
}

}  // namespace schemac::golden
