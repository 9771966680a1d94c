#include "schema_dsl/parser_differential.hpp"

#include <string>
#include <type_traits>
#include <vector>

#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/fast_parser.hpp"
#include "schema_dsl/parse_file.hpp"
#include "schema_dsl/syntax_tree.hpp"

namespace schemac::dsl {
namespace {

template <typename Value>
std::string Show(const Value& value) {
  if constexpr (std::is_same_v<Value, std::string>) {
    return "\"" + value + "\"";
  } else if constexpr (std::is_same_v<Value, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_enum_v<Value>) {
    return std::to_string(static_cast<int>(value));
  } else {
    return std::to_string(value);
  }
}

// Walks two syntax trees side by side; stops at the first difference and describes it by its
// path ("tables[2] \"orders\".columns[1] \"total\".type.span.end: fast 120, ANTLR 121").
class SyntaxDiffer {
 public:
  const std::string& difference() const { return difference_; }

  template <typename Value>
  bool Field(const std::string& path, const Value& fast, const Value& antlr) {
    if (fast == antlr) return true;
    difference_ = path + ": fast " + Show(fast) + ", ANTLR " + Show(antlr);
    return false;
  }

  bool Count(const std::string& path, size_t fast, size_t antlr) {
    if (fast == antlr) return true;
    difference_ = path + ": fast has " + std::to_string(fast) + ", ANTLR " + std::to_string(antlr);
    return false;
  }

  bool Compare(const std::string& path, const Span& fast, const Span& antlr) {
    return Field(path + ".file", fast.file, antlr.file) && Field(path + ".line", fast.line, antlr.line) &&
           Field(path + ".column", fast.column, antlr.column) &&
           Field(path + ".length", fast.length, antlr.length) &&
           Field(path + ".begin", fast.begin, antlr.begin) && Field(path + ".end", fast.end, antlr.end) &&
           Field(path + ".end_line", fast.end_line, antlr.end_line);
  }

  bool Compare(const std::string& path, const NameSyntax& fast, const NameSyntax& antlr) {
    return Field(path + ".text", fast.text, antlr.text) && Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const ExpressionSyntax& fast, const ExpressionSyntax& antlr) {
    return Field(path + ".text", fast.text, antlr.text) && Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const AnnotationSyntax& fast, const AnnotationSyntax& antlr) {
    return Compare(path + ".name", fast.name, antlr.name) &&
           List(path + ".arguments", fast.arguments, antlr.arguments) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const ReferenceSyntax& fast, const ReferenceSyntax& antlr) {
    return Compare(path + ".ref_namespace", fast.ref_namespace, antlr.ref_namespace) &&
           Compare(path + ".ref_table", fast.ref_table, antlr.ref_table) &&
           List(path + ".ref_columns", fast.ref_columns, antlr.ref_columns) &&
           Field(path + ".on_delete", fast.on_delete, antlr.on_delete) &&
           Field(path + ".on_update", fast.on_update, antlr.on_update) &&
           Field(path + ".deferrable", fast.deferrable, antlr.deferrable) &&
           Field(path + ".initially_deferred", fast.initially_deferred, antlr.initially_deferred) &&
           Field(path + ".match", fast.match == model::MatchType::Full,
                 antlr.match == model::MatchType::Full);
  }

  bool Compare(const std::string& path, const ConstraintSyntax& fast, const ConstraintSyntax& antlr) {
    return Field(path + ".kind", fast.kind, antlr.kind) && Compare(path + ".name", fast.name, antlr.name) &&
           List(path + ".columns", fast.columns, antlr.columns) &&
           Compare(path + ".reference", fast.reference, antlr.reference) &&
           Compare(path + ".check", fast.check, antlr.check) &&
           Field(path + ".no_inherit", fast.no_inherit, antlr.no_inherit) &&
           Field(path + ".comment", fast.comment, antlr.comment) &&
           Field(path + ".inline_column", fast.inline_column, antlr.inline_column) &&
           Compare(path + ".span", fast.span, antlr.span) &&
           Field(path + ".bound_name", fast.bound_name, antlr.bound_name);
  }

  bool Compare(const std::string& path, const model::IndexKey& fast, const model::IndexKey& antlr) {
    return Field(path + ".column", fast.column, antlr.column) &&
           Field(path + ".expression", fast.expression, antlr.expression) &&
           Field(path + ".descending", fast.descending, antlr.descending) &&
           Field(path + ".nulls", fast.nulls, antlr.nulls) &&
           Field(path + ".opclass", fast.opclass, antlr.opclass) &&
           Field(path + ".collation", fast.collation, antlr.collation) &&
           Field(path + ".prefix_length", fast.prefix_length, antlr.prefix_length);
  }

