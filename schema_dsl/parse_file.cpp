// ParseFile: the fast path (fast_parser.cpp) for valid files, else ANTLR lexer + parser, a
// syntax-error listener, and the walk from the parse tree to the syntax tree. ANTLR headers are
// included here and nowhere else in schema_dsl/.
#include "schema_dsl/parse_file.hpp"

#include <antlr4-runtime.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "schema_dsl/fast_parser.hpp"
#include "schema_dsl/identifiers.hpp"
#include "schema_dsl/name_suggestions.hpp"

namespace schemac::dsl {
namespace {

using schemac_grammar::SchemaLexer;
using schemac_grammar::SchemaParser;
using P = SchemaParser;

// Syntax errors reported per file before the parser gives up on it: past this, recovery on a
// badly broken file mostly produces noise.
constexpr size_t kMaxSyntaxErrorsPerFile = 25;

bool IsValidToken(const antlr4::Token* token) {
  return token != nullptr && token->getStartIndex() != INVALID_INDEX &&
         token->getStopIndex() != INVALID_INDEX;
}

int CountNewlines(const std::string& text) {
  int count = 0;
  for (char c : text) count += c == '\n';
  return count;
}

class SpanMaker {
 public:
  explicit SpanMaker(int file) : file_(file) {}

  Span Of(antlr4::Token* token) const {
    Span span;
    span.file = file_;
    if (token == nullptr) return span;
    span.line = static_cast<int>(token->getLine());
    span.column = static_cast<int>(token->getCharPositionInLine()) + 1;
    span.end_line = span.line;
    if (IsValidToken(token) && token->getStopIndex() + 1 >= token->getStartIndex()) {
      span.begin = token->getStartIndex();
      span.end = token->getStopIndex() + 1;
      span.length = std::max<int>(1, static_cast<int>(span.end - span.begin));
      if (token->getType() == antlr4::Token::EOF) {
        span.length = 1;
      } else if (token->getType() == SchemaLexer::STRING || token->getType() == SchemaLexer::BLOCK_COMMENT ||
                 token->getType() == SchemaLexer::QUOTED_ID) {
        span.end_line += CountNewlines(token->getText());
      }
    }
    return span;
  }

  Span Of(antlr4::tree::TerminalNode* node) const {
    return Of(node == nullptr ? nullptr : node->getSymbol());
  }

  Span Of(antlr4::ParserRuleContext* ctx) const {
    if (ctx == nullptr) return Of(static_cast<antlr4::Token*>(nullptr));
    antlr4::Token* start = ctx->getStart();
    antlr4::Token* stop = ctx->getStop();
    Span span = Of(start);
    if (!IsValidToken(start) || !IsValidToken(stop) || stop->getTokenIndex() < start->getTokenIndex())
      return span;
    Span last = Of(stop);
    span.end = last.end;
    span.end_line = last.end_line;
    span.length = std::max<int>(1, static_cast<int>(span.end - span.begin));
    return span;
  }

