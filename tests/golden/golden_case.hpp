// One case of the golden corpus, as written in tests/golden/<dialect>/<topic>.yml, and its loader.
//
// The corpus is data: a case names a `current` and a `desired` schema (schema-language text), the
// exact SQL the plan must contain (`up`, `down`), rows to insert first and rows that must still
// be there afterwards. tests/golden/README.md describes every key.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace schemac::golden {

// One row of a query result as text; std::nullopt is SQL NULL (`null` or `~` in YAML).
using Row = std::vector<std::optional<std::string>>;

// `query` must return exactly `rows`, in order.
struct RowExpectation {
  std::string query;
  std::vector<Row> rows;
};

struct GoldenCase {
  std::string dialect;    // the folder: "sqlite", "postgres", "mysql"
  std::string file;       // path relative to the source tree, for messages
  std::string file_stem;  // "columns" for columns.yml
  std::string name;       // as written in the file
  int line = 0;           // 1-based line of the case in the file

  std::string current;
  std::string desired;
  // Hand-written SQL, run verbatim, for the databases built directly: the starting database and
  // the reference `down` is compared with (`current_sql`), the reference `up` is compared with
  // (`desired_sql`). Absent: those databases are built from `current` / `desired` by schemac's
  // CREATE path, from empty.
  std::optional<std::vector<std::string>> current_sql;
  std::optional<std::vector<std::string>> desired_sql;
  // Objects schemac does not manage that `seed` creates and the migration must keep (a view, a
  // trigger): run on every database built directly from `desired` (and on the round trip's) after
  // it is built, so the reference has them too.
  std::vector<std::string> unmanaged_sql;
  // Run on every database of the case before anything is built in it: what the schema's objects
  // need and schemac does not manage (a trigger's function, until functions are modelled).
  std::vector<std::string> prelude_sql;
  std::optional<std::string> up;  // absent: not written yet (SCHEMAC_GOLDEN_RECORD fills it in)
  std::optional<std::string> down;
  std::vector<std::string> seed;
  std::vector<RowExpectation> expect;           // after up and after down
  std::vector<RowExpectation> expect_after_up;  // after up only
  std::optional<std::string> error;             // plan or apply must fail with this substring
  bool allow_destructive = false;
  bool irreversible = false;  // the plan may have steps without a down
  std::string skip;           // non-empty: reported skipped with this reason
  // Non-empty: the migrated database's catalog is known to differ from the one built directly
  // (the reason names the bug and its issue). The runner prints the difference as a known one,
  // and fails when the catalogs are equal after all, so a stale marker is removed.
  std::string catalog_differs;
  // The same for the round trip: a fresh database built from the printed inspection.
  std::string round_trip_differs;
  int name_collision = 0;  // >0 when another case's name sanitizes the same: appended to TestName()

  // Set instead of everything else when the file (or this case) could not be read: the test
  // for it fails with this message, so a broken corpus file never passes silently.
  std::string load_error;

  // "tests/golden/sqlite/columns.yml:12 (add nullable column)": where to look when it fails.
  std::string Where() const;
  // A GoogleTest-safe unique-ish name: "<file>_<case>" with everything but [A-Za-z0-9_] as "_".
  std::string TestName() const;
};

// GoogleTest prints a failing parameter with this: where the case is, not its bytes.
void PrintTo(const GoldenCase& golden_case, std::ostream* out);

// Every case of one YAML file. Problems become cases with `load_error` set.
std::vector<GoldenCase> LoadGoldenFile(const std::string& source_dir, const std::string& relative_path,
                                       const std::string& dialect);

// Every case of tests/golden/<dialect>/*.yml, files in name order, test names made unique.
std::vector<GoldenCase> LoadGoldenCorpus(const std::string& source_dir, const std::string& dialect);

}  // namespace schemac::golden
