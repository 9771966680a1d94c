// Plan rendering: exact strings for a small hand-built plan in every format.
#include "compiler/render_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using namespace schemac::testing;

// add table orders (create + a concurrent index: two steps), then drop table legacy (irreversible).
Plan SmallPlan() {
  Plan plan;
  plan.dialect = "pseudo";
  Change add;
  add.kind = ChangeKind::kAddTable;
  add.table_after = Tbl("orders");
  Change drop;
  drop.kind = ChangeKind::kDropTable;
  drop.table_before = Tbl("legacy");
  plan.changes = {add, drop};

  PlanStep create;
  create.description = "add table orders";
  create.strategy = "create";
  create.lock = "exclusive";
  create.up.statements = {"CREATE TABLE orders (\n  id bigint\n)"};
  create.down = SqlScript{};
  create.down->statements = {"DROP TABLE orders"};

  PlanStep index;
  index.description = "add index orders_id_idx";
  index.strategy = "concurrent-index";
  index.lock = "share update exclusive";
  index.up.statements = {"CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);"};
  index.up.transactional = false;
  index.down = SqlScript{};
  index.down->statements = {"DROP INDEX CONCURRENTLY orders_id_idx"};
  index.down->transactional = false;

  PlanStep remove;
  remove.description = "drop table legacy";
  remove.strategy = "drop";
  remove.lock = "exclusive";
  remove.up.statements = {"DROP TABLE legacy"};
  remove.hazards = {{hazard::kDropTable, "drops table legacy and its rows", true},
                    {hazard::kIrreversible, "no down migration: dropped rows cannot be restored", false}};
  remove.down_kind = DownKind::kNone;
  remove.down_reason = "dropped rows cannot be restored";
  remove.change_index = 1;

  plan.steps = {create, index, remove};
  plan.down = {*index.down, *create.down};
  plan.unmanaged = {{"view", "", "v_orders", "select * from orders"}};
  return plan;
}

// Where two texts first differ, by line, so a failing comparison points at the line to look at.
std::string FirstDifference(const std::string& actual, const std::string& expected) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    if (actual[i] != expected[i]) {
      return "first difference at line " + std::to_string(line) + ": actual \"" +
             actual.substr(start, actual.find('\n', start) - start) + "\", expected \"" +
             expected.substr(start, expected.find('\n', start) - start) + "\"";
    }
    if (actual[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return "one text is a prefix of the other (line " + std::to_string(line) + ")";
}

// A macro, so that failures report the line of the test itself.
#define EXPECT_SAME_TEXT(actual, expected)                                                \
  do {                                                                                    \
    const std::string actual_text = (actual);                                             \
    const std::string expected_text = (expected);                                         \
    EXPECT_EQ(actual_text, expected_text) << FirstDifference(actual_text, expected_text); \
  } while (false)

Plan EmptyPlan() {
  Plan plan;
  plan.dialect = "pseudo";
  return plan;
}

TEST(RenderPlanTest, ParsesFormatNames) {
  EXPECT_EQ(ParsePlanFormat("text"), PlanFormat::kText);
  EXPECT_EQ(ParsePlanFormat("sql"), PlanFormat::kSql);
  EXPECT_EQ(ParsePlanFormat("json"), PlanFormat::kJson);
  EXPECT_EQ(ParsePlanFormat("markdown"), PlanFormat::kMarkdown);
  EXPECT_EQ(ParsePlanFormat("md"), PlanFormat::kMarkdown);
  EXPECT_EQ(ParsePlanFormat("yaml"), std::nullopt);
  EXPECT_EQ(ParsePlanFormat(""), std::nullopt);
}

TEST(RenderPlanTest, Sql) {
  EXPECT_SAME_TEXT(RenderPlan(SmallPlan(), PlanFormat::kSql, false),
                   R"txt(-- warning: not managed by schemac: view v_orders

-- step 1: add table orders
CREATE TABLE orders (
  id bigint
);

-- step 2: add index orders_id_idx (not transactional: runs outside a transaction)
CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);

-- step 3: drop table legacy
DROP TABLE legacy;
)txt");
}