 private:
  int file_;
};

// "a name", "\"(\"", ... for one expected token type.
std::string DescribeTokenType(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  if (type == antlr4::Token::EOF) return "end of file";
  switch (type) {
    case SchemaLexer::ID:
    case SchemaLexer::QUOTED_ID:
      return "a name";
    case SchemaLexer::STRING:
      return "a string";
    case SchemaLexer::NUMBER:
      return "a number";
    default:
      break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (literal.size() >= 2 && literal.front() == '\'') literal = literal.substr(1, literal.size() - 2);
  if (literal.empty()) literal = vocabulary.getSymbolicName(type);
  return "\"" + literal + "\"";
}

bool IsKeywordToken(size_t type) { return type >= SchemaLexer::TABLE && type <= SchemaLexer::NATIVE; }

// `"x" or "y"`, or empty when the set is too large to help.
std::string DescribeExpected(const antlr4::misc::IntervalSet& expected,
                             const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::string> names;
  const bool takes_name = expected.contains(static_cast<size_t>(SchemaLexer::ID));
  for (ssize_t type : expected.toList()) {
    if (type < 0 && type != static_cast<ssize_t>(antlr4::Token::EOF)) continue;
    auto token_type = static_cast<size_t>(type);
    if (takes_name && (IsKeywordToken(token_type) || token_type == SchemaLexer::QUOTED_ID)) continue;
    std::string name = DescribeTokenType(token_type, vocabulary);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  if (names.empty() || names.size() > 12) return {};
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += i + 1 == names.size() ? " or " : ", ";
    joined += names[i];
  }
  return joined;
}

std::string DescribeOffending(antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 30) text = text.substr(0, 27) + "...";
  std::string shown;
  for (char c : text) {
    if (c == '\n')
      shown += "\\n";
    else if (c == '\r')
      shown += "\\r";
    else if (c == '\t')
      shown += "\\t";
    else
      shown += c;
  }
  return "\"" + shown + "\"";
}

// A lone quote character is what the lexer leaves of a string or quoted name never closed; a dollar
// quote never closed is a token of its own, from its opening delimiter to the end of the file.
std::string UnclosedQuote(antlr4::Token* token) {
  if (token == nullptr) return {};
  std::string text = token->getText();
  if (token->getType() == SchemaLexer::UNCLOSED_RAW_SQL) {
    const std::string delimiter = text.substr(0, text.find('$', 1) + 1);
    return "this " + delimiter + " quote is never closed (a closing " + delimiter + " is missing)";
  }
  if (token->getType() != SchemaLexer::OTHER) return {};
  if (text == "'") return "this string is never closed (a ' is missing)";
  if (text == "\"") return "this quoted name is never closed (a \" is missing)";
  if (text == "`") return "this quoted name is never closed (a ` is missing)";
  return {};
}

// True when the parser is inside a table body and `token` follows another on its line: the
// layout rule that every table item starts a line is the likely culprit.
bool SameLineInTable(antlr4::Parser& parser, antlr4::Token* token) {
  antlr4::ParserRuleContext* context = parser.getContext();
  if (token == nullptr || (dynamic_cast<P::TableDeclContext*>(context) == nullptr &&
                           dynamic_cast<P::ColumnDeclContext*>(context) == nullptr)) {
    return false;
  }
  antlr4::Token* previous = parser.getTokenStream()->LT(-1);
  return previous != nullptr && previous->getLine() == token->getLine();
}

// The keywords of the language, from the lexer's vocabulary ('table', 'default', ...).
const std::vector<std::string>& LanguageKeywords(const antlr4::dfa::Vocabulary& vocabulary) {
  static const std::vector<std::string> keywords = [&] {
    std::vector<std::string> words;
    for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
      std::string literal = vocabulary.getLiteralName(type);
      if (literal.size() < 3 || literal.front() != '\'' || literal.back() != '\'') continue;
      literal = literal.substr(1, literal.size() - 2);
      bool word = true;
      for (char c : literal) word = word && ((c >= 'a' && c <= 'z') || c == '_');
      if (word) words.push_back(literal);
    }
    return words;
  }();
  return keywords;
}

// A misspelt keyword (`not nul`, `primary kye`, `defualt 0`, `tabel t`) is a plain name to the
// lexer, so the error lands on it or on the keyword before it. Looks at the offending token and
// the next one on its line: the first that is a name (not a keyword) close to a keyword, with
// that keyword. Names of three letters or more only: shorter ones are close to too much.
struct KeywordTypo {
  antlr4::Token* token = nullptr;
  std::string keyword;
};

KeywordTypo FindKeywordTypo(antlr4::Parser& parser, antlr4::Token* offending) {
  if (offending == nullptr || offending->getType() == antlr4::Token::EOF) return {};
  auto* tokens = dynamic_cast<antlr4::BufferedTokenStream*>(parser.getTokenStream());
  if (tokens == nullptr) return {};
  std::vector<antlr4::Token*> candidates = {offending};
  for (size_t i = offending->getTokenIndex() + 1; i < tokens->size(); ++i) {
    antlr4::Token* next = tokens->get(i);
    if (next->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (next->getLine() == offending->getLine()) candidates.push_back(next);
    break;
  }
  const std::vector<std::string>& keywords = LanguageKeywords(parser.getVocabulary());
  std::vector<std::string_view> views(keywords.begin(), keywords.end());
  for (antlr4::Token* token : candidates) {
    if (token->getType() != SchemaLexer::ID) continue;
    const std::string text = token->getText();
    if (text.size() < 3) continue;
    if (std::string keyword = SuggestName(text, views); !keyword.empty()) return {token, keyword};
  }
  return {};
}

// Turns ANTLR's syntax errors into diagnostics, with short messages; prints nothing.
class SyntaxErrorCollector : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorCollector(const SpanMaker& spans, DiagnosticSink& sink) : spans_(spans), sink_(sink) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                   const std::string& antlr_message, std::exception_ptr) override {
    ++count_;
    if (count_ > kMaxSyntaxErrorsPerFile) throw antlr4::ParseCancellationException("too many syntax errors");
    std::string message;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    std::string expected;
    if (parser != nullptr) {
      try {
        expected = DescribeExpected(parser->getExpectedTokens(), parser->getVocabulary());
      } catch (const std::exception&) {
        expected.clear();  // the expected set is only a hint
      }
    }
    KeywordTypo typo = parser != nullptr ? FindKeywordTypo(*parser, offending) : KeywordTypo{};
    if (typo.token != nullptr && IsValidToken(typo.token)) {
      // Report at the misspelt word, whatever token the parser tripped on.
      sink_.Report(DiagnosticKind::kSyntaxError, spans_.Of(typo.token),
                   {"unknown word " + DescribeOffending(typo.token) + " where a keyword is expected"},
                   typo.keyword);
      return;
    }
    if (std::string unclosed = UnclosedQuote(offending); !unclosed.empty()) {
      message = unclosed;
    } else if (antlr_message.rfind("missing ", 0) == 0 && !expected.empty()) {
      message = "missing " + expected + " before " + DescribeOffending(offending);
    } else if (parser != nullptr && SameLineInTable(*parser, offending)) {
      message = "unexpected " + DescribeOffending(offending) +
                " after a column: not one of its clauses, and a new item starts on a line of its own";
    } else {
      message = "unexpected " + DescribeOffending(offending);
      if (!expected.empty()) message += "; expected " + expected;
    }
    Span span = spans_.Of(offending);
    if (offending == nullptr || !IsValidToken(offending)) {
      span.line = static_cast<int>(line);
      span.column = static_cast<int>(column) + 1;
    }
    sink_.Report(DiagnosticKind::kSyntaxError, span, {message});
  }

 private:
  const SpanMaker& spans_;
  DiagnosticSink& sink_;
  size_t count_ = 0;
};

// ANTLR's default recovery, on a misspelled top-level keyword (`tabel t {`), gives up on the
// rest of the file: the error surfaces in the start rule, whose only follow is EOF. At the top
// level and in namespace blocks, skip to the next token that can start a declaration instead,
// so the declarations after a typo are still read (and checked).
class DeclarationErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  void sync(antlr4::Parser* parser) override {
    antlr4::ParserRuleContext* context = parser->getContext();
    const bool top_level = dynamic_cast<P::SchemaFileContext*>(context) != nullptr;
    const bool in_namespace = dynamic_cast<P::NamespaceBlockContext*>(context) != nullptr;
    if (!top_level && !in_namespace) {
      DefaultErrorStrategy::sync(parser);
      return;
    }
    auto starts_declaration = [&](size_t type) {
      return type == SchemaLexer::TABLE || type == SchemaLexer::ENUM || type == SchemaLexer::AT ||
             type == SchemaLexer::VIEW || type == SchemaLexer::MATERIALIZED || type == SchemaLexer::TRIGGER ||
             type == SchemaLexer::FUNCTION || type == SchemaLexer::PROCEDURE ||
             type == SchemaLexer::SEQUENCE || type == SchemaLexer::EXCLUDE || type == antlr4::Token::EOF ||
             (top_level && type == SchemaLexer::NAMESPACE) || (in_namespace && type == SchemaLexer::RBRACE);
    };
    antlr4::TokenStream* tokens = parser->getTokenStream();
    if (starts_declaration(tokens->LA(1)) || inErrorRecoveryMode(parser)) {
      if (!starts_declaration(tokens->LA(1))) DefaultErrorStrategy::sync(parser);
      return;
    }
    parser->notifyErrorListeners(parser->getCurrentToken(), "unexpected token", nullptr);
    while (!starts_declaration(tokens->LA(1))) parser->consume();
  }
};

// Walks the parse tree into the syntax tree. Error recovery leaves holes (null children,
// missing tokens), so every access is checked; a partial element is dropped, never guessed.
class TreeBuilder {
 public:
  TreeBuilder(const SpanMaker& spans, antlr4::CharStream& chars, SchemaSyntax& out)
      : spans_(spans), chars_(chars), out_(out) {}

