#include "dialects/sqlite/view_trigger_sql.hpp"

#include <vector>

#include "dialects/sqlite/sql_lexer.hpp"
#include "dialects/sqlite/sql_text.hpp"

namespace schemac::dialects::sqlite {
namespace {

// Tokens [first, last) as canonical text: token texts verbatim, one space where the source had
// whitespace or a comment between two of them.
std::string JoinTokens(std::string_view sql, const std::vector<Token>& tokens, std::size_t first,
                       std::size_t last) {
  std::string text;
  for (std::size_t i = first; i < last && i < tokens.size(); ++i) {
    if (i > first && tokens[i - 1].end != tokens[i].begin) text += ' ';
    text += sql.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  return text;
}

Status Malformed(std::string_view what, std::string_view sql) {
  return Status(StatusCode::kUnsupported,
                "cannot read the stored " + std::string(what) + " text: " + std::string(sql));
}

// Skips TEMP/TEMPORARY, the object keyword and IF NOT EXISTS; returns the index of the name.
std::size_t SkipCreateHead(const std::vector<Token>& tokens, std::string_view keyword) {
  std::size_t i = 0;
  if (i < tokens.size() && tokens[i].IsKeyword("CREATE")) ++i;
  if (i < tokens.size() && (tokens[i].IsKeyword("TEMP") || tokens[i].IsKeyword("TEMPORARY"))) ++i;
  if (i < tokens.size() && tokens[i].IsKeyword(keyword)) ++i;
  if (i + 2 < tokens.size() && tokens[i].IsKeyword("IF") && tokens[i + 1].IsKeyword("NOT") &&
      tokens[i + 2].IsKeyword("EXISTS"))
    i += 3;
  return i;
}

// Reads `[schema.]name` at `i`; returns the name and moves `i` past it.
std::string ReadQualifiedName(const std::vector<Token>& tokens, std::size_t& i) {
  if (i >= tokens.size() || !tokens[i].IsName()) return {};
  std::string name = tokens[i].value;
  ++i;
  if (i + 1 < tokens.size() && tokens[i].kind == TokenKind::kDot && tokens[i + 1].IsName()) {
    name = tokens[i + 1].value;
    i += 2;
  }
  return name;
}

std::string StripOuterParens(const std::string& text) {
  const std::vector<Token> tokens = Tokenize(text);
  if (tokens.size() >= 2 && tokens.front().kind == TokenKind::kLeftParen &&
      MatchingParen(tokens, 0) == tokens.size() - 1) {
    return JoinTokens(text, tokens, 1, tokens.size() - 1);
  }
  return text;
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + QuoteIdentifier(name);
  return list;
}

}  // namespace

std::string CanonicalSqlText(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  std::size_t last = tokens.size();
  while (last > 0 && tokens[last - 1].kind == TokenKind::kSemicolon) --last;
  return JoinTokens(sql, tokens, 0, last);
}

std::string CanonicalCompoundBody(std::string_view body) {
  std::string text = CanonicalSqlText(body);
  return text.empty() ? text : text + ";";
}

std::string CanonicalCondition(std::string_view condition) {
  std::string text = CanonicalSqlText(condition);
  for (std::string stripped = StripOuterParens(text); stripped != text; stripped = StripOuterParens(text))
    text = stripped;
  return text;
}

Result<model::View> ParseCreateView(std::string_view sql) {
  const std::vector<Token> tokens = Tokenize(sql);
  std::size_t i = SkipCreateHead(tokens, "VIEW");
  model::View view;
  view.name = ReadQualifiedName(tokens, i);
  if (view.name.empty()) return Malformed("view", sql);
  if (i < tokens.size() && tokens[i].kind == TokenKind::kLeftParen) {
    const std::size_t close = MatchingParen(tokens, i);
    for (std::size_t k = i + 1; k < close; ++k) {
      if (tokens[k].IsName()) view.columns.push_back(tokens[k].value);
    }
    i = close + 1;
  }
  if (i >= tokens.size() || !tokens[i].IsKeyword("AS")) return Malformed("view", sql);
  view.query = CanonicalSqlText(sql.substr(tokens[i].end));
  return view;
}

Result<model::Trigger> ParseCreateTrigger(std::string_view sql) {
  const std::vector<Token> tokens = Tokenize(sql);
  std::size_t i = SkipCreateHead(tokens, "TRIGGER");
  model::Trigger trigger;
  trigger.name = ReadQualifiedName(tokens, i);
  if (trigger.name.empty()) return Malformed("trigger", sql);
  trigger.timing = model::TriggerTiming::Before;  // SQLite's default when none is written
  if (i < tokens.size() && tokens[i].IsKeyword("BEFORE")) {
    ++i;
  } else if (i < tokens.size() && tokens[i].IsKeyword("AFTER")) {
    trigger.timing = model::TriggerTiming::After;
    ++i;
  } else if (i + 1 < tokens.size() && tokens[i].IsKeyword("INSTEAD") && tokens[i + 1].IsKeyword("OF")) {
    trigger.timing = model::TriggerTiming::InsteadOf;
    i += 2;
  }
  if (i >= tokens.size()) return Malformed("trigger", sql);
  if (tokens[i].IsKeyword("INSERT")) {
    trigger.events.push_back(model::TriggerEvent::Insert);
  } else if (tokens[i].IsKeyword("DELETE")) {
    trigger.events.push_back(model::TriggerEvent::Delete);
  } else if (tokens[i].IsKeyword("UPDATE")) {
    trigger.events.push_back(model::TriggerEvent::Update);
  } else {
    return Malformed("trigger", sql);
  }
  ++i;
  if (i < tokens.size() && tokens[i].IsKeyword("OF")) {
    for (++i; i < tokens.size() && !tokens[i].IsKeyword("ON"); ++i) {
      if (tokens[i].IsName()) trigger.update_columns.push_back(tokens[i].value);
    }
  }
  if (i >= tokens.size() || !tokens[i].IsKeyword("ON")) return Malformed("trigger", sql);
  ++i;
  trigger.table = ReadQualifiedName(tokens, i);
  if (i + 2 < tokens.size() && tokens[i].IsKeyword("FOR") && tokens[i + 1].IsKeyword("EACH") &&
      tokens[i + 2].IsKeyword("ROW"))
    i += 3;
  std::size_t begin = i;
  while (begin < tokens.size() && !tokens[begin].IsKeyword("BEGIN")) {
    if (tokens[begin].kind == TokenKind::kLeftParen) begin = MatchingParen(tokens, begin);
    ++begin;
  }
  if (begin >= tokens.size()) return Malformed("trigger", sql);
  if (i < begin && tokens[i].IsKeyword("WHEN")) {
    trigger.when = CanonicalCondition(JoinTokens(sql, tokens, i + 1, begin));
  }
  std::size_t end = tokens.size();
  while (end > begin + 1 && !tokens[end - 1].IsKeyword("END")) --end;
  if (end <= begin + 1) return Malformed("trigger", sql);
  trigger.body =
      CanonicalCompoundBody(sql.substr(tokens[begin].end, tokens[end - 1].begin - tokens[begin].end));
  return trigger;
}

std::string RenderCreateView(const model::View& view) {
  std::string sql = "CREATE VIEW " + QuoteIdentifier(view.name);
  if (!view.columns.empty()) sql += " (" + QuotedList(view.columns) + ")";
  return sql + " AS " + view.query;
}

std::string RenderDropView(const std::string& name) { return "DROP VIEW " + QuoteIdentifier(name); }

std::string RenderCreateTrigger(const model::Trigger& trigger) {
  std::string sql =
      "CREATE TRIGGER " + QuoteIdentifier(trigger.name) + " " + model::TriggerTimingSql(trigger.timing);
  for (std::size_t k = 0; k < trigger.events.size(); ++k) {
    sql += std::string(k == 0 ? " " : " OR ") + model::TriggerEventSql(trigger.events[k]);
    if (trigger.events[k] == model::TriggerEvent::Update && !trigger.update_columns.empty())
      sql += " OF " + QuotedList(trigger.update_columns);
  }
  // FOR EACH ROW is the only kind SQLite has, and optional: left out, as hand-written SQL mostly does.
  sql += " ON " + QuoteIdentifier(trigger.table);
  if (!trigger.when.empty()) sql += " WHEN " + trigger.when;
  return sql + " BEGIN " + trigger.body + " END";
}

std::string RenderDropTrigger(const std::string& name) { return "DROP TRIGGER " + QuoteIdentifier(name); }

}  // namespace schemac::dialects::sqlite
