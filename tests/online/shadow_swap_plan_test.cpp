// The planner's choice of the shadow-table swap on MySQL / MariaDB, from the live sizes it is
// given (no server: the sizes are what Connection::EstimateTableSizes would have read).
#include <gtest/gtest.h>

#include <string>

#include "compiler/planner.hpp"
#include "compiler/render_plan.hpp"
#include "dialects/mysql/dialect.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac {
namespace {

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "swap_plan.schema");
  EXPECT_TRUE(loaded.ok()) << text;
  return loaded.schema;
}

constexpr const char* kBefore = R"(
table t {
  id bigint primary key
  a  int not null
  b  varchar(64)
  index t_a (a)
}
)";

constexpr const char* kAfter = R"(
table t {
  id bigint primary key
  a  bigint not null
  b  varchar(64)
  index t_a (a)
}
)";

Plan PlanWith(const std::string& before, const std::string& after, const TableSizes* sizes,
              std::int64_t min_rows = PlanPolicy{}.shadow_min_rows) {
  PlanPolicy policy;
  policy.shadow_min_rows = min_rows;
  auto plan = compiler::BuildPlan(Parse(before), Parse(after), dialects::mysql::DefaultMariaDbDialect(),
                                  policy, sizes);
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : Plan{};
}

std::string Strategies(const Plan& plan) {
  std::string out;
  for (const auto& step : plan.steps) out += (out.empty() ? "" : ",") + step.strategy;
  return out;
}

std::string Hazards(const Plan& plan) {
  std::string out;
  for (const auto& step : plan.steps)
    for (const auto& hazard : step.hazards) out += hazard.message + "\n";
  return out;
}

TEST(ShadowSwapPlan, BigTableWithBlockingCopyIsSwapped) {
  const TableSizes sizes = {{"t", TableSize{250000, 40 << 20}}};
  Plan plan = PlanWith(kBefore, kAfter, &sizes);
  ASSERT_EQ(Strategies(plan), "shadow-swap");
  const PlanStep& step = plan.steps[0];
  ASSERT_TRUE(step.shadow_swap);
  EXPECT_EQ(step.shadow_swap->table, "t");
  EXPECT_EQ(step.shadow_swap->shadow_table, "_t_new");
  EXPECT_EQ(step.shadow_swap->estimate.rows, 250000);
  EXPECT_NE(step.shadow_swap->reason.find("~250000 rows (40.0 MB) > --shadow-min-rows 100000"),
            std::string::npos)
      << step.shadow_swap->reason;
  EXPECT_EQ(step.shadow_swap->duration_class, "seconds");
  ASSERT_EQ(step.shadow_swap->key.size(), 1u);
  EXPECT_TRUE(step.shadow_swap->key[0].integer);
  // a changed type: compared as a number; b unchanged: as its value.
  ASSERT_EQ(step.shadow_swap->columns.size(), 3u);
  EXPECT_EQ(step.shadow_swap->columns[1].compare, ShadowSwap::Compare::kNumber);
  EXPECT_EQ(step.shadow_swap->columns[2].compare, ShadowSwap::Compare::kValue);
  EXPECT_NE(step.shadow_swap->create_shadow.find("CREATE TABLE `_t_new`"), std::string::npos);
  // The down swaps back the same way, as SQL.
  ASSERT_TRUE(step.down);
  std::string down;
  for (const auto& statement : step.down->Flatten()) down += statement + "\n";
  EXPECT_NE(down.find("RENAME TABLE `t` TO `_t_old`, `_t_new` TO `t`"), std::string::npos) << down;
  EXPECT_NE(down.find("`a` int NOT NULL"), std::string::npos) << down;

  const std::string text = compiler::RenderPlan(plan, compiler::PlanFormat::kText, false);
  EXPECT_NE(text.find("strategy: shadow-swap"), std::string::npos) << text;
  EXPECT_NE(text.find("estimate: ~250000 rows, 40 MB; expected duration: seconds"), std::string::npos)
      << text;
  EXPECT_NE(text.find("why: the ALTER would copy the table and block writes"), std::string::npos) << text;
  const std::string json = compiler::RenderPlan(plan, compiler::PlanFormat::kJson, false);
  EXPECT_NE(json.find("\"shadow_swap\""), std::string::npos);
}