TEST(RenderPlanTest, SqlWithoutChanges) {
  EXPECT_SAME_TEXT(RenderPlan(EmptyPlan(), PlanFormat::kSql, false), "-- no changes\n");
}

TEST(RenderPlanTest, SqlIgnoresColor) {
  EXPECT_EQ(RenderPlan(SmallPlan(), PlanFormat::kSql, true),
            RenderPlan(SmallPlan(), PlanFormat::kSql, false));
}

TEST(RenderPlanTest, Text) {
  EXPECT_SAME_TEXT(RenderPlan(SmallPlan(), PlanFormat::kText, false),
                   R"txt(2 changes, 3 steps; hazards: HZ001-drop-table, HZ010-irreversible
warning: not managed by schemac: view v_orders

1. add table orders
   strategy: create, lock: exclusive, transactional
   down: exact
     CREATE TABLE orders (
       id bigint
     );

2. add index orders_id_idx
   strategy: concurrent-index, lock: share update exclusive, not transactional
   down: exact
     CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);

3. drop table legacy
   strategy: drop, lock: exclusive, transactional
   hazard HZ001-drop-table: drops table legacy and its rows (data loss)
   hazard HZ010-irreversible: no down migration: dropped rows cannot be restored
   down: none (dropped rows cannot be restored)
     DROP TABLE legacy;
)txt");
}

TEST(RenderPlanTest, TextWithoutChanges) {
  Plan plan = EmptyPlan();
  EXPECT_SAME_TEXT(RenderPlan(plan, PlanFormat::kText, false), "No changes.\n");
  plan.unmanaged = {{"trigger", "app", "audit", ""}};
  EXPECT_SAME_TEXT(RenderPlan(plan, PlanFormat::kText, false),
                   "No changes.\nwarning: not managed by schemac: trigger app.audit\n");
}

TEST(RenderPlanTest, TextColorOnlyWhenAsked) {
  const std::string plain = RenderPlan(SmallPlan(), PlanFormat::kText, false);
  const std::string colored = RenderPlan(SmallPlan(), PlanFormat::kText, true);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(colored.find("\033[31mhazard HZ001-drop-table"), std::string::npos) << colored;
  EXPECT_NE(colored.find("\033[1m1. add table orders\033[0m"), std::string::npos) << colored;
}

