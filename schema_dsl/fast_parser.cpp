// ParseFileFast: recursive descent over grammar/SchemaParser.g4 for valid input, building the
// same syntax tree as the ANTLR walk in parse_file.cpp (TreeBuilder). Each function below names
// the grammar rule it mirrors; comments mark where a choice needs more than the next token, and
// why the alternative taken is the one ANTLR takes (see fast_parser.hpp for the principle).
// Every function returns false to give up; nothing here reports diagnostics.
#include "schema_dsl/fast_parser.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "schema_dsl/fast_lexer.hpp"
#include "schema_dsl/identifiers.hpp"
#include "schema_dsl/parse_file.hpp"

namespace schemac::dsl {
namespace {

using fast::IsIdent;
using fast::Token;
using T = fast::TokenType;

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& tokens, int file, SchemaSyntax& out)
      : text_(text), tokens_(tokens), file_(file), out_(out) {}

  // schemaFile: topLevelItem* EOF
  bool File() {
    for (;;) {
      switch (LA()) {
        case T::kEof:
          return true;
        case T::kNamespace:
          if (!NamespaceBlock()) return false;
          break;
        case T::kTable:
        case T::kEnum:
        case T::kAt:
          if (!Declaration("")) return false;
          break;
        default:
          return false;
      }
    }
  }

  Span SpanOf(const Token& token) const {
    Span span;
    span.file = file_;
    span.line = token.line;
    span.column = token.column;
    span.end_line = token.end_line;
    span.begin = token.begin;
    span.end = token.end;
    span.length = std::max<int>(1, static_cast<int>(span.end - span.begin));
    return span;
  }

 private:
  // ---- token access ----

  T LA(size_t ahead = 0) const {
    size_t at = index_ + ahead;
    return at < tokens_.size() ? tokens_[at].type : T::kEof;
  }
  const Token& Current() const { return tokens_[std::min(index_, tokens_.size() - 1)]; }
  std::string_view TextOf(const Token& token) const {
    return text_.substr(token.byte_begin, token.byte_end - token.byte_begin);
  }
  bool Expect(T type) {
    if (LA() != type) return false;
    ++index_;
    return true;
  }
  bool Accept(T type) { return Expect(type); }

  // The span of a rule that matched tokens [first, last]: SpanMaker::Of(ParserRuleContext*).
  Span SpanFrom(size_t first, size_t last) const {
    Span span = SpanOf(tokens_[first]);
    const Token& stop = tokens_[last];
    span.end = stop.end;
    span.end_line = stop.end_line;
    span.length = std::max<int>(1, static_cast<int>(span.end - span.begin));
    return span;
  }
  Span SpanSince(size_t first) const { return SpanFrom(first, index_ - 1); }

  // ident: ID | QUOTED_ID | keyword
  bool Ident(NameSyntax& name) {
    if (!IsIdent(LA())) return false;
    const Token& token = tokens_[index_++];
    name.text = token.type == T::kQuotedId ? Unquote(TextOf(token)) : std::string(TextOf(token));
    name.span = SpanOf(token);
    return true;
  }

  bool StringValue(NameSyntax& value) {
    if (LA() != T::kString) return false;
    const Token& token = tokens_[index_++];
    value.text = Unquote(TextOf(token));
    value.span = SpanOf(token);
    return true;
  }

  // ---- the layout predicates, as in SchemaParser.g4 ----

  // startsItem(): the next token is the first on its line, or follows `{`.
  bool StartsItem() const {
    if (index_ == 0) return true;
    const Token& previous = tokens_[index_ - 1];
    return previous.type == T::kLBrace || Current().line > previous.line;
  }

  // continuesColumn(): same line as the previous token, or indented deeper than the column name.
  bool ContinuesColumn() const {
    if (index_ == 0 || column_start_ == nullptr) return true;
    const Token& next = Current();
    if (next.line == tokens_[index_ - 1].line) return true;
    return next.column > column_start_->column;
  }

  // sameLine(): the next token is on the line of the previous one.
  bool SameLine() const { return index_ == 0 || Current().line == tokens_[index_ - 1].line; }

  // ({sameLine()}? COMMENT STRING)?: the comment of an index or a primary key.
  bool TrailingComment(std::string& comment) {
    if (LA() != T::kComment || !SameLine()) return true;
    ++index_;
    NameSyntax text;
    if (!StringValue(text)) return false;
    comment = std::move(text.text);
    return true;
  }

