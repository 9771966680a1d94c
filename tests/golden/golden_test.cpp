// The golden corpus runner: every case of tests/golden/<dialect>/*.yml, driven through the phases
// of the design (docs/ARCHITECTURE.md, "Correctness"):
//   (a) a fresh database; apply `current`; a new plan against `current` is empty;
//   (b) seed; plan to `desired` == `up` (and its downs == `down`); apply; the plan is empty
//       (convergence); a second apply changes nothing (idempotence); `expect` rows hold;
//   (c) run the forward plan's down scripts; the plan against `current` is empty; `expect` holds;
//   (d) after every state: inspect -> print -> parse -> plan against the database is empty;
//   (e) `error` cases: the error appears and the database is left as it was;
//   (f) convergence judged independently of schemac: after up (and after down) the migrated
//       database's catalog, read by tests/support/catalog_reader, equals the catalog of a
//       database built directly from `desired` / `desired_sql` (`current` / `current_sql`), and a
//       fresh database built from the printed inspection after up has the same catalog too.
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
#include "tests/support/catalog_reader.hpp"

namespace schemac::golden {
namespace {

using ::testing::AssertionFailure;
using ::testing::AssertionResult;
using ::testing::AssertionSuccess;

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

// ---- (f) catalogs compared independently ----

using test_support::CatalogSnapshot;

// The catalog, or a failed read as the single line that says so (it then differs visibly).
CatalogSnapshot CatalogOf(dialects::Connection& db) {
  auto snapshot = test_support::ReadCatalog(db);
  if (snapshot.ok()) return *snapshot;
  return CatalogSnapshot{{"<the catalog could not be read: " + snapshot.status().message() + ">"}};
}

// Runs hand-written SQL verbatim, statement by statement.
Status RunSql(dialects::Connection& db, const std::vector<std::string>& statements) {
  for (const auto& statement : statements) {
    if (Status run = db.Execute(statement); !run.ok()) return run.WithContext(statement);
  }
  return Status::Ok();
}

// The catalog of a database built directly, from empty: from `sql` when the case gives it,
// otherwise from `schema` through the migrator (the CREATE path, not the ALTER path the
// migration took).
Result<CatalogSnapshot> BuiltDirectly(const GoldenCase& c, const model::Schema& schema,
                                      const std::optional<std::vector<std::string>>& sql) {
  std::string skip_reason;
  auto scratch = ScratchDatabase::Create(c.dialect, &skip_reason);
  if (!scratch.ok()) return scratch.status();
  if (!*scratch) return Status(StatusCode::kNotFound, skip_reason);
  auto connection = (*scratch)->Connect();
  if (!connection.ok()) return connection.status().WithContext("connecting to the reference database");
  dialects::Connection& reference = **connection;
  if (Status run = RunSql(reference, c.prelude_sql); !run.ok())
    return run.WithContext("running `prelude_sql` on the reference");
  if (sql) {
    if (Status run = RunSql(reference, *sql); !run.ok()) return run.WithContext("building the reference");
  } else {
    reference.ScopeNamespaces(sources::NamespaceNames(schema));
    auto built = ApplySchema(reference, schema, /*allow_destructive=*/false);
    if (!built.ok()) return built.status().WithContext("building the reference");
  }
  if (Status run = RunSql(reference, c.unmanaged_sql); !run.ok()) {
    return run.WithContext("running `unmanaged_sql` on the reference");
  }
  return CatalogOf(reference);
}

// The catalog comparisons of one case, judged at the end against its known-difference markers.
class CatalogComparisons {
 public:
  explicit CatalogComparisons(const GoldenCase& c) : case_(c) {}

  // `phase`: the migrated database (`actual`) against a database built directly (`expected`).
  void Compare(const std::string& phase, const CatalogSnapshot& expected, const CatalogSnapshot& actual) {
    Record(&catalog_, phase, test_support::DiffCatalogs(expected, actual));
  }
  void CompareWithReference(const std::string& phase, const Result<CatalogSnapshot>& expected,
                            const CatalogSnapshot& actual) {
    if (!expected.ok()) {
      Record(&catalog_, phase,
             "the reference database could not be built: " + expected.status().message() + "\n");
      return;
    }
    Compare(phase, *expected, actual);
  }
  // Property 4 (the printed inspection plans empty) is part of the round trip: under a
  // `round_trip_differs` marker its failure is a known difference too.
  void ExpectRoundTrips(const AssertionResult& result) {
    if (result) return;
    if (case_.round_trip_differs.empty()) {
      ADD_FAILURE() << case_.Where() << ": " << result.message();
    } else {
      Record(&round_trip_, "the printed inspection", std::string(result.message()) + "\n");
    }
  }

  // After up: inspect -> print -> parse -> apply to a fresh database -> the same catalog.
  void CompareRoundTrip(const std::string& phase, dialects::Connection& db,
                        const CatalogSnapshot& inspected_catalog) {
    auto inspected = db.Inspect();
    if (!inspected.ok()) return;  // RoundTrips reports it
    auto reparsed = ParseCaseSchema(dsl::PrintSchema(*inspected), "<inspected>");
    if (!reparsed.ok()) return;  // RoundTrips reports it
    auto rebuilt = BuiltDirectly(case_, *reparsed, std::nullopt);
    if (!rebuilt.ok()) {
      Record(&round_trip_, phase,
             "the printed inspection does not build: " + rebuilt.status().message() + "\n");
      return;
    }
    Record(&round_trip_, phase, test_support::DiffCatalogs(inspected_catalog, *rebuilt));
  }