TEST(RenderPlanTest, TextLabelsEveryDown) {
  Plan plan = SmallPlan();
  plan.steps[2].hazards.pop_back();
  EXPECT_NE(RenderPlan(plan, PlanFormat::kText, false)
                .find("   down: none (dropped rows cannot be restored)\n     DROP TABLE legacy;\n"),
            std::string::npos);
  plan.steps[1].down_kind = DownKind::kLossy;
  plan.steps[1].down_reason = "the down restores the schema, not the data: x";
  const std::string text = RenderPlan(plan, PlanFormat::kText, false);
  EXPECT_NE(text.find("   down: lossy (the down restores the schema, not the data: x)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("   down: exact\n     CREATE TABLE orders"), std::string::npos) << text;
}

TEST(RenderPlanTest, Json) {
  EXPECT_SAME_TEXT(RenderPlan(SmallPlan(), PlanFormat::kJson, false), R"txt({
  "changes": [
    {
      "description": "add table orders",
      "kind": "add_table",
      "name": "orders",
      "namespace": ""
    },
    {
      "description": "drop table legacy",
      "kind": "drop_table",
      "name": "legacy",
      "namespace": ""
    }
  ],
  "data_checks": "not_run",
  "dialect": "pseudo",
  "down": [
    "DROP INDEX CONCURRENTLY orders_id_idx",
    "DROP TABLE orders"
  ],
  "rename_suggestions": [],
  "steps": [
    {
      "change_index": 0,
      "data_checks": [],
      "description": "add table orders",
      "down": [
        "DROP TABLE orders"
      ],
      "down_kind": "exact",
      "down_reason": "",
      "hazards": [],
      "impact": null,
      "irreversible_reason": "",
      "lock": "exclusive",
      "precondition_probe": "",
      "strategy": "create",
      "transactional": true,
      "up": [
        "CREATE TABLE orders (\n  id bigint\n)"
      ]
    },
    {
      "change_index": 0,
      "data_checks": [],
      "description": "add index orders_id_idx",
      "down": [
        "DROP INDEX CONCURRENTLY orders_id_idx"
      ],
      "down_kind": "exact",
      "down_reason": "",
      "hazards": [],
      "impact": null,
      "irreversible_reason": "",
      "lock": "share update exclusive",
      "precondition_probe": "",
      "strategy": "concurrent-index",
      "transactional": false,
      "up": [
        "CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);"
      ]
    },
    {
      "change_index": 1,
      "data_checks": [],
      "description": "drop table legacy",
      "down": null,
      "down_kind": "none",
      "down_reason": "dropped rows cannot be restored",
      "hazards": [
        {
          "code": "HZ001-drop-table",
          "data_loss": true,
          "message": "drops table legacy and its rows"
        },
        {
          "code": "HZ010-irreversible",
          "data_loss": false,
          "message": "no down migration: dropped rows cannot be restored"
        }
      ],
      "impact": null,
      "irreversible_reason": "dropped rows cannot be restored",
      "lock": "exclusive",
      "precondition_probe": "",
      "strategy": "drop",
      "transactional": true,
      "up": [
        "DROP TABLE legacy"
      ]
    }
  ],
  "unmanaged": [
    {
      "detail": "select * from orders",
      "kind": "view",
      "name": "v_orders",
      "namespace": ""
    }
  ],
  "up": [
    "CREATE TABLE orders (\n  id bigint\n)",
    "CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);",
    "DROP TABLE legacy"
  ]
}
)txt");
}

TEST(RenderPlanTest, JsonWithoutChanges) {
  EXPECT_SAME_TEXT(
      PlanToJson(EmptyPlan()).dump(),
      R"txt({"changes":[],"data_checks":"not_run","dialect":"pseudo","down":[],"rename_suggestions":[],"steps":[],"unmanaged":[],"up":[]})txt");
}

TEST(RenderPlanTest, JsonDetailsOfModificationsAndRenames) {
  Plan plan = EmptyPlan();
  Change rename;
  rename.kind = ChangeKind::kRenameTable;
  rename.ns = "app";
  rename.table_before = Tbl("purchases");
  rename.table_after = Tbl("orders");
  Change modify;
  modify.kind = ChangeKind::kModifyTable;
  modify.ns = "app";
  modify.table_before = Tbl("orders", {Col("a")});
  modify.table_after = Tbl("orders", {Col("b", model::TypeKind::Text)});
  model::Column renamed = Col("b");
  modify.table_diff.columns = {{ChangeOp::kRename, Col("a"), renamed, 0},
                               {ChangeOp::kModify, renamed, Col("b", model::TypeKind::Text), kColumnType}};
  modify.table_diff.comment_changed = true;
  plan.changes = {rename, modify};
  EXPECT_SAME_TEXT(
      PlanToJson(plan)["changes"].dump(),
      R"txt([{"description":"rename table app.purchases to orders","kind":"rename_table","name":"orders",)txt"
      R"txt("namespace":"app","old_name":"purchases"},{"description":"modify table app.orders (rename )txt"
      R"txt(column a to b, modify column b (type), change comment)","details":[{"name":"b","object":)txt"
      R"txt("column","old_name":"a","op":"rename"},{"flags":["type"],"name":"b","object":"column",)txt"
      R"txt("op":"modify"},{"name":"comment","object":"table","op":"modify"}],"kind":"modify_table",)txt"
      R"txt("name":"orders","namespace":"app"}])txt");
}

TEST(RenderPlanTest, Markdown) {
  EXPECT_SAME_TEXT(RenderPlan(SmallPlan(), PlanFormat::kMarkdown, false), R"txt(## schemac plan (pseudo)

> **Warning:** not managed by schemac: view v_orders

2 changes, 3 steps; hazards: HZ001-drop-table, HZ010-irreversible

| # | step | strategy | lock | table | data checks | hazards | down |
|---|------|----------|------|-------|-------------|---------|------|
| 1 | add table orders | create | exclusive |  | none | none | exact |
| 2 | add index orders_id_idx | concurrent-index | share update exclusive |  | none | none | exact |
| 3 | drop table legacy | drop | exclusive |  | none | HZ001-drop-table, HZ010-irreversible | none |

### Up

**Step 1: add table orders**

```sql
CREATE TABLE orders (
  id bigint
);
```

**Step 2: add index orders_id_idx** (not transactional)

```sql
CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);
```

**Step 3: drop table legacy**

```sql
DROP TABLE legacy;
```

### Down

**Undo step 3: drop table legacy**

Irreversible: dropped rows cannot be restored

**Undo step 2: add index orders_id_idx**

```sql
DROP INDEX CONCURRENTLY orders_id_idx;
```

**Undo step 1: add table orders**

```sql
DROP TABLE orders;
```
)txt");
}

TEST(RenderPlanTest, MarkdownWithoutChanges) {
  EXPECT_SAME_TEXT(RenderPlan(EmptyPlan(), PlanFormat::kMarkdown, false),
                   "## schemac plan (pseudo)\n\nNo changes.\n");
}

TEST(RenderPlanTest, MarkdownEscapesTableCells) {
  Plan plan = SmallPlan();
  plan.steps[0].description = "add table a|b";
  EXPECT_NE(RenderPlan(plan, PlanFormat::kMarkdown, false).find("| 1 | add table a\\|b | create |"),
            std::string::npos);
}

// Settings every step starts its transaction with are shown once, above the steps, not in each
// such step; a step outside a transaction shows its own session settings and their reset. The SQL
// form (what runs, and what golden files compare) keeps them in every step.
TEST(RenderPlanTest, SharedSessionSettingsAreShownOnce) {
  Plan plan = SmallPlan();
  for (auto& step : plan.steps) {
    step.up.settings.local = {"SET LOCAL lock_timeout = '5000ms'", "SET LOCAL statement_timeout = '0ms'"};
    step.up.settings.session = {"SET lock_timeout = '5000ms'", "SET statement_timeout = '0ms'"};
    step.up.settings.reset = {"RESET lock_timeout", "RESET statement_timeout"};
  }
  plan.steps[2].up.settings.local.push_back("SET LOCAL maintenance_work_mem = '1GB'");
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  for (PlanFormat format : {PlanFormat::kText, PlanFormat::kMarkdown}) {
    const std::string text = RenderPlan(plan, format, false);
    EXPECT_EQ(count(text, "First in each step's transaction:"), 1u) << text;
    EXPECT_EQ(count(text, "SET LOCAL statement_timeout = '0ms';"), 1u) << text;
    EXPECT_EQ(count(text, "SET LOCAL maintenance_work_mem = '1GB';"), 1u) << text;  // only its own step
    EXPECT_LT(text.find("SET LOCAL lock_timeout"), text.find("CREATE TABLE orders")) << text;
    // The index step runs outside a transaction: its own session settings, reset after it.
    EXPECT_EQ(count(text, "SET lock_timeout = '5000ms';"), 1u) << text;
    EXPECT_LT(text.find("SET lock_timeout = '5000ms';"), text.find("CREATE INDEX CONCURRENTLY")) << text;
    EXPECT_LT(text.find("CREATE INDEX CONCURRENTLY"), text.find("RESET lock_timeout;")) << text;
  }
  const std::string sql = RenderPlan(plan, PlanFormat::kSql, false);
  EXPECT_EQ(count(sql, "SET LOCAL lock_timeout = '5000ms';"), 2u) << sql;
  EXPECT_EQ(count(sql, "SET lock_timeout = '5000ms';"), 1u) << sql;
  EXPECT_EQ(count(sql, "RESET statement_timeout;"), 1u) << sql;

  // A step in a transaction without them: nothing is shared, every step shows its own.
  plan.steps[2].up.settings = ScriptSettings{};
  const std::string text = RenderPlan(plan, PlanFormat::kText, false);
  EXPECT_EQ(count(text, "First in each step's transaction:"), 0u) << text;
  EXPECT_EQ(count(text, "SET LOCAL lock_timeout = '5000ms';"), 1u) << text;
}

}  // namespace
}  // namespace schemac::compiler
