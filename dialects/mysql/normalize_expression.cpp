#include "dialects/mysql/normalize_expression.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

namespace schemac::dialects::mysql {
namespace {

enum class TokenKind { kWord, kQuotedIdentifier, kString, kNumber, kOperator, kOpen, kClose, kComma, kDot };

struct Token {
  TokenKind kind;
  std::string text;
};

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool IsWordChar(char c) { return IsWordStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Words after which "(" opens a parenthesized operand, not a function's argument list.
bool IsOperatorKeyword(const std::string& word) {
  static const std::set<std::string> kKeywords = {
      "and",  "or", "not",    "in",    "is",  "like", "between", "xor",      "else",   "then",   "when",
      "case", "as", "regexp", "rlike", "div", "mod",  "exists",  "interval", "escape", "collate"};
  return kKeywords.count(word) > 0;
}

char DecodeEscape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'Z':
      return '\x1a';
    case 'b':
      return '\b';
    default:
      return c;
  }
}

// A string's value as one canonical literal: '' for a quote, backslash escapes for the rest.
std::string EncodeString(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    switch (c) {
      case '\'':
        out += "''";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\0':
        out += "\\0";
        break;
      default:
        out += c;
        break;
    }
  }
  return out + "'";
}

std::vector<Token> Tokenize(const std::string& text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '-' && text.compare(i, 3, "-- ") == 0) {  // comments: the server drops them
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      i = end == std::string::npos ? text.size() : end + 2;
      continue;
    }
    if (c == '\'') {
      // A string literal, decoded (MySQL's '' and backslash escapes) and re-encoded one way, since
      // MariaDB prints 'it''s' back as 'it\'s'.
      std::string value;
      size_t start = i++;
      while (i < text.size()) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          char next = text[i + 1];
          if (next == '%' || next == '_') value += '\\';  // kept as written: LIKE's own escapes
          value += DecodeEscape(next);
          i += 2;
          continue;
        }
        if (text[i] == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') {
            value += '\'';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value += text[i++];
      }
      // N'x' is the same string (the national charset is utf8 on both servers).
      if (start > 0 && (text[start - 1] == 'n' || text[start - 1] == 'N') && !tokens.empty() &&
          tokens.back().kind == TokenKind::kWord && Lower(tokens.back().text) == "n") {
        tokens.pop_back();
      }
      tokens.push_back({TokenKind::kString, EncodeString(value)});
      continue;
    }
    if (c == '`' || c == '"') {
      // Backticks are MySQL's identifier quotes; double quotes are the schema language's (as in
      // standard SQL), which MySQL would read as a string: both are identifiers here, printed
      // in backticks.
      std::string name;
      ++i;
      while (i < text.size()) {
        if (text[i] == c) {
          if (i + 1 < text.size() && text[i + 1] == c) {
            name += c;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        name += text[i++];
      }
      tokens.push_back({TokenKind::kQuotedIdentifier, name});
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      size_t start = i;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
      if (i < text.size() && (text[i] == '+' || text[i] == '-') &&
          (text[i - 1] == 'e' || text[i - 1] == 'E')) {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      }
      tokens.push_back({TokenKind::kNumber, Lower(text.substr(start, i - start))});
      continue;
    }
    if (IsWordStart(c)) {
      size_t start = i;
      while (i < text.size() && IsWordChar(text[i])) ++i;
      tokens.push_back({TokenKind::kWord, text.substr(start, i - start)});
      continue;
    }
    if (c == '(') {
      tokens.push_back({TokenKind::kOpen, "("});
      ++i;
      continue;
    }
    if (c == ')') {
      tokens.push_back({TokenKind::kClose, ")"});
      ++i;
      continue;
    }
    if (c == ',') {
      tokens.push_back({TokenKind::kComma, ","});
      ++i;
      continue;
    }
    if (c == '.') {
      tokens.push_back({TokenKind::kDot, "."});
      ++i;
      continue;
    }
    static const char* kMultiCharOperators[] = {
        "<=>", "->>", "<=", ">=", "<>", "!=", "||", "&&", ":=", "->", "<<", ">>"};
    bool matched = false;
    for (const char* op : kMultiCharOperators) {
      std::string candidate(op);
      if (text.compare(i, candidate.size(), candidate) == 0) {
        tokens.push_back({TokenKind::kOperator, candidate});
        i += candidate.size();
        matched = true;
        break;
      }
    }
    if (!matched) tokens.push_back({TokenKind::kOperator, std::string(1, text[i++])});
  }
  return tokens;
}

