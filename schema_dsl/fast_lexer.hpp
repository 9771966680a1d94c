// The hand-written lexer of the fast parse path (fast_parser.cpp): the tokens of
// grammar/SchemaLexer.g4, with ANTLR's positions (lines, columns and offsets counted in code
// points), for valid input only. Anything it is not sure to lex exactly as the ANTLR lexer would
// (an unclosed string or comment, invalid UTF-8, a leading byte order mark, unbalanced or too
// deeply nested parentheses) makes it give up, and the ANTLR path reports the problem.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace schemac::dsl::fast {

// Token kinds in SchemaLexer.g4 order; the keywords form one contiguous range (kTable..kNative)
// as they do in the generated lexer.
enum class TokenType : uint8_t {
  kEof,
  kTable,
  kEnum,
  kNamespace,
  kPrimary,
  kKey,
  kNot,
  kNull,
  kDefault,
  kIdentity,
  kAlways,
  kGenerated,
  kAs,
  kStored,
  kVirtual,
  kCollate,
  kComment,
  kReferences,
  kOn,
  kDelete,
  kUpdate,
  kCascade,
  kRestrict,
  kSet,
  kNo,
  kAction,
  kCheck,
  kUnique,
  kIndex,
  kUsing,
  kInclude,
  kWhere,
  kAsc,
  kDesc,
  kNulls,
  kFirst,
  kLast,
  kOpclass,
  kForeign,
  kConstraint,
  kDeferrable,
  kInitially,
  kDeferred,
  kImmediate,
  kInherit,
  kMatch,
  kFull,
  kSimple,
  kOption,
  kTrue,
  kFalse,
  kView,
  kMaterialized,
  kTrigger,
  kBefore,
  kAfter,
  kInstead,
  kOf,
  kInsert,
  kTruncate,
  kOr,
  kFor,
  kEach,
  kRow,
  kStatement,
  kWhen,
  kExecute,
  kFunction,
  kWith,
  kLocal,
  kCascaded,
  kSecurity,
  kInvoker,
  kDefiner,
  kNative,
  kProcedure,
  kReturns,
  kLanguage,
  kImmutable,
  kStable,
  kVolatile,
  kStrict,
  kParallel,
  kSequence,
  kStart,
  kIncrement,
  kMinvalue,
  kMaxvalue,
  kCache,
  kCycle,
  kOwned,
  kExclude,
  kDeterministic,
  kContains,
  kSql,
  kReads,
  kModifies,
  kData,
  kAlgorithm,
  kCost,
  kRows,
  kLeakproof,
  kBy,
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kComma,
  kDot,
  kColon,
  kEquals,
  kAt,
  kNumber,
  kString,
  kQuotedId,
  kBackquotedId,
  kId,
  kLineComment,
  kBlockComment,  // hidden channel: only in Lexed::comments
  kOther,
};

inline bool IsKeyword(TokenType type) { return type >= TokenType::kTable && type <= TokenType::kBy; }

// The keyword token `word` lexes as, or kId when it is no keyword: the one list of keywords in
// C++ (identifiers.cpp asks it too; the identifiers test checks it against SchemaLexer.g4).
TokenType KeywordOrId(std::string_view word);

// The grammar's `ident`: ID | QUOTED_ID | keyword.
inline bool IsIdent(TokenType type) {
  return type == TokenType::kId || type == TokenType::kQuotedId || IsKeyword(type);
}

// One token. Byte offsets slice the UTF-8 text; `begin`/`end`, `line` and `column` are what
// ANTLR reports (code points; a line break is '\n' only).
struct Token {
  TokenType type = TokenType::kEof;
  uint32_t byte_begin = 0;
  uint32_t byte_end = 0;
  uint32_t begin = 0;  // code point offset of the first character
  uint32_t end = 0;    // code point offset past the last character
  int line = 0;
  int column = 0;    // 1-based, in code points
  int end_line = 0;  // line of the last character
};

struct Lexed {
  std::vector<Token> tokens;    // the default channel, ending with one kEof token
  std::vector<Token> comments;  // line and block comments, in order (only when asked for)
};

// Lexes `text`; false when the fast path must not handle it (see the file comment).
// `max_nesting` mirrors the pre-parse check of the ANTLR path (kMaxNesting).
bool Lex(std::string_view text, int max_nesting, bool keep_comments, Lexed& out);

}  // namespace schemac::dsl::fast
