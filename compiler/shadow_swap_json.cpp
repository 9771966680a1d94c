#include "compiler/shadow_swap_json.hpp"

#include <stdexcept>

namespace schemac::compiler {
namespace {

using nlohmann::json;

const char* CompareName(ShadowSwap::Compare compare) {
  switch (compare) {
    case ShadowSwap::Compare::kValue:
      return "value";
    case ShadowSwap::Compare::kNumber:
      return "number";
    case ShadowSwap::Compare::kText:
      return "text";
  }
  return "value";
}

ShadowSwap::Compare CompareFromName(const std::string& name) {
  for (auto compare :
       {ShadowSwap::Compare::kValue, ShadowSwap::Compare::kNumber, ShadowSwap::Compare::kText}) {
    if (name == CompareName(compare)) return compare;
  }
  throw std::invalid_argument("unknown shadow_swap compare '" + name + "'");
}

}  // namespace

json ShadowSwapToJson(const ShadowSwap& swap) {
  json key = json::array();
  for (const auto& column : swap.key)
    key.push_back({{"source", column.source}, {"target", column.target}, {"integer", column.integer}});
  json columns = json::array();
  for (const auto& column : swap.columns) {
    columns.push_back(
        {{"source", column.source}, {"target", column.target}, {"compare", CompareName(column.compare)}});
  }
  return {{"table", swap.table},
          {"shadow_table", swap.shadow_table},
          {"old_table", swap.old_table},
          {"create_shadow", swap.create_shadow},
          {"key", std::move(key)},
          {"columns", std::move(columns)},
          {"estimated_rows", swap.estimate.rows},
          {"estimated_bytes", swap.estimate.bytes},
          {"reason", swap.reason},
          {"duration_class", swap.duration_class}};
}

ShadowSwap ShadowSwapFromJson(const json& j) {
  ShadowSwap swap;
  j.at("table").get_to(swap.table);
  j.at("shadow_table").get_to(swap.shadow_table);
  j.at("old_table").get_to(swap.old_table);
  j.at("create_shadow").get_to(swap.create_shadow);
  for (const auto& column : j.at("key")) {
    swap.key.push_back({column.at("source").get<std::string>(), column.at("target").get<std::string>(),
                        column.at("integer").get<bool>()});
  }
  for (const auto& column : j.at("columns")) {
    swap.columns.push_back({column.at("source").get<std::string>(), column.at("target").get<std::string>(),
                            CompareFromName(column.at("compare").get<std::string>())});
  }
  j.at("estimated_rows").get_to(swap.estimate.rows);
  j.at("estimated_bytes").get_to(swap.estimate.bytes);
  j.at("reason").get_to(swap.reason);
  j.at("duration_class").get_to(swap.duration_class);
  return swap;
}

}  // namespace schemac::compiler
