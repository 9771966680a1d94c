// docs/HAZARDS.md documents exactly the hazard codes the planner can emit: the codes declared in
// include/schemac/plan.hpp (every dialect names hazards through those constants).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "schemac/plan.hpp"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::set<std::string> CodesIn(const std::string& text) {
  static const std::regex kCode("HZ[0-9]{3}-[a-z-]+[a-z]");
  std::set<std::string> codes;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kCode); it != std::sregex_iterator(); ++it) {
    codes.insert(it->str());
  }
  return codes;
}

TEST(HazardsDoc, ListsEveryDeclaredCodeAndNoOther) {
  const std::string header = ReadFile(SCHEMAC_SOURCE_DIR "/include/schemac/plan.hpp");
  const std::string doc = ReadFile(SCHEMAC_SOURCE_DIR "/docs/HAZARDS.md");
  ASSERT_FALSE(header.empty());
  ASSERT_FALSE(doc.empty());
  const std::set<std::string> declared = CodesIn(header);
  const std::set<std::string> documented = CodesIn(doc);
  EXPECT_GE(declared.size(), 12u);
  for (const auto& code : declared)
    EXPECT_TRUE(documented.count(code)) << code << " is not in docs/HAZARDS.md";
  for (const auto& code : documented)
    EXPECT_TRUE(declared.count(code)) << code << " is documented but not declared";
  // One table row per code, so each has its meaning and its remedy.
  for (const auto& code : declared) {
    EXPECT_NE(doc.find("| `" + code + "` |"), std::string::npos) << code << " has no row of its own";
  }
}

// --allow-hazard accepts the codes of AllHazardCodes(): it must hold every declared code.
TEST(HazardsDoc, CatalogueHoldsEveryDeclaredCode) {
  const std::set<std::string> declared = CodesIn(ReadFile(SCHEMAC_SOURCE_DIR "/include/schemac/plan.hpp"));
  const std::set<std::string> catalogue(schemac::AllHazardCodes().begin(), schemac::AllHazardCodes().end());
  EXPECT_EQ(catalogue, declared);
  EXPECT_EQ(catalogue.size(), schemac::AllHazardCodes().size()) << "a code is listed twice";
}

}  // namespace
