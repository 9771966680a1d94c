// The golden corpus runner: every case of tests/golden/<dialect>/*.yml, driven through the phases
// of /work/shared/DESIGN.md ("Correctness, stated as properties"):
//   (a) a fresh database; apply `current`; a new plan against `current` is empty;
//   (b) seed; plan to `desired` == `up` (and its downs == `down`); apply; the plan is empty
//       (convergence); a second apply changes nothing (idempotence); `expect` rows hold;
//   (c) run the forward plan's down scripts; the plan against `current` is empty; `expect` holds;
//   (d) after every state: inspect -> print -> parse -> plan against the database is empty;
//   (e) `error` cases: the error appears and the database is left as it was.
// One GoogleTest case per corpus case, named <file>_<case>, instantiated once per dialect.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "compiler/planner.hpp"
#include "expectation_recorder.hpp"
#include "golden_apply.hpp"
#include "golden_case.hpp"
#include "plan_scripts.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "scratch_database.hpp"
#include "sources/sources.hpp"
#include "statement_text.hpp"

namespace schemac::golden {
namespace {

using ::testing::AssertionFailure;
using ::testing::AssertionResult;
using ::testing::AssertionSuccess;

Result<model::Schema> ParseCaseSchema(const std::string& text, const std::string& label) {
  dsl::LoadResult loaded = dsl::ParseSchemaText(text, label);
  if (loaded.ok()) return std::move(loaded.schema);
  std::string message;
  for (const auto& diagnostic : loaded.diagnostics) message += dsl::RenderDiagnostic(diagnostic, false);
  return Status(StatusCode::kInvalidArgument, message);
}

Result<Plan> PlanAgainstDatabase(dialects::Connection& db, const model::Schema& target) {
  auto inspected = db.Inspect();
  if (!inspected.ok()) return inspected.status().WithContext("inspect");
  return compiler::BuildPlan(*inspected, target, db.GetDialect(), PlanPolicy{});
}

std::string DescribePlan(const Plan& plan) {
  std::string text;
  for (const auto& change : plan.changes) text += "  change: " + change.Describe() + "\n";
  text += StatementsAsText(plan.UpStatements());
  return text;
}

// Property 1 / 3: nothing left to do between the database and `target`.
AssertionResult PlansEmpty(dialects::Connection& db, const model::Schema& target, const std::string& phase) {
  auto plan = PlanAgainstDatabase(db, target);
  if (!plan.ok()) return AssertionFailure() << phase << ": planning failed: " << plan.status().message();
  if (!plan->Empty())
    return AssertionFailure() << phase << ": the plan is not empty:\n" << DescribePlan(*plan);
  return AssertionSuccess();
}

// Property 4: what inspect prints parses back into the database's own shape.
AssertionResult RoundTrips(dialects::Connection& db, const std::string& phase) {
  auto inspected = db.Inspect();
  if (!inspected.ok())
    return AssertionFailure() << phase << ": inspect failed: " << inspected.status().message();
  const std::string printed = dsl::PrintSchema(*inspected);
  auto reparsed = ParseCaseSchema(printed, "<inspected>");
  if (!reparsed.ok()) {
    return AssertionFailure() << phase << ": the printed inspection does not parse:\n"
                              << reparsed.status().message() << "\nprinted:\n"
                              << printed;
  }
  AssertionResult empty = PlansEmpty(db, *reparsed, phase + " (round trip through the printed schema)");
  if (!empty) return empty << "\nprinted:\n" << printed;
  return AssertionSuccess();
}

std::string FormatRows(const std::vector<Row>& rows) {
  std::ostringstream out;
  for (const auto& row : rows) {
    out << "  [";
    for (size_t i = 0; i < row.size(); ++i)
      out << (i ? ", " : "") << (row[i] ? "\"" + *row[i] + "\"" : "null");
    out << "]\n";
  }
  return rows.empty() ? "  (no rows)\n" : out.str();
}

// Property 5: the rows the case put in are still there.
AssertionResult RowsHold(dialects::Connection& db, const std::vector<RowExpectation>& expectations,
                         const std::string& phase) {
  for (const auto& expectation : expectations) {
    auto rows = db.Query(expectation.query);
    if (!rows.ok()) {
      return AssertionFailure() << phase << ": " << expectation.query
                                << " failed: " << rows.status().message();
    }
    if (*rows != expectation.rows) {
      return AssertionFailure() << phase << ": " << expectation.query << "\nexpected:\n"
                                << FormatRows(expectation.rows) << "actual:\n"
                                << FormatRows(*rows);
    }
  }
  return AssertionSuccess();
}

AssertionResult SameSql(const GoldenCase& c, const char* key, const std::string& expected,
                        const std::string& actual) {
  if (SameStatements(expected, actual)) return AssertionSuccess();
  return AssertionFailure() << c.Where() << ": `" << key << "` differs (- expected, + actual):\n"
                            << LineDiff(expected, actual) << "actual, to paste after review:\n"
                            << actual;
}

// Compares the forward plan with the case's `up` / `down`; drafts missing ones in record mode.
AssertionResult MatchesExpectedSql(const GoldenCase& c, const Plan& forward) {
  const std::string up = StatementsAsText(forward.UpStatements());
  const std::string down = StatementsAsText(forward.DownStatements());
  if (!c.up || !c.down) {
    if (!RecordingRequested()) {
      return AssertionFailure()
             << c.Where() << ": no `up`/`down` written yet. Actual up:\n"
             << up << "actual down:\n"
             << down << "(SCHEMAC_GOLDEN_RECORD=1 drafts them into the file; review before committing)";
    }
    Status recorded = RecordExpectations(SCHEMAC_SOURCE_DIR, c, c.up ? std::nullopt : std::optional(up),
                                         c.down ? std::nullopt : std::optional(down));
    if (!recorded.ok()) return AssertionFailure() << recorded.message();
    std::cout << "[ RECORDED ] " << c.Where() << ": review the drafted SQL before committing\n";
  }
  if (c.up) {
    if (AssertionResult same = SameSql(c, "up", *c.up, up); !same) return same;
  }
  if (c.down) {
    if (AssertionResult same = SameSql(c, "down", *c.down, down); !same) return same;
  }
  return AssertionSuccess();
}

// The database's shape, for "nothing changed" checks.
model::Schema Snapshot(dialects::Connection& db) {
  auto inspected = db.Inspect();
  EXPECT_TRUE(inspected.ok()) << "inspect failed: " << inspected.status().message();
  return inspected.ok() ? *inspected : model::Schema{};
}

AssertionResult Unchanged(const model::Schema& before, dialects::Connection& db, const std::string& what) {
  const model::Schema after = Snapshot(db);
  if (after == before) return AssertionSuccess();
  return AssertionFailure() << what << " changed the database.\nbefore:\n"
                            << dsl::PrintSchema(before) << "after:\n"
                            << dsl::PrintSchema(after);
}

// Phase (e): planning or applying `desired` fails with the case's error, and changes nothing.
void RunErrorCase(const GoldenCase& c, dialects::Connection& db, const model::Schema& desired) {
  const model::Schema before = Snapshot(db);
  std::string failure;
  auto forward = PlanAgainstDatabase(db, desired);
  if (!forward.ok()) {
    failure = forward.status().message();
  } else {
    if (c.up) {
      EXPECT_TRUE(SameSql(c, "up", *c.up, StatementsAsText(forward->UpStatements())));
    }
    auto applied = ApplySchema(db, desired, c.allow_destructive);
    ASSERT_FALSE(applied.ok()) << c.Where() << ": expected an error containing \"" << *c.error
                               << "\", but planning and applying succeeded. Plan:\n"
                               << DescribePlan(*forward);
    failure = applied.status().message();
  }
  EXPECT_THAT(failure, ::testing::HasSubstr(*c.error)) << c.Where() << ": the error differs";
  EXPECT_TRUE(Unchanged(before, db, "the failed migration")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect, "after the failed migration")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect_after_up, "after the failed migration")) << c.Where();
}

