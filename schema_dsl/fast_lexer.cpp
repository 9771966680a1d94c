#include "schema_dsl/fast_lexer.hpp"

#include <cctype>
#include <cstring>

#include "schema_dsl/source_file.hpp"

namespace schemac::dsl::fast {
namespace {

using T = TokenType;

struct Keyword {
  const char* text;
  TokenType type;
};

}  // namespace

// The keywords of SchemaLexer.g4 by first letter; a word that is none of them is an ID (ANTLR
// prefers the keyword rule when both match the same length, and ID when it matches longer).
TokenType KeywordOrId(std::string_view word) {
  if (word.empty()) return T::kId;
  static const Keyword kA[] = {{"as", T::kAs},   {"always", T::kAlways}, {"action", T::kAction},
                               {"asc", T::kAsc}, {"after", T::kAfter},   {"algorithm", T::kAlgorithm}};
  static const Keyword kC[] = {{"cascade", T::kCascade},       {"check", T::kCheck},
                               {"collate", T::kCollate},       {"comment", T::kComment},
                               {"constraint", T::kConstraint}, {"cascaded", T::kCascaded},
                               {"cache", T::kCache},           {"cycle", T::kCycle},
                               {"contains", T::kContains},     {"cost", T::kCost}};
  static const Keyword kD[] = {{"default", T::kDefault},
                               {"delete", T::kDelete},
                               {"desc", T::kDesc},
                               {"deferrable", T::kDeferrable},
                               {"deferred", T::kDeferred},
                               {"definer", T::kDefiner},
                               {"deterministic", T::kDeterministic},
                               {"data", T::kData}};
  static const Keyword kE[] = {
      {"enum", T::kEnum}, {"each", T::kEach}, {"execute", T::kExecute}, {"exclude", T::kExclude}};
  static const Keyword kF[] = {{"first", T::kFirst}, {"foreign", T::kForeign}, {"false", T::kFalse},
                               {"full", T::kFull},   {"for", T::kFor},         {"function", T::kFunction}};
  static const Keyword kG[] = {{"generated", T::kGenerated}};
  static const Keyword kI[] = {
      {"identity", T::kIdentity},   {"index", T::kIndex},         {"include", T::kInclude},
      {"initially", T::kInitially}, {"immediate", T::kImmediate}, {"inherit", T::kInherit},
      {"instead", T::kInstead},     {"insert", T::kInsert},       {"invoker", T::kInvoker},
      {"immutable", T::kImmutable}, {"increment", T::kIncrement}};
  static const Keyword kK[] = {{"key", T::kKey}};
  static const Keyword kL[] = {
      {"last", T::kLast}, {"local", T::kLocal}, {"language", T::kLanguage}, {"leakproof", T::kLeakproof}};
  static const Keyword kM[] = {{"match", T::kMatch},
                               {"materialized", T::kMaterialized},
                               {"minvalue", T::kMinvalue},
                               {"maxvalue", T::kMaxvalue},
                               {"modifies", T::kModifies}};
  static const Keyword kN[] = {{"namespace", T::kNamespace}, {"not", T::kNot},
                               {"null", T::kNull},           {"no", T::kNo},
                               {"nulls", T::kNulls},         {"native", T::kNative}};
  static const Keyword kO[] = {{"on", T::kOn}, {"opclass", T::kOpclass}, {"option", T::kOption},
                               {"of", T::kOf}, {"or", T::kOr},           {"owned", T::kOwned}};
  static const Keyword kP[] = {
      {"primary", T::kPrimary}, {"procedure", T::kProcedure}, {"parallel", T::kParallel}};
  static const Keyword kR[] = {
      {"references", T::kReferences}, {"restrict", T::kRestrict}, {"row", T::kRow},
      {"returns", T::kReturns},       {"reads", T::kReads},       {"rows", T::kRows}};
  static const Keyword kS[] = {{"stored", T::kStored},     {"set", T::kSet},
                               {"simple", T::kSimple},     {"statement", T::kStatement},
                               {"security", T::kSecurity}, {"stable", T::kStable},
                               {"strict", T::kStrict},     {"sequence", T::kSequence},
                               {"start", T::kStart},       {"sql", T::kSql}};
  static const Keyword kT[] = {
      {"table", T::kTable}, {"true", T::kTrue}, {"trigger", T::kTrigger}, {"truncate", T::kTruncate}};
  static const Keyword kU[] = {{"update", T::kUpdate}, {"unique", T::kUnique}, {"using", T::kUsing}};
  static const Keyword kV[] = {{"virtual", T::kVirtual}, {"view", T::kView}, {"volatile", T::kVolatile}};
  static const Keyword kW[] = {{"where", T::kWhere}, {"when", T::kWhen}, {"with", T::kWith}};

  static const Keyword kB[] = {{"before", T::kBefore}, {"by", T::kBy}};
  auto find = [word](const Keyword* begin, const Keyword* end) {
    for (const Keyword* keyword = begin; keyword != end; ++keyword) {
      if (word.size() == std::strlen(keyword->text) &&
          std::memcmp(word.data(), keyword->text, word.size()) == 0) {
        return keyword->type;
      }
    }
    return T::kId;
  };
#define SCHEMAC_KEYWORDS_OF(letter, table) \
  case letter:                             \
    return find(std::begin(table), std::end(table))
  switch (word.front()) {
    SCHEMAC_KEYWORDS_OF('a', kA);
    SCHEMAC_KEYWORDS_OF('c', kC);
    SCHEMAC_KEYWORDS_OF('d', kD);
    SCHEMAC_KEYWORDS_OF('e', kE);
    SCHEMAC_KEYWORDS_OF('f', kF);
    SCHEMAC_KEYWORDS_OF('g', kG);
    SCHEMAC_KEYWORDS_OF('i', kI);
    SCHEMAC_KEYWORDS_OF('k', kK);
    SCHEMAC_KEYWORDS_OF('l', kL);
    SCHEMAC_KEYWORDS_OF('m', kM);
    SCHEMAC_KEYWORDS_OF('n', kN);
    SCHEMAC_KEYWORDS_OF('o', kO);
    SCHEMAC_KEYWORDS_OF('p', kP);
    SCHEMAC_KEYWORDS_OF('r', kR);
    SCHEMAC_KEYWORDS_OF('s', kS);
    SCHEMAC_KEYWORDS_OF('t', kT);
    SCHEMAC_KEYWORDS_OF('u', kU);
    SCHEMAC_KEYWORDS_OF('v', kV);
    SCHEMAC_KEYWORDS_OF('w', kW);
    SCHEMAC_KEYWORDS_OF('b', kB);
    default:
      return T::kId;
  }
#undef SCHEMAC_KEYWORDS_OF
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdPart(char c) { return IsIdStart(c) || IsDigit(c); }

// Byte length of the UTF-8 sequence led by `lead` (the text is already known to be valid).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

class Lexer {
 public:
  Lexer(std::string_view text, int max_nesting, bool keep_comments, Lexed& out)
      : text_(text), max_nesting_(max_nesting), keep_comments_(keep_comments), out_(out) {}

  bool Run() {
    // ANTLR's input stream drops a leading byte order mark, which shifts every offset on line 1;
    // leave such files to it rather than mirror that.
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) return false;
    if (text_.size() > UINT32_MAX / 2) return false;
    out_.tokens.reserve(text_.size() / 3 + 1);
    while (pos_ < text_.size()) {
      if (!Next()) return false;
    }
    if (depth_ != 0) return false;  // a parenthesis never closed
    Token eof;
    eof.type = T::kEof;
    eof.byte_begin = eof.byte_end = static_cast<uint32_t>(pos_);
    eof.begin = eof.end = cp_;
    eof.line = eof.end_line = line_;
    eof.column = column_ + 1;
    out_.tokens.push_back(eof);
    return true;
  }

 private:
  bool Next() {
    const char c = text_[pos_];
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\f':
        Ascii(1);
        return true;
      case '\n':
        ++pos_, ++cp_, ++line_, column_ = 0;
        return true;
      case '(':
        if (++depth_ > max_nesting_) return false;
        return Single(T::kLParen);
      case ')':
        if (depth_ > 0) --depth_;
        return Single(T::kRParen);
      case '{':
        return Single(T::kLBrace);
      case '}':
        return Single(T::kRBrace);
      case ',':
        return Single(T::kComma);
      case '.':
        return Single(T::kDot);
      case ':':
        return Single(T::kColon);
      case '=':
        return Single(T::kEquals);
      case '@':
        return Single(T::kAt);
      case '$':
        // Raw SQL ($$ ... $$, $tag$ ... $tag$) is one token to the grammar: left to ANTLR.
        if (At(1) == '$' || At(1) == '_' || std::isalpha(static_cast<unsigned char>(At(1)))) return false;
        return Single(T::kOther);
      case '\'':
        return Quoted('\'', T::kString);
      case '"':
        return Quoted('"', T::kQuotedId);
      case '`':
        return Quoted('`', T::kBackquotedId);
      case '/':
        if (At(1) == '/') return LineComment();
        if (At(1) == '*') return BlockComment();
        return Single(T::kOther);
      case '-':
        if (IsDigit(At(1))) return Number();
        return Single(T::kOther);
      default:
        break;
    }
    if (IsDigit(c)) return Number();
    if (IsIdStart(c)) {
      size_t end = pos_ + 1;
      while (end < text_.size() && IsIdPart(text_[end])) ++end;
      Token token = Start();
      token.type = KeywordOrId(text_.substr(pos_, end - pos_));
      Ascii(end - pos_);
      Finish(token, false);
      return true;
    }
    if (text_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) {  // U+FEFF is whitespace to the grammar
      pos_ += 3, ++cp_, ++column_;
      return true;
    }
    Token token = Start();
    token.type = T::kOther;
    pos_ += SequenceLength(static_cast<unsigned char>(c));
    ++cp_, ++column_;
    Finish(token, false);
    return true;
  }