  // ---- declarations ----

  // namespaceBlock: NAMESPACE ident LBRACE (tableDecl | enumDecl)* RBRACE
  bool NamespaceBlock() {
    const size_t first = index_++;
    NamespaceBlockSyntax block;
    if (!Ident(block.name) || !Expect(T::kLBrace)) return false;
    while (LA() != T::kRBrace) {
      if (LA() != T::kTable && LA() != T::kEnum && LA() != T::kAt) return false;
      if (!Declaration(block.name.text)) return false;
    }
    ++index_;
    block.span = SpanSince(first);
    out_.namespace_blocks.push_back(std::move(block));
    return true;
  }

  // tableDecl or enumDecl: both start with annotation*, which parse the same either way; the
  // keyword after them decides (ANTLR's ALL(*) looks past them just the same).
  bool Declaration(const std::string& namespace_name) {
    const size_t first = index_;
    std::vector<AnnotationSyntax> annotations;
    while (LA() == T::kAt) {
      AnnotationSyntax annotation;
      if (!Annotation(annotation)) return false;
      annotations.push_back(std::move(annotation));
    }
    if (LA() == T::kTable) return Table(first, namespace_name, std::move(annotations));
    if (LA() == T::kEnum) return Enum(first, namespace_name, std::move(annotations));
    return false;
  }

  // annotation: AT ident (LPAREN annotationArg (COMMA annotationArg)* RPAREN)?
  // Nothing that may follow an annotation starts with `(`, so `(` always opens its arguments.
  bool Annotation(AnnotationSyntax& annotation) {
    const size_t first = index_++;
    if (!Ident(annotation.name)) return false;
    if (LA() == T::kLParen) {
      ++index_;
      do {
        NameSyntax argument;
        if (LA() == T::kString) {
          if (!StringValue(argument)) return false;
        } else if (!Ident(argument)) {
          return false;
        }
        annotation.arguments.push_back(std::move(argument));
      } while (Accept(T::kComma));
      if (!Expect(T::kRParen)) return false;
    }
    annotation.span = SpanSince(first);
    return true;
  }

  // enumDecl: annotation* ENUM ident LBRACE (enumValue (COMMA enumValue)* COMMA?)? RBRACE
  //           (COMMENT STRING)?
  bool Enum(size_t first, const std::string& namespace_name, std::vector<AnnotationSyntax> annotations) {
    ++index_;
    EnumSyntax enum_syntax;
    enum_syntax.namespace_name = namespace_name;
    enum_syntax.annotations = std::move(annotations);
    if (!Ident(enum_syntax.name) || !Expect(T::kLBrace)) return false;
    if (LA() != T::kRBrace) {
      for (;;) {
        NameSyntax value;
        if (LA() == T::kString) {
          if (!StringValue(value)) return false;
        } else if (!Ident(value)) {
          return false;
        }
        enum_syntax.values.push_back(std::move(value));
        if (LA() != T::kComma) break;
        ++index_;
        if (LA() == T::kRBrace) break;  // the optional trailing comma
      }
    }
    if (!Expect(T::kRBrace)) return false;
    // Nothing that may follow an enum starts with `comment`.
    if (LA() == T::kComment) {
      ++index_;
      NameSyntax comment;
      if (!StringValue(comment)) return false;
      enum_syntax.comment = std::move(comment.text);
    }
    enum_syntax.span = SpanSince(first);
    out_.enums.push_back(std::move(enum_syntax));
    return true;
  }

  // tableDecl: annotation* TABLE ident LBRACE tableItem* RBRACE
  // tableItem: {startsItem()}? tableItemBody
  bool Table(size_t first, const std::string& namespace_name, std::vector<AnnotationSyntax> annotations) {
    ++index_;
    TableSyntax table;
    table.namespace_name = namespace_name;
    table.annotations = std::move(annotations);
    if (!Ident(table.name) || !Expect(T::kLBrace)) return false;
    // `}` cannot start an item, so it ends the loop; any other token must start an item, and
    // then startsItem() must hold (ANTLR evaluates it when predicting this loop).
    columns_.clear();
    while (LA() != T::kRBrace) {
      if (!StartsItem() || !TableItem(table)) return false;
    }
    ++index_;
    // Columns are built in a scratch vector that keeps its capacity, then moved once, so the
    // table's vector never grows by moving large ColumnSyntax values around.
    table.columns.reserve(columns_.size());
    for (ColumnSyntax& column : columns_) table.columns.push_back(std::move(column));
    table.span = SpanSince(first);
    out_.tables.push_back(std::move(table));
    return true;
  }

