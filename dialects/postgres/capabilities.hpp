// What PostgreSQL can do, for the core's decisions.
#pragma once

#include "dialects/dialect.hpp"

namespace schemac::dialects::postgres {

inline Capabilities PostgresCapabilities() {
  Capabilities capabilities;
  capabilities.transactional_ddl = true;
  capabilities.namespaces = true;
  capabilities.enums_as_types = true;
  capabilities.foreign_keys_need_target = true;
  capabilities.alter_foreign_keys = true;
  return capabilities;
}

}  // namespace schemac::dialects::postgres
