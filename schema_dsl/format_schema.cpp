// FormatSchemaText: canonical re-printing of one file that keeps every comment.
//
// Comments live on ANTLR's hidden channel; the syntax tree knows where each element starts and
// ends. A comment is attached to an element by position:
// - inside an item (a column, constraint, index, enum): trailing comment of that item;
// - among a table's annotations, before its name: leading comment of the table;
// - at the end of a line on which an item ends: trailing comment of that item;
// - otherwise: leading comment of the next item in the same block, or, with none left, a
//   comment at the end of the block (or of the file).
// The printer then emits each comment with its element, wherever canonical order puts it.
#include <algorithm>
#include <vector>

#include "schema_dsl/binder.hpp"
#include "schema_dsl/comment_placement.hpp"
#include "schema_dsl/diagnostics.hpp"
#include "schema_dsl/parse_file.hpp"
#include "schema_dsl/printer.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

struct Anchor {
  ElementKey key;
  Span span;
  bool container = false;
  std::vector<Anchor> children;
  size_t header_end = 0;  // containers: end of the name; comments before it lead the container
};

bool Contains(const Span& outer, const Span& inner) {
  return outer.begin < inner.begin && inner.begin < outer.end;
}

void SortByPosition(std::vector<Anchor>& anchors) {
  std::sort(anchors.begin(), anchors.end(),
            [](const Anchor& a, const Anchor& b) { return a.span.begin < b.span.begin; });
}

Anchor TableAnchor(const TableSyntax& table) {
  Anchor anchor{ElementKey{ElementKind::kTable, table.namespace_name, "", table.name.text},
                table.span,
                true,
                {},
                table.name.span.end};
  auto add = [&](ElementKind kind, const std::string& name, const Span& span) {
    anchor.children.push_back(
        Anchor{ElementKey{kind, table.namespace_name, table.name.text, name}, span, false, {}});
  };
  for (const ColumnSyntax& column : table.columns) add(ElementKind::kColumn, column.name.text, column.span);
  for (const ConstraintSyntax& constraint : table.constraints) {
    add(ElementKind::kConstraint, constraint.bound_name, constraint.span);
  }
  for (const IndexSyntax& index : table.indexes) add(ElementKind::kIndex, index.bound_name, index.span);
  for (const TableCommentSyntax& comment : table.comments) add(ElementKind::kTableComment, "", comment.span);
  for (const TableOptionSyntax& option : table.options) {
    add(ElementKind::kTableOption, option.dialect.text + "." + option.key.text, option.span);
  }
  SortByPosition(anchor.children);
  return anchor;
}

std::vector<Anchor> BuildAnchors(const SchemaSyntax& syntax) {
  std::vector<Anchor> declarations;
  for (const TableSyntax& table : syntax.tables) declarations.push_back(TableAnchor(table));
  for (const EnumSyntax& enum_syntax : syntax.enums) {
    declarations.push_back(
        Anchor{ElementKey{ElementKind::kEnum, enum_syntax.namespace_name, "", enum_syntax.name.text},
               enum_syntax.span,
               false,
               {}});
  }
  for (const ViewSyntax& view : syntax.views) {
    declarations.push_back(Anchor{
        ElementKey{ElementKind::kView, view.namespace_name, "", view.name.text}, view.span, false, {}});
  }
  for (const TriggerSyntax& trigger : syntax.triggers) {
    declarations.push_back(
        Anchor{ElementKey{ElementKind::kTrigger, trigger.namespace_name, "", trigger.name.text},
               trigger.span,
               false,
               {}});
  }
  for (const RoutineSyntax& routine : syntax.routines) {
    model::Routine named = routine.routine;
    named.name = routine.name.text;
    declarations.push_back(
        Anchor{ElementKey{ElementKind::kRoutine, routine.namespace_name, "", named.Identity()},
               routine.span,
               false,
               {}});
  }
  for (const SequenceSyntax& sequence : syntax.sequences) {
    declarations.push_back(
        Anchor{ElementKey{ElementKind::kSequence, sequence.namespace_name, "", sequence.name.text},
               sequence.span,
               false,
               {}});
  }
  for (const ExcludeSyntax& exclude : syntax.excludes) {
    declarations.push_back(
        Anchor{ElementKey{ElementKind::kExclude, "", "", exclude.Text()}, exclude.span, false, {}});
  }
  std::vector<Anchor> top_level;
  for (const NamespaceBlockSyntax& block : syntax.namespace_blocks) {
    top_level.push_back(Anchor{ElementKey{ElementKind::kNamespace, block.name.text, "", ""},
                               block.span,
                               true,
                               {},
                               block.name.span.end});
  }
  for (Anchor& declaration : declarations) {
    auto block = std::find_if(top_level.begin(), top_level.end(), [&](const Anchor& candidate) {
      return candidate.key.kind == ElementKind::kNamespace && Contains(candidate.span, declaration.span);
    });
    if (block != top_level.end()) {
      block->children.push_back(std::move(declaration));
    } else {
      top_level.push_back(std::move(declaration));
    }
  }
  for (Anchor& anchor : top_level) SortByPosition(anchor.children);
  SortByPosition(top_level);
  return top_level;
}