  // After INDEX (at offset `at`): can `name=ident? (USING method=ident)? LPAREN` start here?
  bool IndexHeadPossible(size_t at) const {
    if (LA(at) == T::kLParen) return true;
    if (IsIdent(LA(at)) && (LA(at + 1) == T::kLParen || LA(at + 1) == T::kUsing)) return true;
    return LA(at) == T::kUsing && IsIdent(LA(at + 1)) && LA(at + 2) == T::kLParen;
  }

  // tableItemBody: tableConstraint | indexDecl | tableComment | tableOption | columnDecl.
  // Every keyword is also an ident, so a column may be named like the keyword that starts
  // another alternative (`check int`). The alternatives are tried in grammar order: an earlier
  // one is taken whenever the next tokens allow it (ANTLR prefers it then, whether it predicts
  // it uniquely or resolves a conflict to the lowest alternative), and ruled out only by tokens
  // it cannot match.
  bool TableItem(TableSyntax& table) {
    switch (LA()) {
      case T::kConstraint:
        if (IsIdent(LA(1)) &&
            (LA(2) == T::kPrimary || LA(2) == T::kUnique || LA(2) == T::kForeign || LA(2) == T::kCheck)) {
          return TableConstraint(table);
        }
        break;
      case T::kPrimary:
      case T::kForeign:
        if (LA(1) == T::kKey && LA(2) == T::kLParen) return TableConstraint(table);
        break;
      case T::kCheck:
        if (LA(1) == T::kLParen) return TableConstraint(table);
        break;
      case T::kUnique:
        if (LA(1) == T::kLParen) return TableConstraint(table);
        if (LA(1) == T::kIndex && IndexHeadPossible(2)) return Index(table);
        break;
      case T::kIndex:
        if (IndexHeadPossible(1)) return Index(table);
        break;
      case T::kComment:
        if (LA(1) == T::kString) return TableComment(table);
        break;
      case T::kOption:
        if (IsIdent(LA(1)) && LA(2) == T::kDot && IsIdent(LA(3)) && LA(4) == T::kEquals)
          return TableOption(table);
        break;
      default:
        break;
    }
    return Column();
  }

  // tableComment: COMMENT STRING
  bool TableComment(TableSyntax& table) {
    const size_t first = index_++;
    NameSyntax text;
    if (!StringValue(text)) return false;
    table.comments.push_back({std::move(text.text), SpanSince(first)});
    return true;
  }

  // tableOption: OPTION dialect=ident DOT key=ident EQUALS optionValue
  // optionValue: STRING | NUMBER | TRUE_KW | FALSE_KW | ident
  bool TableOption(TableSyntax& table) {
    const size_t first = index_++;
    TableOptionSyntax option;
    if (!Ident(option.dialect) || !Expect(T::kDot) || !Ident(option.key) || !Expect(T::kEquals)) return false;
    if (LA() == T::kString || LA() == T::kNumber || LA() == T::kTrue || LA() == T::kFalse) {
      option.value = LA() == T::kString ? Unquote(TextOf(Current())) : std::string(TextOf(Current()));
      ++index_;
    } else {
      NameSyntax name;
      if (!Ident(name)) return false;
      option.value = std::move(name.text);
    }
    option.span = SpanSince(first);
    table.options.push_back(std::move(option));
    return true;
  }

  // columnList: LPAREN ident (COMMA ident)* RPAREN
  bool ColumnList(std::vector<NameSyntax>& names) {
    if (!Expect(T::kLParen)) return false;
    do {
      NameSyntax name;
      if (!Ident(name)) return false;
      names.push_back(std::move(name));
    } while (Accept(T::kComma));
    return Expect(T::kRParen);
  }

