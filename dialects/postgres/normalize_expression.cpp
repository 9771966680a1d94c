#include "dialects/postgres/normalize_expression.hpp"

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "dialects/postgres/render.hpp"

namespace schemac::dialects::postgres {
namespace {

// ---------------------------------------------------------------------------------------------
// Tokens

enum class TokenKind { kIdent, kQuotedIdent, kString, kNumber, kOperator, kPunct, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifiers lower-cased; strings and quoted identifiers unescaped
};

// Thrown by the tokenizer and parser on text they do not understand; caught in
// CanonicalExpression, which then falls back to plain whitespace normalization. It never leaves
// this file.
struct NotUnderstood {};

bool IsOperatorChar(char c) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
}
bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::vector<Token> Tokenize(const std::string& sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '\'' || c == '"') {
      const char quote = c;
      std::string value;
      ++i;
      while (true) {
        if (i >= n) throw NotUnderstood{};
        if (sql[i] == quote) {
          if (i + 1 < n && sql[i + 1] == quote) {
            value += quote;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value += sql[i++];
      }
      tokens.push_back({quote == '\'' ? TokenKind::kString : TokenKind::kQuotedIdent, value});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      std::size_t start = i;
      while (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
      if (i < n && sql[i] == '.') {
        ++i;
        while (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
      }
      if (i < n && (sql[i] == 'e' || sql[i] == 'E')) {
        std::size_t save = i++;
        if (i < n && (sql[i] == '+' || sql[i] == '-')) ++i;
        if (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) {
          while (i < n && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
        } else {
          i = save;
        }
      }
      tokens.push_back({TokenKind::kNumber, sql.substr(start, i - start)});
    } else if (IsIdentStart(c)) {
      std::size_t start = i;
      while (i < n && IsIdentChar(sql[i])) ++i;
      std::string word = sql.substr(start, i - start);
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      tokens.push_back({TokenKind::kIdent, word});
    } else if (c == ':' && i + 1 < n && sql[i + 1] == ':') {
      tokens.push_back({TokenKind::kPunct, "::"});
      i += 2;
    } else if (std::string_view("()[],.").find(c) != std::string_view::npos) {
      tokens.push_back({TokenKind::kPunct, std::string(1, c)});
      ++i;
    } else if (IsOperatorChar(c)) {
      std::size_t start = i;
      while (i < n && IsOperatorChar(sql[i]) && !(sql[i] == '-' && i + 1 < n && sql[i + 1] == '-')) ++i;
      std::string op = sql.substr(start, i - start);
      // PostgreSQL's lexer: a multi-character operator does not end in + or - unless it holds
      // one of ~ ! @ # % ^ & | ` ? (so `a>-1` is `a > -1`).
      if (op.find_first_of("~!@#%^&|`?") == std::string::npos) {
        while (op.size() > 1 && (op.back() == '+' || op.back() == '-')) {
          op.pop_back();
          --i;
        }
      }
      tokens.push_back({TokenKind::kOperator, op});
    } else {
      throw NotUnderstood{};
    }
  }
  tokens.push_back({TokenKind::kEnd, ""});
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Tree

enum class NodeKind {
  kString,
  kNumber,
  kKeywordLiteral,
  kName,
  kCall,
  kPrefix,
  kBinary,
  kIs,
  kCast,
  kArray,
  kCase,
  kQuantified,
  kSubscript,
  kSqlSyntaxCall,
  kCollate
};

struct Node {
  Node(NodeKind node_kind, std::string node_text) : kind(node_kind), text(std::move(node_text)) {}

  NodeKind kind;
  std::string text;               // literal value, operator, function name, cast type, IS predicate
  std::vector<std::string> path;  // kName: qualified name parts
  std::vector<Node> children;
  bool distinct = false;          // kCall: f(DISTINCT ...)
  bool star = false;              // kCall: f(*)
  bool has_case_operand = false;  // kCase: CASE x WHEN ...
  bool has_else = false;          // kCase
  // kSqlSyntaxCall (TRIM, POSITION, SUBSTRING, EXTRACT, OVERLAY): text is the head, e.g.
  // "trim(both"; keywords[i] ("" for none) is printed before children[i].
  std::vector<std::string> keywords;
};

// Binding strength, PostgreSQL's table (higher binds tighter).
enum Precedence {
  kOr = 1,
  kAnd = 2,
  kNot = 3,
  kIsPrec = 4,
  kComparison = 5,
  kLikeIn = 6,
  kOtherOp = 7,
  kAdditive = 8,
  kMultiplicative = 9,
  kExponent = 10,
  kUnary = 11,
  kCastPrec = 12,
  kPrimary = 13,
};

int BinaryPrecedence(const std::string& op) {
  if (op == "or") return kOr;
  if (op == "and") return kAnd;
  if (op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<>" || op == "!=")
    return kComparison;
  if (op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*") return kLikeIn;
  if (op == "+" || op == "-") return kAdditive;
  if (op == "*" || op == "/" || op == "%") return kMultiplicative;
  if (op == "^") return kExponent;
  return kOtherOp;
}

// `x = ANY (ARRAY[a, b])` and `x <> ALL (ARRAY[a, b])` over a literal array: printed back as
// `x IN (a, b)` / `x NOT IN (a, b)`, whose untyped literals take the type of x (an enum, say)
// where an ARRAY of bare literals would be text[].
bool IsInList(const Node& node) {
  return node.kind == NodeKind::kQuantified && node.children[1].kind == NodeKind::kArray &&
         !node.children[1].children.empty() && (node.text == "= any" || node.text == "<> all");
}

int NodePrecedence(const Node& node) {
  switch (node.kind) {
    case NodeKind::kBinary:
      return BinaryPrecedence(node.text);
    case NodeKind::kPrefix:
      return node.text == "not" ? kNot : kUnary;
    case NodeKind::kIs:
      return kIsPrec;
    case NodeKind::kQuantified:
      return IsInList(node) ? kLikeIn : kComparison;
    case NodeKind::kCast:
    case NodeKind::kCollate:
      return kCastPrec;
    case NodeKind::kNumber:
      return node.text.rfind('-', 0) == 0 ? kUnary : kPrimary;
    default:
      return kPrimary;
  }
}

}  // namespace

// Multi-word and alias spellings of type names, mapped to what format_type() prints.
static std::string CanonicalTypeName(const std::string& name) {
  static const std::map<std::string, std::string> kAliases = {
      {"int", "integer"},
      {"int4", "integer"},
      {"int8", "bigint"},
      {"int2", "smallint"},
      {"float8", "double precision"},
      {"float4", "real"},
      {"float", "double precision"},
      {"bool", "boolean"},
      {"varchar", "character varying"},
      {"char", "character"},
      {"decimal", "numeric"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp", "timestamp without time zone"},
      {"timetz", "time with time zone"},
      {"time", "time without time zone"},
      {"pg_catalog.text", "text"},
  };
  auto found = kAliases.find(name);
  return found == kAliases.end() ? name : found->second;
}

std::string CanonicalTypeSpelling(const std::string& spelling) {
  // Lower case outside double quotes; whitespace collapsed.
  std::string text;
  bool quoted = false;
  for (char c : spelling) {
    if (c == '"') quoted = !quoted;
    if (!quoted && std::isspace(static_cast<unsigned char>(c))) {
      if (!text.empty() && text.back() != ' ') text += ' ';
      continue;
    }
    text += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::string arrays;
  while (text.size() >= 2 && text.compare(text.size() - 2, 2, "[]") == 0) {
    arrays += "[]";
    text.erase(text.size() - 2);
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  std::string modifiers;
  std::size_t open = text.find('(');
  std::size_t close = text.find(')', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    for (char c : text.substr(open, close - open + 1)) {
      if (c != ' ') modifiers += c;
    }
    text = text.substr(0, open) + " " + text.substr(close + 1);
  }
  // Collapse again after cutting the modifiers out.
  std::string name;
  for (char c : text) {
    if (c == ' ' && (name.empty() || name.back() == ' ')) continue;
    name += c;
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.rfind("pg_catalog.", 0) == 0) name.erase(0, 11);
  name = CanonicalTypeName(name);
  if (!modifiers.empty()) {
    std::size_t space = name.find(' ');
    bool inside =
        space != std::string::npos && (name.rfind("timestamp ", 0) == 0 || name.rfind("time ", 0) == 0);
    if (inside) {
      name.insert(space, modifiers);
    } else {
      name += modifiers;
    }
  }
  return name + arrays;
}

namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Node ParseAll() {
    Node node = ParseExpression(0);
    if (Peek().kind != TokenKind::kEnd) throw NotUnderstood{};
    return node;
  }

 private:
  const Token& Peek(std::size_t ahead = 0) const {
    std::size_t index = position_ + ahead;
    return index < tokens_.size() ? tokens_[index] : tokens_.back();
  }
  Token Next() { return tokens_[position_ < tokens_.size() - 1 ? position_++ : position_]; }
  bool IsWord(const Token& token, const char* word) const {
    return token.kind == TokenKind::kIdent && token.text == word;
  }
  bool IsPunct(const Token& token, const char* punct) const {
    return token.kind == TokenKind::kPunct && token.text == punct;
  }
  void Expect(const char* punct) {
    if (!IsPunct(Peek(), punct)) throw NotUnderstood{};
    Next();
  }
  void ExpectWord(const char* word) {
    if (!IsWord(Peek(), word)) throw NotUnderstood{};
    Next();
  }

  static Node Binary(const std::string& op, Node left, Node right) {
    Node node{NodeKind::kBinary, op};
    node.children.push_back(std::move(left));
    node.children.push_back(std::move(right));
    return node;
  }

  Node ParseExpression(int min_precedence) {
    Node left = ParsePrefix();
    while (true) {
      const Token& token = Peek();
      if (token.kind == TokenKind::kPunct && token.text == "::") {
        if (kCastPrec < min_precedence) break;
        Next();
        Node cast{NodeKind::kCast, ParseTypeName()};
        cast.children.push_back(std::move(left));
        left = std::move(cast);
        continue;
      }
      if (IsWord(token, "collate") &&
          (Peek(1).kind == TokenKind::kIdent || Peek(1).kind == TokenKind::kQuotedIdent)) {
        if (kCastPrec < min_precedence) break;
        Next();
        Token collation = Next();
        Node collate{NodeKind::kCollate,
                     collation.kind == TokenKind::kIdent ? collation.text : QuoteIfNeeded(collation.text)};
        collate.children.push_back(std::move(left));
        left = std::move(collate);
        continue;
      }
      if (IsPunct(token, "[")) {
        Next();
        Node subscript{NodeKind::kSubscript, ""};
        subscript.children.push_back(std::move(left));
        subscript.children.push_back(ParseExpression(0));
        Expect("]");
        left = std::move(subscript);
        continue;
      }
      if (token.kind == TokenKind::kIdent) {
        const std::string& word = token.text;
        if (word == "or" || word == "and") {
          int precedence = BinaryPrecedence(word);
          if (precedence < min_precedence) break;
          Next();
          left = Binary(word, std::move(left), ParseExpression(precedence + 1));
          continue;
        }
        if (word == "is" || word == "isnull" || word == "notnull") {
          if (kIsPrec < min_precedence) break;
          Next();
          left = ParseIs(word, std::move(left));
          continue;
        }
        bool negated = word == "not" && Peek(1).kind == TokenKind::kIdent;
        const std::string& predicate = negated ? Peek(1).text : word;
        if (predicate == "like" || predicate == "ilike" || predicate == "in" || predicate == "between" ||
            (predicate == "similar" && IsWord(Peek(negated ? 2 : 1), "to"))) {
          if (kLikeIn < min_precedence) break;
          Next();
          if (negated) Next();
          left = ParseLikeInBetween(predicate, negated, std::move(left));
          continue;
        }
        break;
      }
      if (token.kind == TokenKind::kOperator) {
        std::string op = token.text == "!=" ? "<>" : token.text;
        int precedence = BinaryPrecedence(op);
        if (precedence < min_precedence) break;
        Next();
        if (precedence == kComparison && Peek().kind == TokenKind::kIdent &&
            (Peek().text == "any" || Peek().text == "all" || Peek().text == "some") &&
            IsPunct(Peek(1), "(")) {
          std::string quantifier = Next().text == "all" ? "all" : "any";
          Expect("(");
          Node quantified{NodeKind::kQuantified, op + " " + quantifier};
          quantified.children.push_back(std::move(left));
          quantified.children.push_back(ParseExpression(0));
          Expect(")");
          left = std::move(quantified);
          continue;
        }
        // Comparisons do not associate; the others associate to the left.
        left = Binary(op, std::move(left), ParseExpression(precedence + 1));
        continue;
      }
      break;
    }
    return left;
  }

  Node ParseIs(const std::string& word, Node operand) {
    Node node{NodeKind::kIs, ""};
    if (word == "isnull") {
      node.text = "is null";
    } else if (word == "notnull") {
      node.text = "is not null";
    } else {
      std::string predicate = "is";
      if (IsWord(Peek(), "not")) {
        Next();
        predicate += " not";
      }
      const Token& what = Peek();
      if (IsWord(what, "null") || IsWord(what, "true") || IsWord(what, "false") || IsWord(what, "unknown")) {
        predicate += " " + Next().text;
      } else if (IsWord(what, "distinct")) {
        Next();
        ExpectWord("from");
        predicate += " distinct from";
        node.text = predicate;
        node.children.push_back(std::move(operand));
        node.children.push_back(ParseExpression(kComparison));
        return node;
      } else {
        throw NotUnderstood{};
      }
      node.text = predicate;
    }
    node.children.push_back(std::move(operand));
    return node;
  }

  Node ParseLikeInBetween(const std::string& predicate, bool negated, Node left) {
    if (predicate == "like" || predicate == "ilike") {
      std::string op = predicate == "like" ? "~~" : "~~*";
      if (negated) op = "!" + op;
      return Binary(op, std::move(left), ParseExpression(kLikeIn + 1));
    }
    if (predicate == "similar") {
      // PostgreSQL prints `x SIMILAR TO p` as `x ~ similar_to_escape(p)`.
      ExpectWord("to");
      Node escape{NodeKind::kCall, "similar_to_escape"};
      escape.children.push_back(ParseExpression(kLikeIn + 1));
      return Binary(negated ? "!~" : "~", std::move(left), std::move(escape));
    }
    if (predicate == "in") {
      // PostgreSQL prints `x IN (a, b)` as `x = ANY (ARRAY[a, b])`, NOT IN as `<> ALL`.
      Expect("(");
      Node array{NodeKind::kArray, ""};
      array.children.push_back(ParseExpression(0));
      while (IsPunct(Peek(), ",")) {
        Next();
        array.children.push_back(ParseExpression(0));
      }
      Expect(")");
      Node quantified{NodeKind::kQuantified, negated ? "<> all" : "= any"};
      quantified.children.push_back(std::move(left));
      quantified.children.push_back(std::move(array));
      return quantified;
    }
    // BETWEEN: PostgreSQL prints `x BETWEEN a AND b` as `x >= a AND x <= b`, and NOT BETWEEN as
    // `x < a OR x > b`. (BETWEEN SYMMETRIC is left to the fallback.)
    if (IsWord(Peek(), "symmetric") || IsWord(Peek(), "asymmetric")) throw NotUnderstood{};
    Node low = ParseExpression(kLikeIn + 1);
    ExpectWord("and");
    Node high = ParseExpression(kLikeIn + 1);
    Node copy = left;
    if (negated) {
      return Binary("or", Binary("<", std::move(left), std::move(low)),
                    Binary(">", std::move(copy), std::move(high)));
    }
    return Binary("and", Binary(">=", std::move(left), std::move(low)),
                  Binary("<=", std::move(copy), std::move(high)));
  }

  std::string ParseTypeName() {
    static const std::set<std::string> kContinuation = {"varying", "precision", "with",
                                                        "without", "time",      "zone"};
    std::string name;
    const Token& first = Peek();
    if (first.kind == TokenKind::kQuotedIdent) {
      name = QuoteIfNeeded(Next().text);
    } else if (first.kind == TokenKind::kIdent) {
      name = Next().text;
    } else {
      throw NotUnderstood{};
    }
    while (true) {
      if (IsPunct(Peek(), ".") &&
          (Peek(1).kind == TokenKind::kIdent || Peek(1).kind == TokenKind::kQuotedIdent)) {
        Next();
        Token part = Next();
        name += "." + (part.kind == TokenKind::kQuotedIdent ? QuoteIfNeeded(part.text) : part.text);
      } else if (Peek().kind == TokenKind::kIdent && kContinuation.count(Peek().text) != 0) {
        name += " " + Next().text;
      } else {
        break;
      }
    }
    if (IsPunct(Peek(), "(")) {
      Next();
      name += "(";
      while (!IsPunct(Peek(), ")")) {
        Token part = Next();
        if (part.kind == TokenKind::kEnd) throw NotUnderstood{};
        name += part.text;
      }
      Next();
      name += ")";
      while (Peek().kind == TokenKind::kIdent && kContinuation.count(Peek().text) != 0) {
        name += " " + Next().text;
      }
    }
    while (IsPunct(Peek(), "[") && IsPunct(Peek(1), "]")) {
      Next();
      Next();
      name += "[]";
    }
    return CanonicalTypeSpelling(name);
  }

 public:
  static std::string QuoteIfNeeded(const std::string& name);

 private:
  Node ParsePrefix() {
    Token token = Next();
    switch (token.kind) {
      case TokenKind::kString:
        return Node{NodeKind::kString, token.text};
      case TokenKind::kNumber:
        return Node{NodeKind::kNumber, token.text};
      case TokenKind::kOperator: {
        if (token.text == "-" || token.text == "+") {
          if (Peek().kind == TokenKind::kNumber) {
            std::string number = Next().text;
            return Node{NodeKind::kNumber, token.text == "-" ? "-" + number : number};
          }
          Node operand = ParseExpression(kUnary);
          if (token.text == "+") return operand;
          Node node{NodeKind::kPrefix, "-"};
          node.children.push_back(std::move(operand));
          return node;
        }
        throw NotUnderstood{};
      }
      case TokenKind::kPunct: {
        if (token.text != "(") throw NotUnderstood{};
        Node inner = ParseExpression(0);
        Expect(")");
        return inner;
      }
      case TokenKind::kQuotedIdent:
      case TokenKind::kIdent:
        return ParseNameOrCall(token);
      case TokenKind::kEnd:
        break;
    }
    throw NotUnderstood{};
  }

  // A function name part without needless quotes: PostgreSQL prints keyword-named functions
  // quoted ("substring"(s, 1, 2)) where the schema writes them bare; either spelling calls the
  // same function.
  static std::string FunctionNamePart(const std::string& part) {
    if (part.size() < 3 || part.front() != '"') return part;
    std::string inner = part.substr(1, part.size() - 2);
    if (!IsIdentStart(inner[0])) return part;
    for (char c : inner) {
      if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
            c == '_')) {
        return part;
      }
    }
    return inner;
  }

  Node ParseNameOrCall(const Token& token) {
    const bool bare = token.kind == TokenKind::kIdent;
    const std::string& word = token.text;
    if (bare) {
      if (word == "not") {
        Node node{NodeKind::kPrefix, "not"};
        node.children.push_back(ParseExpression(kNot));
        return node;
      }
      if (word == "true" || word == "false" || word == "null") return Node{NodeKind::kKeywordLiteral, word};
      if (word == "case") return ParseCase();
      if (word == "array" && IsPunct(Peek(), "[")) {
        Next();
        Node array{NodeKind::kArray, ""};
        if (!IsPunct(Peek(), "]")) {
          array.children.push_back(ParseExpression(0));
          while (IsPunct(Peek(), ",")) {
            Next();
            array.children.push_back(ParseExpression(0));
          }
        }
        Expect("]");
        return array;
      }
      if (word == "current_timestamp" || word == "transaction_timestamp") {
        // Both are the transaction's start time, like now(): one spelling for all three.
        if (word == "transaction_timestamp" || IsPunct(Peek(), "(")) {
          Expect("(");
          Expect(")");
        }
        Node call{NodeKind::kCall, "now"};
        return call;
      }
      if (word == "current_date" || word == "current_time" || word == "localtimestamp" ||
          word == "localtime" || word == "current_user" || word == "session_user" || word == "current_role") {
        return Node{NodeKind::kKeywordLiteral, word};
      }
      if (word == "cast" && IsPunct(Peek(), "(")) {
        // CAST(x AS t) is printed x::t.
        Next();
        Node operand = ParseExpression(0);
        ExpectWord("as");
        Node cast{NodeKind::kCast, ParseTypeName()};
        cast.children.push_back(std::move(operand));
        Expect(")");
        return cast;
      }
      if (IsPunct(Peek(), "(")) {
        if (auto special = ParseSqlSyntaxCall(word)) return std::move(*special);
      }
      // Typed literals: interval '1 day' is printed '1 day'::interval.
      static const std::set<std::string> kTypedLiteralTypes = {
          "interval", "date", "timestamp", "timestamptz", "time", "jsonb", "json", "uuid"};
      if (kTypedLiteralTypes.count(word) != 0 && Peek().kind == TokenKind::kString) {
        Node cast{NodeKind::kCast, CanonicalTypeName(word)};
        cast.children.push_back(Node{NodeKind::kString, Next().text});
        return cast;
      }
    }
    Node name{NodeKind::kName, ""};
    name.path.push_back(bare ? word : QuoteIfNeeded(word));
    while (IsPunct(Peek(), ".") &&
           (Peek(1).kind == TokenKind::kIdent || Peek(1).kind == TokenKind::kQuotedIdent)) {
      Next();
      Token part = Next();
      name.path.push_back(part.kind == TokenKind::kIdent ? part.text : QuoteIfNeeded(part.text));
    }
    if (!IsPunct(Peek(), "(")) return name;
    Next();
    Node call{NodeKind::kCall, ""};
    for (const auto& part : name.path) call.text += (call.text.empty() ? "" : ".") + FunctionNamePart(part);
    if (IsPunct(Peek(), ")")) {
      Next();
      return call;
    }
    if (Peek().kind == TokenKind::kOperator && Peek().text == "*") {
      Next();
      Expect(")");
      call.star = true;
      return call;
    }
    if (IsWord(Peek(), "distinct")) {
      Next();
      call.distinct = true;
    }
    call.children.push_back(ParseExpression(0));
    while (IsPunct(Peek(), ",")) {
      Next();
      call.children.push_back(ParseExpression(0));
    }
    Expect(")");
    return call;
  }

  // The functions the SQL standard calls with keywords between their arguments. PostgreSQL 15
  // prints them that way (TRIM(BOTH FROM s), POSITION(a IN b), SUBSTRING(s FROM 1 FOR 2),
  // EXTRACT(year FROM d), OVERLAY(s PLACING x FROM 1 FOR 2)); the canonical form is the same
  // syntax, lower case. Called with the name consumed and "(" next; substring(s, 1, 2) written
  // with commas is an ordinary call (PostgreSQL prints it "substring"(s, 1, 2)): nullopt,
  // nothing consumed.
  std::optional<Node> ParseSqlSyntaxCall(const std::string& name) {
    const std::size_t start = position_;
    Node call{NodeKind::kSqlSyntaxCall, name + "("};
    Next();  // (
    auto add = [&call](const std::string& keyword, Node child) {
      call.keywords.push_back(keyword);
      call.children.push_back(std::move(child));
    };
    if (name == "trim") {
      std::string side = "both";
      if (IsWord(Peek(), "both") || IsWord(Peek(), "leading") || IsWord(Peek(), "trailing"))
        side = Next().text;
      call.text += side;
      if (IsWord(Peek(), "from")) {
        Next();
        add("from", ParseExpression(0));
      } else {
        Node first = ParseExpression(0);
        if (IsWord(Peek(), "from")) {
          Next();
          add("", std::move(first));
          add("from", ParseExpression(0));
        } else if (IsPunct(Peek(), ")")) {
          add("from", std::move(first));
        } else {
          throw NotUnderstood{};  // trim(s, 'x') and other forms: left to the fallback
        }
      }
    } else if (name == "position") {
      add("", ParseExpression(kLikeIn + 1));  // `in` here is the syntax, not the IN predicate
      ExpectWord("in");
      add("in", ParseExpression(0));
    } else if (name == "extract") {
      Token field = Next();
      if (field.kind != TokenKind::kIdent && field.kind != TokenKind::kString) throw NotUnderstood{};
      add("", Node{NodeKind::kName, ""});
      call.children.back().path.push_back(field.text);
      ExpectWord("from");
      add("from", ParseExpression(0));
    } else if (name == "substring" || name == "overlay") {
      Node first = ParseExpression(0);
      const char* second = name == "overlay" ? "placing" : "from";
      if (!IsWord(Peek(), second) && !(name == "substring" && IsWord(Peek(), "for"))) {
        position_ = start;
        return std::nullopt;
      }
      add("", std::move(first));
      for (const char* keyword : {"placing", "from", "for"}) {
        if (IsWord(Peek(), keyword)) {
          Next();
          add(keyword, ParseExpression(0));
        }
      }
    } else {
      position_ = start;
      return std::nullopt;
    }
    Expect(")");
    return call;
  }

  Node ParseCase() {
    Node node{NodeKind::kCase, ""};
    if (!IsWord(Peek(), "when")) {
      node.has_case_operand = true;
      node.children.push_back(ParseExpression(0));
    }
    while (IsWord(Peek(), "when")) {
      Next();
      node.children.push_back(ParseExpression(0));
      ExpectWord("then");
      node.children.push_back(ParseExpression(0));
    }
    if (IsWord(Peek(), "else")) {
      Next();
      node.has_else = true;
      node.children.push_back(ParseExpression(0));
    }
    ExpectWord("end");
    return node;
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

std::string Parser::QuoteIfNeeded(const std::string& name) { return QuoteIdent(name); }

// ---------------------------------------------------------------------------------------------
// Simplification: the casts PostgreSQL adds, removed.

bool IsTextLikeType(const std::string& type) {
  static const std::set<std::string> kTypes = {
      "text",   "character varying",   "character",   "bpchar",  "name",
      "text[]", "character varying[]", "character[]", "bpchar[]"};
  return kTypes.count(type) != 0 || type.rfind("character varying(", 0) == 0 ||
         type.rfind("character(", 0) == 0;
}

bool IsNumericType(const std::string& type) {
  static const std::set<std::string> kTypes = {"integer", "bigint", "smallint",
                                               "numeric", "real",   "double precision"};
  return kTypes.count(type) != 0 || type.rfind("numeric(", 0) == 0;
}

// Built-in types whose casts PostgreSQL needs to resolve operators, and prints as written.
bool IsKeptType(const std::string& type) {
  static const std::set<std::string> kPrefixes = {
      "date",      "time",      "timestamp", "interval", "json",      "jsonb",    "uuid",
      "bytea",     "boolean",   "regclass",  "regtype",  "inet",      "cidr",     "macaddr",
      "money",     "xml",       "tsvector",  "tsquery",  "point",     "oid",      "bit",
      "int4range", "int8range", "numrange",  "tsrange",  "tstzrange", "daterange"};
  for (const auto& prefix : kPrefixes) {
    if (type.rfind(prefix, 0) == 0) return true;
  }
  return type.find('[') != std::string::npos && !IsTextLikeType(type);
}

bool LooksNumeric(const std::string& text) {
  if (text.empty()) return false;
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

// A number in exponent notation as numeric_out prints it: 1e9 -> 1000000000, 1.5e-3 -> 0.0015,
// 1.50e1 -> 15.0 (PostgreSQL reads such a constant as numeric and prints the value back).
std::string ExpandExponent(const std::string& number) {
  std::size_t e = number.find_first_of("eE");
  if (e == std::string::npos) return number;
  std::string sign;
  std::string mantissa = number.substr(0, e);
  if (!mantissa.empty() && (mantissa[0] == '-' || mantissa[0] == '+')) {
    if (mantissa[0] == '-') sign = "-";
    mantissa.erase(0, 1);
  }
  long exponent = 0;
  try {
    exponent = std::stol(number.substr(e + 1));
  } catch (...) {
    return number;
  }
  if (exponent > 1000 || exponent < -1000) return number;  // not worth spelling out
  std::size_t dot = mantissa.find('.');
  long fraction = dot == std::string::npos ? 0 : static_cast<long>(mantissa.size() - dot - 1);
  std::string digits = mantissa;
  if (dot != std::string::npos) digits.erase(dot, 1);
  long scale = fraction - exponent;  // digits after the point
  if (scale <= 0) {
    digits.append(static_cast<std::size_t>(-scale), '0');
    scale = 0;
  } else if (static_cast<long>(digits.size()) <= scale) {
    digits =
        std::string(static_cast<std::size_t>(scale - static_cast<long>(digits.size()) + 1), '0') + digits;
  }
  std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(scale));
  while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  std::string result = whole;
  if (scale > 0) result += "." + digits.substr(digits.size() - static_cast<std::size_t>(scale));
  return sign + result;
}

// A timestamp (without time zone) literal as PostgreSQL prints it back in an index predicate,
// where the constant is folded: '2020-01-01' -> '2020-01-01 00:00:00', '2020-01-01 10:30' ->
// '2020-01-01 10:30:00'. Only these two ISO shapes; with a time zone the output depends on the
// session's TimeZone, so those literals are left alone.
std::string FullTimestampLiteral(const std::string& value) {
  auto digits_at = [&value](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
      if (i >= value.size() || !std::isdigit(static_cast<unsigned char>(value[i]))) return false;
    }
    return true;
  };
  const bool is_date = value.size() >= 10 && digits_at(0, 4) && value[4] == '-' && digits_at(5, 2) &&
                       value[7] == '-' && digits_at(8, 2);
  if (!is_date) return value;
  if (value.size() == 10) return value + " 00:00:00";
  const bool hours_minutes = value.size() == 16 && (value[10] == ' ' || value[10] == 'T') &&
                             digits_at(11, 2) && value[13] == ':' && digits_at(14, 2);
  if (hours_minutes) return value.substr(0, 10) + " " + value.substr(11) + ":00";
  return value;
}

ColumnClass ClassOf(const Node& node, const ClassifyColumn& classify_column) {
  if (node.kind != NodeKind::kName || node.path.size() != 1 || !classify_column) return ColumnClass::kOther;
  return classify_column(node.path[0]);
}

// True when the value of `node` is known to be numeric (not integer): a decimal column, a literal
// with a fraction or exponent, a cast to numeric, or arithmetic over one of those.
bool IsNumericValued(const Node& node, const ClassifyColumn& classify_column) {
  switch (node.kind) {
    case NodeKind::kName:
      return ClassOf(node, classify_column) == ColumnClass::kDecimal;
    case NodeKind::kNumber:
      return node.text.find_first_of(".eE") != std::string::npos;
    case NodeKind::kCast:
      return node.text == "numeric" || node.text.rfind("numeric(", 0) == 0;
    case NodeKind::kBinary:
      return BinaryPrecedence(node.text) >= kAdditive &&
             (IsNumericValued(node.children[0], classify_column) ||
              IsNumericValued(node.children[1], classify_column));
    case NodeKind::kPrefix:
      return node.text == "-" && IsNumericValued(node.children[0], classify_column);
    default:
      return false;
  }
}

// True when `node` is an integer value: an integer column or literal, or arithmetic over them.
bool IsIntegerValued(const Node& node, const ClassifyColumn& classify_column) {
  switch (node.kind) {
    case NodeKind::kName:
      return ClassOf(node, classify_column) == ColumnClass::kInteger;
    case NodeKind::kNumber:
      return node.text.find_first_of(".eE") == std::string::npos;
    case NodeKind::kBinary:
      return (BinaryPrecedence(node.text) == kAdditive || BinaryPrecedence(node.text) == kMultiplicative) &&
             IsIntegerValued(node.children[0], classify_column) &&
             IsIntegerValued(node.children[1], classify_column);
    case NodeKind::kPrefix:
      return node.text == "-" && IsIntegerValued(node.children[0], classify_column);
    default:
      return false;
  }
}

bool IsFloatValued(const Node& node, const ClassifyColumn& classify_column) {
  if (node.kind == NodeKind::kName) return ClassOf(node, classify_column) == ColumnClass::kFloat;
  if (node.kind == NodeKind::kCast) return node.text == "double precision" || node.text == "real";
  return false;
}

// `price * qty` (numeric times integer) is printed `price * (qty)::numeric`, `n + 1 < price` as
// `(n + 1)::numeric < price`, `r > n` (a float column) as `r > n::double precision`: the cast
// PostgreSQL adds to an integer operand whose other operand is numeric (or float) goes, since it
// would add it again. A cast the other operand does not force (`n::numeric / 3`) changes the
// result and stays.
void DropImplicitNumericCasts(Node& node, const ClassifyColumn& classify_column) {
  if (node.kind != NodeKind::kBinary) return;
  const int precedence = BinaryPrecedence(node.text);
  if (precedence != kComparison && precedence != kAdditive && precedence != kMultiplicative) return;
  for (std::size_t side = 0; side < 2; ++side) {
    Node& operand = node.children[side];
    if (operand.kind != NodeKind::kCast) continue;
    const Node& other = node.children[1 - side];
    const Node& inner = operand.children[0];
    const bool to_numeric = operand.text == "numeric" && IsIntegerValued(inner, classify_column) &&
                            IsNumericValued(other, classify_column);
    const bool to_float =
        operand.text == "double precision" && IsFloatValued(other, classify_column) &&
        (IsIntegerValued(inner, classify_column) || IsNumericValued(inner, classify_column));
    if (to_numeric || to_float) {
      Node uncast = std::move(operand.children[0]);
      operand = std::move(uncast);
    }
  }
}

// True when `node` has a character type (varchar, char) that PostgreSQL casts to text where it
// meets text: a character column, a cast to one, or COALESCE / NULLIF / GREATEST / LEAST over them
// (and string literals).
bool IsCharacterValued(const Node& node, const ClassifyColumn& classify_column) {
  if (node.kind == NodeKind::kName) return ClassOf(node, classify_column) == ColumnClass::kCharacter;
  if (node.kind == NodeKind::kCast) return node.text != "text" && IsTextLikeType(node.text);
  if (node.kind != NodeKind::kCall) return false;
  if (node.text != "coalesce" && node.text != "nullif" && node.text != "greatest" && node.text != "least")
    return false;
  bool any = false;
  for (const Node& child : node.children) {
    if (IsCharacterValued(child, classify_column)) {
      any = true;
    } else if (child.kind != NodeKind::kString) {
      return false;
    }
  }
  return any;
}

// A string compared with a date or timestamp column: PostgreSQL prints it with the cast it
// resolved ('2020-01-01'::date, '2020-01-01 00:00:00'::timestamp without time zone); the
// canonical form spells that cast out on both sides.
void TypeLiteralsComparedWithDates(Node& node, const ClassifyColumn& classify_column) {
  if (node.kind != NodeKind::kBinary || BinaryPrecedence(node.text) != kComparison) return;
  for (std::size_t side = 0; side < 2; ++side) {
    Node& literal = node.children[side];
    const ColumnClass other = ClassOf(node.children[1 - side], classify_column);
    if (literal.kind != NodeKind::kString ||
        (other != ColumnClass::kDate && other != ColumnClass::kTimestamp))
      continue;
    Node cast{NodeKind::kCast, other == ColumnClass::kDate ? "date" : "timestamp without time zone"};
    if (other == ColumnClass::kTimestamp) literal.text = FullTimestampLiteral(literal.text);
    cast.children.push_back(std::move(literal));
    literal = std::move(cast);
  }
}

void Simplify(Node& node, const ClassifyColumn& classify_column) {
  for (Node& child : node.children) Simplify(child, classify_column);
  DropImplicitNumericCasts(node, classify_column);
  TypeLiteralsComparedWithDates(node, classify_column);
  // nextval('s') is printed nextval('s'::regclass): the argument is a regclass either way.
  if (node.kind == NodeKind::kCall &&
      (node.text == "nextval" || node.text == "currval" || node.text == "setval") && !node.children.empty() &&
      node.children[0].kind == NodeKind::kCast && node.children[0].text == "regclass" &&
      node.children[0].children[0].kind == NodeKind::kString) {
    Node name = std::move(node.children[0].children[0]);
    node.children[0] = std::move(name);
  }
  if (node.kind == NodeKind::kNumber) {
    node.text = ExpandExponent(node.text);
    return;
  }
  // `x IN (a)` with one value is printed `x = a` (NOT IN: `x <> a`): one spelling for both.
  if (node.kind == NodeKind::kQuantified && node.children[1].kind == NodeKind::kArray &&
      node.children[1].children.size() == 1 && (node.text == "= any" || node.text == "<> all")) {
    Node single{NodeKind::kBinary, node.text == "= any" ? "=" : "<>"};
    single.children.push_back(std::move(node.children[0]));
    single.children.push_back(std::move(node.children[1].children[0]));
    node = std::move(single);
    return;
  }
  if (node.kind != NodeKind::kCast) return;
  Node& operand = node.children[0];
  const std::string& type = node.text;
  bool strip = false;
  if (IsTextLikeType(type)) {
    // s::varchar(5) compared with text is printed s::character varying(5)::text.
    const bool text_of_text_cast = type == "text" && IsCharacterValued(operand, classify_column);
    // An empty ARRAY[] has no element type without its cast ("cannot determine type of empty
    // array"): that cast is needed, and PostgreSQL prints it.
    const bool empty_array = operand.kind == NodeKind::kArray && operand.children.empty();
    strip = text_of_text_cast || operand.kind == NodeKind::kString ||
            (operand.kind == NodeKind::kArray && !empty_array) ||
            ClassOf(operand, classify_column) == ColumnClass::kCharacter;
  } else if (IsNumericType(type)) {
    if (operand.kind == NodeKind::kString && LooksNumeric(operand.text)) {
      operand.kind = NodeKind::kNumber;
      if (operand.text[0] == '+') operand.text.erase(0, 1);
    }
    strip = operand.kind == NodeKind::kNumber;
  } else if (!IsKeptType(type)) {
    strip = operand.kind == NodeKind::kString;  // an enum (or other user type) literal
  } else if (type == "timestamp without time zone" && operand.kind == NodeKind::kString) {
    operand.text = FullTimestampLiteral(operand.text);
  }
  if (operand.kind == NodeKind::kKeywordLiteral && operand.text == "null") strip = true;
  if (strip) {
    Node inner = std::move(operand);
    node = std::move(inner);
  }
}

// AND and OR chains, left-deep: `a AND (b AND c)` is the same condition as `a AND b AND c`, and
// PostgreSQL's pretty printer (pg_get_constraintdef(oid, true)) prints any nesting of one boolean
// operator flat, so BETWEEN inside an AND, or explicit parentheses, come back without them.
void CollectChain(Node& node, const std::string& op, std::vector<Node>& operands) {
  if (node.kind == NodeKind::kBinary && node.text == op) {
    CollectChain(node.children[0], op, operands);
    CollectChain(node.children[1], op, operands);
  } else {
    operands.push_back(std::move(node));
  }
}

void FlattenBooleanChains(Node& node) {
  for (Node& child : node.children) FlattenBooleanChains(child);
  if (node.kind != NodeKind::kBinary || (node.text != "and" && node.text != "or")) return;
  const std::string op = node.text;
  std::vector<Node> operands;
  CollectChain(node, op, operands);
  Node chain = std::move(operands[0]);
  for (std::size_t i = 1; i < operands.size(); ++i) {
    Node joined{NodeKind::kBinary, op};
    joined.children.push_back(std::move(chain));
    joined.children.push_back(std::move(operands[i]));
    chain = std::move(joined);
  }
  node = std::move(chain);
}

// ---------------------------------------------------------------------------------------------
// Printing with the fewest parentheses.

std::string Print(const Node& node);

std::string PrintChild(const Node& child, int required) {
  std::string text = Print(child);
  return NodePrecedence(child) < required ? "(" + text + ")" : text;
}

std::string QuoteString(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string Print(const Node& node) {
  switch (node.kind) {
    case NodeKind::kString:
      return QuoteString(node.text);
    case NodeKind::kNumber:
    case NodeKind::kKeywordLiteral:
      return node.text;
    case NodeKind::kName: {
      std::string text;
      for (const auto& part : node.path) text += (text.empty() ? "" : ".") + part;
      return text;
    }
    case NodeKind::kCall: {
      std::string text = node.text + "(";
      if (node.star) text += "*";
      if (node.distinct) text += "distinct ";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) text += ", ";
        text += Print(node.children[i]);
      }
      return text + ")";
    }
    case NodeKind::kPrefix:
      if (node.text == "not") return "not " + PrintChild(node.children[0], kNot);
      return "-" + PrintChild(node.children[0], kUnary + 1);
    case NodeKind::kBinary: {
      int precedence = BinaryPrecedence(node.text);
      bool associative = precedence != kComparison && precedence != kLikeIn;
      return PrintChild(node.children[0], associative ? precedence : precedence + 1) + " " + node.text + " " +
             PrintChild(node.children[1], precedence + 1);
    }
    case NodeKind::kIs: {
      std::string text = PrintChild(node.children[0], kIsPrec) + " " + node.text;
      if (node.children.size() > 1) text += " " + PrintChild(node.children[1], kComparison);
      return text;
    }
    case NodeKind::kQuantified: {
      if (IsInList(node)) {
        std::string list;
        for (const Node& item : node.children[1].children) list += (list.empty() ? "" : ", ") + Print(item);
        return PrintChild(node.children[0], kLikeIn + 1) + (node.text == "= any" ? " in (" : " not in (") +
               list + ")";
      }
      std::size_t space = node.text.find(' ');
      return PrintChild(node.children[0], kComparison + 1) + " " + node.text.substr(0, space) + " " +
             node.text.substr(space + 1) + " (" + Print(node.children[1]) + ")";
    }
    case NodeKind::kCast:
      return PrintChild(node.children[0], kCastPrec) + "::" + node.text;
    case NodeKind::kCollate:
      return PrintChild(node.children[0], kCastPrec) + " collate " + node.text;
    case NodeKind::kSqlSyntaxCall: {
      std::string text = node.text;
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (text.back() != '(') text += " ";
        if (!node.keywords[i].empty()) text += node.keywords[i] + " ";
        text += PrintChild(node.children[i], kCastPrec);
      }
      return text + ")";
    }
    case NodeKind::kArray: {
      std::string text = "array[";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) text += ", ";
        text += Print(node.children[i]);
      }
      return text + "]";
    }
    case NodeKind::kSubscript:
      return PrintChild(node.children[0], kPrimary) + "[" + Print(node.children[1]) + "]";
    case NodeKind::kCase: {
      std::string text = "case";
      std::size_t i = 0;
      if (node.has_case_operand) text += " " + Print(node.children[i++]);
      std::size_t when_end = node.children.size() - (node.has_else ? 1 : 0);
      for (; i < when_end; i += 2) {
        text += " when " + Print(node.children[i]) + " then " + Print(node.children[i + 1]);
      }
      if (node.has_else) text += " else " + Print(node.children.back());
      return text + " end";
    }
  }
  return "";
}

// Whitespace collapsed and words lower-cased outside quotes: the fallback canonical form.
std::string CollapseText(const std::string& sql) {
  std::string out;
  char quote = 0;
  bool pending_space = false;
  for (char c : sql) {
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (c == '\'' || c == '"') quote = c;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string CanonicalExpression(const std::string& sql, const ClassifyColumn& classify_column) {
  try {
    Node tree = Parser(Tokenize(sql)).ParseAll();
    Simplify(tree, classify_column);
    FlattenBooleanChains(tree);
    return Print(tree);
  } catch (const NotUnderstood&) {
    return CollapseText(sql);
  }
}

namespace {

void RenameNames(Node& node, const std::map<std::string, std::string>& renames) {
  for (Node& child : node.children) RenameNames(child, renames);
  if (node.kind != NodeKind::kName || node.path.size() != 1) return;
  // Names in the tree are printed forms: bare, or quoted where needed.
  for (const auto& [from, to] : renames) {
    if (node.path[0] == Parser::QuoteIfNeeded(from)) {
      node.path[0] = Parser::QuoteIfNeeded(to);
      return;
    }
  }
}

}  // namespace

std::optional<std::string> RenameColumnsInExpression(const std::string& canonical,
                                                     const std::map<std::string, std::string>& renames) {
  try {
    Node tree = Parser(Tokenize(canonical)).ParseAll();
    RenameNames(tree, renames);
    return Print(tree);
  } catch (const NotUnderstood&) {
    return std::nullopt;
  }
}

}  // namespace schemac::dialects::postgres
