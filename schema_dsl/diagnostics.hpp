// Every diagnostic the schema front end can report, declared once, and the sink that collects
// them with their source location.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "schema_dsl/schema_dsl.hpp"
#include "schema_dsl/source_file.hpp"

namespace schemac::dsl {

// Emit sites name one of these; the code, severity and message format live in the table in
// diagnostics.cpp. Keep the order in step with that table.
enum class DiagnosticKind {
  kSyntaxError,
  kDuplicateTable,
  kUnknownColumn,
  kDuplicateColumn,
  kDuplicateIndex,
  kDuplicateConstraint,
  kDuplicateEnum,
  kDuplicateEnumValue,
  kUnknownTable,
  kForeignKeyColumnCount,
  kForeignKeyTypeMismatch,
  kUnknownType,
  kEnumDefaultNotAValue,
  kConflictingRename,
  kRenameOfCurrentName,
  kIdentityNotInteger,
  kMultiplePrimaryKeys,
  kBadTypeArguments,
  kUnknownAnnotation,
  kNestingTooDeep,
  kUnknownDialect,
  kConflictingClauses,
  kCannotRead,
  kInvalidEncoding,
  kDuplicateOption,
  kForeignKeyTargetNotUnique,
  kEnumShadowsType,
  kBadAnnotationArguments,
  kUnknownTableOption,
  kEmptyEnum,
  kMisplacedAnnotation,
  kDialectCannotBuild,
  kDuplicateObject,
  kEmptySqlBody,
  kBadOptionValue,
  kBadExclude,
  kCount,
};

struct DiagnosticInfo {
  DiagnosticKind kind;
  const char* code;
  const char* name;  // short, stable, kebab-case
  Severity severity;
  const char* format;  // fmt-style, one {} per argument
};

// The table entry of `kind`.
const DiagnosticInfo& InfoOf(DiagnosticKind kind);
// All entries, in code order (for documentation and tests).
const std::vector<DiagnosticInfo>& AllDiagnosticKinds();

// Collects diagnostics for a set of source files. Not thread-safe; one per load.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(const std::vector<SourceFile>* files) : files_(files) {}

  // Reports `kind` at `span`, formatting its message with `args`. A non-empty `suggestion`
  // appends `; did you mean "<suggestion>"?`.
  void Report(DiagnosticKind kind, const Span& span, std::initializer_list<std::string_view> args,
              std::string_view suggestion = {});

  bool HasErrors() const { return error_count_ > 0; }
  size_t ErrorCount() const { return error_count_; }
  // The diagnostics in file, line, column order (stable for equal positions).
  std::vector<Diagnostic> Take();

 private:
  const std::vector<SourceFile>* files_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<int> file_index_;
  size_t error_count_ = 0;
};

}  // namespace schemac::dsl