  // tableRef: first=ident (DOT second=ident)?  (always followed by a columnList's `(`)
  bool TableRef(ReferenceSyntax& reference) {
    NameSyntax first;
    if (!Ident(first)) return false;
    if (LA() == T::kDot) {
      ++index_;
      reference.ref_namespace = std::move(first);
      return Ident(reference.ref_table);
    }
    reference.ref_table = std::move(first);
    return true;
  }

  // referentialAction: CASCADE | RESTRICT | SET NULL_KW | SET DEFAULT | NO ACTION
  bool Action(model::ReferentialAction& action) {
    using model::ReferentialAction;
    switch (LA()) {
      case T::kCascade:
        action = ReferentialAction::Cascade;
        break;
      case T::kRestrict:
        action = ReferentialAction::Restrict;
        break;
      case T::kSet:
        ++index_;
        if (LA() == T::kNull) {
          action = ReferentialAction::SetNull;
        } else if (LA() == T::kDefault) {
          action = ReferentialAction::SetDefault;
        } else {
          return false;
        }
        break;
      case T::kNo:
        ++index_;
        if (LA() != T::kAction) return false;
        action = ReferentialAction::NoAction;
        break;
      default:
        return false;
    }
    ++index_;
    return true;
  }

  // foreignKeyTail: (ON DELETE referentialAction | ON UPDATE referentialAction | deferrability
  //                  | matchType)*
  // deferrability: NOT DEFERRABLE | DEFERRABLE (INITIALLY (DEFERRED | IMMEDIATE))?
  // matchType: MATCH (FULL | SIMPLE)
  // Entering the loop is the lower alternative, taken whenever the next two tokens can start
  // an element (`not null` after a references clause leaves it); exiting leads to the layout
  // predicates, which the caller checks at this same token.
  bool ForeignKeyTail(ReferenceSyntax& reference) {
    for (;;) {
      const TailElement element = ForeignKeyTailElement(reference, /*timing_only=*/false);
      if (element != TailElement::kTaken) return element == TailElement::kNone;
    }
  }

  // One element of a foreign-key tail; only deferrability when `timing_only` (a unique
  // constraint's `deferrability?`, entered whenever its first tokens are there).
  enum class TailElement { kTaken, kNone, kError };
  TailElement ForeignKeyTailElement(ReferenceSyntax& reference, bool timing_only) {
    if (!timing_only && LA() == T::kOn && (LA(1) == T::kDelete || LA(1) == T::kUpdate)) {
      const bool on_delete = LA(1) == T::kDelete;
      index_ += 2;
      if (!Action(on_delete ? reference.on_delete : reference.on_update)) return TailElement::kError;
    } else if (LA() == T::kNot && LA(1) == T::kDeferrable) {
      index_ += 2;
      reference.deferrable = false;
      reference.initially_deferred = false;
    } else if (LA() == T::kDeferrable) {
      ++index_;
      bool deferred = false;
      if (LA() == T::kInitially) {
        ++index_;
        if (LA() != T::kDeferred && LA() != T::kImmediate) return TailElement::kError;
        deferred = LA() == T::kDeferred;
        ++index_;
      }
      reference.deferrable = true;
      reference.initially_deferred = deferred;
    } else if (!timing_only && LA() == T::kMatch && (LA(1) == T::kFull || LA(1) == T::kSimple)) {
      reference.match = LA(1) == T::kFull ? model::MatchType::Full : model::MatchType::Simple;
      index_ += 2;
    } else {
      return TailElement::kNone;
    }
    return TailElement::kTaken;
  }