  void File(P::SchemaFileContext* file) {
    if (file == nullptr) return;
    for (P::TopLevelItemContext* item : file->topLevelItem()) {
      if (item == nullptr) continue;
      if (item->namespaceBlock() != nullptr) NamespaceBlock(item->namespaceBlock());
      if (item->tableDecl() != nullptr) Table(item->tableDecl(), "");
      if (item->enumDecl() != nullptr) Enum(item->enumDecl(), "");
      if (item->viewDecl() != nullptr) View(item->viewDecl(), "");
      if (item->triggerDecl() != nullptr) Trigger(item->triggerDecl(), "");
      if (item->routineDecl() != nullptr) Routine(item->routineDecl(), "");
      if (item->sequenceDecl() != nullptr) Sequence(item->sequenceDecl(), "");
      if (item->excludeDecl() != nullptr) Exclude(item->excludeDecl(), "");
    }
  }

 private:
  NameSyntax Name(P::IdentContext* ident) const {
    NameSyntax name;
    if (ident == nullptr || ident->children.empty() || ident->exception != nullptr) return name;
    antlr4::Token* token = ident->getStart();
    if (!IsValidToken(token)) return name;
    name.text = ident->QUOTED_ID() != nullptr ? Unquote(token->getText()) : token->getText();
    name.span = spans_.Of(token);
    return name;
  }

  NameSyntax StringValue(antlr4::tree::TerminalNode* node) const {
    NameSyntax value;
    if (node == nullptr || !IsValidToken(node->getSymbol())) return value;
    value.text = Unquote(node->getText());
    value.span = spans_.Of(node);
    return value;
  }

  // A token's text as written, with its place (a number the binder checks).
  NameSyntax Token(antlr4::tree::TerminalNode* node) const {
    NameSyntax value;
    if (node == nullptr || !IsValidToken(node->getSymbol())) return value;
    value.text = node->getText();
    value.span = spans_.Of(node);
    return value;
  }

  ExpressionSyntax Expression(P::ExpressionContext* ctx) const {
    ExpressionSyntax expression;
    if (ctx == nullptr) return expression;
    expression.span = spans_.Of(ctx);
    out_.expression_spans.push_back(expression.span);
    antlr4::tree::TerminalNode* open = ctx->LPAREN();
    antlr4::tree::TerminalNode* close = ctx->RPAREN();
    if (open == nullptr || close == nullptr || !IsValidToken(open->getSymbol()) ||
        !IsValidToken(close->getSymbol())) {
      return expression;
    }
    size_t begin = open->getSymbol()->getStopIndex() + 1;
    size_t end = close->getSymbol()->getStartIndex();  // exclusive
    if (end > begin) {
      expression.text = TrimBlanks(
          chars_.getText(antlr4::misc::Interval(static_cast<ssize_t>(begin), static_cast<ssize_t>(end - 1))));
    }
    return expression;
  }

  AnnotationSyntax Annotation(P::AnnotationContext* ctx) const {
    AnnotationSyntax annotation;
    if (ctx == nullptr) return annotation;
    annotation.name = Name(ctx->ident());
    annotation.span = spans_.Of(ctx);
    for (P::AnnotationArgContext* argument : ctx->annotationArg()) {
      if (argument == nullptr) continue;
      NameSyntax value =
          argument->STRING() != nullptr ? StringValue(argument->STRING()) : Name(argument->ident());
      if (value.present()) annotation.arguments.push_back(std::move(value));
    }
    return annotation;
  }

  void NamespaceBlock(P::NamespaceBlockContext* ctx) {
    NamespaceBlockSyntax block;
    block.name = Name(ctx->ident());
    block.span = spans_.Of(ctx);
    if (!block.name.present()) return;
    out_.namespace_blocks.push_back(block);
    for (P::TableDeclContext* table : ctx->tableDecl()) Table(table, block.name.text);
    for (P::EnumDeclContext* enum_decl : ctx->enumDecl()) Enum(enum_decl, block.name.text);
    for (P::ViewDeclContext* view : ctx->viewDecl()) View(view, block.name.text);
    for (P::TriggerDeclContext* trigger : ctx->triggerDecl()) Trigger(trigger, block.name.text);
    for (P::RoutineDeclContext* routine : ctx->routineDecl()) Routine(routine, block.name.text);
    for (P::SequenceDeclContext* sequence : ctx->sequenceDecl()) Sequence(sequence, block.name.text);
    for (P::ExcludeDeclContext* exclude : ctx->excludeDecl()) Exclude(exclude, block.name.text);
  }

  void Exclude(P::ExcludeDeclContext* ctx, const std::string& namespace_name) {
    P::ExcludeKindContext* kind = ctx->excludeKind();
    if (kind == nullptr || kind->exception != nullptr || !IsValidToken(kind->getStart())) return;
    ExcludeSyntax exclude;
    exclude.namespace_name = namespace_name;
    exclude.span = spans_.Of(ctx);
    if (kind->MATERIALIZED() != nullptr) {
      exclude.kind = {"materialized view", spans_.Of(kind)};
    } else if (kind->ident() != nullptr) {
      exclude.kind = Name(kind->ident());
    } else {
      exclude.kind = {kind->getText(), spans_.Of(kind)};
    }
    exclude.pattern = StringValue(ctx->STRING());
    if (!exclude.kind.present() || !exclude.pattern.present()) return;
    out_.excludes.push_back(std::move(exclude));
  }

  // The text between the dollar quotes (`$$` or `$tag$`), trimmed; records the span as an
  // expression's, so that the formatter leaves comments inside it alone.
  std::string RawSql(antlr4::tree::TerminalNode* node, Span* where) const {
    if (node == nullptr || !IsValidToken(node->getSymbol())) return {};
    Span span = spans_.Of(node);
    out_.expression_spans.push_back(span);
    if (where != nullptr) *where = span;
    const std::string text = node->getText();
    const size_t delimiter = text.find('$', 1) + 1;
    if (delimiter == 0 || text.size() < 2 * delimiter) return {};
    return TrimBlanks(text.substr(delimiter, text.size() - 2 * delimiter));
  }

  // The source text of a rule, from its first token to its last, as written.
  std::string SourceText(antlr4::ParserRuleContext* ctx) const {
    if (ctx == nullptr || !IsValidToken(ctx->getStart()) || !IsValidToken(ctx->getStop())) return {};
    const auto begin = static_cast<ssize_t>(ctx->getStart()->getStartIndex());
    const auto end = static_cast<ssize_t>(ctx->getStop()->getStopIndex());
    if (end < begin) return {};
    return TrimBlanks(chars_.getText(antlr4::misc::Interval(begin, end)));
  }

