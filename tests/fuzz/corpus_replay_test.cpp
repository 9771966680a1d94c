// Replays the fuzz seed corpus, the example and test schema files, and every saved fuzz finding
// through the same parse -> print -> parse oracle as the AFL++ target, so `make test` catches a
// regression of anything the fuzzer once found (and of the printer on real schemas) without AFL.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "model_difference.hpp"
#include "parse_print_roundtrip.hpp"

namespace schemac::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = SCHEMAC_SOURCE_DIR;

void AddRegularFiles(const fs::path& dir, const std::string& extension, std::vector<fs::path>& out) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    if (!entry.is_regular_file()) continue;
    if (!extension.empty() && entry.path().extension() != extension) continue;
    // AFL's own bookkeeping next to saved findings.
    if (entry.path().filename() == "README.txt") continue;
    out.push_back(entry.path());
  }
}

// Every input the replay covers, relative to the source tree, sorted for stable test names.
std::vector<std::string> CorpusFiles() {
  std::vector<fs::path> files;
  AddRegularFiles(kSourceDir / "tests/fuzz/seeds", "", files);
  AddRegularFiles(kSourceDir / "examples", ".schema", files);
  AddRegularFiles(kSourceDir / "tests", ".schema", files);  // includes tests/fuzz/seeds again
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "tests/fuzz", error)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("findings-", 0) == 0) {
      AddRegularFiles(entry.path(), "", files);
    }
  }
  std::vector<std::string> relative;
  for (const auto& file : files) relative.push_back(fs::relative(file, kSourceDir).generic_string());
  std::sort(relative.begin(), relative.end());
  relative.erase(std::unique(relative.begin(), relative.end()), relative.end());
  return relative;
}

std::string ReadFile(const std::string& relative_path) {
  std::ifstream file(kSourceDir / relative_path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

class CorpusReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusReplay, SurvivesParsePrintParse) {
  const std::string& path = GetParam();
  RoundTripReport report = CheckParsePrintRoundTrip(ReadFile(path), path);
  EXPECT_FALSE(report.Failed()) << path << ": " << RoundTripOutcomeName(report.outcome) << "\n"
                                << report.detail;
}

std::string TestNameFor(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name + "_" + std::to_string(info.index);  // the index keeps sanitized names unique
}

INSTANTIATE_TEST_SUITE_P(Files, CorpusReplay, ::testing::ValuesIn(CorpusFiles()), TestNameFor);

TEST(CorpusReplayCoverage, TheSeedCorpusIsThere) {
  std::vector<std::string> files = CorpusFiles();
  EXPECT_NE(std::find(files.begin(), files.end(), "tests/fuzz/seeds/full_language.schema"), files.end());
}

// The oracle is only worth something if valid schemas reach the comparison: the seed that spells
// out every construct of the language reference must be accepted, not just "not failed".
TEST(CorpusReplayCoverage, TheLanguageReferenceSeedIsAcceptedAndRoundTrips) {
  RoundTripReport report = CheckParsePrintRoundTrip(ReadFile("tests/fuzz/seeds/full_language.schema"));
  EXPECT_EQ(report.outcome, RoundTripOutcome::kRoundTrips) << report.detail;
}

TEST(CorpusReplayCoverage, GarbageIsRejectedNotFailed) {
  RoundTripReport report = CheckParsePrintRoundTrip("table { ( ) ] \x01\xff");
  EXPECT_EQ(report.outcome, RoundTripOutcome::kRejected) << report.detail;
}

TEST(ModelDifference, NamesTheColumnAndWhatDiffers) {
  model::Schema expected;
  model::Table table;
  table.name = "orders";
  model::Column total;
  total.name = "total";
  table.columns.push_back(total);
  expected.GetOrAddNamespace("").tables.push_back(table);
  model::Schema actual = expected;
  actual.namespaces[0].tables[0].columns[0].nullable = false;

  EXPECT_EQ(DescribeFirstDifference(expected, expected), "");
  EXPECT_EQ(DescribeFirstDifference(expected, actual),
            "namespace '', table 'orders', column 'total': nullability");
}

}  // namespace
}  // namespace schemac::fuzz