// Identifiers print bare (lower-cased: MySQL column and function names ignore case) unless they
// need quoting; then in backticks, as written.
std::string PrintIdentifier(const std::string& name) {
  if (!IdentifierNeedsQuoting(name)) return Lower(name);
  std::string quoted = "`";
  for (char c : name) {
    quoted += c;
    if (c == '`') quoted += '`';
  }
  return quoted + "`";
}

// now(), current_timestamp, localtime, localtimestamp, current_timestamp() all mean the same, as do
// current_date and curdate(), current_time and curtime(): one spelling each, as MariaDB prints them.
void CanonicalizeTimestampFunctions(std::vector<Token>& tokens) {
  static const std::map<std::string, std::string> kSynonyms = {
      {"now", "current_timestamp"},       {"current_timestamp", "current_timestamp"},
      {"localtime", "current_timestamp"}, {"localtimestamp", "current_timestamp"},
      {"current_date", "curdate"},        {"curdate", "curdate"},
      {"current_time", "curtime"},        {"curtime", "curtime"}};
  std::vector<Token> result;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    auto synonym = token.kind == TokenKind::kWord ? kSynonyms.find(Lower(token.text)) : kSynonyms.end();
    if (synonym != kSynonyms.end()) {
      bool call = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kOpen;
      result.push_back({TokenKind::kWord, synonym->second});
      if (!call) {
        result.push_back({TokenKind::kOpen, "("});
        result.push_back({TokenKind::kClose, ")"});
      }
      continue;
    }
    result.push_back(token);
  }
  tokens = std::move(result);
}

bool IsWord(const Token& token, const char* word) {
  return token.kind == TokenKind::kWord && Lower(token.text) == word;
}

Token Word(const char* text) { return {TokenKind::kWord, text}; }

// The index of the ")" closing the "(" at `open`, or tokens.size() when unbalanced.
size_t MatchingClose(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kOpen) ++depth;
    if (tokens[i].kind == TokenKind::kClose && --depth == 0) return i;
  }
  return tokens.size();
}

// The arguments of a call whose "(" is at `open` and ")" at `close`, split at top-level commas.
std::vector<std::vector<Token>> CallArguments(const std::vector<Token>& tokens, size_t open, size_t close) {
  std::vector<std::vector<Token>> arguments(1);
  int depth = 0;
  for (size_t i = open + 1; i < close; ++i) {
    if (tokens[i].kind == TokenKind::kOpen) ++depth;
    if (tokens[i].kind == TokenKind::kClose) --depth;
    if (depth == 0 && tokens[i].kind == TokenKind::kComma) {
      arguments.emplace_back();
      continue;
    }
    arguments.back().push_back(tokens[i]);
  }
  if (arguments.size() == 1 && arguments[0].empty()) arguments.clear();
  return arguments;
}

// The position of the first top-level word `word` in `tokens`, or tokens.size().
size_t FindTopLevelWord(const std::vector<Token>& tokens, const char* word) {
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kOpen) ++depth;
    if (tokens[i].kind == TokenKind::kClose) --depth;
    if (depth == 0 && IsWord(tokens[i], word)) return i;
  }
  return tokens.size();
}

void Append(std::vector<Token>& to, const std::vector<Token>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

std::vector<Token> Parenthesized(const std::vector<Token>& tokens) {
  std::vector<Token> result{{TokenKind::kOpen, "("}};
  Append(result, tokens);
  result.push_back({TokenKind::kClose, ")"});
  return result;
}

// Spellings MariaDB replaces by another when it stores an expression (probed on MariaDB 10.11:
// CHECK_CLAUSE, GENERATION_EXPRESSION and COLUMN_DEFAULT print the right-hand side). MySQL 8
// keeps most as written; mapping both sides to one spelling is right for either server.
void CanonicalizeSpellings(std::vector<Token>& tokens) {
  static const std::map<std::string, std::string> kFunctions = {
      {"length", "octet_length"}, {"character_length", "char_length"},
      {"substring", "substr"},    {"mid", "substr"},
      {"power", "pow"},           {"ceil", "ceiling"},
      {"lcase", "lower"},         {"ucase", "upper"}};
  static const std::map<std::string, std::string> kOperators = {
      {"!=", "<>"}, {"&&", "and"}, {"||", "or"}, {"%", "mod"}};
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    if (token.kind == TokenKind::kWord) {
      std::string lower = Lower(token.text);
      bool call = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kOpen;
      if (auto found = kFunctions.find(lower); call && found != kFunctions.end()) token.text = found->second;
      if (lower == "rlike") token.text = "regexp";
      // TRUE and FALSE are the integers 1 and 0, except after IS (IS TRUE is not = 1 for NULL).
      bool after_is = (i >= 1 && IsWord(tokens[i - 1], "is")) ||
                      (i >= 2 && IsWord(tokens[i - 1], "not") && IsWord(tokens[i - 2], "is"));
      if ((lower == "true" || lower == "false") && !after_is)
        token = {TokenKind::kNumber, lower == "true" ? "1" : "0"};
    } else if (token.kind == TokenKind::kOperator) {
      if (auto found = kOperators.find(token.text); found != kOperators.end()) {
        bool word = std::isalpha(static_cast<unsigned char>(found->second[0]));
        token = {word ? TokenKind::kWord : TokenKind::kOperator, found->second};
      }
    }
  }
}

