// Pieces shared by the plan renderers (private to compiler/).
#pragma once

#include <string>
#include <vector>

#include "schemac/plan.hpp"

namespace schemac::compiler {

std::string RenderText(const Plan& plan, bool color);
std::string RenderSql(const Plan& plan);
std::string RenderMarkdown(const Plan& plan);

// "3 changes, 4 steps; hazards: HZ001-drop-table, HZ010-irreversible" (each code once, in order of
// first appearance) or "...; no hazards".
std::string PlanSummary(const Plan& plan);

// "not managed by schemac: view app.v_orders".
std::string UnmanagedWarning(const model::UnmanagedObject& object);

// The statement without trailing blanks, ending with exactly one ";".
std::string TerminatedStatement(const std::string& statement);

// "exact", "lossy", "none": the label of a step's down in every format (JSON `down_kind`).
const char* DownKindName(DownKind kind);

// The settings every step that runs in a transaction starts it with (the longest common prefix of
// those steps' `up.settings.local`, as PostgreSQL's SET LOCAL lock_timeout): the text and markdown
// forms show them once, above the steps, instead of in every such step. Empty for an empty plan.
std::vector<std::string> SharedSessionSettings(const Plan& plan);

// The statements of `script` in execution order, as Flatten(), without the first
// `shared_settings` of its local settings (already shown) when it runs in a transaction; a script
// outside one shows all of its own (its session settings and their reset).
std::vector<std::string> StatementsAfterSharedSettings(const SqlScript& script, std::size_t shared_settings);
// "users: about 20000 rows, 1.2 MiB" (or "rows unknown" where the database keeps no estimate yet):
// the size of the table a step works on, once the data checks ran.
std::string ImpactText(const TableImpact& impact);

// What a plan's data checks are: "" when it has none and none were skipped; otherwise whether they
// ran, were skipped on request, or could not run (the current side is a schema file).
std::string DataChecksNote(const Plan& plan);

// The distinct hazard codes of a step, joined with ", ".
std::string HazardCodes(const PlanStep& step);

}  // namespace schemac::compiler