  void Routine(P::RoutineDeclContext* ctx, const std::string& namespace_name) {
    RoutineSyntax routine;
    routine.namespace_name = namespace_name;
    routine.name = Name(ctx->ident());
    routine.span = spans_.Of(ctx);
    if (!routine.name.present() || ctx->RAW_SQL() == nullptr || ctx->arguments == nullptr) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      routine.annotations.push_back(Annotation(annotation));
    model::Routine& model_routine = routine.routine;
    model_routine.procedure = ctx->PROCEDURE() != nullptr;
    model_routine.arguments = Expression(ctx->arguments).text;
    model_routine.returns = SourceText(ctx->returnType());
    for (P::RoutineClauseContext* clause : ctx->routineClause()) {
      if (auto* language = dynamic_cast<P::LanguageClauseContext*>(clause)) {
        model_routine.language = Name(language->ident()).text;
      } else if (auto* volatility = dynamic_cast<P::VolatilityClauseContext*>(clause)) {
        model_routine.volatility = volatility->IMMUTABLE() != nullptr ? model::RoutineVolatility::Immutable
                                   : volatility->STABLE() != nullptr  ? model::RoutineVolatility::Stable
                                                                      : model::RoutineVolatility::Volatile;
      } else if (dynamic_cast<P::StrictClauseContext*>(clause) != nullptr) {
        model_routine.strict = true;
      } else if (auto* security = dynamic_cast<P::SecurityClauseContext*>(clause)) {
        if (P::ViewSecurityContext* level = security->viewSecurity()) {
          model_routine.security =
              level->INVOKER() != nullptr ? model::ViewSecurity::Invoker : model::ViewSecurity::Definer;
        }
      } else if (auto* parallel = dynamic_cast<P::ParallelClauseContext*>(clause)) {
        routine.parallel_word = Name(parallel->ident());
      } else if (auto* cost = dynamic_cast<P::CostClauseContext*>(clause)) {
        routine.cost_number = Token(cost->NUMBER());
      } else if (auto* rows = dynamic_cast<P::RowsClauseContext*>(clause)) {
        routine.rows_number = Token(rows->NUMBER());
      } else if (auto* leakproof = dynamic_cast<P::LeakproofClauseContext*>(clause)) {
        model_routine.leakproof = leakproof->NOT() == nullptr;
      } else if (auto* setting = dynamic_cast<P::SettingClauseContext*>(clause)) {
        const NameSyntax key = Name(setting->setting);
        const NameSyntax value = StringValue(setting->STRING());
        if (key.present()) model_routine.settings.push_back(key.text + "=" + value.text);
      } else if (auto* deterministic = dynamic_cast<P::DeterministicClauseContext*>(clause)) {
        model_routine.deterministic = deterministic->NOT() == nullptr;
      } else if (auto* access = dynamic_cast<P::DataAccessClauseContext*>(clause)) {
        model_routine.data_access = access->CONTAINS() != nullptr ? model::RoutineDataAccess::ContainsSql
                                    : access->NO() != nullptr     ? model::RoutineDataAccess::NoSql
                                    : access->READS() != nullptr  ? model::RoutineDataAccess::ReadsSqlData
                                                                  : model::RoutineDataAccess::ModifiesSqlData;
      } else if (auto* comment = dynamic_cast<P::RoutineCommentClauseContext*>(clause)) {
        model_routine.comment = StringValue(comment->STRING()).text;
      } else if (auto* definer = dynamic_cast<P::DefinerClauseContext*>(clause)) {
        model_routine.definer = StringValue(definer->STRING()).text;
      }
    }
    model_routine.body = RawSql(ctx->RAW_SQL(), &routine.body_span);
    out_.routines.push_back(std::move(routine));
  }