TEST(ShadowSwapPlan, SmallOrUnknownTablesKeepTheAlter) {
  const TableSizes small = {{"t", TableSize{500, 1 << 16}}};
  EXPECT_EQ(Strategies(PlanWith(kBefore, kAfter, &small)), "alter-copy");
  EXPECT_EQ(Strategies(PlanWith(kBefore, kAfter, nullptr)), "alter-copy")
      << "no live sizes: nothing chosen by size";
  EXPECT_EQ(Strategies(PlanWith(kBefore, kAfter, &small, 0)), "shadow-swap") << "0 swaps every blocking copy";
  const TableSizes big = {{"t", TableSize{10'000'000, 1LL << 30}}};
  EXPECT_EQ(Strategies(PlanWith(kBefore, kAfter, &big, -1)), "alter-copy") << "-1 never swaps";
}

TEST(ShadowSwapPlan, ChangesTheServerDoesOnlineAreNotSwapped) {
  const TableSizes big = {{"t", TableSize{10'000'000, 1LL << 30}}};
  const std::string added = R"(
table t {
  id bigint primary key
  a  int not null
  b  varchar(64)
  c  int
  index t_a (a)
}
)";
  EXPECT_EQ(Strategies(PlanWith(kBefore, added, &big)), "alter-instant");
}

TEST(ShadowSwapPlan, HintForcesOrForbids) {
  const std::string forced = std::string("@strategy(shadow)") + kAfter;
  const std::string forbidden = std::string("@strategy(alter)") + kAfter;
  EXPECT_EQ(Strategies(PlanWith(kBefore, forced, nullptr)), "shadow-swap");
  const TableSizes big = {{"t", TableSize{10'000'000, 1LL << 30}}};
  EXPECT_EQ(Strategies(PlanWith(kBefore, forbidden, &big)), "alter-copy");
}

TEST(ShadowSwapPlan, TableWithoutUsableKeyKeepsTheAlterAndSaysWhy) {
  const TableSizes big = {{"t", TableSize{10'000'000, 1LL << 30}}};
  const std::string before = "table t {\n a int not null\n b varchar(64)\n}\n";
  const std::string after = "table t {\n a bigint not null\n b varchar(64)\n}\n";
  Plan plan = PlanWith(before, after, &big);
  EXPECT_EQ(Strategies(plan), "alter-copy");
  EXPECT_NE(Hazards(plan).find("has no primary key and no unique key over NOT NULL columns"),
            std::string::npos)
      << Hazards(plan);

  // A unique key over NOT NULL columns is enough.
  const std::string keyed_before = "table t {\n a int not null unique\n b varchar(64)\n}\n";
  const std::string keyed_after =
      "table t {\n a int not null unique\n b varchar(200)\n c bigint not null default 0\n}\n";
  const std::string keyed_type = "table t {\n a int not null unique\n b text\n}\n";
  Plan keyed = PlanWith(keyed_before, keyed_type, &big);
  ASSERT_EQ(Strategies(keyed), "shadow-swap") << Hazards(keyed);
  EXPECT_EQ(keyed.steps[0].shadow_swap->key[0].source, "a");
  (void)keyed_after;
}

TEST(ShadowSwapPlan, ForeignKeysKeepTheAlterAndSayWhy) {
  const TableSizes big = {{"t", TableSize{10'000'000, 1LL << 30}}, {"child", TableSize{10, 1}}};
  const std::string child = "table child {\n id bigint primary key\n t_id bigint references t(id)\n}\n";
  Plan plan = PlanWith(std::string(kBefore) + child, std::string(kAfter) + child, &big);
  EXPECT_EQ(Strategies(plan), "alter-copy");
  EXPECT_NE(
      Hazards(plan).find("of table child references it, and RENAME TABLE would leave that key pointing at "
                         "the old table"),
      std::string::npos)
      << Hazards(plan);
}

}  // namespace
}  // namespace schemac
