// The fingerprint of a catalog: one short string that changes whenever what a plan depends on
// changes. `plan` records the fingerprints of both sides of a plan, `apply --plan` refuses a saved
// plan whose source fingerprint no longer matches the live database, `apply` records the target's in
// schemac_history, and `inspect` prints it. It is computed here, one way, for all of them.
//
// What it covers: the schema as the dialect normalizes it (namespaces, tables with their columns
// in order, keys, indexes, foreign keys, checks, enums with their values in order, comments,
// options), the objects the database holds that schemac does not manage, and the server identity
// (dialect, flavour, version: the things that change which SQL a plan holds). What it leaves out:
// rename hints and strategy hints (they steer a plan, they are not in any catalog), and the order of
// objects whose order carries no meaning (tables, indexes, ...), so a schema file and the database
// built from it fingerprint alike.
//
// It detects change; it does not protect against tampering (FNV-1a, 64 bits, over a canonical JSON).
// Header-only; needs nlohmann_json like model_json.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <tuple>

#include "schemac/model.hpp"
#include "schemac/model_json.hpp"

namespace schemac {

namespace fingerprint_detail {

template <typename T>
void SortByName(std::vector<T>& objects) {
  std::sort(objects.begin(), objects.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

inline model::Schema Canonical(const model::Schema& schema) {
  model::Schema canonical = schema;
  canonical.excludes.clear();  // what was left out is bound by the plan's own excludes, not hashed here
  SortByName(canonical.namespaces);
  for (auto& ns : canonical.namespaces) {
    SortByName(ns.tables);
    SortByName(ns.enums);
    SortByName(ns.views);
    SortByName(ns.triggers);
    SortByName(ns.sequences);
    std::sort(ns.routines.begin(), ns.routines.end(),
              [](const model::Routine& a, const model::Routine& b) { return a.Identity() < b.Identity(); });
    for (auto& enum_type : ns.enums) enum_type.renamed_from.clear();
    for (auto& view : ns.views) view.renamed_from.clear();
    for (auto& trigger : ns.triggers) trigger.renamed_from.clear();
    for (auto& routine : ns.routines) routine.renamed_from.clear();
    for (auto& sequence : ns.sequences) sequence.renamed_from.clear();
    for (auto& table : ns.tables) {
      table.renamed_from.clear();
      table.strategy = {};
      for (auto& column : table.columns) column.renamed_from.clear();
      SortByName(table.uniques);
      SortByName(table.indexes);
      SortByName(table.foreign_keys);
      SortByName(table.checks);
    }
  }
  std::sort(canonical.unmanaged.begin(), canonical.unmanaged.end(),
            [](const model::UnmanagedObject& a, const model::UnmanagedObject& b) {
              return std::tie(a.kind, a.namespace_name, a.name, a.detail) <
                     std::tie(b.kind, b.namespace_name, b.name, b.detail);
            });
  return canonical;
}

inline std::uint64_t Fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace fingerprint_detail

// `normalized` is a schema after the dialect's Normalize; `server` the dialect's ServerIdentity().
// Sixteen lower-case hex digits.
inline std::string CatalogFingerprint(const model::Schema& normalized, const std::string& server) {
  nlohmann::json canonical = fingerprint_detail::Canonical(normalized);
  canonical["server"] = server;
  const std::uint64_t hash = fingerprint_detail::Fnv1a(canonical.dump());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace schemac