class GoldenCorpus : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenCorpus, Case) {
  const GoldenCase& c = GetParam();
  ASSERT_TRUE(c.load_error.empty()) << c.load_error;
  if (!c.skip.empty()) GTEST_SKIP() << c.Where() << " is marked skip: " << c.skip;

  std::string skip_reason;
  auto scratch = ScratchDatabase::Create(c.dialect, &skip_reason);
  ASSERT_TRUE(scratch.ok()) << c.Where() << ": " << scratch.status().message();
  if (!*scratch) GTEST_SKIP() << skip_reason;
  auto connection = (*scratch)->Connect();
  ASSERT_TRUE(connection.ok()) << c.Where() << ": connecting to " << (*scratch)->url() << ": "
                               << connection.status().message();
  dialects::Connection& db = **connection;

  auto current = ParseCaseSchema(c.current, c.file + " (current)");
  ASSERT_TRUE(current.ok()) << c.Where() << ": `current` does not parse:\n" << current.status().message();
  auto desired = ParseCaseSchema(c.desired, c.file + " (desired)");
  if (!desired.ok()) {
    ASSERT_TRUE(c.error.has_value()) << c.Where() << ": `desired` does not parse:\n"
                                     << desired.status().message();
    EXPECT_THAT(desired.status().message(), ::testing::HasSubstr(*c.error)) << c.Where();
    return;
  }