  // tableConstraint: (CONSTRAINT name=ident)? constraintBody
  bool TableConstraint(TableSyntax& table) {
    using Kind = ConstraintSyntax::Kind;
    const size_t first = index_;
    ConstraintSyntax constraint;
    if (LA() == T::kConstraint) {
      ++index_;
      if (!Ident(constraint.name)) return false;
    }
    switch (LA()) {
      case T::kPrimary:
        ++index_;
        constraint.kind = Kind::kPrimaryKey;
        if (!Expect(T::kKey) || !ColumnList(constraint.columns) || !TrailingComment(constraint.comment))
          return false;
        break;
      case T::kUnique:
        ++index_;
        constraint.kind = Kind::kUnique;
        if (!ColumnList(constraint.columns)) return false;
        if (ForeignKeyTailElement(constraint.reference, /*timing_only=*/true) == TailElement::kError)
          return false;
        break;
      case T::kForeign:
        ++index_;
        constraint.kind = Kind::kForeignKey;
        if (!Expect(T::kKey) || !ColumnList(constraint.columns) || !Expect(T::kReferences) ||
            !TableRef(constraint.reference) || !ColumnList(constraint.reference.ref_columns) ||
            !ForeignKeyTail(constraint.reference)) {
          return false;
        }
        break;
      case T::kCheck:
        ++index_;
        constraint.kind = Kind::kCheck;
        if (!Expression(constraint.check)) return false;
        if (LA() == T::kNo && LA(1) == T::kInherit) {
          index_ += 2;
          constraint.no_inherit = true;
        }
        break;
      default:
        return false;
    }
    constraint.span = SpanSince(first);
    table.constraints.push_back(std::move(constraint));
    return true;
  }

  // indexDecl: UNIQUE? INDEX name=ident? (USING method=ident)? LPAREN indexKey (COMMA indexKey)*
  //            RPAREN (INCLUDE columnList)? (WHERE expression)?
  bool Index(TableSyntax& table) {
    const size_t first = index_;
    IndexSyntax index;
    if (LA() == T::kUnique) {
      index.unique = true;
      ++index_;
    }
    if (!Expect(T::kIndex)) return false;
    // The name is the lower alternative: taken when `(` or USING can follow it; without it the
    // next token must be `(` or USING. (`index using (a)` names the index "using".)
    if (LA() != T::kLParen) {
      if (IsIdent(LA()) && (LA(1) == T::kLParen || LA(1) == T::kUsing)) {
        Ident(index.name);
      } else if (LA() != T::kUsing) {
        return false;
      }
    }
    if (LA() == T::kUsing) {
      ++index_;
      if (!Ident(index.method)) return false;
    }
    if (!Expect(T::kLParen)) return false;
    do {
      if (!IndexKey(index)) return false;
    } while (Accept(T::kComma));
    if (!Expect(T::kRParen)) return false;
    // The walk in parse_file.cpp drops an index without keys before reading INCLUDE and WHERE.
    const bool keep = !index.keys.empty();
    if (LA() == T::kInclude && LA(1) == T::kLParen) {
      ++index_;
      std::vector<NameSyntax> include;
      if (!ColumnList(include)) return false;
      if (keep) index.include = std::move(include);
    }
    if (LA() == T::kWhere && LA(1) == T::kLParen) {
      ++index_;
      if (!Expression(index.where, keep)) return false;
    }
    if (!TrailingComment(index.comment)) return false;
    if (!keep) return true;
    index.span = SpanSince(first);
    table.indexes.push_back(std::move(index));
    return true;
  }

  // indexKey: (ident (LPAREN NUMBER RPAREN)? | expression) indexKeyOption*
  // indexKeyOption: ASC | DESC | NULLS (FIRST | LAST) | COLLATE ident | OPCLASS ident
  bool IndexKey(IndexSyntax& index) {
    IndexKeySyntax key;
    bool keep = true;
    if (LA() == T::kLParen) {
      ExpressionSyntax expression;
      if (!Expression(expression)) return false;
      keep = !expression.text.empty();  // the walk skips an empty expression key
      key.key.expression = std::move(expression.text);
      key.span = expression.span;
    } else {
      NameSyntax column;
      if (!Ident(column)) return false;
      key.key.column = std::move(column.text);
      key.span = column.span;
      if (LA() == T::kLParen) {  // `col(N)`: a prefix length
        if (LA(1) != T::kNumber || LA(2) != T::kRParen) return false;
        ++index_;
        key.prefix = NameSyntax{std::string(TextOf(Current())), SpanOf(Current())};
        index_ += 2;
      }
    }
    for (;;) {
      switch (LA()) {
        case T::kAsc:
          key.key.descending = false;
          break;
        case T::kDesc:
          key.key.descending = true;
          break;
        case T::kNulls:
          ++index_;
          if (LA() != T::kFirst && LA() != T::kLast) return false;
          key.key.nulls = LA() == T::kFirst ? model::NullsOrder::First : model::NullsOrder::Last;
          break;
        case T::kCollate:
        case T::kOpclass: {
          const bool collate = LA() == T::kCollate;
          ++index_;
          NameSyntax name;
          if (!Ident(name)) return false;
          (collate ? key.key.collation : key.key.opclass) = std::move(name.text);
          continue;
        }
        default:
          if (keep) index.keys.push_back(std::move(key));
          return true;
      }
      ++index_;
    }
  }

