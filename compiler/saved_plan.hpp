// Saved plans: `schemac plan --out plan.json` writes one, `schemac apply --plan plan.json` runs
// exactly its steps, `schemac show plan.json` renders it for review.
//
// The file holds everything needed to run and to review the plan without planning again: every
// step's scripts in full (all parts of each SqlScript, so what runs is byte for byte what was
// reviewed), the binding (both sides, normalized, with their fingerprints and the server identity),
// the policy the plan was made with, and the schemac version that wrote it. The change list is not
// stored: it is the diff of the two stored sides, recomputed on load, and a plan written by another
// schemac version is refused rather than reinterpreted.
#pragma once

#include <string>

#include "dialects/dialect.hpp"
#include "schemac/plan.hpp"
#include "schemac/status.hpp"

namespace schemac::compiler {

// The file format's own version: bumped when a field changes meaning.
inline constexpr int kSavedPlanFormat = 1;

struct SavedPlan {
  std::string schemac_version;
  PlanPolicy policy;
  Plan plan;
};

// The saved form, as JSON text ending in a newline.
std::string WriteSavedPlan(const SavedPlan& saved);

// Reads what WriteSavedPlan wrote. `dialect_for` maps the file's dialect name to the dialect that
// recomputes the change list (nullptr: unknown). kInvalidArgument for text that is not a saved plan
// (with what is wrong), for another format version, or for a plan written by another schemac version.
Result<SavedPlan> ReadSavedPlan(const std::string& text, const std::string& schemac_version,
                                const dialects::Dialect* (*dialect_for)(const std::string& name));

}  // namespace schemac::compiler
