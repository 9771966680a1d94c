// Object kinds the schema language declares but a dialect does not build yet: its Unsupported()
// reports each one by name, so that a plan refuses instead of silently leaving it out.
#pragma once

#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects {

inline std::vector<std::string> ViewsAndTriggersNotManaged(const model::Namespace& ns,
                                                           const std::string& dialect) {
  std::vector<std::string> problems;
  const std::string prefix = ns.name.empty() ? "" : ns.name + ".";
  for (const auto& view : ns.views) {
    problems.push_back(std::string(view.materialized ? "materialized view " : "view ") + prefix + view.name +
                       ": schemac does not manage views on " + dialect + " yet");
  }
  for (const auto& trigger : ns.triggers) {
    problems.push_back("trigger " + prefix + trigger.name + ": schemac does not manage triggers on " +
                       dialect + " yet");
  }
  return problems;
}

}  // namespace schemac::dialects
