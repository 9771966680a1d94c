// What a MySQL or MariaDB server can do, by flavour and version.
//
// MySQL 8 and MariaDB 10.x share a wire protocol and most of their SQL, but differ in which
// ALTER TABLE operations run INSTANT or INPLACE, in JSON (a real type in MySQL, a checked
// LONGTEXT alias in MariaDB), UUID (native in MariaDB 10.7+), and index features. Everything the
// dialect decides per server comes from the ServerFeatures table below, never from scattered
// version checks.
#pragma once

#include <cstdio>
#include <string>
#include <tuple>

#include "dialects/dialect.hpp"

namespace schemac::dialects::mysql {

enum class ServerFlavor { kMySql, kMariaDb };

struct ServerVersion {
  ServerFlavor flavor = ServerFlavor::kMariaDb;
  int major = 10;
  int minor = 11;
  int patch = 0;

  // From SELECT VERSION(): "10.11.6-MariaDB-0+deb12u1", "8.0.36", "8.0.36-log".
  static ServerVersion Parse(const std::string& version_string) {
    ServerVersion version;
    version.major = version.minor = version.patch = 0;
    std::sscanf(version_string.c_str(), "%d.%d.%d", &version.major, &version.minor, &version.patch);
    version.flavor =
        version_string.find("MariaDB") != std::string::npos ? ServerFlavor::kMariaDb : ServerFlavor::kMySql;
    return version;
  }

  bool AtLeast(int want_major, int want_minor, int want_patch = 0) const {
    return std::tie(major, minor, patch) >= std::tie(want_major, want_minor, want_patch);
  }
  bool IsMariaDb() const { return flavor == ServerFlavor::kMariaDb; }