// Calls MariaDB stores as another call or operator: date(x) -> cast(x as date), round(x) ->
// round(x,0), instr(s,t) and position(t in s) -> locate(t,s), substr(s from a for b) ->
// substr(s,a,b), convert(x, t) -> cast(x as t), date_add(d, interval ...) -> d + interval ...,
// cast(x as char) -> cast(x as char charset utf8mb4) (schemac's sessions are utf8mb4).
bool RewriteOneCall(std::vector<Token>& tokens) {
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord || tokens[i + 1].kind != TokenKind::kOpen) continue;
    if (i > 0 && tokens[i - 1].kind == TokenKind::kDot) continue;  // a qualified name, not a builtin
    std::string name = Lower(tokens[i].text);
    size_t open = i + 1;
    size_t close = MatchingClose(tokens, open);
    if (close == tokens.size()) return false;
    std::vector<std::vector<Token>> args = CallArguments(tokens, open, close);
    std::vector<Token> replacement;
    if (name == "date" && args.size() == 1) {
      replacement = {Word("cast"), {TokenKind::kOpen, "("}};
      Append(replacement, args[0]);
      Append(replacement, {Word("as"), Word("date"), {TokenKind::kClose, ")"}});
    } else if (name == "round" && args.size() == 1) {
      replacement = {Word("round"), {TokenKind::kOpen, "("}};
      Append(replacement, args[0]);
      Append(replacement, {{TokenKind::kComma, ","}, {TokenKind::kNumber, "0"}, {TokenKind::kClose, ")"}});
    } else if (name == "instr" && args.size() == 2) {
      replacement = {Word("locate"), {TokenKind::kOpen, "("}};
      Append(replacement, args[1]);
      replacement.push_back({TokenKind::kComma, ","});
      Append(replacement, args[0]);
      replacement.push_back({TokenKind::kClose, ")"});
    } else if (name == "position" && args.size() == 1 && FindTopLevelWord(args[0], "in") < args[0].size()) {
      size_t in = FindTopLevelWord(args[0], "in");
      replacement = {Word("locate"), {TokenKind::kOpen, "("}};
      replacement.insert(replacement.end(), args[0].begin(), args[0].begin() + in);
      replacement.push_back({TokenKind::kComma, ","});
      replacement.insert(replacement.end(), args[0].begin() + in + 1, args[0].end());
      replacement.push_back({TokenKind::kClose, ")"});
    } else if (name == "substr" && args.size() == 1 && FindTopLevelWord(args[0], "from") < args[0].size()) {
      std::vector<Token>& arg = args[0];
      size_t from = FindTopLevelWord(arg, "from");
      replacement = {Word("substr"), {TokenKind::kOpen, "("}};
      replacement.insert(replacement.end(), arg.begin(), arg.begin() + from);
      replacement.push_back({TokenKind::kComma, ","});
      std::vector<Token> rest(arg.begin() + from + 1, arg.end());
      size_t for_at = FindTopLevelWord(rest, "for");
      replacement.insert(replacement.end(), rest.begin(), rest.begin() + for_at);
      if (for_at < rest.size()) {
        replacement.push_back({TokenKind::kComma, ","});
        replacement.insert(replacement.end(), rest.begin() + for_at + 1, rest.end());
      }
      replacement.push_back({TokenKind::kClose, ")"});
    } else if (name == "convert" && args.size() == 2) {
      replacement = {Word("cast"), {TokenKind::kOpen, "("}};
      Append(replacement, args[0]);
      replacement.push_back(Word("as"));
      Append(replacement, args[1]);
      replacement.push_back({TokenKind::kClose, ")"});
    } else if ((name == "date_add" || name == "date_sub") && args.size() == 2 && !args[1].empty() &&
               IsWord(args[1][0], "interval")) {
      std::vector<Token> sum = Parenthesized(args[0]);
      sum.push_back({TokenKind::kOperator, name == "date_add" ? "+" : "-"});
      Append(sum, args[1]);
      replacement = Parenthesized(sum);
    } else if (name == "cast" && args.size() == 1) {
      std::vector<Token>& arg = args[0];
      size_t as = FindTopLevelWord(arg, "as");
      if (as + 1 >= arg.size() || !IsWord(arg[as + 1], "char")) continue;
      size_t after = as + 2;
      if (after < arg.size() && arg[after].kind == TokenKind::kOpen) after = MatchingClose(arg, after) + 1;
      if (after + 1 < arg.size() && IsWord(arg[after], "character") && IsWord(arg[after + 1], "set")) {
        arg.erase(arg.begin() + after, arg.begin() + after + 2);
        arg.insert(arg.begin() + after, Word("charset"));
      } else if (after == arg.size()) {
        arg.push_back(Word("charset"));
        arg.push_back(Word("utf8mb4"));
      } else {
        continue;
      }
      replacement = {Word("cast"), {TokenKind::kOpen, "("}};
      Append(replacement, arg);
      replacement.push_back({TokenKind::kClose, ")"});
    } else {
      continue;
    }
    tokens.erase(tokens.begin() + i, tokens.begin() + close + 1);
    tokens.insert(tokens.begin() + i, replacement.begin(), replacement.end());
    return true;
  }
  return false;
}

