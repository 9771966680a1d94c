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
  // A rebuild runs with legacy_alter_table on, so a view or trigger schemac does not manage keeps
  // naming an old table or column: a rename breaks it.
  capabilities.dependents_follow_renames = false;
  capabilities.alter_foreign_keys = false;  // adding / dropping a foreign key rebuilds the table
  return capabilities;
}

}  // namespace schemac::dialects::sqlite
