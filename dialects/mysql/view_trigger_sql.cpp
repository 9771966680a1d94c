#include "dialects/mysql/view_trigger_sql.hpp"

#include <algorithm>
#include <cctype>

#include "dialects/mysql/normalize_expression.hpp"
#include "dialects/mysql/render.hpp"

namespace schemac::dialects::mysql {
namespace {

// A token of SQL text: its text exactly as in the source, and for names the name itself.
struct Piece {
  enum class Kind { kWord, kQuoted, kString, kOther } kind = Kind::kOther;
  std::string text;
  std::string name;  // kWord / kQuoted: the identifier, unquoted
  bool space_before = false;
};

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Tokens of `text`, comments dropped. Quoted names and strings keep their quotes; an unterminated
// one runs to the end (the server rejects such text anyway).
std::vector<Piece> Split(const std::string& text) {
  std::vector<Piece> pieces;
  bool space = false;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      ++i;
      continue;
    }
    if ((c == '-' && text.compare(i, 2, "--") == 0 &&
         (i + 2 >= text.size() || std::isspace(static_cast<unsigned char>(text[i + 2])))) ||
        c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      space = true;
      continue;
    }
    if (c == '/' && text.compare(i, 2, "/*") == 0) {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string::npos ? text.size() : end + 2;
      space = true;
      continue;
    }
    Piece piece;
    piece.space_before = space && !pieces.empty();
    space = false;
    const size_t start = i;
    if (c == '\'' || c == '"' || c == '`') {
      ++i;
      while (i < text.size()) {
        if (text[i] == '\\' && c != '`' && i + 1 < text.size()) {
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
      piece.text = text.substr(start, i - start);
      if (c == '`') {
        piece.kind = Piece::Kind::kQuoted;
        for (size_t k = 1; k + 1 < piece.text.size(); ++k) {
          piece.name += piece.text[k];
          if (piece.text[k] == '`') ++k;
        }
      } else {
        piece.kind = Piece::Kind::kString;
      }
    } else if (IsWordChar(c)) {
      while (i < text.size() && IsWordChar(text[i])) ++i;
      piece.kind = Piece::Kind::kWord;
      piece.text = text.substr(start, i - start);
      piece.name = piece.text;
    } else {
      // Operators of several characters stay one token: `a <> b` must not print as `a < > b`.
      static const char* kLongOperators[] = {
          "<=>", "->>", "<>", "<=", ">=", "!=", ":=", "||", "&&", "->", "<<", ">>"};
      size_t length = 1;
      for (const char* op : kLongOperators) {
        if (text.compare(i, std::char_traits<char>::length(op), op) == 0) {
          length = std::char_traits<char>::length(op);
          break;
        }
      }
      piece.text = text.substr(i, length);
      i += length;
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

bool IsName(const Piece& piece) {
  return piece.kind == Piece::Kind::kWord || piece.kind == Piece::Kind::kQuoted;
}
bool IsWord(const Piece& piece, const char* word) {
  return piece.kind == Piece::Kind::kWord && Lower(piece.text) == word;
}
bool Is(const Piece& piece, const char* text) {
  return piece.kind == Piece::Kind::kOther && piece.text == text;
}

size_t MatchingClose(const std::vector<Piece>& pieces, size_t open) {
  int depth = 0;
  for (size_t i = open; i < pieces.size(); ++i) {
    if (Is(pieces[i], "(")) ++depth;
    if (Is(pieces[i], ")") && --depth == 0) return i;
  }
  return pieces.size();
}

// True when the sign at `at` applies to what follows (`>= -5`), not a subtraction (`a - 5`).
bool IsUnarySign(const std::vector<Piece>& pieces, size_t at) {
  if (at == 0) return true;
  const Piece& before = pieces[at - 1];
  if (before.kind == Piece::Kind::kOther) return !Is(before, ")");
  for (const char* word :
       {"and",     "or", "not", "where", "select", "when",   "then", "else", "on",  "having", "by",
        "between", "in", "is",  "like",  "limit",  "return", "set",  "xor",  "div", "mod"}) {
    if (IsWord(before, word)) return true;
  }
  return false;
}

// Pieces printed in one style: one space between tokens but none inside `a.b`, `f(`, `(x`, `x)`,
// `x,`.
std::string Join(const std::vector<Piece>& pieces) {
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    if (i > 0) {
      const Piece& previous = pieces[i - 1];
      bool tight =
          Is(previous, "(") || Is(previous, ".") || Is(piece, ")") || Is(piece, ",") || Is(piece, ".") ||
          (Is(piece, "(") && IsName(previous) && !IsWord(previous, "in") && !IsWord(previous, "as") &&
           !IsWord(previous, "from") && !IsWord(previous, "join") && !IsWord(previous, "and") &&
           !IsWord(previous, "or") && !IsWord(previous, "not") && !IsWord(previous, "exists") &&
           !IsWord(previous, "select") && !IsWord(previous, "on") && !IsWord(previous, "where"));
      if (!tight && (Is(previous, "-") || Is(previous, "+")) && IsUnarySign(pieces, i - 1)) tight = true;
      if (!tight) out += ' ';
    }
    out += piece.text;
  }
  return out;
}

// Words that end a FROM clause's relation list at the top level.
bool EndsFromClause(const Piece& piece) {
  for (const char* word : {"where", "group", "order", "limit", "having", "union", "window", "procedure",
                           "into", "for", "lock"}) {
    if (IsWord(piece, word)) return true;
  }
  return Is(piece, ")");
}

bool StartsJoin(const Piece& piece) {
  for (const char* word : {"join", "left", "right", "inner", "cross", "natural", "straight_join", "outer",
                           "on", "using", "where", "group", "order", "limit", "having", "union"}) {
    if (IsWord(piece, word)) return true;
  }
  return Is(piece, ")") || Is(piece, ",");
}

// Drops `as` at depth 0 of each SELECT (the select list and FROM aliases; CAST(x AS t) is inside
// parentheses), then an alias equal to the column before it (`t.id id` -> `t.id`).
void DropRedundantAliases(std::vector<Piece>& pieces) {
  std::vector<Piece> out;
  int depth = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (Is(pieces[i], "(")) ++depth;
    if (Is(pieces[i], ")")) --depth;
    if (depth == 0 && IsWord(pieces[i], "as")) continue;
    out.push_back(pieces[i]);
  }
  pieces.clear();
  for (size_t i = 0; i < out.size(); ++i) {
    const bool alias_position = i + 1 == out.size() || Is(out[i + 1], ",") || IsWord(out[i + 1], "from");
    if (i > 0 && alias_position && IsName(out[i]) && IsName(out[i - 1]) &&
        Lower(out[i].name) == Lower(out[i - 1].name) && !pieces.empty()) {
      continue;
    }
    pieces.push_back(out[i]);
  }
}

// count(*) is stored as count(0).
void CountStarAsZero(std::vector<Piece>& pieces) {
  for (size_t i = 0; i + 3 < pieces.size(); ++i) {
    if (IsWord(pieces[i], "count") && Is(pieces[i + 1], "(") && Is(pieces[i + 2], "*") &&
        Is(pieces[i + 3], ")"))
      pieces[i + 2] = Piece{Piece::Kind::kOther, "0", "", false};
  }
}

// The server writes `from (a join b on(x))`: the parentheses around a FROM join, and those around
// a whole ON, WHERE or HAVING condition, are dropped.
void DropJoinParentheses(std::vector<Piece>& pieces) {
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i + 1 < pieces.size(); ++i) {
      const bool after_from = IsWord(pieces[i], "from") && i + 2 < pieces.size() && IsName(pieces[i + 2]) &&
                              !IsWord(pieces[i + 2], "select");
      const bool after_on =
          IsWord(pieces[i], "on") || IsWord(pieces[i], "where") || IsWord(pieces[i], "having");
      if (!(after_from || after_on) || !Is(pieces[i + 1], "(")) continue;
      const size_t close = MatchingClose(pieces, i + 1);
      if (close >= pieces.size()) continue;
      if (after_on && close + 1 < pieces.size() && !StartsJoin(pieces[close + 1])) continue;
      pieces.erase(pieces.begin() + static_cast<long>(close));
      pieces.erase(pieces.begin() + static_cast<long>(i) + 1);
      changed = true;
      break;
    }
  }
}

// A query whose one FROM names a single relation (with or without an alias) and has no subquery:
// the server qualifies every column with it; the qualifier says nothing, so it goes.
void DropSingleRelationQualifier(std::vector<Piece>& pieces) {
  size_t from = pieces.size();
  int depth = 0;
  int froms = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (Is(pieces[i], "(")) ++depth;
    if (Is(pieces[i], ")")) --depth;
    if (IsWord(pieces[i], "select") && i > 0) return;  // a subquery or a union: leave it as written
    if (depth == 0 && IsWord(pieces[i], "from")) {
      from = i;
      ++froms;
    }
  }
  if (froms != 1) return;
  size_t end = from + 1;
  while (end < pieces.size() && !EndsFromClause(pieces[end])) ++end;
  std::vector<std::string> qualifiers;
  if (end == from + 2 && IsName(pieces[from + 1])) {
    qualifiers.push_back(pieces[from + 1].name);
  } else if (end == from + 3 && IsName(pieces[from + 1]) && IsName(pieces[from + 2])) {
    qualifiers.push_back(pieces[from + 1].name);
    qualifiers.push_back(pieces[from + 2].name);
    pieces.erase(pieces.begin() + static_cast<long>(from) + 2);  // the alias: nothing refers to it now
  } else {
    return;
  }
  std::vector<Piece> out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const bool qualifier = IsName(pieces[i]) && i + 2 < pieces.size() && Is(pieces[i + 1], ".") &&
                           IsName(pieces[i + 2]) && (i == 0 || !Is(pieces[i - 1], ".")) &&
                           std::any_of(qualifiers.begin(), qualifiers.end(), [&](const std::string& q) {
                             return Lower(q) == Lower(pieces[i].name);
                           });
    if (qualifier) {
      ++i;  // the dot
      continue;
    }
    out.push_back(pieces[i]);
  }
  pieces = std::move(out);
}