  bool Compare(const std::string& path, const IndexKeySyntax& fast, const IndexKeySyntax& antlr) {
    return Compare(path + ".key", fast.key, antlr.key) && Compare(path + ".span", fast.span, antlr.span) &&
           Compare(path + ".prefix", fast.prefix, antlr.prefix);
  }

  bool Compare(const std::string& path, const IndexSyntax& fast, const IndexSyntax& antlr) {
    return Compare(path + ".name", fast.name, antlr.name) &&
           Field(path + ".unique", fast.unique, antlr.unique) &&
           Compare(path + ".method", fast.method, antlr.method) &&
           List(path + ".keys", fast.keys, antlr.keys) &&
           List(path + ".include", fast.include, antlr.include) &&
           Compare(path + ".where", fast.where, antlr.where) &&
           Field(path + ".comment", fast.comment, antlr.comment) &&
           Compare(path + ".span", fast.span, antlr.span) &&
           Field(path + ".bound_name", fast.bound_name, antlr.bound_name);
  }

  bool Compare(const std::string& path, const std::pair<NameSyntax, std::string>& fast,
               const std::pair<NameSyntax, std::string>& antlr) {
    return Compare(path + ".dialect", fast.first, antlr.first) &&
           Field(path + ".spelling", fast.second, antlr.second);
  }

  bool Compare(const std::string& path, const TypeSyntax& fast, const TypeSyntax& antlr) {
    return Compare(path + ".type_namespace", fast.type_namespace, antlr.type_namespace) &&
           Compare(path + ".name", fast.name, antlr.name) &&
           List(path + ".arguments", fast.arguments, antlr.arguments) &&
           Compare(path + ".arguments_span", fast.arguments_span, antlr.arguments_span) &&
           List(path + ".native", fast.native, antlr.native) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const ClauseSyntax& fast, const ClauseSyntax& antlr) {
    return Field(path + ".keyword", fast.keyword, antlr.keyword) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const model::Column& fast, const model::Column& antlr) {
    if (!Field(path + ".name", fast.name, antlr.name) ||
        !Field(path + ".nullable", fast.nullable, antlr.nullable) ||
        !Field(path + ".has default", fast.default_value.has_value(), antlr.default_value.has_value()) ||
        !Field(path + ".has identity", fast.identity.has_value(), antlr.identity.has_value()) ||
        !Field(path + ".has generated", fast.generated.has_value(), antlr.generated.has_value()) ||
        !Field(path + ".collation", fast.collation, antlr.collation) ||
        !Field(path + ".comment", fast.comment, antlr.comment) ||
        !Field(path + ".renamed_from count", fast.renamed_from.size(), antlr.renamed_from.size()) ||
        !Field(path + ".type (unbound)", fast.type == antlr.type, true)) {
      return false;
    }
    if (fast.default_value &&
        (!Field(path + ".default.kind", fast.default_value->kind, antlr.default_value->kind) ||
         !Field(path + ".default.text", fast.default_value->text, antlr.default_value->text))) {
      return false;
    }
    if (fast.identity && !Field(path + ".identity.always", fast.identity->always, antlr.identity->always))
      return false;
    if (fast.generated &&
        (!Field(path + ".generated.expression", fast.generated->expression, antlr.generated->expression) ||
         !Field(path + ".generated.stored", fast.generated->stored, antlr.generated->stored))) {
      return false;
    }
    return true;
  }