void RewriteCalls(std::vector<Token>& tokens) {
  for (int round = 0; round < 64 && RewriteOneCall(tokens); ++round) {
  }
}

// Operator precedence as MySQL parses it (higher binds tighter). kAtom: not an operator.
constexpr int kAtom = 100;
constexpr int kComparison = 5;

bool IsComparisonOperator(const std::string& op) {
  return op == "=" || op == "<>" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<=>";
}

// The precedence of tokens[i] as a binary operator or prefix, given what stands before it; kAtom
// for operands and for words that belong to a larger operator (IS NOT, NOT IN, BETWEEN's AND).
int Precedence(const std::vector<Token>& tokens, size_t i, bool after_operand, bool between_pending) {
  const Token& token = tokens[i];
  if (token.kind == TokenKind::kOperator) {
    const std::string& op = token.text;
    if (!after_operand) return 12;  // unary - + ~ !
    if (IsComparisonOperator(op)) return kComparison;
    if (op == "|") return 6;
    if (op == "&") return 7;
    if (op == "<<" || op == ">>") return 8;
    if (op == "+" || op == "-") return 9;
    if (op == "*" || op == "/") return 10;
    if (op == "^") return 11;
    return kAtom;
  }
  if (token.kind != TokenKind::kWord) return kAtom;
  std::string word = Lower(token.text);
  if (word == "or") return 1;
  if (word == "xor") return 2;
  if (word == "and") return between_pending ? kAtom : 3;
  if (word == "not") {
    if (i > 0 && IsWord(tokens[i - 1], "is")) return kAtom;
    bool part_of_predicate =
        i + 1 < tokens.size() && (IsWord(tokens[i + 1], "in") || IsWord(tokens[i + 1], "like") ||
                                  IsWord(tokens[i + 1], "between") || IsWord(tokens[i + 1], "regexp"));
    return part_of_predicate ? kComparison : 4;
  }
  if (word == "is" || word == "like" || word == "in" || word == "between" || word == "regexp")
    return (i > 0 && IsWord(tokens[i - 1], "not")) ? kAtom : kComparison;
  if (word == "div" || word == "mod") return 10;
  if (word == "collate") return 13;
  return kAtom;
}

// The lowest precedence of an operator at the top level of tokens[begin, end); kAtom when none,
// -1 when the range is a list (a top-level comma) and must keep its parentheses.
int LowestPrecedence(const std::vector<Token>& tokens, size_t begin, size_t end) {
  int lowest = kAtom;
  int depth = 0;
  int case_depth = 0;
  int betweens = 0;
  bool after_operand = false;
  for (size_t i = begin; i < end; ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::kOpen) {
      ++depth;
      continue;
    }
    if (token.kind == TokenKind::kClose) {
      --depth;
      after_operand = true;
      continue;
    }
    if (depth > 0) continue;
    if (IsWord(token, "case")) ++case_depth;
    if (IsWord(token, "end") && case_depth > 0) {
      --case_depth;
      after_operand = true;
      continue;
    }
    if (case_depth > 0) continue;
    if (token.kind == TokenKind::kComma) return -1;
    int precedence = Precedence(tokens, i, after_operand, betweens > 0);
    if (IsWord(token, "between")) ++betweens;
    if (IsWord(token, "and") && betweens > 0 && precedence == kAtom) --betweens;
    if (precedence != kAtom) {
      lowest = std::min(lowest, precedence);
      after_operand = false;
    } else {
      after_operand = !IsWord(token, "interval") && !IsWord(token, "is") && !IsWord(token, "not");
    }
  }
  return lowest;
}