  char At(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  Token Start() const {
    Token token;
    token.byte_begin = static_cast<uint32_t>(pos_);
    token.begin = cp_;
    token.line = line_;
    token.column = column_ + 1;
    return token;
  }

  // Closes `token` at the current position. ANTLR's spans give multi-line strings, quoted names
  // and block comments their real last line; every other token keeps its first.
  void Finish(Token& token, bool spans_lines, bool keep = true) {
    token.byte_end = static_cast<uint32_t>(pos_);
    token.end = cp_;
    token.end_line = spans_lines ? line_ : token.line;
    if (keep) out_.tokens.push_back(token);
  }

  void Ascii(size_t count) {
    pos_ += count, cp_ += static_cast<uint32_t>(count), column_ += static_cast<int>(count);
  }

  // Moves over arbitrary text up to byte `stop`, counting code points and line breaks.
  void AdvanceTo(size_t stop) {
    for (; pos_ < stop; ++pos_) {
      const auto byte = static_cast<unsigned char>(text_[pos_]);
      if (byte == '\n') {
        ++cp_, ++line_, column_ = 0;
      } else if ((byte & 0xC0) != 0x80) {
        ++cp_, ++column_;
      }
    }
  }

  bool Single(TokenType type) {
    Token token = Start();
    token.type = type;
    Ascii(1);
    Finish(token, false);
    return true;
  }

  // NUMBER: '-'? DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)?, the longest match.
  bool Number() {
    size_t end = pos_;
    if (text_[end] == '-') ++end;
    while (end < text_.size() && IsDigit(text_[end])) ++end;
    if (end + 1 < text_.size() && text_[end] == '.' && IsDigit(text_[end + 1])) {
      end += 2;
      while (end < text_.size() && IsDigit(text_[end])) ++end;
    }
    if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
      size_t exponent = end + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && IsDigit(text_[exponent])) {
        while (exponent < text_.size() && IsDigit(text_[exponent])) ++exponent;
        end = exponent;
      }
    }
    Token token = Start();
    token.type = T::kNumber;
    Ascii(end - pos_);
    Finish(token, false);
    return true;
  }

  // A quoted token with the quote doubled inside. Never closed: give up (ANTLR would lex a
  // shorter string or a lone quote, and the ANTLR path reports it).
  bool Quoted(char quote, TokenType type) {
    size_t at = pos_ + 1;
    for (;;) {
      size_t close = text_.find(quote, at);
      if (close == std::string_view::npos) return false;
      if (close + 1 < text_.size() && text_[close + 1] == quote) {
        at = close + 2;
        continue;
      }
      Token token = Start();
      token.type = type;
      AdvanceTo(close + 1);
      Finish(token, type != T::kBackquotedId);
      return true;
    }
  }

  bool LineComment() {
    size_t end = pos_ + 2;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    Token token = Start();
    token.type = T::kLineComment;
    AdvanceTo(end);
    Finish(token, false, false);
    if (keep_comments_) out_.comments.push_back(token);
    return true;
  }

  bool BlockComment() {
    size_t close = text_.find("*/", pos_ + 2);
    if (close == std::string_view::npos) return false;  // ANTLR lexes '/' '*' as OTHER tokens
    Token token = Start();
    token.type = T::kBlockComment;
    AdvanceTo(close + 2);
    Finish(token, true, false);
    if (keep_comments_) out_.comments.push_back(token);
    return true;
  }

  std::string_view text_;
  int max_nesting_;
  bool keep_comments_;
  Lexed& out_;
  size_t pos_ = 0;
  uint32_t cp_ = 0;
  int line_ = 1;
  int column_ = 0;
  int depth_ = 0;
};

}  // namespace

bool Lex(std::string_view text, int max_nesting, bool keep_comments, Lexed& out) {
  if (FindInvalidUtf8(text) != std::string_view::npos) return false;
  return Lexer(text, max_nesting, keep_comments, out).Run();
}

}  // namespace schemac::dsl::fast