// Names of relations keep their declared case (table names are case-sensitive on most servers);
// CanonicalExpression lowered them.
void RestoreRelationCase(std::vector<Piece>& pieces, const std::vector<std::string>& relations) {
  for (Piece& piece : pieces) {
    if (!IsName(piece)) continue;
    for (const std::string& relation : relations) {
      if (Lower(relation) != Lower(piece.name) || relation == piece.name) continue;
      piece.name = relation;
      piece.text = IdentifierNeedsQuoting(relation) || Lower(relation) != relation ? QuoteIdentifier(relation)
                                                                                   : relation;
      piece.kind = Piece::Kind::kQuoted;
    }
  }
}

}  // namespace

std::string StripDatabaseQualifier(const std::string& text, const std::string& database) {
  std::vector<Piece> pieces = Split(text);
  std::string out;
  size_t copied = 0;
  // Work on the source text so that everything else stays byte for byte as stored.
  size_t position = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const size_t at = text.find(pieces[i].text, position);
    if (at == std::string::npos) break;
    position = at + pieces[i].text.size();
    if (IsName(pieces[i]) && pieces[i].name == database && i + 1 < pieces.size() && Is(pieces[i + 1], ".") &&
        (i == 0 || !Is(pieces[i - 1], "."))) {
      out += text.substr(copied, at - copied);
      const size_t dot = text.find('.', position);
      copied = dot == std::string::npos ? text.size() : dot + 1;
      position = copied;
      ++i;
    }
  }
  return out + text.substr(std::min(copied, text.size()));
}