  // Inspect covers every namespace either side names, as `schemac apply` and `plan` scope it
  // (PostgreSQL otherwise inspects only the connection's current schema).
  std::vector<std::string> namespaces = sources::NamespaceNames(*current);
  for (auto& ns : sources::NamespaceNames(*desired)) namespaces.push_back(ns);
  db.ScopeNamespaces(namespaces);

  // (a) the database is built from `current` and agrees with it.
  auto built = ApplySchema(db, *current, /*allow_destructive=*/false);
  ASSERT_TRUE(built.ok()) << c.Where() << ": applying `current` failed: " << built.status().message();
  ASSERT_TRUE(PlansEmpty(db, *current, "after applying `current`")) << c.Where();
  ASSERT_TRUE(RoundTrips(db, "after applying `current`")) << c.Where();
  for (const auto& statement : c.seed) {
    Status seeded = db.Execute(statement);
    ASSERT_TRUE(seeded.ok()) << c.Where() << ": seed " << statement << ": " << seeded.message();
  }

  if (c.error) {
    RunErrorCase(c, db, *desired);
    return;
  }

  // (b) up: the expected SQL, convergence, idempotence, data preservation.
  auto forward = PlanAgainstDatabase(db, *desired);
  ASSERT_TRUE(forward.ok()) << c.Where() << ": planning `desired` failed: " << forward.status().message();
  EXPECT_TRUE(MatchesExpectedSql(c, *forward));
  auto applied = ApplySchema(db, *desired, c.allow_destructive);
  ASSERT_TRUE(applied.ok()) << c.Where() << ": applying `desired` failed: " << applied.status().message()
                            << "\nplan:\n"
                            << DescribePlan(*forward);
  EXPECT_TRUE(PlansEmpty(db, *desired, "after up")) << c.Where();
  const model::Schema after_up = Snapshot(db);
  auto again = ApplySchema(db, *desired, c.allow_destructive);
  ASSERT_TRUE(again.ok()) << c.Where()
                          << ": applying `desired` a second time failed: " << again.status().message();
  EXPECT_FALSE(again->executed) << c.Where() << ": the second apply ran steps:\n"
                                << DescribePlan(again->plan);
  EXPECT_TRUE(Unchanged(after_up, db, "a second apply")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect, "after up")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect_after_up, "after up")) << c.Where();
  EXPECT_TRUE(RoundTrips(db, "after up")) << c.Where();

  // (c) down: the forward plan's own undo returns the database to `current`.
  bool reversible = true;
  for (const auto& step : forward->steps) reversible = reversible && step.down.has_value();
  if (!reversible) {
    EXPECT_TRUE(c.irreversible) << c.Where() << ": the plan has steps without a down; mark the case "
                                << "`irreversible: true` if that is right";
    return;
  }
  EXPECT_FALSE(c.irreversible) << c.Where() << ": marked irreversible, but every step has a down";
  Status reverted = RunDownScripts(db, *forward);
  ASSERT_TRUE(reverted.ok()) << c.Where() << ": running the down scripts failed: " << reverted.message();
  EXPECT_TRUE(PlansEmpty(db, *current, "after down")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect, "after down")) << c.Where();
  EXPECT_TRUE(RoundTrips(db, "after down")) << c.Where();
}

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.TestName(); }

INSTANTIATE_TEST_SUITE_P(sqlite, GoldenCorpus,
                         ::testing::ValuesIn(LoadGoldenCorpus(SCHEMAC_SOURCE_DIR, "sqlite")), CaseName);
INSTANTIATE_TEST_SUITE_P(postgres, GoldenCorpus,
                         ::testing::ValuesIn(LoadGoldenCorpus(SCHEMAC_SOURCE_DIR, "postgres")), CaseName);
INSTANTIATE_TEST_SUITE_P(mysql, GoldenCorpus,
                         ::testing::ValuesIn(LoadGoldenCorpus(SCHEMAC_SOURCE_DIR, "mysql")), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenCorpus);

}  // namespace
}  // namespace schemac::golden