  // A whole number of 64 bits; anything else (a fraction, too many digits) is kept in
  // `bad_numbers` for the binder to report at its place.
  std::optional<std::int64_t> Number(antlr4::tree::TerminalNode* node, SequenceSyntax& sequence) const {
    if (node == nullptr || !IsValidToken(node->getSymbol())) return std::nullopt;
    const std::string text = node->getText();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      sequence.bad_numbers.push_back(NameSyntax{text, spans_.Of(node)});
      return std::nullopt;
    }
    return value;
  }

  void Sequence(P::SequenceDeclContext* ctx, const std::string& namespace_name) {
    SequenceSyntax sequence;
    sequence.namespace_name = namespace_name;
    sequence.name = Name(ctx->ident(0));
    sequence.span = spans_.Of(ctx);
    if (!sequence.name.present()) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      sequence.annotations.push_back(Annotation(annotation));
    model::Sequence& model_sequence = sequence.sequence;
    if (ctx->AS() != nullptr) model_sequence.type = Name(ctx->ident(1)).text;
    for (P::SequenceOptionContext* option : ctx->sequenceOption()) {
      if (auto* start = dynamic_cast<P::StartOptionContext*>(option)) {
        model_sequence.start = Number(start->NUMBER(), sequence);
      } else if (auto* increment = dynamic_cast<P::IncrementOptionContext*>(option)) {
        model_sequence.increment = Number(increment->NUMBER(), sequence);
      } else if (auto* min_value = dynamic_cast<P::MinValueOptionContext*>(option)) {
        model_sequence.min_value = Number(min_value->NUMBER(), sequence);
      } else if (auto* max_value = dynamic_cast<P::MaxValueOptionContext*>(option)) {
        model_sequence.max_value = Number(max_value->NUMBER(), sequence);
      } else if (auto* cache = dynamic_cast<P::CacheOptionContext*>(option)) {
        model_sequence.cache = Number(cache->NUMBER(), sequence);
      } else if (auto* cycle = dynamic_cast<P::CycleOptionContext*>(option)) {
        model_sequence.cycle = cycle->NO() == nullptr;
      } else if (auto* owned = dynamic_cast<P::OwnedByOptionContext*>(option)) {
        sequence.owned_table = Name(owned->table);
        sequence.owned_column = Name(owned->column);
      }
    }
    out_.sequences.push_back(std::move(sequence));
  }

  void View(P::ViewDeclContext* ctx, const std::string& namespace_name) {
    if (ctx == nullptr) return;
    ViewSyntax view;
    view.namespace_name = namespace_name;
    view.name = Name(ctx->ident(0));
    view.span = spans_.Of(ctx);
    if (!view.name.present() || ctx->RAW_SQL() == nullptr) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      view.annotations.push_back(Annotation(annotation));
    view.columns = ColumnList(ctx->columnList());
    view.view.materialized = ctx->MATERIALIZED() != nullptr;
    if (ctx->algorithm != nullptr) view.algorithm_word = Name(ctx->algorithm);
    if (ctx->DEFINER() != nullptr) view.view.definer = StringValue(ctx->STRING()).text;
    if (P::ViewSecurityContext* security = ctx->viewSecurity()) {
      view.view.security =
          security->INVOKER() != nullptr ? model::ViewSecurity::Invoker : model::ViewSecurity::Definer;
    }
    if (ctx->OPTION() != nullptr) {
      view.view.check_option =
          ctx->LOCAL() != nullptr ? model::ViewCheckOption::Local : model::ViewCheckOption::Cascaded;
    }
    view.view.query = RawSql(ctx->RAW_SQL(), &view.query_span);
    if (P::ViewIndexesContext* block = ctx->viewIndexes()) {
      view.has_index_block = true;
      TableSyntax holder;  // Index() fills a table's list; the view keeps what it parsed
      for (P::IndexDeclContext* index : block->indexDecl()) {
        if (index != nullptr) Index(index, holder);
      }
      view.indexes = std::move(holder.indexes);
    }
    out_.views.push_back(std::move(view));
  }

  void Trigger(P::TriggerDeclContext* ctx, const std::string& namespace_name) {
    if (ctx == nullptr) return;
    TriggerSyntax trigger;
    trigger.namespace_name = namespace_name;
    trigger.name = Name(ctx->name);
    trigger.table = Name(ctx->table);
    trigger.span = spans_.Of(ctx);
    P::TriggerTimingContext* timing = ctx->triggerTiming();
    P::TriggerActionContext* action = ctx->triggerAction();
    if (!trigger.name.present() || !trigger.table.present() || timing == nullptr || action == nullptr) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      trigger.annotations.push_back(Annotation(annotation));
    model::Trigger& model_trigger = trigger.trigger;
    model_trigger.timing = timing->BEFORE() != nullptr  ? model::TriggerTiming::Before
                           : timing->AFTER() != nullptr ? model::TriggerTiming::After
                                                        : model::TriggerTiming::InsteadOf;
    for (P::TriggerEventContext* event : ctx->triggerEvent()) {
      if (event == nullptr) continue;
      if (event->INSERT() != nullptr) model_trigger.events.push_back(model::TriggerEvent::Insert);
      if (event->DELETE() != nullptr) model_trigger.events.push_back(model::TriggerEvent::Delete);
      if (event->TRUNCATE() != nullptr) model_trigger.events.push_back(model::TriggerEvent::Truncate);
      if (event->UPDATE() != nullptr) {
        model_trigger.events.push_back(model::TriggerEvent::Update);
        for (P::IdentContext* column : event->ident()) {
          NameSyntax name = Name(column);
          if (name.present()) trigger.update_columns.push_back(std::move(name));
        }
      }
    }
    model_trigger.for_each_row = ctx->STATEMENT() == nullptr;
    if (ctx->WHEN() != nullptr) model_trigger.when = Expression(ctx->expression()).text;
    if (ctx->DEFINER() != nullptr) model_trigger.definer = StringValue(ctx->STRING()).text;
    if (action->RAW_SQL() != nullptr) {
      model_trigger.body = RawSql(action->RAW_SQL(), nullptr);
    } else if (P::TableRefContext* function = action->tableRef()) {
      NameSyntax first = Name(function->first);
      NameSyntax second = Name(function->second);
      model_trigger.function = second.present() ? first.text + "." + second.text : first.text;
      model_trigger.arguments = Expression(action->expression()).text;
    }
    out_.triggers.push_back(std::move(trigger));
  }

  void Enum(P::EnumDeclContext* ctx, const std::string& namespace_name) {
    if (ctx == nullptr) return;
    EnumSyntax enum_syntax;
    enum_syntax.namespace_name = namespace_name;
    enum_syntax.name = Name(ctx->ident());
    enum_syntax.span = spans_.Of(ctx);
    if (!enum_syntax.name.present()) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      enum_syntax.annotations.push_back(Annotation(annotation));
    for (P::EnumValueContext* value_ctx : ctx->enumValue()) {
      if (value_ctx == nullptr) continue;
      NameSyntax value =
          value_ctx->STRING() != nullptr ? StringValue(value_ctx->STRING()) : Name(value_ctx->ident());
      if (value.present()) enum_syntax.values.push_back(std::move(value));
    }
    if (ctx->COMMENT() != nullptr) enum_syntax.comment = StringValue(ctx->STRING()).text;
    out_.enums.push_back(std::move(enum_syntax));
  }

  void Table(P::TableDeclContext* ctx, const std::string& namespace_name) {
    if (ctx == nullptr) return;
    TableSyntax table;
    table.namespace_name = namespace_name;
    table.name = Name(ctx->ident());
    table.span = spans_.Of(ctx);
    if (!table.name.present()) return;
    for (P::AnnotationContext* annotation : ctx->annotation())
      table.annotations.push_back(Annotation(annotation));
    for (P::TableItemContext* wrapper : ctx->tableItem()) {
      P::TableItemBodyContext* item = wrapper == nullptr ? nullptr : wrapper->tableItemBody();
      if (item == nullptr) continue;
      if (item->columnDecl() != nullptr) Column(item->columnDecl(), table);
      if (item->tableConstraint() != nullptr) TableConstraint(item->tableConstraint(), table);
      if (item->indexDecl() != nullptr) Index(item->indexDecl(), table);
      if (item->tableComment() != nullptr) {
        NameSyntax text = StringValue(item->tableComment()->STRING());
        if (text.present()) table.comments.push_back({text.text, spans_.Of(item->tableComment())});
      }
      if (item->tableOption() != nullptr) Option(item->tableOption(), table);
    }
    out_.tables.push_back(std::move(table));
  }

  void Option(P::TableOptionContext* ctx, TableSyntax& table) {
    TableOptionSyntax option;
    option.dialect = Name(ctx->dialect);
    option.key = Name(ctx->key);
    option.span = spans_.Of(ctx);
    P::OptionValueContext* value = ctx->optionValue();
    if (!option.dialect.present() || !option.key.present() || value == nullptr) return;
    if (value->STRING() != nullptr) {
      option.value = Unquote(value->STRING()->getText());
    } else if (value->ident() != nullptr) {
      option.value = Name(value->ident()).text;
    } else if (value->NUMBER() != nullptr || value->TRUE_KW() != nullptr || value->FALSE_KW() != nullptr) {
      option.value = value->getText();
    } else {
      return;
    }
    table.options.push_back(std::move(option));
  }

  TypeSyntax Type(P::TypeRefContext* ctx) const {
    TypeSyntax type;
    if (ctx == nullptr) return type;
    type.span = spans_.Of(ctx);
    if (P::TypeNameContext* name = ctx->typeName()) {
      if (name->second != nullptr) {
        type.type_namespace = Name(name->first);
        type.name = Name(name->second);
      } else {
        type.name = Name(name->first);
      }
    }
    for (antlr4::tree::TerminalNode* number : ctx->NUMBER()) {
      if (number != nullptr && IsValidToken(number->getSymbol())) {
        type.arguments.push_back({number->getText(), spans_.Of(number)});
      }
    }
    if (ctx->LPAREN() != nullptr) {
      type.arguments_span = spans_.Of(ctx->LPAREN());
      if (ctx->RPAREN() != nullptr && IsValidToken(ctx->RPAREN()->getSymbol())) {
        Span close = spans_.Of(ctx->RPAREN());
        type.arguments_span.end = close.end;
        type.arguments_span.length =
            std::max<int>(1, static_cast<int>(close.end - type.arguments_span.begin));
      }
    }
    if (P::NativeTypeContext* native = ctx->nativeType()) {
      for (P::NativeSpellingContext* spelling : native->nativeSpelling()) {
        if (spelling == nullptr) continue;
        NameSyntax dialect = Name(spelling->ident());
        NameSyntax text = StringValue(spelling->STRING());
        if (dialect.present() && text.present())
          type.native.emplace_back(std::move(dialect), std::move(text.text));
      }
    }
    return type;
  }

  std::vector<NameSyntax> ColumnList(P::ColumnListContext* ctx) const {
    std::vector<NameSyntax> names;
    if (ctx == nullptr) return names;
    for (P::IdentContext* ident : ctx->ident()) {
      NameSyntax name = Name(ident);
      if (name.present()) names.push_back(std::move(name));
    }
    return names;
  }

  static model::ReferentialAction Action(P::ReferentialActionContext* ctx) {
    using model::ReferentialAction;
    if (ctx == nullptr) return ReferentialAction::NoAction;
    if (ctx->CASCADE() != nullptr) return ReferentialAction::Cascade;
    if (ctx->RESTRICT() != nullptr) return ReferentialAction::Restrict;
    if (ctx->SET() != nullptr && ctx->NULL_KW() != nullptr) return ReferentialAction::SetNull;
    if (ctx->SET() != nullptr && ctx->DEFAULT() != nullptr) return ReferentialAction::SetDefault;
    return ReferentialAction::NoAction;
  }

  ReferenceSyntax Reference(P::TableRefContext* table, P::ColumnListContext* columns,
                            P::ForeignKeyTailContext* tail) const {
    ReferenceSyntax reference;
    if (table != nullptr) {
      if (table->second != nullptr) {
        reference.ref_namespace = Name(table->first);
        reference.ref_table = Name(table->second);
      } else {
        reference.ref_table = Name(table->first);
      }
    }
    reference.ref_columns = ColumnList(columns);
    if (tail == nullptr) return reference;
    // ON DELETE / ON UPDATE and deferrability come in any order; walk them as written.
    bool next_is_delete = true;
    for (antlr4::tree::ParseTree* child : tail->children) {
      if (auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
        size_t type = terminal->getSymbol()->getType();
        if (type == SchemaLexer::DELETE) next_is_delete = true;
        if (type == SchemaLexer::UPDATE) next_is_delete = false;
      } else if (auto* action = dynamic_cast<P::ReferentialActionContext*>(child)) {
        (next_is_delete ? reference.on_delete : reference.on_update) = Action(action);
      } else if (auto* deferrability = dynamic_cast<P::DeferrabilityContext*>(child)) {
        reference.deferrable = deferrability->NOT() == nullptr;
        reference.initially_deferred = reference.deferrable && deferrability->DEFERRED() != nullptr;
      } else if (auto* match = dynamic_cast<P::MatchTypeContext*>(child)) {
        reference.match = match->FULL() != nullptr ? model::MatchType::Full : model::MatchType::Simple;
      }
    }
    return reference;
  }

  void Column(P::ColumnDeclContext* ctx, TableSyntax& table) {
    ColumnSyntax column;
    column.name = Name(ctx->ident());
    column.span = spans_.Of(ctx);
    if (!column.name.present() || ctx->typeRef() == nullptr) return;
    column.column.name = column.name.text;
    column.type = Type(ctx->typeRef());
    for (P::ColumnClauseContext* clause : ctx->columnClause()) {
      if (clause != nullptr && clause->exception == nullptr) ColumnClause(clause, column);
    }
    table.columns.push_back(std::move(column));
  }

  void AddClause(ColumnSyntax& column, const char* keyword, antlr4::ParserRuleContext* ctx) const {
    column.clauses.push_back({keyword, spans_.Of(ctx)});
  }

  ConstraintSyntax InlineConstraint(ConstraintSyntax::Kind kind, ColumnSyntax& column,
                                    antlr4::ParserRuleContext* ctx) const {
    ConstraintSyntax constraint;
    constraint.kind = kind;
    constraint.columns.push_back(column.name);
    constraint.inline_column = column.name.text;
    constraint.span = spans_.Of(ctx);
    return constraint;
  }

  void ColumnClause(P::ColumnClauseContext* clause, ColumnSyntax& column) const {
    using Kind = ConstraintSyntax::Kind;
    model::Column& model_column = column.column;
    if (dynamic_cast<P::NotNullClauseContext*>(clause) != nullptr) {
      AddClause(column, "not null", clause);
      model_column.nullable = false;
    } else if (dynamic_cast<P::NullClauseContext*>(clause) != nullptr) {
      AddClause(column, "null", clause);
      model_column.nullable = true;
    } else if (auto* default_clause = dynamic_cast<P::DefaultClauseContext*>(clause)) {
      AddClause(column, "default", clause);
      column.default_span = spans_.Of(clause);
      model::DefaultValue value;
      if (P::LiteralContext* literal = default_clause->literal()) {
        column.default_span = spans_.Of(literal);
        if (literal->NUMBER() != nullptr) {
          value.kind = model::DefaultValue::Kind::Number;
          value.text = literal->getText();
        } else if (literal->STRING() != nullptr) {
          value.kind = model::DefaultValue::Kind::String;
          value.text = Unquote(literal->STRING()->getText());
        } else if (literal->TRUE_KW() != nullptr || literal->FALSE_KW() != nullptr) {
          value.kind = model::DefaultValue::Kind::Bool;
          value.text = literal->TRUE_KW() != nullptr ? "true" : "false";
        } else {
          value.kind = model::DefaultValue::Kind::Null;
        }
      } else if (default_clause->expression() != nullptr) {
        value.kind = model::DefaultValue::Kind::Expression;
        value.text = Expression(default_clause->expression()).text;
      } else {
        return;
      }
      if (!model_column.default_value) model_column.default_value = std::move(value);
    } else if (dynamic_cast<P::PrimaryKeyClauseContext*>(clause) != nullptr) {
      AddClause(column, "primary key", clause);
      column.constraints.push_back(InlineConstraint(Kind::kPrimaryKey, column, clause));
    } else if (dynamic_cast<P::UniqueClauseContext*>(clause) != nullptr) {
      AddClause(column, "unique", clause);
      column.constraints.push_back(InlineConstraint(Kind::kUnique, column, clause));
    } else if (auto* identity = dynamic_cast<P::IdentityClauseContext*>(clause)) {
      AddClause(column, "identity", clause);
      column.identity_span = spans_.Of(clause);
      if (!model_column.identity) model_column.identity = model::Identity{identity->ALWAYS() != nullptr};
    } else if (auto* generated = dynamic_cast<P::GeneratedClauseContext*>(clause)) {
      AddClause(column, "generated", clause);
      if (!model_column.generated) {
        model_column.generated =
            model::Generated{Expression(generated->expression()).text, generated->VIRTUAL() == nullptr};
      }
    } else if (auto* collate = dynamic_cast<P::CollateClauseContext*>(clause)) {
      AddClause(column, "collate", clause);
      if (model_column.collation.empty()) model_column.collation = Name(collate->ident()).text;
    } else if (auto* comment = dynamic_cast<P::ColumnCommentClauseContext*>(clause)) {
      AddClause(column, "comment", clause);
      if (model_column.comment.empty()) model_column.comment = StringValue(comment->STRING()).text;
    } else if (auto* references = dynamic_cast<P::ReferencesClauseContext*>(clause)) {
      ConstraintSyntax constraint = InlineConstraint(Kind::kForeignKey, column, clause);
      constraint.reference =
          Reference(references->tableRef(), references->columnList(), references->foreignKeyTail());
      if (constraint.reference.ref_table.present()) column.constraints.push_back(std::move(constraint));
    } else if (auto* check = dynamic_cast<P::CheckClauseContext*>(clause)) {
      ConstraintSyntax constraint = InlineConstraint(Kind::kCheck, column, clause);
      constraint.columns.clear();
      constraint.check = Expression(check->expression());
      column.constraints.push_back(std::move(constraint));
    } else if (auto* annotation = dynamic_cast<P::AnnotationClauseContext*>(clause)) {
      column.annotations.push_back(Annotation(annotation->annotation()));
    }
  }

  void TableConstraint(P::TableConstraintContext* ctx, TableSyntax& table) const {
    using Kind = ConstraintSyntax::Kind;
    ConstraintSyntax constraint;
    constraint.span = spans_.Of(ctx);
    if (ctx->CONSTRAINT() != nullptr) {
      constraint.name = Name(ctx->name);
      if (!constraint.name.present()) return;
    }
    P::ConstraintBodyContext* body = ctx->constraintBody();
    if (body == nullptr) return;
    if (auto* primary_key = dynamic_cast<P::PrimaryKeyConstraintContext*>(body)) {
      constraint.kind = Kind::kPrimaryKey;
      constraint.columns = ColumnList(primary_key->columnList());
      if (primary_key->COMMENT() != nullptr) constraint.comment = StringValue(primary_key->STRING()).text;
    } else if (auto* unique = dynamic_cast<P::UniqueConstraintContext*>(body)) {
      constraint.kind = Kind::kUnique;
      constraint.columns = ColumnList(unique->columnList());
      if (P::DeferrabilityContext* deferrability = unique->deferrability()) {
        constraint.reference.deferrable = deferrability->NOT() == nullptr;
        constraint.reference.initially_deferred =
            constraint.reference.deferrable && deferrability->DEFERRED() != nullptr;
      }
    } else if (auto* foreign_key = dynamic_cast<P::ForeignKeyConstraintContext*>(body)) {
      constraint.kind = Kind::kForeignKey;
      std::vector<P::ColumnListContext*> lists = foreign_key->columnList();
      if (lists.size() != 2) return;
      constraint.columns = ColumnList(lists[0]);
      constraint.reference = Reference(foreign_key->tableRef(), lists[1], foreign_key->foreignKeyTail());
      if (!constraint.reference.ref_table.present()) return;
    } else if (auto* check = dynamic_cast<P::CheckConstraintContext*>(body)) {
      constraint.kind = Kind::kCheck;
      constraint.check = Expression(check->expression());
      constraint.no_inherit = check->INHERIT() != nullptr;
    } else {
      return;
    }
    if (constraint.kind != Kind::kCheck && constraint.columns.empty()) return;
    table.constraints.push_back(std::move(constraint));
  }

  void Index(P::IndexDeclContext* ctx, TableSyntax& table) const {
    IndexSyntax index;
    index.unique = ctx->UNIQUE() != nullptr;
    index.name = Name(ctx->name);
    index.method = Name(ctx->method);
    index.span = spans_.Of(ctx);
    for (P::IndexKeyContext* key_ctx : ctx->indexKey()) {
      if (key_ctx == nullptr) continue;
      IndexKeySyntax key;
      if (key_ctx->ident() != nullptr) {
        NameSyntax column = Name(key_ctx->ident());
        if (!column.present()) continue;
        key.key.column = column.text;
        key.span = column.span;
        if (antlr4::tree::TerminalNode* prefix = key_ctx->NUMBER();
            prefix != nullptr && IsValidToken(prefix->getSymbol())) {
          key.prefix = NameSyntax{prefix->getText(), spans_.Of(prefix)};
        }
      } else if (key_ctx->expression() != nullptr) {
        ExpressionSyntax expression = Expression(key_ctx->expression());
        if (expression.text.empty()) continue;
        key.key.expression = expression.text;
        key.span = expression.span;
      } else {
        continue;
      }
      for (P::IndexKeyOptionContext* option : key_ctx->indexKeyOption()) {
        if (option == nullptr) continue;
        if (option->ASC() != nullptr) key.key.descending = false;
        if (option->DESC() != nullptr) key.key.descending = true;
        if (option->NULLS() != nullptr) {
          key.key.nulls = option->FIRST() != nullptr ? model::NullsOrder::First : model::NullsOrder::Last;
        }
        if (option->COLLATE() != nullptr) key.key.collation = Name(option->ident()).text;
        if (option->OPCLASS() != nullptr) key.key.opclass = Name(option->ident()).text;
      }
      index.keys.push_back(std::move(key));
    }
    if (index.keys.empty()) return;
    if (ctx->INCLUDE() != nullptr) index.include = ColumnList(ctx->columnList());
    if (ctx->WHERE() != nullptr) index.where = Expression(ctx->expression());
    if (ctx->COMMENT() != nullptr) index.comment = StringValue(ctx->STRING()).text;
    table.indexes.push_back(std::move(index));
  }

  const SpanMaker& spans_;
  antlr4::CharStream& chars_;
  SchemaSyntax& out_;
};