bool EndsOperand(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size()) return true;
  const Token& token = tokens[i];
  return token.kind == TokenKind::kClose || token.kind == TokenKind::kComma || IsWord(token, "and") ||
         IsWord(token, "or") || IsWord(token, "xor") || IsWord(token, "then") || IsWord(token, "else") ||
         IsWord(token, "when") || IsWord(token, "end");
}

bool StartsOperand(const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return true;
  const Token& token = tokens[i - 1];
  return token.kind == TokenKind::kOpen || token.kind == TokenKind::kComma || IsWord(token, "and") ||
         IsWord(token, "or") || IsWord(token, "xor") || IsWord(token, "then") || IsWord(token, "else") ||
         IsWord(token, "when") || IsWord(token, "not");
}

// NOT (x > 1) is stored as x <= 1, NOT (x IN (...)) as x NOT IN (...), NOT (x IS NULL) as
// x IS NOT NULL: a NOT in front of one parenthesized predicate is folded into it.
bool FoldOneNegation(std::vector<Token>& tokens) {
  static const std::map<std::string, std::string> kInverse = {{"=", "<>"}, {"<>", "="}, {"<", ">="},
                                                              {">=", "<"}, {">", "<="}, {"<=", ">"}};
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    bool negation =
        IsWord(tokens[i], "not") || (tokens[i].kind == TokenKind::kOperator && tokens[i].text == "!");
    if (!negation || !StartsOperand(tokens, i)) continue;
    if (IsWord(tokens[i], "not") && i > 0 && IsWord(tokens[i - 1], "is")) continue;
    auto is_column = [](const Token& token) {
      return token.kind == TokenKind::kQuotedIdentifier ||
             (token.kind == TokenKind::kWord && !IsOperatorKeyword(Lower(token.text)) &&
              !IdentifierNeedsQuoting(token.text));
    };
    // NOT column is stored as column = 0.
    if (is_column(tokens[i + 1]) && EndsOperand(tokens, i + 2)) {
      Token column = tokens[i + 1];
      tokens.erase(tokens.begin() + i, tokens.begin() + i + 2);
      tokens.insert(tokens.begin() + i, {column, {TokenKind::kOperator, "="}, {TokenKind::kNumber, "0"}});
      return true;
    }
    if (tokens[i + 1].kind != TokenKind::kOpen) continue;
    size_t open = i + 1;
    size_t close = MatchingClose(tokens, open);
    if (close == tokens.size() || !EndsOperand(tokens, close + 1)) continue;
    int lowest = LowestPrecedence(tokens, open + 1, close);
    if (lowest == 1 || lowest == 3) {
      // De Morgan, as the server applies it: NOT (a AND b) -> (NOT (a) OR NOT (b)).
      std::vector<Token> rewritten{{TokenKind::kOpen, "("}};
      std::vector<Token> part;
      auto flush = [&]() {
        Append(rewritten, {Word("not"), {TokenKind::kOpen, "("}});
        Append(rewritten, part);
        rewritten.push_back({TokenKind::kClose, ")"});
        part.clear();
      };
      int depth = 0;
      int betweens = 0;
      bool after_operand = false;
      for (size_t j = open + 1; j < close; ++j) {
        const Token& token = tokens[j];
        if (token.kind == TokenKind::kOpen) ++depth;
        if (token.kind == TokenKind::kClose) --depth;
        if (depth == 0 && token.kind != TokenKind::kClose && token.kind != TokenKind::kOpen) {
          int precedence = Precedence(tokens, j, after_operand, betweens > 0);
          if (IsWord(token, "between")) ++betweens;
          if (IsWord(token, "and") && betweens > 0 && precedence == kAtom) --betweens;
          after_operand = precedence == kAtom;
          if (precedence == lowest) {
            flush();
            rewritten.push_back(Word(lowest == 1 ? "and" : "or"));
            continue;
          }
        } else if (token.kind == TokenKind::kClose && depth == 0) {
          after_operand = true;
        }
        part.push_back(token);
      }
      flush();
      rewritten.push_back({TokenKind::kClose, ")"});
      tokens.erase(tokens.begin() + i, tokens.begin() + close + 1);
      tokens.insert(tokens.begin() + i, rewritten.begin(), rewritten.end());
      return true;
    }
    if (lowest != kComparison) continue;
    // The one top-level predicate operator inside.
    std::vector<size_t> predicates;
    int depth = 0;
    bool after_operand = false;
    int betweens = 0;
    for (size_t j = open + 1; j < close; ++j) {
      if (tokens[j].kind == TokenKind::kOpen) ++depth;
      if (tokens[j].kind == TokenKind::kClose) {
        --depth;
        after_operand = true;
        continue;
      }
      if (depth > 0 || tokens[j].kind == TokenKind::kOpen) continue;
      int precedence = Precedence(tokens, j, after_operand, betweens > 0);
      if (IsWord(tokens[j], "between")) ++betweens;
      if (precedence == kComparison) predicates.push_back(j);
      after_operand = precedence == kAtom;
    }
    if (predicates.size() != 1) continue;
    size_t at = predicates[0];
    std::vector<Token> inner(tokens.begin() + open + 1, tokens.begin() + close);
    size_t k = at - open - 1;
    Token& op = inner[k];
    if (op.kind == TokenKind::kOperator) {
      auto inverse = kInverse.find(op.text);
      if (inverse == kInverse.end()) continue;
      op.text = inverse->second;
    } else if (IsWord(op, "not")) {
      inner.erase(inner.begin() + k);  // NOT (x NOT IN ...) -> x IN ...
    } else if (IsWord(op, "is")) {
      if (k + 1 < inner.size() && IsWord(inner[k + 1], "not"))
        inner.erase(inner.begin() + k + 1);
      else
        inner.insert(inner.begin() + k + 1, Word("not"));
    } else {
      inner.insert(inner.begin() + k, Word("not"));  // in, like, between, regexp
    }
    tokens.erase(tokens.begin() + i, tokens.begin() + close + 1);
    tokens.insert(tokens.begin() + i, inner.begin(), inner.end());
    return true;
  }
  return false;
}

