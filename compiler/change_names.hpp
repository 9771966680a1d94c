// Stable, machine-readable names for the pieces of a Change: what JSON output and descriptions
// print. Changing one breaks consumers of `plan --format json`, so treat them as an API.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "schemac/change.hpp"

namespace schemac::compiler {

// "add_namespace", "drop_table", "modify_enum", ...
const char* ChangeKindName(ChangeKind kind);
// "add", "drop", "rename", "modify".
const char* ChangeOpName(ChangeOp op);
// The names of the ColumnChangeFlag bits set in `flags`, in bit order: "type", "nullability",
// "default", "identity", "generated", "collation", "comment".
std::vector<std::string> ColumnChangeFlagNames(std::uint32_t flags);
// "ns.name", or just "name" in the default namespace.
std::string QualifiedName(const std::string& ns, const std::string& name);
// The name of the object a change is about: the table or enum (the new name for renames), or the
// namespace for namespace changes.
std::string ChangeObjectName(const Change& change);

}  // namespace schemac::compiler
