// Robustness: random mutations of the example schemas go through parse, bind, print and format.
// Nothing may crash or throw; every input either loads or gets at least one error; and what
// loads must print to text that loads back to the same model.
//
// The inputs are the example files whole and cut into their declarations (blocks between blank
// lines): small inputs keep 100,000 runs within a minute, whole files keep the cross-table paths
// covered. Every input also goes through both parsers (schema_dsl/parser_differential.hpp): what
// the fast parser accepts must equal ANTLR's syntax tree, and what ANTLR rejects the fast parser
// must decline. Deterministic (fixed seed). 100,000 runs in optimized builds; unoptimized (Debug,
// sanitizer) builds run 10,000 so the suite stays usable there. SCHEMAC_MUTATIONS overrides.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <random>

#include "schema_dsl/parser_differential.hpp"
#include "schema_dsl/schema_dsl.hpp"
#include "test_files.hpp"

namespace schemac::dsl {
namespace {

// Pieces worth splicing into a schema: tokens of the language and of SQL.
const std::vector<std::string>& SpliceTokens() {
  static const std::vector<std::string> tokens = {"table",
                                                  "enum",
                                                  "namespace",
                                                  "primary key",
                                                  "references",
                                                  "unique",
                                                  "index",
                                                  "check",
                                                  "(",
                                                  ")",
                                                  "{",
                                                  "}",
                                                  ",",
                                                  ".",
                                                  ":",
                                                  "=",
                                                  "@",
                                                  "@renamed_from(x)",
                                                  "@strategy(shadow)",
                                                  "not null",
                                                  "null",
                                                  "default",
                                                  "'s'",
                                                  "\"q\"",
                                                  "'",
                                                  "\"",
                                                  "`",
                                                  "/*",
                                                  "*/",
                                                  "//",
                                                  "\n",
                                                  "\t",
                                                  "-1.5",
                                                  "1e9",
                                                  "identity",
                                                  "generated always as (1)",
                                                  "native(postgres: 'x')",
                                                  "decimal(99999999999,2)",
                                                  "varchar(0)",
                                                  "int",
                                                  "bigint",
                                                  "text",
                                                  "users",
                                                  "id",
                                                  "on delete cascade",
                                                  "deferrable initially deferred",
                                                  "match full",
                                                  "option mysql.engine = 1",
                                                  "comment 'c'",
                                                  "((((",
                                                  "))))",
                                                  "é",
                                                  "\xff",
                                                  "\xc3",
                                                  "constraint c",
                                                  "foreign key (a) references b(c)",
                                                  "include (id)",
                                                  "where (x)",
                                                  "using gin",
                                                  "desc nulls last",
                                                  "collate \"C\"",
                                                  "opclass x"};
  return tokens;
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : random_(seed) {}

  std::string Mutate(std::string text) {
    int count = 1 + static_cast<int>(Below(3));
    for (int i = 0; i < count; ++i) text = MutateOnce(std::move(text));
    return text;
  }

 private:
  size_t Below(size_t bound) {
    return bound == 0 ? 0 : std::uniform_int_distribution<size_t>(0, bound - 1)(random_);
  }

  std::string MutateOnce(std::string text) {
    switch (Below(7)) {
      case 0: {  // byte flip: mostly printable, sometimes any byte
        if (text.empty()) return text;
        size_t at = Below(text.size());
        text[at] = Below(4) == 0 ? static_cast<char>(Below(256)) : static_cast<char>(' ' + Below(95));
        return text;
      }
      case 1:  // truncation
        return text.substr(0, Below(text.size() + 1));
      case 2: {  // splice a token in
        const std::string& token = SpliceTokens()[Below(SpliceTokens().size())];
        text.insert(Below(text.size() + 1), token);
        return text;
      }
      case 3: {  // splice a piece of the text somewhere else
        if (text.empty()) return text;
        size_t from = Below(text.size());
        std::string piece = text.substr(from, 1 + Below(40));
        text.insert(Below(text.size() + 1), piece);
        return text;
      }
      case 4:    // delete a line
      case 5: {  // duplicate a line
        std::vector<size_t> starts = {0};
        for (size_t i = 0; i < text.size(); ++i) {
          if (text[i] == '\n') starts.push_back(i + 1);
        }
        size_t line = Below(starts.size());
        size_t begin = starts[line];
        size_t end = line + 1 < starts.size() ? starts[line + 1] : text.size();
        std::string content = text.substr(begin, end - begin);
        if (Below(2) == 0) {
          text.erase(begin, end - begin);
        } else {
          text.insert(begin, content);
        }
        return text;
      }
      default: {  // delete a range
        if (text.empty()) return text;
        size_t at = Below(text.size());
        text.erase(at, 1 + Below(20));
        return text;
      }
    }
  }

  std::mt19937_64 random_;
};

bool HasError(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::kError) return true;
  }
  return false;
}