// Parentheses the server leaves out when it prints an expression: those the precedence of the
// operators on both sides makes redundant ((a > 0) and (b > 0) -> a > 0 and b > 0).
bool DropOneRedundantGroup(std::vector<Token>& tokens) {
  for (size_t open = 0; open < tokens.size(); ++open) {
    if (tokens[open].kind != TokenKind::kOpen) continue;
    int left = 0;
    if (open > 0) {
      const Token& before = tokens[open - 1];
      if (before.kind == TokenKind::kQuotedIdentifier) continue;  // a call
      if (before.kind == TokenKind::kWord) {
        std::string word = Lower(before.text);
        if (word == "when" || word == "then" || word == "else" || word == "case") {
          left = 0;
        } else if (!IsOperatorKeyword(word) || word == "in" || word == "interval" || word == "as" ||
                   word == "exists" || word == "collate") {
          continue;  // a call, an IN list, ...
        } else {
          bool after_operand = open >= 2 && tokens[open - 2].kind != TokenKind::kOperator &&
                               tokens[open - 2].kind != TokenKind::kOpen &&
                               tokens[open - 2].kind != TokenKind::kComma;
          left = Precedence(tokens, open - 1, after_operand, false);
          if (left == kAtom) left = kComparison;  // between's AND, IS NOT: a comparison's operand
        }
      } else if (before.kind == TokenKind::kOperator) {
        bool after_operand =
            open >= 2 && tokens[open - 2].kind != TokenKind::kOperator &&
            tokens[open - 2].kind != TokenKind::kOpen && tokens[open - 2].kind != TokenKind::kComma &&
            !(tokens[open - 2].kind == TokenKind::kWord && IsOperatorKeyword(Lower(tokens[open - 2].text)));
        left = Precedence(tokens, open - 1, after_operand, false);
      } else if (before.kind != TokenKind::kOpen && before.kind != TokenKind::kComma) {
        continue;
      }
    }
    size_t close = MatchingClose(tokens, open);
    if (close == tokens.size() || close == open + 1) continue;
    int inner = LowestPrecedence(tokens, open + 1, close);
    if (inner < 0) continue;
    int right = 0;
    if (close + 1 < tokens.size()) {
      const Token& after = tokens[close + 1];
      if (after.kind == TokenKind::kClose || after.kind == TokenKind::kComma || IsWord(after, "then") ||
          IsWord(after, "else") || IsWord(after, "when") || IsWord(after, "end")) {
        right = 0;
      } else {
        right = Precedence(tokens, close + 1, true, false);
        if (right == kAtom) continue;
      }
    }
    if (inner > left && inner >= right) {
      tokens.erase(tokens.begin() + close);
      tokens.erase(tokens.begin() + open);
      return true;
    }
  }
  return false;
}

// True when tokens[0] is "(" and its matching ")" is the last token.
bool WrappedInParentheses(const std::vector<Token>& tokens) {
  if (tokens.size() < 2 || tokens.front().kind != TokenKind::kOpen ||
      tokens.back().kind != TokenKind::kClose) {
    return false;
  }
  int depth = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == TokenKind::kOpen) ++depth;
    if (tokens[i].kind == TokenKind::kClose) --depth;
    if (depth == 0 && i + 1 < tokens.size()) return false;
  }
  return true;
}

}  // namespace