bool SelectsStar(const std::string& q) {
  for (size_t at = q.find('*'); at != std::string::npos; at = q.find('*', at + 1)) {
    size_t before = at;
    while (before > 0 && (q[before - 1] == ' ' || q[before - 1] == '\n' || q[before - 1] == '\t')) --before;
    const bool star_column =
        before == 0 || q[before - 1] == ',' || q[before - 1] == '.' ||
        (before >= 6 && (q.compare(before - 6, 6, "select") == 0 || q.compare(before - 6, 6, "SELECT") == 0));
    if (star_column) return true;
  }
  return false;
}

std::string CanonicalViewQuery(const std::string& query, const std::vector<std::string>& relations) {
  std::vector<Piece> pieces = Split(CanonicalExpression(query));
  while (!pieces.empty() && Is(pieces.back(), ";")) pieces.pop_back();
  CountStarAsZero(pieces);
  DropJoinParentheses(pieces);
  DropRedundantAliases(pieces);
  DropSingleRelationQualifier(pieces);
  RestoreRelationCase(pieces, relations);
  return Join(pieces);
}

std::string CanonicalCompoundBody(const std::string& body) {
  std::vector<Piece> pieces = Split(body);
  if (pieces.size() >= 2 && IsWord(pieces.front(), "begin") && IsWord(pieces.back(), "end")) {
    pieces = std::vector<Piece>(pieces.begin() + 1, pieces.end() - 1);
    // An empty compound statement (a procedure that does nothing yet) stays one: a schema's body
    // cannot be empty.
    if (pieces.empty()) return "BEGIN END";
  }
  if (pieces.empty()) return "";
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].space_before && i > 0) out += ' ';
    out += pieces[i].text;
  }
  if (!Is(pieces.back(), ";")) out += ";";
  return out;
}

