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

std::vector<Token> Tokenize(const std::string& text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {  // string literal, kept verbatim ('' and \ escapes)
      size_t start = i++;
      while (i < text.size()) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          i += 2;
          continue;
        }
        if (text[i] == c) {
          if (i + 1 < text.size() && text[i + 1] == c) {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
      tokens.push_back({TokenKind::kString, text.substr(start, i - start)});
      continue;
    }
    if (c == '`') {
      std::string name;
      ++i;
      while (i < text.size()) {
        if (text[i] == '`') {
          if (i + 1 < text.size() && text[i + 1] == '`') {
            name += '`';
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

// MariaDB prints lower() and upper() back as lcase() and ucase(); MySQL keeps what was written.
void CanonicalizeFunctionSynonyms(std::vector<Token>& tokens) {
  static const std::pair<const char*, const char*> kSynonyms[] = {{"lcase", "lower"}, {"ucase", "upper"}};
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord || tokens[i + 1].kind != TokenKind::kOpen) continue;
    std::string lower = Lower(tokens[i].text);
    for (const auto& [from, to] : kSynonyms) {
      if (lower == from) tokens[i].text = to;
    }
  }
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
  CanonicalizeFunctionSynonyms(tokens);
  while (WrappedInParentheses(tokens)) tokens = std::vector<Token>(tokens.begin() + 1, tokens.end() - 1);

  std::string out;
  const Token* previous = nullptr;
  bool previous_unary = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    bool next_is_open = i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kOpen;
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
