// The fuzz oracle: the fast parser must agree with the ANTLR parser on the input, and a schema
// text the parser accepts must survive print -> parse unchanged.
//
// Shared by the AFL++ target (tests/fuzz/fuzz_parse_main.cpp), which aborts on a failure so AFL
// saves the input, and by the corpus replay test, which runs every seed and saved finding through
// the same check in `make test`.
#pragma once

#include <string>
#include <string_view>

namespace schemac::fuzz {

enum class RoundTripOutcome {
  kParsersDisagree,  // the fast parser accepted the input differently from ANTLR (or accepted
                     // what ANTLR rejects): schema_dsl/parser_differential.hpp
  kRejected,         // the parser refused the input with diagnostics: fine, nothing to compare
  kRoundTrips,       // accepted, printed, re-parsed to an equal model, printing is stable
  kReparseFailed,    // the printer wrote text the parser refuses
  kModelDiffers,     // the re-parsed model is not equal to the first one
  kPrintNotStable,   // printing the re-parsed model gives different text (rename / strategy
                     // hints, which model equality leaves out, are caught here)
};

struct RoundTripReport {
  RoundTripOutcome outcome = RoundTripOutcome::kRejected;
  // For failures: what differs, the printed text(s) and any diagnostics, for a person to read.
  std::string detail;

  bool Failed() const {
    return outcome != RoundTripOutcome::kRejected && outcome != RoundTripOutcome::kRoundTrips;
  }
};

const char* RoundTripOutcomeName(RoundTripOutcome outcome);

// Compares the two parsers on `input`, then parses it (as if read from `file_name`); if accepted, prints the
// model, parses the printed text and compares. Catches nothing: the parser and printer promise never to throw
// on any input, so an exception escaping them is a bug, and it propagates for the fuzzer to record as a
// crash.
RoundTripReport CheckParsePrintRoundTrip(std::string_view input,
                                         const std::string& file_name = "fuzz.schema");

}  // namespace schemac::fuzz