  bool Compare(const std::string& path, const ColumnSyntax& fast, const ColumnSyntax& antlr) {
    return Compare(path + ".name", fast.name, antlr.name) && Compare(path + ".type", fast.type, antlr.type) &&
           Compare(path + ".column", fast.column, antlr.column) &&
           List(path + ".clauses", fast.clauses, antlr.clauses) &&
           Compare(path + ".default_span", fast.default_span, antlr.default_span) &&
           Compare(path + ".identity_span", fast.identity_span, antlr.identity_span) &&
           List(path + ".constraints", fast.constraints, antlr.constraints) &&
           List(path + ".annotations", fast.annotations, antlr.annotations) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const TableOptionSyntax& fast, const TableOptionSyntax& antlr) {
    return Compare(path + ".dialect", fast.dialect, antlr.dialect) &&
           Compare(path + ".key", fast.key, antlr.key) && Field(path + ".value", fast.value, antlr.value) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const TableCommentSyntax& fast, const TableCommentSyntax& antlr) {
    return Field(path + ".text", fast.text, antlr.text) && Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const TableSyntax& fast, const TableSyntax& antlr) {
    return Field(path + ".namespace_name", fast.namespace_name, antlr.namespace_name) &&
           Compare(path + ".name", fast.name, antlr.name) &&
           List(path + ".annotations", fast.annotations, antlr.annotations) &&
           List(path + ".columns", fast.columns, antlr.columns) &&
           List(path + ".constraints", fast.constraints, antlr.constraints) &&
           List(path + ".indexes", fast.indexes, antlr.indexes) &&
           List(path + ".comments", fast.comments, antlr.comments) &&
           List(path + ".options", fast.options, antlr.options) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const EnumSyntax& fast, const EnumSyntax& antlr) {
    return Field(path + ".namespace_name", fast.namespace_name, antlr.namespace_name) &&
           Compare(path + ".name", fast.name, antlr.name) &&
           List(path + ".annotations", fast.annotations, antlr.annotations) &&
           List(path + ".values", fast.values, antlr.values) &&
           Field(path + ".comment", fast.comment, antlr.comment) &&
           Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const NamespaceBlockSyntax& fast, const NamespaceBlockSyntax& antlr) {
    return Compare(path + ".name", fast.name, antlr.name) && Compare(path + ".span", fast.span, antlr.span);
  }

  bool Compare(const std::string& path, const CommentSyntax& fast, const CommentSyntax& antlr) {
    return Field(path + ".text", fast.text, antlr.text) && Compare(path + ".span", fast.span, antlr.span) &&
           Field(path + ".starts_line", fast.starts_line, antlr.starts_line);
  }

  bool Compare(const SchemaSyntax& fast, const SchemaSyntax& antlr) {
    return List("namespace_blocks", fast.namespace_blocks, antlr.namespace_blocks) &&
           List("enums", fast.enums, antlr.enums) && List("tables", fast.tables, antlr.tables) &&
           List("expression_spans", fast.expression_spans, antlr.expression_spans);
  }

  template <typename Element>
  bool List(const std::string& path, const std::vector<Element>& fast, const std::vector<Element>& antlr) {
    for (size_t i = 0; i < fast.size() && i < antlr.size(); ++i) {
      if (!Compare(path + "[" + std::to_string(i) + "]" + Label(fast[i]), fast[i], antlr[i])) return false;
    }
    return Count(path + " count", fast.size(), antlr.size());
  }

 private:
  // A name after the index, so a difference deep in a big file can be found by eye.
  template <typename Element>
  static std::string Label(const Element& element) {
    if constexpr (std::is_same_v<Element, TableSyntax> || std::is_same_v<Element, ColumnSyntax> ||
                  std::is_same_v<Element, EnumSyntax> || std::is_same_v<Element, IndexSyntax>) {
      return " \"" + element.name.text + "\"";
    } else {
      return "";
    }
  }

  std::string difference_;
};

std::string FirstError(std::vector<Diagnostic> diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::kError) {
      return std::to_string(diagnostic.line) + ":" + std::to_string(diagnostic.column) + ": " +
             diagnostic.message;
    }
  }
  return {};
}

}  // namespace

ParserComparison CompareParsers(std::string_view text, const std::string& file_name) {
  ParserComparison comparison;
  std::vector<SourceFile> files;
  files.emplace_back(file_name, std::string(text));

  SchemaSyntax antlr_syntax;
  std::vector<CommentSyntax> antlr_comments;
  DiagnosticSink sink(&files);
  ParseFileWithAntlr(files, 0, antlr_syntax, sink, &antlr_comments);
  comparison.antlr_accepted = !sink.HasErrors();
  const std::string antlr_error = FirstError(sink.Take());

  SchemaSyntax fast_syntax;
  std::vector<CommentSyntax> fast_comments;
  comparison.fast_handled = ParseFileFast(files, 0, fast_syntax, &fast_comments);

  if (!comparison.fast_handled) {
    if (!fast_syntax.tables.empty() || !fast_syntax.enums.empty() || !fast_syntax.namespace_blocks.empty() ||
        !fast_syntax.expression_spans.empty() || !fast_comments.empty()) {
      comparison.difference = "the fast parser gave up but left part of its syntax tree or comments behind";
    }
    return comparison;
  }
  if (!comparison.antlr_accepted) {
    comparison.difference = "the fast parser accepted what ANTLR rejects: " + antlr_error;
    return comparison;
  }
  SyntaxDiffer differ;
  if (!differ.Compare(fast_syntax, antlr_syntax) || !differ.List("comments", fast_comments, antlr_comments)) {
    comparison.difference = differ.difference();
  }
  return comparison;
}

}  // namespace schemac::dsl