bool IdentifierNeedsQuoting(const std::string& word) {
  if (word.empty() || !IsWordStart(word[0])) return true;
  for (char c : word) {
    if (!IsWordChar(c) || (c & 0x80)) return true;
  }
  // Reserved words of MySQL 8 and MariaDB that plausibly name a column.
  static const std::set<std::string> kReserved = {"accessible",
                                                  "add",
                                                  "all",
                                                  "alter",
                                                  "analyze",
                                                  "and",
                                                  "as",
                                                  "asc",
                                                  "asensitive",
                                                  "before",
                                                  "between",
                                                  "bigint",
                                                  "binary",
                                                  "blob",
                                                  "both",
                                                  "by",
                                                  "call",
                                                  "cascade",
                                                  "case",
                                                  "change",
                                                  "char",
                                                  "character",
                                                  "check",
                                                  "collate",
                                                  "column",
                                                  "condition",
                                                  "constraint",
                                                  "continue",
                                                  "convert",
                                                  "create",
                                                  "cross",
                                                  "cube",
                                                  "cume_dist",
                                                  "current_date",
                                                  "current_role",
                                                  "current_time",
                                                  "current_timestamp",
                                                  "current_user",
                                                  "cursor",
                                                  "database",
                                                  "databases",
                                                  "day_hour",
                                                  "day_microsecond",
                                                  "day_minute",
                                                  "day_second",
                                                  "dec",
                                                  "decimal",
                                                  "declare",
                                                  "default",
                                                  "delayed",
                                                  "delete",
                                                  "dense_rank",
                                                  "desc",
                                                  "describe",
                                                  "deterministic",
                                                  "distinct",
                                                  "distinctrow",
                                                  "div",
                                                  "double",
                                                  "drop",
                                                  "dual",
                                                  "each",
                                                  "else",
                                                  "elseif",
                                                  "empty",
                                                  "enclosed",
                                                  "escaped",
                                                  "except",
                                                  "exists",
                                                  "exit",
                                                  "explain",
                                                  "false",
                                                  "fetch",
                                                  "first_value",
                                                  "float",
                                                  "float4",
                                                  "float8",
                                                  "for",
                                                  "force",
                                                  "foreign",
                                                  "from",
                                                  "fulltext",
                                                  "function",
                                                  "generated",
                                                  "get",
                                                  "grant",
                                                  "group",
                                                  "grouping",
                                                  "groups",
                                                  "having",
                                                  "high_priority",
                                                  "hour_microsecond",
                                                  "hour_minute",
                                                  "hour_second",
                                                  "if",
                                                  "ignore",
                                                  "in",
                                                  "index",
                                                  "infile",
                                                  "inner",
                                                  "inout",
                                                  "insensitive",
                                                  "insert",
                                                  "int",
                                                  "int1",
                                                  "int2",
                                                  "int3",
                                                  "int4",
                                                  "int8",
                                                  "integer",
                                                  "intersect",
                                                  "interval",
                                                  "into",
                                                  "io_after_gtids",
                                                  "io_before_gtids",
                                                  "is",
                                                  "iterate",
                                                  "join",
                                                  "json_table",
                                                  "key",
                                                  "keys",
                                                  "kill",
                                                  "lag",
                                                  "last_value",
                                                  "lateral",
                                                  "lead",
                                                  "leading",
                                                  "leave",
                                                  "left",
                                                  "like",
                                                  "limit",
                                                  "linear",
                                                  "lines",
                                                  "load",
                                                  "localtime",
                                                  "localtimestamp",
                                                  "lock",
                                                  "long",
                                                  "longblob",
                                                  "longtext",
                                                  "loop",
                                                  "low_priority",
                                                  "master_bind",
                                                  "master_ssl_verify_server_cert",
                                                  "match",
                                                  "maxvalue",
                                                  "mediumblob",
                                                  "mediumint",
                                                  "mediumtext",
                                                  "middleint",
                                                  "minute_microsecond",
                                                  "minute_second",
                                                  "mod",
                                                  "modifies",
                                                  "natural",
                                                  "not",
                                                  "no_write_to_binlog",
                                                  "nth_value",
                                                  "ntile",
                                                  "null",
                                                  "numeric",
                                                  "of",
                                                  "offset",
                                                  "on",
                                                  "optimize",
                                                  "optimizer_costs",
                                                  "option",
                                                  "optionally",
                                                  "or",
                                                  "order",
                                                  "out",
                                                  "outer",
                                                  "outfile",
                                                  "over",
                                                  "partition",
                                                  "percent_rank",
                                                  "precision",
                                                  "primary",
                                                  "procedure",
                                                  "purge",
                                                  "range",
                                                  "rank",
                                                  "read",
                                                  "reads",
                                                  "read_write",
                                                  "real",
                                                  "recursive",
                                                  "references",
                                                  "regexp",
                                                  "release",
                                                  "rename",
                                                  "repeat",
                                                  "replace",
                                                  "require",
                                                  "resignal",
                                                  "restrict",
                                                  "return",
                                                  "returning",
                                                  "revoke",
                                                  "right",
                                                  "rlike",
                                                  "row",
                                                  "rows",
                                                  "row_number",
                                                  "schema",
                                                  "schemas",
                                                  "second_microsecond",
                                                  "select",
                                                  "sensitive",
                                                  "separator",
                                                  "set",
                                                  "show",
                                                  "signal",
                                                  "smallint",
                                                  "spatial",
                                                  "specific",
                                                  "sql",
                                                  "sqlexception",
                                                  "sqlstate",
                                                  "sqlwarning",
                                                  "sql_big_result",
                                                  "sql_calc_found_rows",
                                                  "sql_small_result",
                                                  "ssl",
                                                  "starting",
                                                  "stored",
                                                  "straight_join",
                                                  "system",
                                                  "table",
                                                  "terminated",
                                                  "then",
                                                  "tinyblob",
                                                  "tinyint",
                                                  "tinytext",
                                                  "to",
                                                  "trailing",
                                                  "trigger",
                                                  "true",
                                                  "undo",
                                                  "union",
                                                  "unique",
                                                  "unlock",
                                                  "unsigned",
                                                  "update",
                                                  "usage",
                                                  "use",
                                                  "using",
                                                  "utc_date",
                                                  "utc_time",
                                                  "utc_timestamp",
                                                  "values",
                                                  "varbinary",
                                                  "varchar",
                                                  "varcharacter",
                                                  "varying",
                                                  "virtual",
                                                  "when",
                                                  "where",
                                                  "while",
                                                  "window",
                                                  "with",
                                                  "write",
                                                  "xor",
                                                  "year_month",
                                                  "zerofill"};
  return kReserved.count(Lower(word)) > 0;
}

