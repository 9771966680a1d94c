// What SQLite can do, for the core's ordering and splitting decisions.
#pragma once

#include "dialects/dialect.hpp"

namespace schemac::dialects::sqlite {

inline Capabilities SqliteCapabilities() {
  Capabilities capabilities;
  capabilities.transactional_ddl = true;          // DDL rolls back with the transaction
  capabilities.namespaces = false;                // one namespace ("main") per database
  capabilities.enums_as_types = false;            // enums are TEXT + CHECK (enum_checks.hpp)
  capabilities.foreign_keys_need_target = false;  // FOREIGN KEY targets are resolved at use, not at CREATE
  capabilities.alter_foreign_keys = false;        // adding / dropping a foreign key rebuilds the table
  return capabilities;
}

}  // namespace schemac::dialects::sqlite