  // expression: LPAREN expressionToken* RPAREN, kept as the trimmed text between the outer
  // parentheses. `record` is false where the ANTLR walk does not visit the expression, so its
  // span is not listed either.
  bool Expression(ExpressionSyntax& expression, bool record = true) {
    if (LA() != T::kLParen) return false;
    const size_t open = index_;
    int depth = 0;
    for (;; ++index_) {
      const T type = LA();
      if (type == T::kEof) return false;
      if (type == T::kLParen) ++depth;
      if (type == T::kRParen && --depth == 0) break;
    }
    const size_t close = index_++;
    expression.span = SpanFrom(open, close);
    if (record) out_.expression_spans.push_back(expression.span);
    const uint32_t begin = tokens_[open].byte_end;
    const uint32_t end = tokens_[close].byte_begin;
    if (end > begin) expression.text = TrimBlanks(text_.substr(begin, end - begin));
    return true;
  }

  // ---- columns ----

  // columnDecl: ident typeRef ({continuesColumn()}? columnClause)*
  bool Column() {
    const size_t first = index_;
    ColumnSyntax& column = columns_.emplace_back();
    if (!Ident(column.name)) return false;
    column_start_ = &tokens_[first];
    column.column.name = column.name.text;
    if (!Type(column.type)) return false;
    // Another clause is the lower alternative: taken when continuesColumn() holds and the next
    // tokens can start a clause. Otherwise the column ends, and the table loop checks
    // startsItem() at this same token, as ANTLR's prediction does.
    while (ContinuesColumn() && ClauseCanStart()) {
      if (!ColumnClause(column)) return false;
    }
    column.span = SpanSince(first);
    return true;
  }

  // typeRef: nativeType | typeName (LPAREN NUMBER (COMMA NUMBER)* RPAREN)? nativeType?
  // `native(` starts the first alternative when a spelling (`ident :`) follows, else it is a type
  // named native with arguments.
  bool Type(TypeSyntax& type) {
    const size_t first = index_;
    if (LA() == T::kNative && LA(1) == T::kLParen && IsIdent(LA(2)) && LA(3) == T::kColon) {
      if (!NativeType(type)) return false;
      type.span = SpanSince(first);
      return true;
    }
    NameSyntax name;
    if (!Ident(name)) return false;
    if (LA() == T::kDot) {
      ++index_;
      type.type_namespace = std::move(name);
      if (!Ident(type.name)) return false;
    } else {
      type.name = std::move(name);
    }
    if (LA() == T::kLParen) {
      const size_t open = index_++;
      do {
        if (LA() != T::kNumber) return false;
        type.arguments.push_back({std::string(TextOf(Current())), SpanOf(Current())});
        ++index_;
      } while (Accept(T::kComma));
      if (LA() != T::kRParen) return false;
      type.arguments_span = SpanOf(tokens_[open]);
      type.arguments_span.end = Current().end;
      type.arguments_span.length =
          std::max<int>(1, static_cast<int>(type.arguments_span.end - type.arguments_span.begin));
      ++index_;
    }
    // nativeType? is the lower alternative; `native` not followed by `(` can only be a new item.
    if (LA() == T::kNative && LA(1) == T::kLParen) {
      if (!NativeType(type)) return false;
    }
    type.span = SpanSince(first);
    return true;
  }

  // nativeType: NATIVE LPAREN nativeSpelling (COMMA nativeSpelling)* RPAREN
  // nativeSpelling: ident COLON STRING
  bool NativeType(TypeSyntax& type) {
    index_ += 2;
    do {
      NameSyntax dialect;
      NameSyntax spelling;
      if (!Ident(dialect) || !Expect(T::kColon) || !StringValue(spelling)) return false;
      type.native.emplace_back(std::move(dialect), std::move(spelling.text));
    } while (Accept(T::kComma));
    return Expect(T::kRParen);
  }

