// A unit-test double for the dialect hooks: renders pseudo SQL from changes so planner tests can
// see exactly what the planner asked for. Not a database, not a real dialect.
#pragma once

#include <string>
#include <vector>

#include "dialects/dialect.hpp"

namespace schemac::testing {

class PseudoDialect : public dialects::Dialect {
 public:
  // What PlanChange was called with, in call order.
  struct Call {
    std::string description;
    std::size_t change_index;
    int lock_timeout_ms;
    std::vector<std::string> current_tables;  // table names of context.current
  };

  dialects::Capabilities capabilities;
  bool throw_on_plan = false;
  // Plans a table addition as CREATE TABLE plus one step per index (a drop stays one step), and
  // each index change of a modification as its own step.
  bool separate_index_steps = false;
  // Drops a table in three scripts: one with an `after` part, which the other two cannot join,
  // then two that join each other.
  bool unjoinable_drop = false;
  // Wraps every script in the same session setting, check and reset (as real dialects do).
  bool wrapped_steps = false;
  // Gives every script the same settings (SqlScript::settings), as PostgreSQL's timeouts.
  bool timeout_settings = false;
  mutable std::vector<Call> calls;
  mutable int normalize_calls = 0;

  std::string Name() const override { return "pseudo"; }
  dialects::Capabilities GetCapabilities() const override { return capabilities; }
  // Varchar without a length is spelled text here: both sides must be normalized to compare.
  void Normalize(model::Schema& schema) const override;
  // Tables named bad_* cannot be built.
  std::vector<std::string> Unsupported(const model::Schema& desired) const override;
  std::vector<PlanStep> PlanChange(const Change& change, const dialects::PlanContext& context) const override;
  std::string QuoteIdentifier(const std::string& name) const override { return "\"" + name + "\""; }

 private:
  std::vector<PlanStep> PlanUnwrapped(const Change& change) const;
};

}  // namespace schemac::testing