Span SpanAtByte(int file, const std::string& text, size_t offset) {
  Span span;
  span.file = file;
  span.line = 1;
  span.column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++span.line;
      span.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++span.column;
    }
  }
  span.end_line = span.line;
  return span;
}

void CollectComments(antlr4::CommonTokenStream& tokens, const SpanMaker& spans, const SourceFile& source,
                     std::vector<CommentSyntax>& comments) {
  for (antlr4::Token* token : tokens.getTokens()) {
    size_t type = token->getType();
    if (type != SchemaLexer::LINE_COMMENT && type != SchemaLexer::BLOCK_COMMENT) continue;
    CommentSyntax comment;
    comment.text = token->getText();
    comment.span = spans.Of(token);
    if (type == SchemaLexer::BLOCK_COMMENT)
      comment.span.end_line = comment.span.line + CountNewlines(comment.text);
    std::string_view line = source.Line(comment.span.line);
    size_t indent = line.find_first_not_of(" \t\f");
    comment.starts_line =
        indent != std::string_view::npos && static_cast<int>(indent) + 1 == comment.span.column;
    comments.push_back(std::move(comment));
  }
}

void ParseFileOrThrow(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
                      DiagnosticSink& sink, std::vector<CommentSyntax>* comments) {
  const SourceFile& source = files[file_index];
  const SpanMaker spans(file_index);

  size_t invalid = FindInvalidUtf8(source.text());
  if (invalid != std::string::npos) {
    Span span = SpanAtByte(file_index, source.text(), invalid);
    sink.Report(DiagnosticKind::kInvalidEncoding, span, {std::string_view(&source.text()[invalid], 1)});
    return;
  }

  antlr4::ANTLRInputStream input(source.text());
  SchemaLexer lexer(&input);
  lexer.removeErrorListeners();  // OTHER matches any character, so the lexer never errors
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();

  // Refuse pathological nesting before the recursive parser sees it, and point at a
  // parenthesis never closed (else the parser only notices at the end of the file).
  std::vector<antlr4::Token*> open;
  for (antlr4::Token* token : tokens.getTokens()) {
    // Strings may span lines, so a quote never closed swallows the rest of the file: the lexer
    // leaves a lone quote character. Say so at the quote rather than at the end of the file.
    if (std::string unclosed = UnclosedQuote(token); !unclosed.empty()) {
      sink.Report(DiagnosticKind::kSyntaxError, spans.Of(token), {unclosed});
      return;
    }
    if (token->getType() == SchemaLexer::LPAREN) {
      open.push_back(token);
      if (open.size() > static_cast<size_t>(kMaxNesting)) {
        sink.Report(DiagnosticKind::kNestingTooDeep, spans.Of(token), {std::to_string(kMaxNesting)});
        return;
      }
    }
    if (token->getType() == SchemaLexer::RPAREN && !open.empty()) open.pop_back();
  }
  if (!open.empty()) {
    sink.Report(DiagnosticKind::kSyntaxError, spans.Of(open.front()), {"this parenthesis is never closed"});
    return;
  }
  if (comments != nullptr) CollectComments(tokens, spans, source, *comments);

  // Two stages, as ANTLR recommends: the fast SLL prediction mode, bailing out at the first
  // problem; only a file that fails it is parsed again in full LL mode with error recovery and
  // reporting. Valid files (nearly all of them) take the fast path.
  SchemaParser parser(&tokens);
  parser.removeErrorListeners();
  P::SchemaFileContext* tree = nullptr;
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    tree = parser.schemaFile();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  } catch (const antlr4::RecognitionException&) {
    tree = nullptr;
  }
  if (tree == nullptr) {
    tokens.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<DeclarationErrorStrategy>());
    SyntaxErrorCollector errors(spans, sink);
    parser.addErrorListener(&errors);
    try {
      tree = parser.schemaFile();
    } catch (const antlr4::ParseCancellationException&) {
      parser.removeErrorListeners();
      return;  // too many syntax errors, already reported
    }
    parser.removeErrorListeners();
  }
  TreeBuilder(spans, input, syntax).File(tree);
}

}  // namespace

