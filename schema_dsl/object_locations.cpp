#include "schema_dsl/object_locations.hpp"

#include <string>

#include "schema_dsl/diagnostics.hpp"

namespace schemac::dsl {
namespace {

class LocationCollector {
 public:
  LocationCollector(const std::vector<SourceFile>& files, std::vector<SourceLocation>& out)
      : files_(files), out_(out) {}

  void Add(std::string object, const Span& span) {
    if (!span.valid()) return;
    SourceLocation location;
    location.object = std::move(object);
    location.line = span.line;
    location.column = span.column;
    location.length = std::max(1, span.length);
    if (span.file >= 0 && static_cast<size_t>(span.file) < files_.size()) {
      const SourceFile& source = files_[span.file];
      location.file = source.name();
      location.source_line = std::string(source.Line(span.line));
    }
    out_.push_back(std::move(location));
  }

 private:
  const std::vector<SourceFile>& files_;
  std::vector<SourceLocation>& out_;
};

const char* ConstraintWord(ConstraintSyntax::Kind kind) {
  switch (kind) {
    case ConstraintSyntax::Kind::kPrimaryKey:
      return "primary key";
    case ConstraintSyntax::Kind::kUnique:
      return "unique constraint";
    case ConstraintSyntax::Kind::kForeignKey:
      return "foreign key";
    case ConstraintSyntax::Kind::kCheck:
      return "check";
  }
  return "constraint";
}

}  // namespace

std::vector<SourceLocation> CollectObjectLocations(const SchemaSyntax& syntax,
                                                   const std::vector<SourceFile>& files) {
  std::vector<SourceLocation> locations;
  LocationCollector add(files, locations);
  for (const NamespaceBlockSyntax& block : syntax.namespace_blocks)
    add.Add("namespace " + block.name.text, block.name.span);
  for (const EnumSyntax& enum_syntax : syntax.enums) {
    const std::string prefix = enum_syntax.namespace_name.empty() ? "" : enum_syntax.namespace_name + ".";
    add.Add("enum " + prefix + enum_syntax.name.text, enum_syntax.name.span);
  }
  for (const TableSyntax& table : syntax.tables) {
    const std::string prefix = table.namespace_name.empty() ? "" : table.namespace_name + ".";
    const std::string where = "table " + prefix + table.name.text;
    add.Add(where, table.name.span);
    auto add_constraint = [&](const ConstraintSyntax& constraint) {
      if (constraint.bound_name.empty()) return;
      const Span& span = constraint.name.present() ? constraint.name.span : constraint.span;
      add.Add(where + ", " + ConstraintWord(constraint.kind) + " " + constraint.bound_name, span);
    };
    for (const ColumnSyntax& column : table.columns) {
      add.Add(where + ", column " + column.name.text, column.name.span);
      add.Add("column " + prefix + table.name.text + "." + column.name.text, column.name.span);
      for (const ConstraintSyntax& constraint : column.constraints) add_constraint(constraint);
    }
    for (const ConstraintSyntax& constraint : table.constraints) add_constraint(constraint);
    for (const IndexSyntax& index : table.indexes) {
      if (index.bound_name.empty()) continue;
      const Span& span = index.name.present() ? index.name.span : index.span;
      add.Add(where + ", index " + index.bound_name, span);
      add.Add("index " + prefix + index.bound_name, span);
    }
  }
  return locations;
}

Diagnostic DialectProblemDiagnostic(const LoadResult& loaded, const std::string& dialect,
                                    const std::string& problem) {
  const DiagnosticInfo& info = InfoOf(DiagnosticKind::kDialectCannotBuild);
  Diagnostic diagnostic;
  diagnostic.code = info.code;
  diagnostic.severity = info.severity;
  diagnostic.message = dialect + ": " + problem;
  const SourceLocation* best = nullptr;
  for (const SourceLocation& location : loaded.locations) {
    const std::string& object = location.object;
    if (problem.size() <= object.size() || problem.compare(0, object.size(), object) != 0) continue;
    const char next = problem[object.size()];
    if (next != ':' && next != ',' && next != ' ') continue;
    if (best == nullptr || object.size() > best->object.size()) best = &location;
  }
  if (best != nullptr) {
    diagnostic.file = best->file;
    diagnostic.line = best->line;
    diagnostic.column = best->column;
    diagnostic.length = best->length;
    diagnostic.source_line = best->source_line;
  }
  return diagnostic;
}

}  // namespace schemac::dsl
