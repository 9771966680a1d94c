// Plan rendering: text for terminals, SQL for files, JSON for tools, Markdown for pull requests.
// Pure functions of the plan; nothing here talks to a database or names a dialect.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "schemac/plan.hpp"

namespace schemac::compiler {

enum class PlanFormat { kText, kSql, kJson, kMarkdown };

// "text", "sql", "json", "markdown" (or "md"); nullopt for anything else.
std::optional<PlanFormat> ParsePlanFormat(const std::string& name);

// The plan in `format`, ending with a newline. `color` adds ANSI colours to the text format only
// (callers pass true only for a terminal); the other formats ignore it.
std::string RenderPlan(const Plan& plan, PlanFormat format, bool color);

// The JSON form (what `plan --format json` prints):
// {"dialect", "changes": [{kind, namespace, name, description, ...}], "up": [...], "down": [...],
//  "steps": [{description, strategy, lock, transactional, hazards: [{code, message, data_loss}],
//  up: [...], down: [...] (this step's own undo) or null, down_kind: "exact" | "lossy" | "none",
//  down_reason, irreversible_reason (down_reason when there is no down, else ""),
//  precondition_probe, change_index,
//  data_checks: [{kind, hazard, description, sql, failing_rows (null until run), sample_keys, error,
//  allowed, fails}], impact: {table, estimated_rows, estimated_bytes} or null}],
// The top-level "down" is the whole plan's undo (Plan::down), not the steps' downs joined.
//  "unmanaged": [{kind, namespace, name, detail}],
//  "data_checks": "not_run" | "run" | "skipped", "rename_suggestions": ["..."]}
nlohmann::json PlanToJson(const Plan& plan);

}  // namespace schemac::compiler