namespace {

// Runs `parse`, turning anything it throws into a diagnostic: ParseFile never throws.
template <typename Parse>
void ReportingExceptions(int file_index, DiagnosticSink& sink, Parse parse) {
  try {
    parse();
  } catch (const std::exception& error) {
    Span span;
    span.file = file_index;
    sink.Report(DiagnosticKind::kSyntaxError, span, {std::string("the parser failed: ") + error.what()});
  } catch (...) {
    Span span;
    span.file = file_index;
    sink.Report(DiagnosticKind::kSyntaxError, span, {"the parser failed"});
  }
}

}  // namespace

void ParseFile(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
               DiagnosticSink& sink, std::vector<CommentSyntax>* comments) {
  if (file_index < 0 || static_cast<size_t>(file_index) >= files.size()) return;
  ReportingExceptions(file_index, sink, [&] {
    if (ParseFileFast(files, file_index, syntax, comments)) return;
    ParseFileOrThrow(files, file_index, syntax, sink, comments);
  });
}

void ParseFileWithAntlr(const std::vector<SourceFile>& files, int file_index, SchemaSyntax& syntax,
                        DiagnosticSink& sink, std::vector<CommentSyntax>* comments) {
  if (file_index < 0 || static_cast<size_t>(file_index) >= files.size()) return;
  ReportingExceptions(file_index, sink, [&] { ParseFileOrThrow(files, file_index, syntax, sink, comments); });
}

}  // namespace schemac::dsl
