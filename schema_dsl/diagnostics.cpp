#include "schema_dsl/diagnostics.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

namespace schemac::dsl {
namespace {

using K = DiagnosticKind;
constexpr Severity kErr = Severity::kError;
constexpr Severity kWarn = Severity::kWarning;

// The one table of diagnostics. Codes are stable: never renumber, only append.
const std::vector<DiagnosticInfo>& Table() {
  static const std::vector<DiagnosticInfo> table = {
      {K::kSyntaxError, "E0001", "syntax-error", kErr, "{}"},
      {K::kDuplicateTable, "E0002", "duplicate-table", kErr, "table \"{}\" is already declared at {}"},
      {K::kUnknownColumn, "E0003", "unknown-column", kErr, "unknown column \"{}\" in {}"},
      {K::kDuplicateColumn, "E0004", "duplicate-column", kErr,
       "column \"{}\" is already declared in table \"{}\""},
      {K::kDuplicateIndex, "E0005", "duplicate-index", kErr, "index \"{}\" is already declared in {}"},
      {K::kDuplicateConstraint, "E0006", "duplicate-constraint", kErr,
       "name \"{}\" is already used by another constraint or index of table \"{}\""},
      {K::kDuplicateEnum, "E0007", "duplicate-enum", kErr, "enum \"{}\" is already declared at {}"},
      {K::kDuplicateEnumValue, "E0008", "duplicate-enum-value", kErr,
       "value \"{}\" appears twice in enum \"{}\""},
      {K::kUnknownTable, "E0009", "unknown-table", kErr, "unknown table \"{}\" in {}"},
      {K::kForeignKeyColumnCount, "E0010", "foreign-key-column-count", kErr,
       "foreign key \"{}\" has {} column(s) but references {}"},
      {K::kForeignKeyTypeMismatch, "E0011", "foreign-key-type-mismatch", kErr,
       "column \"{}\" is {} but the column it references, \"{}\".\"{}\", is {}"},
      {K::kUnknownType, "E0012", "unknown-type", kErr, "unknown type \"{}\""},
      {K::kEnumDefaultNotAValue, "E0013", "enum-default-not-a-value", kErr,
       "default {} is not a value of enum \"{}\" ({})"},
      {K::kConflictingRename, "E0014", "conflicting-rename", kErr,
       "{} \"{}\" and \"{}\" both claim to be renamed from \"{}\""},
      {K::kRenameOfCurrentName, "E0015", "rename-of-current-name", kErr,
       "{} \"{}\" claims to be renamed from \"{}\", but a {} of that name still exists"},
      {K::kIdentityNotInteger, "E0016", "identity-not-integer", kErr,
       "identity column \"{}\" must be smallint, int or bigint, not {}"},
      {K::kMultiplePrimaryKeys, "E0017", "multiple-primary-keys", kErr,
       "table \"{}\" already has a primary key (at line {})"},
      {K::kBadTypeArguments, "E0018", "bad-type-arguments", kErr, "type \"{}\" {}"},
      {K::kUnknownAnnotation, "E0019", "unknown-annotation", kErr, "unknown annotation \"@{}\" on {}"},
      {K::kNestingTooDeep, "E0020", "nesting-too-deep", kErr,
       "parentheses nested more than {} deep; the rest of the file is not read"},
      {K::kUnknownDialect, "E0021", "unknown-dialect", kErr, "unknown dialect \"{}\" (expected {})"},
      {K::kConflictingClauses, "E0022", "conflicting-clauses", kErr,
       "\"{}\" conflicts with an earlier \"{}\" on column \"{}\""},
      {K::kCannotRead, "E0023", "cannot-read", kErr, "cannot read \"{}\": {}"},
      {K::kInvalidEncoding, "E0024", "invalid-encoding", kErr, "the file is not valid UTF-8 (byte 0x{:02x})"},
      {K::kDuplicateOption, "E0025", "duplicate-option", kErr,
       "option \"{}\" is already set in table \"{}\""},
      {K::kForeignKeyTargetNotUnique, "E0026", "foreign-key-target-not-unique", kErr,
       "foreign key \"{}\" references ({}) of table \"{}\", which is neither its primary key nor unique"},
      {K::kEnumShadowsType, "E0027", "enum-shadows-type", kErr,
       "enum \"{}\" has the name of a built-in type"},
      {K::kBadAnnotationArguments, "E0028", "bad-annotation-arguments", kErr,
       "annotation \"@{}\" expects {}"},
      {K::kUnknownTableOption, "W0001", "unknown-table-option", kWarn, "unknown table option \"{}\""},
      {K::kEmptyEnum, "E0029", "empty-enum", kErr, "enum \"{}\" has no values"},
      {K::kMisplacedAnnotation, "E0030", "misplaced-annotation", kErr,
       "annotation \"@{}\" applies to tables, not to {}"},
      {K::kDialectCannotBuild, "E0031", "dialect-cannot-build", kErr, "{}: {}"},
      {K::kDuplicateObject, "E0032", "duplicate-object", kErr, "{} \"{}\" is already declared at {}"},
      {K::kEmptySqlBody, "E0033", "empty-sql-body", kErr, "{} \"{}\" has no SQL to run"},
      {K::kBadOptionValue, "E0034", "bad-option-value", kErr, "{} \"{}\": {}"},
      {K::kBadExclude, "E0035", "bad-exclude", kErr, "exclude {}"},
  };
  return table;
}

}  // namespace

const std::vector<DiagnosticInfo>& AllDiagnosticKinds() { return Table(); }

const DiagnosticInfo& InfoOf(DiagnosticKind kind) {
  const auto& table = Table();
  auto index = static_cast<size_t>(kind);
  if (index < table.size() && table[index].kind == kind) return table[index];
  // The table is out of step with the enum: a programmer error, caught by the diagnostics test.
  return table[0];
}

void DiagnosticSink::Report(DiagnosticKind kind, const Span& span,
                            std::initializer_list<std::string_view> args, std::string_view suggestion) {
  const DiagnosticInfo& info = InfoOf(kind);
  Diagnostic diagnostic;
  diagnostic.code = info.code;
  diagnostic.severity = info.severity;
  try {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    // The invalid-encoding message formats a byte value; everything else takes strings.
    if (kind == DiagnosticKind::kInvalidEncoding) {
      for (std::string_view arg : args) store.push_back(arg.empty() ? 0 : static_cast<unsigned char>(arg[0]));
    } else {
      for (std::string_view arg : args) store.push_back(std::string(arg));
    }
    diagnostic.message = fmt::vformat(info.format, store);
  } catch (const std::exception&) {
    diagnostic.message = info.name;  // a table/argument mismatch; the diagnostics test catches it
  }
  if (!suggestion.empty()) diagnostic.message += fmt::format("; did you mean \"{}\"?", suggestion);
  int file = span.file;
  if (files_ != nullptr && file >= 0 && static_cast<size_t>(file) < files_->size()) {
    const SourceFile& source = (*files_)[file];
    diagnostic.file = source.name();
    diagnostic.source_line = std::string(source.Line(span.line));
  }
  diagnostic.line = span.line;
  diagnostic.column = span.column;
  diagnostic.length = std::max(1, span.length);
  if (info.severity == Severity::kError) ++error_count_;
  diagnostics_.push_back(std::move(diagnostic));
  file_index_.push_back(file);
}

std::vector<Diagnostic> DiagnosticSink::Take() {
  std::vector<size_t> order(diagnostics_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Diagnostic& x = diagnostics_[a];
    const Diagnostic& y = diagnostics_[b];
    return std::tie(file_index_[a], x.line, x.column) < std::tie(file_index_[b], y.line, y.column);
  });
  std::vector<Diagnostic> sorted;
  sorted.reserve(order.size());
  for (size_t index : order) sorted.push_back(std::move(diagnostics_[index]));
  diagnostics_.clear();
  file_index_.clear();
  error_count_ = 0;
  return sorted;
}

}  // namespace schemac::dsl
