#include "parse_print_roundtrip.hpp"

#include <string>
#include <vector>

#include "model_difference.hpp"
#include "schema_dsl/parser_differential.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::fuzz {
namespace {

std::string RenderDiagnostics(const std::vector<dsl::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += dsl::RenderDiagnostic(diagnostic, /*color=*/false);
  return text;
}

std::string Section(const std::string& title, const std::string& body) {
  return "--- " + title + " ---\n" + body + (body.empty() || body.back() == '\n' ? "" : "\n");
}

}  // namespace

const char* RoundTripOutcomeName(RoundTripOutcome outcome) {
  switch (outcome) {
    case RoundTripOutcome::kParsersDisagree:
      return "the fast parser and ANTLR disagree";
    case RoundTripOutcome::kRejected:
      return "rejected";
    case RoundTripOutcome::kRoundTrips:
      return "round-trips";
    case RoundTripOutcome::kReparseFailed:
      return "printed text does not parse";
    case RoundTripOutcome::kModelDiffers:
      return "re-parsed model differs";
    case RoundTripOutcome::kPrintNotStable:
      return "printing is not stable";
  }
  return "unknown";
}

RoundTripReport CheckParsePrintRoundTrip(std::string_view input, const std::string& file_name) {
  RoundTripReport report;
  const dsl::ParserComparison parsers = dsl::CompareParsers(input, file_name);
  if (!parsers.Agrees()) {
    report.outcome = RoundTripOutcome::kParsersDisagree;
    report.detail = Section("first difference", parsers.difference);
    return report;
  }
  dsl::LoadResult first = dsl::ParseSchemaText(std::string(input), file_name);
  if (!first.ok()) return report;  // kRejected

  const std::string printed = dsl::PrintSchema(first.schema);
  dsl::LoadResult second = dsl::ParseSchemaText(printed, file_name + " (printed)");
  if (!second.ok()) {
    report.outcome = RoundTripOutcome::kReparseFailed;
    report.detail =
        Section("printed", printed) + Section("diagnostics", RenderDiagnostics(second.diagnostics));
    return report;
  }
  if (second.schema != first.schema) {
    report.outcome = RoundTripOutcome::kModelDiffers;
    report.detail = Section("first difference", DescribeFirstDifference(first.schema, second.schema)) +
                    Section("printed", printed) + Section("printed again", dsl::PrintSchema(second.schema));
    return report;
  }
  const std::string reprinted = dsl::PrintSchema(second.schema);
  if (reprinted != printed) {
    report.outcome = RoundTripOutcome::kPrintNotStable;
    report.detail = Section("printed", printed) + Section("printed again", reprinted);
    return report;
  }
  report.outcome = RoundTripOutcome::kRoundTrips;
  return report;
}

}  // namespace schemac::fuzz
