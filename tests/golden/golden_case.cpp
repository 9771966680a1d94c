#include "golden_case.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace schemac::golden {
namespace {

// Keys a case may have; anything else is a typo that would silently disable a check.
const std::set<std::string> kKnownKeys = {
    "name",
    "current",
    "desired",
    "up",
    "down",
    "seed",
    "expect",
    "expect_after_up",
    "error",
    "allow_destructive",
    "irreversible",
    "skip",
    "current_sql",
    "desired_sql",
    "catalog_differs",
    "round_trip_differs",
    "unmanaged_sql",
    "prelude_sql",
};

std::string ScalarOrEmpty(const YAML::Node& node) {
  return node && node.IsScalar() ? node.as<std::string>() : "";
}

std::vector<RowExpectation> ReadExpectations(const YAML::Node& node, const std::string& key) {
  std::vector<RowExpectation> out;
  if (!node) return out;
  if (!node.IsSequence()) throw std::runtime_error("`" + key + "` must be a list of {query, rows}");
  for (const auto& item : node) {
    RowExpectation expectation;
    expectation.query = ScalarOrEmpty(item["query"]);
    if (expectation.query.empty()) throw std::runtime_error("`" + key + "` entry without a `query`");
    const YAML::Node rows = item["rows"];
    if (!rows || !rows.IsSequence()) throw std::runtime_error("`" + key + "` entry without a `rows` list");
    for (const auto& row_node : rows) {
      if (!row_node.IsSequence()) throw std::runtime_error("each row of `" + key + "` must be a list");
      Row row;
      for (const auto& cell : row_node) {
        if (cell.IsNull()) {
          row.push_back(std::nullopt);
        } else {
          row.push_back(cell.as<std::string>());
        }
      }
      expectation.rows.push_back(std::move(row));
    }
    out.push_back(std::move(expectation));
  }
  return out;
}

// `current_sql` / `desired_sql`: a list of statements, or one block run as a single statement.
std::optional<std::vector<std::string>> ReadSql(const YAML::Node& node, const std::string& key) {
  if (!node) return std::nullopt;
  std::vector<std::string> statements;
  if (node.IsScalar()) {
    statements.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& statement : node) {
      if (!statement.IsScalar())
        throw std::runtime_error("each entry of `" + key + "` must be an SQL statement");
      statements.push_back(statement.as<std::string>());
    }
  } else if (!node.IsNull()) {
    throw std::runtime_error("`" + key + "` must be a list of SQL statements or a block of SQL");
  }
  return statements;
}

// `catalog_differs` / `round_trip_differs`: the reason, never empty (an empty marker would hide
// a difference without saying why).
std::string ReadReason(const YAML::Node& node, const std::string& key) {
  if (!node) return "";
  const std::string reason = ScalarOrEmpty(node);
  if (reason.empty()) throw std::runtime_error("`" + key + "` needs a reason (the bug and its issue)");
  return reason;
}

