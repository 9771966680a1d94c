// SCHEMAC_GOLDEN_RECORD=1: a drafting aid that writes the actual `up` / `down` into cases that do
// not have them yet. It never touches an expectation that exists (a mismatch there is a failure
// like any other), and what it writes must be read and judged before it is committed: recorded
// SQL becomes the specification.
//
// Run the runner binary directly when recording (not under ctest -j): cases of one file are
// rewritten one after the other by text insertion, which keeps the file's comments and layout.
#pragma once

#include <optional>
#include <string>

#include "golden_case.hpp"
#include "schemac/status.hpp"

namespace schemac::golden {

bool RecordingRequested();

// Inserts `up` and/or `down` (each only when given) at the end of the case's block in its file.
// The case must start with a line `- name: <name>`.
Status RecordExpectations(const std::string& source_dir, const GoldenCase& golden_case,
                          const std::optional<std::string>& up, const std::optional<std::string>& down);

}  // namespace schemac::golden
