// AFL++ target: parse -> print -> parse, aborting when the round trip breaks so AFL saves the input.
//
// Persistent mode (__AFL_LOOP) with the test case in shared memory: one process runs many inputs,
// which is what makes the parser fast to fuzz (ANTLR's start-up would dominate otherwise).
// Built only by tests/fuzz/build.sh (afl-g++-fast, ASan + UBSan); see tests/fuzz/README.md.
// Outside AFL (no __AFL_LOOP) it reads one file named on the command line, to reproduce a finding.
#include <unistd.h>  // read(), used by the __AFL_FUZZ_TESTCASE_LEN macro

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "parse_print_roundtrip.hpp"

namespace {

void CheckOrAbort(std::string_view input) {
  schemac::fuzz::RoundTripReport report = schemac::fuzz::CheckParsePrintRoundTrip(input);
  if (!report.Failed()) return;
  std::fprintf(stderr, "round trip failed (%s)\n%s\n", schemac::fuzz::RoundTripOutcomeName(report.outcome),
               report.detail.c_str());
  std::abort();
}

}  // namespace

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

int main(int argc, char** argv) {
#ifdef __AFL_FUZZ_TESTCASE_LEN
  if (argc < 2) {
    __AFL_INIT();
    const unsigned char* buffer = __AFL_FUZZ_TESTCASE_BUF;  // after __AFL_INIT, before the loop
    while (__AFL_LOOP(10000)) {
      CheckOrAbort(std::string_view(reinterpret_cast<const char*>(buffer), __AFL_FUZZ_TESTCASE_LEN));
    }
    return 0;
  }
#endif
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE   (or run under afl-fuzz)\n", argv[0]);
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::string input((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CheckOrAbort(input);
  std::puts("ok");
  return 0;
}