  // Can the next tokens start a columnClause? (Each alternative starts with its own token.)
  bool ClauseCanStart() const {
    switch (LA()) {
      case T::kNot:
        return LA(1) == T::kNull;
      case T::kNull:
      case T::kUnique:
      case T::kIdentity:
        return true;
      case T::kDefault: {
        const T value = LA(1);
        return value == T::kNumber || value == T::kString || value == T::kTrue || value == T::kFalse ||
               value == T::kNull || value == T::kLParen;
      }
      case T::kPrimary:
        return LA(1) == T::kKey;
      case T::kGenerated:
        return LA(1) == T::kAlways && LA(2) == T::kAs && LA(3) == T::kLParen;
      case T::kCollate:
      case T::kReferences:
      case T::kAt:
        return IsIdent(LA(1));
      case T::kComment:
        return LA(1) == T::kString;
      case T::kCheck:
        return LA(1) == T::kLParen;
      default:
        return false;
    }
  }

  void AddClause(ColumnSyntax& column, const char* keyword, const Span& span) const {
    if (column.clauses.empty()) column.clauses.reserve(4);  // one allocation for the usual few
    column.clauses.push_back({keyword, span});
  }

  static ConstraintSyntax InlineConstraint(ConstraintSyntax::Kind kind, const ColumnSyntax& column) {
    ConstraintSyntax constraint;
    constraint.kind = kind;
    constraint.columns.push_back(column.name);
    constraint.inline_column = column.name.text;
    return constraint;
  }

  // columnClause, filling the column as TreeBuilder::ColumnClause does (first default, identity,
  // generated, collation and comment win; nullability and the spans follow the last clause).
  bool ColumnClause(ColumnSyntax& column) {
    using Kind = ConstraintSyntax::Kind;
    model::Column& model_column = column.column;
    const size_t first = index_;
    switch (LA()) {
      case T::kNot:
        index_ += 2;
        AddClause(column, "not null", SpanSince(first));
        model_column.nullable = false;
        return true;
      case T::kNull:
        ++index_;
        AddClause(column, "null", SpanSince(first));
        model_column.nullable = true;
        return true;
      case T::kDefault:
        return DefaultClause(column);
      case T::kPrimary:
      case T::kUnique: {
        const bool primary = LA() == T::kPrimary;
        index_ += primary ? 2 : 1;
        const Span span = SpanSince(first);
        AddClause(column, primary ? "primary key" : "unique", span);
        column.constraints.push_back(InlineConstraint(primary ? Kind::kPrimaryKey : Kind::kUnique, column));
        column.constraints.back().span = span;
        return true;
      }
      case T::kIdentity: {
        ++index_;
        // ALWAYS? is the lower alternative, whatever line `always` is on.
        const bool always = LA() == T::kAlways;
        if (always) ++index_;
        const Span span = SpanSince(first);
        AddClause(column, "identity", span);
        column.identity_span = span;
        if (!model_column.identity) model_column.identity = model::Identity{always};
        return true;
      }
      case T::kGenerated: {
        index_ += 3;  // GENERATED ALWAYS AS, checked by ClauseCanStart
        ExpressionSyntax expression;
        const bool first_generated = !model_column.generated.has_value();
        if (!Expression(expression, first_generated)) return false;
        bool is_virtual = false;
        if (LA() == T::kStored || LA() == T::kVirtual) {  // the lower alternative again
          is_virtual = LA() == T::kVirtual;
          ++index_;
        }
        AddClause(column, "generated", SpanSince(first));
        if (first_generated)
          model_column.generated = model::Generated{std::move(expression.text), !is_virtual};
        return true;
      }
      case T::kCollate: {
        ++index_;
        NameSyntax name;
        if (!Ident(name)) return false;
        AddClause(column, "collate", SpanSince(first));
        if (model_column.collation.empty()) model_column.collation = std::move(name.text);
        return true;
      }
      case T::kComment: {
        ++index_;
        NameSyntax text;
        if (!StringValue(text)) return false;
        AddClause(column, "comment", SpanSince(first));
        if (model_column.comment.empty()) model_column.comment = std::move(text.text);
        return true;
      }
      case T::kReferences: {
        ++index_;
        ConstraintSyntax constraint = InlineConstraint(Kind::kForeignKey, column);
        if (!TableRef(constraint.reference) || !ColumnList(constraint.reference.ref_columns) ||
            !ForeignKeyTail(constraint.reference)) {
          return false;
        }
        constraint.span = SpanSince(first);
        column.constraints.push_back(std::move(constraint));
        return true;
      }
      case T::kCheck: {
        ++index_;
        ConstraintSyntax constraint = InlineConstraint(Kind::kCheck, column);
        constraint.columns.clear();
        if (!Expression(constraint.check)) return false;
        constraint.span = SpanSince(first);
        column.constraints.push_back(std::move(constraint));
        return true;
      }
      case T::kAt: {
        AnnotationSyntax annotation;
        if (!Annotation(annotation)) return false;
        column.annotations.push_back(std::move(annotation));
        return true;
      }
      default:
        return false;
    }
  }