std::string CanonicalExpression(const std::string& expression) {
  std::vector<Token> tokens = Tokenize(expression);
  CanonicalizeTimestampFunctions(tokens);
  CanonicalizeSpellings(tokens);
  RewriteCalls(tokens);
  for (int round = 0; round < 256 && (FoldOneNegation(tokens) || DropOneRedundantGroup(tokens)); ++round) {
  }
  while (WrappedInParentheses(tokens)) tokens = std::vector<Token>(tokens.begin() + 1, tokens.end() - 1);

  std::string out;
  const Token* previous = nullptr;
  bool previous_unary = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    std::string text;
    switch (token.kind) {
      case TokenKind::kWord:
        // A bare word is a keyword, a function or a column, valid bare as written: never quote it
        // (CAST(x AS CHAR), CURRENT_DATE). MySQL ignores the case of all three.
        text = Lower(token.text);
        break;
      case TokenKind::kQuotedIdentifier:
        text = PrintIdentifier(token.text);
        break;
      default:
        text = token.text;
        break;
    }

    bool unary = false;
    if (token.kind == TokenKind::kOperator &&
        (token.text == "-" || token.text == "+" || token.text == "~" || token.text == "!")) {
      unary = previous == nullptr || previous->kind == TokenKind::kOperator ||
              previous->kind == TokenKind::kOpen || previous->kind == TokenKind::kComma ||
              (previous->kind == TokenKind::kWord && IsOperatorKeyword(Lower(previous->text)));
    }

    bool space = true;
    if (previous == nullptr)
      space = false;
    else if (previous->kind == TokenKind::kOpen || previous->kind == TokenKind::kDot)
      space = false;
    else if (token.kind == TokenKind::kClose || token.kind == TokenKind::kComma ||
             token.kind == TokenKind::kDot)
      space = false;
    else if (previous_unary)
      space = false;
    else if (token.kind == TokenKind::kOpen &&
             (previous->kind == TokenKind::kWord || previous->kind == TokenKind::kQuotedIdentifier) &&
             !IsOperatorKeyword(Lower(previous->text))) {
      space = false;  // a function call: name(args)
    }
    if (space) out += ' ';
    out += text;
    previous = &token;
    previous_unary = unary;
  }
  return out;
}

}  // namespace schemac::dialects::mysql
