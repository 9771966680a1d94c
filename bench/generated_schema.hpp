// Deterministic schema texts for the benchmarks: many tables, each with typed columns, indexes
// and foreign keys, in the schema language of docs/LANGUAGE.md.
//
// The same shape every run (no randomness, no clock), so that figures from different days and
// machines measure the same input.
#pragma once

#include <cstddef>
#include <string>

namespace schemac::bench {

struct GeneratedSchemaShape {
  std::size_t tables = 1000;
  std::size_t columns_per_table = 20;  // including the primary key and the foreign-key column
  // Every `changed_every`-th table (1-based: tables 10, 20, ... for 10) is edited in the
  // "changed" variant: a column added, one dropped, one retyped, one made not null, an index
  // added. 0: no table changes.
  std::size_t changed_every = 0;
};

// The schema text for `shape`. Table i (from 1) is `t<i>` with columns `id` (bigint primary key),
// `parent_id` referencing the previous table (or itself for the first), and typed data columns;
// two indexes (one unique, multi-column) per table.
std::string GenerateSchemaText(const GeneratedSchemaShape& shape);

}  // namespace schemac::bench
