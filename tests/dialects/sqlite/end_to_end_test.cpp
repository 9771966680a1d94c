// Schema text -> plan against a live SQLite database -> apply -> plan again is empty; then the
// plan's down migration returns to the first schema. The properties of DESIGN.md, for SQLite.
#include <gtest/gtest.h>

#include "compiler/planner.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

model::Schema Parse(const std::string& text) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, "test.schema");
  std::string errors;
  for (const auto& d : loaded.diagnostics) errors += dsl::RenderDiagnostic(d, false);
  EXPECT_TRUE(loaded.ok()) << errors;
  return loaded.schema;
}

std::string Describe(const Plan& plan) {
  std::string out;
  for (const auto& change : plan.changes) out += "change: " + change.Describe() + "\n";
  for (const auto& sql : plan.UpStatements()) out += "  " + sql + "\n";
  return out;
}

Plan PlanTo(Connection& db, const model::Schema& desired) {
  auto plan = compiler::BuildPlan(testing::InspectOk(db), desired, SqliteDialectInstance(), PlanPolicy{});
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  return plan.ok() ? *plan : Plan{};
}

Status ApplyUp(Connection& db, const Plan& plan) { return testing::RunSteps(db, plan.steps); }

Status ApplyDown(Connection& db, const Plan& plan) {
  for (auto it = plan.steps.rbegin(); it != plan.steps.rend(); ++it) {
    if (!it->down) return Status(StatusCode::kUnsupported, "irreversible: " + it->description);
    if (Status s = testing::RunScript(db, *it->down); !s.ok())
      return s.WithContext("down of " + it->description);
  }
  return Status::Ok();
}

struct Case {
  std::string name;
  std::string from;
  std::string to;
  std::string seed;               // rows inserted after `from` is applied
  std::string expected_strategy;  // of the first step from -> to, when set
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class SqliteEndToEnd : public ::testing::TestWithParam<Case> {};

TEST_P(SqliteEndToEnd, ConvergesAndReverses) {
  const Case& c = GetParam();
  auto db = testing::OpenMemory();
  const model::Schema from = Parse(c.from);
  const model::Schema to = Parse(c.to);

  const Plan create = PlanTo(*db, from);
  Status status = ApplyUp(*db, create);
  ASSERT_TRUE(status.ok()) << status.message() << "\n" << Describe(create);
  const Plan again = PlanTo(*db, from);
  ASSERT_TRUE(again.Empty()) << "not convergent after creating `from`:\n" << Describe(again);
  if (!c.seed.empty()) testing::ExecOk(*db, c.seed);

  const Plan forward = PlanTo(*db, to);
  ASSERT_FALSE(forward.Empty());
  if (!c.expected_strategy.empty()) {
    ASSERT_FALSE(forward.steps.empty());
    EXPECT_EQ(forward.steps[0].strategy, c.expected_strategy) << Describe(forward);
  }
  status = ApplyUp(*db, forward);
  ASSERT_TRUE(status.ok()) << status.message() << "\n" << Describe(forward);
  const Plan settled = PlanTo(*db, to);
  EXPECT_TRUE(settled.Empty()) << "not convergent after `to`:\n" << Describe(settled);

  status = ApplyDown(*db, forward);
  ASSERT_TRUE(status.ok()) << status.message();
  const Plan back = PlanTo(*db, from);
  EXPECT_TRUE(back.Empty()) << "down did not return to `from`:\n" << Describe(back);
}

const char* kBase = R"(
enum order_status { pending, paid, shipped }
table users {
  id    bigint primary key identity
  email varchar(200) not null unique collate nocase
  name  text
}
table orders {
  id       bigint primary key identity
  user_id  bigint not null references users(id) on delete cascade
  status   order_status not null default 'pending'
  total    decimal(12,2) not null default 0 check (total >= 0)
  created  timestamp not null default (CURRENT_TIMESTAMP)
  note     text
  index orders_user_idx (user_id, created desc) where (status <> 'shipped')
}
)";

std::string With(const std::string& from, const std::string& to) {
  std::string text = kBase;
  const std::size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Renamed() {
  std::string text = With("table users {", "@renamed_from(users)\ntable members {");
  const std::string reference = "references users(id)";
  text.replace(text.find(reference), reference.size(), "references members(id)");
  return text;
}

const char* kSeed =
    "INSERT INTO users (email, name) VALUES ('a@x', 'A'), ('b@x', NULL);"
    "INSERT INTO orders (user_id, total, note) VALUES (1, 10, 'n1'), (2, 20.5, NULL);";

INSTANTIATE_TEST_SUITE_P(
    Cases, SqliteEndToEnd,
    ::testing::Values(
        Case{"create_everything", "", kBase, "", "create"},
        Case{"add_nullable_column", kBase,
             With("  note     text\n", "  note     text\n  paid_at  timestamp\n"), kSeed, "alter"},
        Case{"add_not_null_with_default", kBase,
             With("  note     text\n", "  note     text\n  items    int not null default 1\n"), kSeed,
             "alter"},
        Case{"drop_column", kBase, With("  note     text\n", ""), kSeed, "alter"},
        Case{"rename_column", kBase, With("  note     text\n", "  remark   text @renamed_from(note)\n"),
             kSeed, ""},
        Case{"change_type", kBase, With("  name  text\n", "  name  varchar(80)\n"), kSeed, "rebuild"},
        Case{"set_not_null_with_default", kBase,
             With("  name  text\n", "  name  text not null default 'anon'\n"), kSeed, "rebuild"},
        Case{"add_index", kBase, With("  name  text\n", "  name  text\n  index users_name_idx (name)\n"),
             kSeed, "alter"},
        Case{"add_expression_unique_index", kBase,
             With("  name  text\n", "  name  text\n  unique index users_lower_email ((lower(email)))\n"),
             kSeed, "alter"},
        Case{"add_check", kBase, With("  name  text\n", "  name  text check (length(name) < 100)\n"), kSeed,
             "rebuild"},
        Case{"enum_add_value", kBase, With("shipped }", "shipped, cancelled }"), kSeed, ""},
        Case{"rename_table", kBase, Renamed(), kSeed, "rename"},
        Case{"strict_option", kBase, With("  name  text\n", "  name  text\n  option sqlite.strict = true\n"),
             kSeed, "rebuild"},
        Case{"drop_and_add_table", kBase,
             With("table users {", "table accounts {\n  id bigint primary key\n}\ntable users {"), kSeed,
             "create"},
        Case{"drop_table",
             With("table users {", "table accounts {\n  id bigint primary key\n}\ntable users {"), kBase, "",
             "drop"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace schemac::dialects::sqlite