std::string RenderCreateView(const model::View& view, bool or_replace) {
  std::string sql = or_replace ? "CREATE OR REPLACE" : "CREATE";
  if (view.algorithm == model::ViewAlgorithm::Merge) sql += " ALGORITHM=MERGE";
  if (view.algorithm == model::ViewAlgorithm::TempTable) sql += " ALGORITHM=TEMPTABLE";
  if (!view.definer.empty()) sql += " DEFINER=" + RenderDefiner(view.definer);
  if (view.security == model::ViewSecurity::Invoker) sql += " SQL SECURITY INVOKER";
  sql += " VIEW " + QuoteIdentifier(view.name);
  if (!view.columns.empty()) {
    sql += " (";
    for (size_t i = 0; i < view.columns.size(); ++i)
      sql += (i ? ", " : "") + QuoteIdentifier(view.columns[i]);
    sql += ")";
  }
  sql += " AS " + view.query;
  if (view.check_option == model::ViewCheckOption::Cascaded) sql += " WITH CASCADED CHECK OPTION";
  if (view.check_option == model::ViewCheckOption::Local) sql += " WITH LOCAL CHECK OPTION";
  return sql;
}

std::string RenderDropView(const std::string& name) { return "DROP VIEW " + QuoteIdentifier(name); }

std::string RenderRenameView(const std::string& from, const std::string& to) {
  return "RENAME TABLE " + QuoteIdentifier(from) + " TO " + QuoteIdentifier(to);
}

std::string RenderCreateTrigger(const model::Trigger& trigger, const std::string& order,
                                const std::string& neighbour) {
  std::string sql =
      std::string("CREATE") + (trigger.definer.empty() ? "" : " DEFINER=" + RenderDefiner(trigger.definer)) +
      " TRIGGER " + QuoteIdentifier(trigger.name) + " " + model::TriggerTimingSql(trigger.timing) + " " +
      model::TriggerEventSql(trigger.events.empty() ? model::TriggerEvent::Insert : trigger.events[0]) +
      " ON " + QuoteIdentifier(trigger.table) + " FOR EACH ROW";
  if (!order.empty() && !neighbour.empty()) sql += " " + order + " " + QuoteIdentifier(neighbour);
  return sql + " " + RenderCompoundBody(trigger.body);
}

std::string RenderCompoundBody(const std::string& body) {
  // One statement is written bare, as most hand-written triggers and routines are (the server keeps
  // the text as written, so schemac's and a hand-written one then read back alike); several need a
  // compound BEGIN ... END.
  if (body == "BEGIN END") return body;
  const std::vector<Piece> pieces = Split(body);
  const auto semicolons =
      std::count_if(pieces.begin(), pieces.end(), [](const Piece& p) { return Is(p, ";"); });
  if (semicolons == 1 && !pieces.empty() && Is(pieces.back(), ";")) {
    std::string statement = body;
    statement.erase(statement.find_last_of(';'));
    while (!statement.empty() && statement.back() == ' ') statement.pop_back();
    return statement;
  }
  return "BEGIN " + body + " END";
}

std::string RenderDropTrigger(const std::string& name) { return "DROP TRIGGER " + QuoteIdentifier(name); }

std::string RenderDropTriggerIfExists(const std::string& name) {
  return "DROP TRIGGER IF EXISTS " + QuoteIdentifier(name);
}

}  // namespace schemac::dialects::mysql