  // DEFAULT (literal | expression); literal: NUMBER | STRING | TRUE_KW | FALSE_KW | NULL_KW
  bool DefaultClause(ColumnSyntax& column) {
    const size_t first = index_++;
    model::DefaultValue value;
    Span value_span;
    bool literal = true;
    switch (LA()) {
      case T::kNumber:
        value.kind = model::DefaultValue::Kind::Number;
        value.text = std::string(TextOf(Current()));
        break;
      case T::kString:
        value.kind = model::DefaultValue::Kind::String;
        value.text = Unquote(TextOf(Current()));
        break;
      case T::kTrue:
      case T::kFalse:
        value.kind = model::DefaultValue::Kind::Bool;
        value.text = LA() == T::kTrue ? "true" : "false";
        break;
      case T::kNull:
        value.kind = model::DefaultValue::Kind::Null;
        break;
      case T::kLParen: {
        ExpressionSyntax expression;
        if (!Expression(expression)) return false;
        value.kind = model::DefaultValue::Kind::Expression;
        value.text = std::move(expression.text);
        literal = false;
        break;
      }
      default:
        return false;
    }
    if (literal) value_span = SpanOf(tokens_[index_++]);
    const Span clause = SpanSince(first);
    AddClause(column, "default", clause);
    column.default_span = literal ? value_span : clause;
    if (!column.column.default_value) column.column.default_value = std::move(value);
    return true;
  }

  std::string_view text_;
  const std::vector<Token>& tokens_;
  int file_;
  SchemaSyntax& out_;
  size_t index_ = 0;
  const Token* column_start_ = nullptr;  // first token of the column being parsed
  std::vector<ColumnSyntax> columns_;    // the current table's columns (see Table)
};

// Drops what a failed parse appended, so `syntax` is as the caller passed it.
class SyntaxMark {
 public:
  explicit SyntaxMark(const SchemaSyntax& syntax)
      : namespaces_(syntax.namespace_blocks.size()),
        enums_(syntax.enums.size()),
        tables_(syntax.tables.size()),
        expressions_(syntax.expression_spans.size()) {}

  void Restore(SchemaSyntax& syntax) const {
    syntax.namespace_blocks.resize(namespaces_);
    syntax.enums.resize(enums_);
    syntax.tables.resize(tables_);
    syntax.expression_spans.resize(expressions_);
  }

 private:
  size_t namespaces_, enums_, tables_, expressions_;
};

}  // namespace

bool ParseFileFast(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
                   std::vector<CommentSyntax>* comments) {
  if (file_index < 0 || static_cast<size_t>(file_index) >= files.size()) return false;
  const SourceFile& source = files[file_index];
  fast::Lexed lexed;
  if (!fast::Lex(source.text(), kMaxNesting, comments != nullptr, lexed)) return false;

  const SyntaxMark mark(syntax);
  Parser parser(source.text(), lexed.tokens, file_index, syntax);
  if (!parser.File()) {
    mark.Restore(syntax);
    return false;
  }
  if (comments != nullptr) {
    for (const Token& token : lexed.comments) {
      CommentSyntax comment;
      comment.text = source.text().substr(token.byte_begin, token.byte_end - token.byte_begin);
      comment.span = parser.SpanOf(token);
      std::string_view line = source.Line(comment.span.line);
      size_t indent = line.find_first_not_of(" \t\f");
      comment.starts_line =
          indent != std::string_view::npos && static_cast<int>(indent) + 1 == comment.span.column;
      comments->push_back(std::move(comment));
    }
  }
  return true;
}

}  // namespace schemac::dsl