  std::string ToString() const {
    return (IsMariaDb() ? "MariaDB " : "MySQL ") + std::to_string(major) + "." + std::to_string(minor) + "." +
           std::to_string(patch);
  }
};

// The capability table. Each flag names one operation; the comment says where it comes from.
// Flags only ever claim INSTANT / INPLACE where the server documents it for InnoDB tables in the
// default row format; everything else falls back to a table copy, flagged as a hazard.
struct ServerFeatures {
  // ADD COLUMN ... ALGORITHM=INSTANT as the last column (MariaDB 10.3+, MySQL 8.0.12+).
  bool instant_add_column_last = false;
  // ... at any position (MariaDB 10.4+, MySQL 8.0.29+). MariaDB refuses it on tables that have
  // virtual columns; the strategy checks that separately.
  bool instant_add_column_anywhere = false;
  // DROP COLUMN ... ALGORITHM=INSTANT (MariaDB 10.4+, MySQL 8.0.29+).
  bool instant_drop_column = false;
  // RENAME COLUMN / CHANGE without type change, ALGORITHM=INSTANT (MariaDB 10.3+, MySQL 8.0.28+).
  bool instant_rename_column = false;
  // RENAME COLUMN a TO b syntax (MariaDB 10.5.2+, MySQL 8.0); else CHANGE a b <definition>.
  bool rename_column_syntax = false;
  // RENAME INDEX a TO b (MariaDB 10.5.2+, MySQL 5.7+).
  bool rename_index_syntax = false;
  // Changing only a column comment or collation (same charset) is metadata only (MariaDB 10.3+).
  bool instant_column_metadata = false;
  // Widening a VARCHAR within its length-byte class (MariaDB 10.4+ INSTANT; MySQL INPLACE).
  bool instant_varchar_widen = false;
  // Appending values to an ENUM (both, when the storage size does not change).
  bool instant_enum_append = true;
  // DROP CONSTRAINT <check> (MariaDB 10.2+, MySQL 8.0.19+) and metadata-only check drops.
  bool instant_drop_check = false;
  // Table COMMENT= is metadata only (MariaDB 10.3+, MySQL 8.0).
  bool instant_table_comment = false;
  // CHECK constraints are enforced (MariaDB 10.2+, MySQL 8.0.16+).
  bool check_constraints = false;
  // Key parts may be expressions: INDEX ((lower(x))) (MySQL 8.0.13+ only).
  bool functional_indexes = false;
  // DESC in an index is honoured, not parsed and ignored (MySQL 8.0+, MariaDB 10.8+).
  bool descending_indexes = false;
  // JSON is a real type (MySQL); MariaDB spells it LONGTEXT with a json_valid() check.
  bool native_json = false;
  // UUID is a native type (MariaDB 10.7+); otherwise CHAR(36).
  bool native_uuid = false;
  // Defaults may be expressions in parentheses (MariaDB 10.2+, MySQL 8.0.13+).
  bool expression_defaults = false;
  // A generated column may be declared NOT NULL (MySQL 5.7+; MariaDB never).
  bool generated_not_null = false;
  // A UNIQUE over more than InnoDB's 3072 key bytes (a TEXT column, a long varchar) or declared
  // USING HASH is kept as a hash in a hidden virtual column (MariaDB 10.4+). Adding one rebuilds
  // the table: the server refuses INPLACE for it (error 1846).
  bool long_unique_hash = false;
};

inline ServerFeatures FeaturesFor(const ServerVersion& version) {
  ServerFeatures features;
  if (version.IsMariaDb()) {
    features.instant_add_column_last = version.AtLeast(10, 3);
    features.instant_add_column_anywhere = version.AtLeast(10, 4);
    features.instant_drop_column = version.AtLeast(10, 4);
    features.instant_rename_column = version.AtLeast(10, 3);
    features.rename_column_syntax = version.AtLeast(10, 5, 2);
    features.rename_index_syntax = version.AtLeast(10, 5, 2);
    features.instant_column_metadata = version.AtLeast(10, 3);
    features.instant_varchar_widen = version.AtLeast(10, 4);
    features.instant_drop_check = version.AtLeast(10, 2);
    features.instant_table_comment = version.AtLeast(10, 3);
    features.check_constraints = version.AtLeast(10, 2);
    features.functional_indexes = false;
    features.descending_indexes = version.AtLeast(10, 8);
    features.native_json = false;
    features.native_uuid = version.AtLeast(10, 7);
    features.expression_defaults = version.AtLeast(10, 2);
    features.long_unique_hash = version.AtLeast(10, 4);
  } else {
    features.instant_add_column_last = version.AtLeast(8, 0, 12);
    features.instant_add_column_anywhere = version.AtLeast(8, 0, 29);
    features.instant_drop_column = version.AtLeast(8, 0, 29);
    features.instant_rename_column = version.AtLeast(8, 0, 28);
    features.rename_column_syntax = version.AtLeast(8, 0);
    features.rename_index_syntax = version.AtLeast(5, 7);
    features.instant_column_metadata = false;  // MySQL documents comment changes as INPLACE
    features.instant_varchar_widen = false;    // INPLACE, LOCK=NONE
    features.instant_drop_check = version.AtLeast(8, 0, 19);
    features.instant_table_comment = version.AtLeast(8, 0);
    features.check_constraints = version.AtLeast(8, 0, 16);
    features.functional_indexes = version.AtLeast(8, 0, 13);
    features.descending_indexes = version.AtLeast(8, 0);
    features.native_json = true;
    features.native_uuid = false;
    features.expression_defaults = version.AtLeast(8, 0, 13);
    features.generated_not_null = true;
  }
  return features;
}

// The answers the core reads (dialects/dialect.hpp). Same for every MySQL-family server.
inline Capabilities DialectCapabilities() {
  Capabilities capabilities;
  capabilities.transactional_ddl = false;  // every DDL statement commits implicitly
  capabilities.namespaces = false;         // one database per connection is the namespace
  capabilities.enums_as_types = false;     // ENUM is spelled inline on each column
  capabilities.foreign_keys_need_target = true;
  capabilities.alter_foreign_keys = true;
  capabilities.dependents_follow_renames = false;       // a view keeps naming the old table or column
  capabilities.triggers_fire_in_declared_order = true;  // FOLLOWS / PRECEDES, ACTION_ORDER
  return capabilities;
}

}  // namespace schemac::dialects::mysql