size_t MutationCount() {
  const char* configured = std::getenv("SCHEMAC_MUTATIONS");
  if (configured != nullptr && std::atol(configured) > 0) return static_cast<size_t>(std::atol(configured));
#ifdef NDEBUG
  return 100000;
#else
  return 10000;
#endif
}

TEST(MutationTest, NoInputCrashesAndEveryOutcomeIsExplained) {
  std::vector<std::string> originals;
  for (const std::string& path : testing::FilesIn("examples", ".schema")) {
    const std::string text = testing::ReadFile(path);
    originals.push_back(text);
    for (size_t begin = 0; begin < text.size();) {
      size_t end = text.find("\n\n", begin);
      end = end == std::string::npos ? text.size() : end + 2;
      originals.push_back(text.substr(begin, end - begin));
      begin = end;
    }
  }
  ASSERT_GE(originals.size(), 10u);

  Mutator mutator(20261121);
  const size_t total = MutationCount();
  size_t loaded = 0;
  size_t failures = 0;
  size_t fast_handled = 0;
  size_t antlr_accepted = 0;
  for (size_t i = 0; i < total; ++i) {
    const std::string input = mutator.Mutate(originals[i % originals.size()]);
    const ParserComparison parsers = CompareParsers(input, "mutated.schema");
    fast_handled += parsers.fast_handled;
    antlr_accepted += parsers.antlr_accepted;
    if (!parsers.Agrees() && ++failures <= 5) {
      ADD_FAILURE() << "the parsers disagree: " << parsers.difference << "\ninput:\n" << input;
    }
    LoadResult result = ParseSchemaText(input, "mutated.schema");
    for (const Diagnostic& diagnostic : result.diagnostics) RenderDiagnostic(diagnostic, i % 2 == 0);
    if (!result.ok()) {
      if (!HasError(result.diagnostics) && ++failures <= 5)
        ADD_FAILURE() << "not ok without an error:\n" << input;
      continue;
    }
    ++loaded;
    // Whatever loads must survive the round trip through the printer.
    const std::string printed = PrintSchema(result.schema);
    LoadResult reparsed = ParseSchemaText(printed, "printed.schema");
    if ((!reparsed.ok() || !(reparsed.schema == result.schema)) && ++failures <= 5) {
      ADD_FAILURE() << "round trip differs for input:\n"
                    << input << "\nprinted:\n"
                    << printed << "\n"
                    << (reparsed.diagnostics.empty() ? "" : RenderDiagnostic(reparsed.diagnostics[0], false));
    }
    if (i % 8 == 0) {
      FormatResult formatted = FormatSchemaText(input, "mutated.schema");
      if (formatted.ok()) {
        FormatResult again = FormatSchemaText(formatted.text, "mutated.schema");
        if (again.text != formatted.text && ++failures <= 5) {
          ADD_FAILURE() << "fmt not idempotent for input:\n"
                        << input << "\nfirst:\n"
                        << formatted.text << "\nsecond:\n"
                        << again.text;
        }
      }
    }
  }
  EXPECT_EQ(failures, 0u);
  std::cout << total << " mutations: ANTLR accepted " << antlr_accepted << ", the fast parser handled "
            << fast_handled << "\n";
  // The fast parser must take a fair share of what is valid, or the comparison tests little.
  EXPECT_GT(fast_handled, antlr_accepted / 2);
  // Sanity: the mutations are mild enough that some inputs still load.
  EXPECT_GT(loaded, total / 50) << "mutations too destructive to test the printer";
}

TEST(MutationTest, HostileInputs) {
  const std::vector<std::string> inputs = {
      std::string(100000, '('),
      std::string(100000, '{'),
      std::string(50000, '}'),
      "table t {" + std::string(20000, '\n') + "}",
      std::string("\0\0\0", 3),
      "table t { a int check (" + std::string(129, '(') + std::string(129, ')') + ") }",
      "/*" + std::string(10000, 'x'),
      std::string(10000, '\''),
      "table " + std::string(100000, 'a') + " { }",
      "enum e {" + std::string(30000, ',') + "}",
  };
  for (const std::string& input : inputs) {
    LoadResult result = ParseSchemaText(input);
    EXPECT_TRUE(result.ok() || HasError(result.diagnostics));
    FormatSchemaText(input, "hostile.schema");
  }
}

}  // namespace
}  // namespace schemac::dsl