GoldenCase ReadCase(const YAML::Node& node) {
  GoldenCase c;
  if (!node.IsMap()) throw std::runtime_error("a case must be a mapping");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (!kKnownKeys.count(key)) throw std::runtime_error("unknown key `" + key + "`");
  }
  c.name = ScalarOrEmpty(node["name"]);
  if (c.name.empty()) throw std::runtime_error("a case without a `name`");
  if (!node["current"] && !node["desired"]) throw std::runtime_error("a case needs `current` or `desired`");
  c.current = ScalarOrEmpty(node["current"]);
  c.desired = ScalarOrEmpty(node["desired"]);
  if (node["up"]) c.up = node["up"].IsNull() ? "" : node["up"].as<std::string>();
  if (node["down"]) c.down = node["down"].IsNull() ? "" : node["down"].as<std::string>();
  if (const YAML::Node seed = node["seed"]) {
    if (!seed.IsSequence()) throw std::runtime_error("`seed` must be a list of SQL statements");
    for (const auto& statement : seed) c.seed.push_back(statement.as<std::string>());
  }
  c.expect = ReadExpectations(node["expect"], "expect");
  c.expect_after_up = ReadExpectations(node["expect_after_up"], "expect_after_up");
  if (node["error"]) c.error = node["error"].as<std::string>();
  c.allow_destructive = node["allow_destructive"] && node["allow_destructive"].as<bool>();
  c.irreversible = node["irreversible"] && node["irreversible"].as<bool>();
  c.skip = ScalarOrEmpty(node["skip"]);
  c.current_sql = ReadSql(node["current_sql"], "current_sql");
  c.desired_sql = ReadSql(node["desired_sql"], "desired_sql");
  c.unmanaged_sql = ReadSql(node["unmanaged_sql"], "unmanaged_sql").value_or(std::vector<std::string>{});
  c.prelude_sql = ReadSql(node["prelude_sql"], "prelude_sql").value_or(std::vector<std::string>{});
  c.catalog_differs = ReadReason(node["catalog_differs"], "catalog_differs");
  c.round_trip_differs = ReadReason(node["round_trip_differs"], "round_trip_differs");
  return c;
}

std::string Sanitize(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (keep) {
      out += ch;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

}  // namespace

std::string GoldenCase::Where() const {
  return file + ":" + std::to_string(line) + " (" + (name.empty() ? "<file>" : name) + ")";
}

std::string GoldenCase::TestName() const {
  std::string test_name = Sanitize(file_stem) + "_" + Sanitize(name);
  if (name_collision > 0) test_name += "_" + std::to_string(name_collision + 1);
  return test_name;
}

void PrintTo(const GoldenCase& golden_case, std::ostream* out) { *out << golden_case.Where(); }

std::vector<GoldenCase> LoadGoldenFile(const std::string& source_dir, const std::string& relative_path,
                                       const std::string& dialect) {
  GoldenCase base;
  base.dialect = dialect;
  base.file = relative_path;
  base.file_stem = std::filesystem::path(relative_path).stem().string();

  std::vector<GoldenCase> cases;
  auto fail_file = [&](const std::string& message) {
    GoldenCase broken = base;
    broken.name = "load";
    broken.load_error = relative_path + ": " + message;
    return std::vector<GoldenCase>{broken};
  };

  YAML::Node root;
  try {
    root = YAML::LoadFile(source_dir + "/" + relative_path);
  } catch (const std::exception& e) {
    return fail_file(std::string("cannot read YAML: ") + e.what());
  }
  if (root.IsNull()) return cases;  // an empty file: no cases yet
  if (!root.IsSequence()) return fail_file("the top level must be a list of cases");

  std::set<std::string> seen_names;
  for (const auto& node : root) {
    GoldenCase c = base;
    c.line = node.Mark().line + 1;
    try {
      GoldenCase read = ReadCase(node);
      read.dialect = c.dialect;
      read.file = c.file;
      read.file_stem = c.file_stem;
      read.line = c.line;
      c = std::move(read);
      if (!seen_names.insert(c.name).second) c.load_error = c.Where() + ": duplicate case name";
    } catch (const std::exception& e) {
      if (c.name.empty()) c.name = "case_at_line_" + std::to_string(c.line);
      c.load_error = c.Where() + ": " + e.what();
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<GoldenCase> LoadGoldenCorpus(const std::string& source_dir, const std::string& dialect) {
  namespace fs = std::filesystem;
  const std::string folder = "tests/golden/" + dialect;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(source_dir) / folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yml") {
      files.push_back(folder + "/" + entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());

  std::vector<GoldenCase> all;
  std::map<std::string, int> name_uses;
  for (const auto& file : files) {
    for (auto& c : LoadGoldenFile(source_dir, file, dialect)) all.push_back(std::move(c));
  }
  // Two names that differ only in punctuation sanitize alike; GoogleTest needs them distinct.
  for (auto& c : all) {
    c.name_collision = name_uses[c.TestName()]++;
  }
  return all;
}

}  // namespace schemac::golden