  // Unmarked differences fail; marked ones are printed as known; a marker with nothing left to
  // mark fails too, so it is removed when the bug is fixed.
  void Judge() const {
    Judge(catalog_, case_.catalog_differs, "catalog_differs",
          "the migrated database's catalog differs from the one built directly (- built directly, "
          "+ migrated)");
    Judge(round_trip_, case_.round_trip_differs, "round_trip_differs",
          "a database built from the printed inspection differs (- inspected, + rebuilt)");
  }

 private:
  static void Record(std::string* into, const std::string& phase, const std::string& diff) {
    if (!diff.empty()) *into += "  " + phase + ":\n" + diff;
  }
  void Judge(const std::string& diffs, const std::string& marker, const char* key, const char* what) const {
    if (marker.empty()) {
      EXPECT_TRUE(diffs.empty()) << case_.Where() << ": " << what << ":\n"
                                 << diffs << "(fix it, or mark the case `" << key
                                 << ": \"<reason, issue>\"`)";
    } else if (diffs.empty()) {
      ADD_FAILURE() << case_.Where() << ": marked `" << key << ": " << marker
                    << "`, but the catalogs are equal: remove the marker";
    } else {
      std::cout << "[ KNOWN DIFF ] " << case_.Where() << " (" << key << ": " << marker << "): " << what
                << ":\n"
                << diffs;
    }
  }

  const GoldenCase& case_;
  std::string catalog_;
  std::string round_trip_;
};

// Phase (e): planning or applying `desired` fails with the case's error, and changes nothing.
void RunErrorCase(const GoldenCase& c, dialects::Connection& db, const model::Schema& desired,
                  CatalogComparisons& catalogs) {
  const model::Schema before = Snapshot(db);
  const CatalogSnapshot catalog_before = CatalogOf(db);
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
  catalogs.Compare("after the failed migration (- before)", catalog_before, CatalogOf(db));
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
  Status prelude = RunSql(db, c.prelude_sql);
  ASSERT_TRUE(prelude.ok()) << c.Where() << ": running `prelude_sql` failed: " << prelude.message();

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

  CatalogComparisons catalogs(c);

  // (a) the database is built from `current` (or from `current_sql`, which `current` must then
  // describe) and agrees with it. Built directly from empty either way: its catalog is the one
  // `down` must return to.
  if (c.current_sql) {
    Status built = RunSql(db, *c.current_sql);
    ASSERT_TRUE(built.ok()) << c.Where() << ": running `current_sql` failed: " << built.message();
    ASSERT_TRUE(PlansEmpty(db, *current, "`current` against the database `current_sql` built")) << c.Where();
  } else {
    auto built = ApplySchema(db, *current, /*allow_destructive=*/false);
    ASSERT_TRUE(built.ok()) << c.Where() << ": applying `current` failed: " << built.status().message();
    ASSERT_TRUE(PlansEmpty(db, *current, "after applying `current`")) << c.Where();
  }
  catalogs.ExpectRoundTrips(RoundTrips(db, "after applying `current`"));
  for (const auto& statement : c.seed) {
    Status seeded = db.Execute(statement);
    ASSERT_TRUE(seeded.ok()) << c.Where() << ": seed " << statement << ": " << seeded.message();
  }
  // After the seed: the unmanaged objects it creates are part of what `down` returns to.
  const CatalogSnapshot current_catalog = CatalogOf(db);

  if (c.error) {
    RunErrorCase(c, db, *desired, catalogs);
    catalogs.Judge();
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
  catalogs.ExpectRoundTrips(RoundTrips(db, "after up"));
  const CatalogSnapshot after_up_catalog = CatalogOf(db);
  catalogs.CompareWithReference(
      c.desired_sql ? "after up, against `desired_sql`" : "after up, against `desired`",
      BuiltDirectly(c, *desired, c.desired_sql), after_up_catalog);
  catalogs.CompareRoundTrip("after up", db, after_up_catalog);

  // (c) down: the forward plan's own undo returns the database to `current`.
  bool reversible = true;
  for (const auto& step : forward->steps) reversible = reversible && step.down.has_value();
  if (!reversible) {
    EXPECT_TRUE(c.irreversible) << c.Where() << ": the plan has steps without a down; mark the case "
                                << "`irreversible: true` if that is right";
    catalogs.Judge();
    return;
  }
  EXPECT_FALSE(c.irreversible) << c.Where() << ": marked irreversible, but every step has a down";
  Status reverted = RunDownScripts(db, *forward);
  ASSERT_TRUE(reverted.ok()) << c.Where() << ": running the down scripts failed: " << reverted.message();
  EXPECT_TRUE(PlansEmpty(db, *current, "after down")) << c.Where();
  EXPECT_TRUE(RowsHold(db, c.expect, "after down")) << c.Where();
  catalogs.ExpectRoundTrips(RoundTrips(db, "after down"));
  catalogs.Compare(c.current_sql ? "after down, against `current_sql`" : "after down, against `current`",
                   current_catalog, CatalogOf(db));
  catalogs.Judge();
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