// `expressions` are the outermost expression spans, sorted: they do not overlap, so only the
// last one starting before `span` can hold it.
bool InsideExpression(const Span& span, const std::vector<Span>& expressions) {
  auto after =
      std::upper_bound(expressions.begin(), expressions.end(), span.begin,
                       [](size_t begin, const Span& expression) { return begin < expression.begin; });
  if (after == expressions.begin()) return false;
  const Span& candidate = *(after - 1);
  return candidate.begin < span.begin && span.begin < candidate.end;
}

std::vector<Span> OutermostExpressions(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> outermost;
  for (const Span& span : spans) {
    if (!outermost.empty() && span.begin < outermost.back().end) continue;  // nested in the previous one
    outermost.push_back(span);
  }
  return outermost;
}

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r\f") == std::string_view::npos; }

void Place(const CommentSyntax& comment, const SourceFile& source, const std::vector<Anchor>& top_level,
           CommentPlacement& placement) {
  PlacedComment placed{comment.text, false};
  // Only an empty line directly below a comment that stands on its own lines is kept.
  placed.blank_line_after = comment.starts_line && IsBlank(source.Line(comment.span.end_line + 1)) &&
                            comment.span.end_line < source.LineCount();
  const std::vector<Anchor>* siblings = &top_level;
  const Anchor* container = nullptr;
  for (;;) {
    auto inside = std::find_if(siblings->begin(), siblings->end(),
                               [&](const Anchor& anchor) { return Contains(anchor.span, comment.span); });
    if (inside == siblings->end()) break;
    if (!inside->container) {
      placement.AddTrailing(inside->key, placed);
      return;
    }
    if (comment.span.begin < inside->header_end) {  // among a table's annotations
      placement.AddLeading(inside->key, placed);
      return;
    }
    container = &*inside;
    siblings = &inside->children;
  }
  if (!comment.starts_line) {
    const Anchor* ending_here = nullptr;
    for (const Anchor& anchor : *siblings) {
      if (anchor.span.end_line == comment.span.line && anchor.span.end <= comment.span.begin)
        ending_here = &anchor;
    }
    if (ending_here != nullptr) {
      placement.AddTrailing(ending_here->key, placed);
      return;
    }
  }
  for (const Anchor& anchor : *siblings) {
    if (anchor.span.begin >= comment.span.end) {
      placement.AddLeading(anchor.key, placed);
      return;
    }
  }
  placement.AddDangling(container != nullptr ? container->key : ElementKey{}, placed);
}

FormatResult Format(const std::string& text, const std::string& file_name) {
  FormatResult result;
  result.text = text;
  std::vector<SourceFile> files;
  files.emplace_back(file_name, text);
  DiagnosticSink sink(&files);
  SchemaSyntax syntax;
  std::vector<CommentSyntax> comments;
  ParseFile(files, 0, syntax, sink, &comments);
  if (sink.HasErrors()) {
    result.diagnostics = sink.Take();
    return result;
  }
  BindOptions options;
  options.resolve_references = false;  // other files of the schema are not at hand
  model::Schema schema = Bind(syntax, files, sink, options);
  result.diagnostics = sink.Take();
  if (!result.ok()) return result;

  CommentPlacement placement;
  const std::vector<Anchor> anchors = BuildAnchors(syntax);
  const std::vector<Span> expressions = OutermostExpressions(syntax.expression_spans);
  for (const CommentSyntax& comment : comments) {
    if (InsideExpression(comment.span, expressions)) continue;  // kept as part of the expression's text
    Place(comment, files[0], anchors, placement);
  }
  result.text = PrintSchemaText(schema, &placement);
  return result;
}

}  // namespace

FormatResult FormatSchemaText(const std::string& text, const std::string& file_name) {
  try {
    return Format(text, file_name);
  } catch (const std::exception& error) {
    FormatResult result;
    result.text = text;
    Diagnostic diagnostic;
    diagnostic.code = "E0001";
    diagnostic.file = file_name;
    diagnostic.message = std::string("internal error while formatting: ") + error.what();
    result.diagnostics.push_back(diagnostic);
    return result;
  } catch (...) {
    FormatResult result;
    result.text = text;
    Diagnostic diagnostic;
    diagnostic.code = "E0001";
    diagnostic.file = file_name;
    diagnostic.message = "internal error while formatting";
    result.diagnostics.push_back(diagnostic);
    return result;
  }
}

}  // namespace schemac::dsl
