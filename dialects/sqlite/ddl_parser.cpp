#include "dialects/sqlite/ddl_parser.hpp"

#include "dialects/sqlite/sql_lexer.hpp"

namespace schemac::dialects::sqlite {
namespace {

// Words that end a column's type name: the start of a column constraint.
bool StartsColumnConstraint(const Token& token) {
  static const char* kWords[] = {"CONSTRAINT", "PRIMARY", "NOT",        "NULL",      "UNIQUE", "CHECK",
                                 "DEFAULT",    "COLLATE", "REFERENCES", "GENERATED", "AS"};
  for (const char* word : kWords) {
    if (token.IsKeyword(word)) return true;
  }
  return false;
}

// A cursor over the tokens of one statement. Every read is bounds-checked: malformed text makes
// the parser stop early, never read past the end.
class Cursor {
 public:
  Cursor(std::string_view sql, std::vector<Token> tokens) : sql_(sql), tokens_(std::move(tokens)) {}

  bool AtEnd() const { return pos_ >= tokens_.size(); }
  const Token& Peek(std::size_t ahead = 0) const {
    static const Token kEnd{TokenKind::kSemicolon, ";", ";", 0, 0};
    return pos_ + ahead < tokens_.size() ? tokens_[pos_ + ahead] : kEnd;
  }
  const Token& Next() {
    const Token& token = Peek();
    if (!AtEnd()) ++pos_;
    return token;
  }
  bool Accept(std::string_view keyword) {
    if (!Peek().IsKeyword(keyword)) return false;
    ++pos_;
    return true;
  }
  bool Accept(TokenKind kind) {
    if (AtEnd() || Peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  std::size_t position() const { return pos_; }
  void Seek(std::size_t pos) { pos_ = pos; }

  // At a '(' : returns the text between it and its matching ')' and moves past both.
  std::string ParenthesizedText() {
    if (Peek().kind != TokenKind::kLeftParen) return "";
    const std::size_t open = pos_;
    const std::size_t close = MatchingParen(tokens_, open);
    std::string text;
    if (close < tokens_.size() && close > open + 1) {
      text =
          std::string(sql_.substr(tokens_[open + 1].begin, tokens_[close - 1].end - tokens_[open + 1].begin));
    }
    pos_ = close < tokens_.size() ? close + 1 : tokens_.size();
    return text;
  }

  // Source text of tokens [from, to).
  std::string Slice(std::size_t from, std::size_t to) const {
    if (from >= to || from >= tokens_.size()) return "";
    to = std::min(to, tokens_.size());
    return std::string(sql_.substr(tokens_[from].begin, tokens_[to - 1].end - tokens_[from].begin));
  }

  // Skips one token, or a whole parenthesized group.
  void SkipOne() {
    if (Peek().kind == TokenKind::kLeftParen) {
      const std::size_t close = MatchingParen(tokens_, pos_);
      pos_ = close < tokens_.size() ? close + 1 : tokens_.size();
    } else {
      Next();
    }
  }

  // A possibly schema-qualified name: returns the last part.
  std::string QualifiedName() {
    std::string name = Next().value;
    while (Peek().kind == TokenKind::kDot) {
      Next();
      name = Next().value;
    }
    return name;
  }

  // `( name [COLLATE x] [ASC|DESC], ... )`: the leading name of each item.
  std::vector<std::string> NameList() {
    std::vector<std::string> names;
    if (!Accept(TokenKind::kLeftParen)) return names;
    while (!AtEnd() && Peek().kind != TokenKind::kRightParen) {
      if (Peek().IsName() || Peek().kind == TokenKind::kString) names.push_back(Next().value);
      while (!AtEnd() && Peek().kind != TokenKind::kComma && Peek().kind != TokenKind::kRightParen) SkipOne();
      Accept(TokenKind::kComma);
    }
    Accept(TokenKind::kRightParen);
    return names;
  }

  // Skips ON CONFLICT <resolution>; returns the resolution (upper case), or empty when absent.
  std::string SkipConflictClause() {
    if (!(Peek().IsKeyword("ON") && Peek(1).IsKeyword("CONFLICT"))) return "";
    Next();
    Next();
    return AsciiUpper(Next().text);
  }

  // REFERENCES has been read.
  ParsedForeignKey ForeignKeyClause() {
    ParsedForeignKey fk;
    fk.ref_table = QualifiedName();
    if (Peek().kind == TokenKind::kLeftParen) fk.ref_columns = NameList();
    while (!AtEnd()) {
      if (Peek().IsKeyword("ON")) {
        // ON DELETE/UPDATE <action>: the PRAGMA reports the actions; only skip them here.
        Next();
        Next();
        if (Accept("SET") || Accept("NO")) {
          Next();
        } else {
          Next();
        }
      } else if (Accept("MATCH")) {
        Next();
      } else if (Peek().IsKeyword("NOT") && Peek(1).IsKeyword("DEFERRABLE")) {
        Next();
        Next();
        SkipInitially();
      } else if (Accept("DEFERRABLE")) {
        fk.deferrable = true;
        fk.initially_deferred = SkipInitially();
      } else {
        break;
      }
    }
    return fk;
  }

 private:
  // INITIALLY DEFERRED|IMMEDIATE: returns true for DEFERRED.
  bool SkipInitially() {
    if (!Accept("INITIALLY")) return false;
    return Next().IsKeyword("DEFERRED");
  }

  std::string_view sql_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

// Records a conflict clause the model cannot hold.
void NoteConflict(ParsedCreateTable& table, const std::string& resolution, const std::string& where) {
  if (!resolution.empty()) table.unmodeled.push_back("ON CONFLICT " + resolution + " on " + where);
}

void ParseColumnDefinition(Cursor& cursor, ParsedCreateTable& table) {
  ParsedColumn column;
  column.name = cursor.Next().value;
  const std::string where = "column " + column.name;
  const std::size_t type_begin = cursor.position();
  while (!cursor.AtEnd() && cursor.Peek().kind != TokenKind::kComma &&
         cursor.Peek().kind != TokenKind::kRightParen && !StartsColumnConstraint(cursor.Peek())) {
    cursor.SkipOne();
  }
  column.declared_type = cursor.Slice(type_begin, cursor.position());

  std::string pending_name;
  while (!cursor.AtEnd() && cursor.Peek().kind != TokenKind::kComma &&
         cursor.Peek().kind != TokenKind::kRightParen) {
    if (cursor.Accept("CONSTRAINT")) {
      pending_name = cursor.Next().value;
      continue;
    }
    if (cursor.Accept("PRIMARY")) {
      cursor.Accept("KEY");
      if (!cursor.Accept("ASC")) column.primary_key_descending = cursor.Accept("DESC");
      NoteConflict(table, cursor.SkipConflictClause(), where);
      if (cursor.Accept("AUTOINCREMENT")) column.autoincrement = true;
      table.primary_key = ParsedKey{pending_name, {column.name}};
    } else if (cursor.Accept("NOT")) {
      cursor.Accept("NULL");
      NoteConflict(table, cursor.SkipConflictClause(), where);
    } else if (cursor.Accept("NULL")) {
      NoteConflict(table, cursor.SkipConflictClause(), where);
    } else if (cursor.Accept("UNIQUE")) {
      NoteConflict(table, cursor.SkipConflictClause(), where);
      table.uniques.push_back(ParsedKey{pending_name, {column.name}});
    } else if (cursor.Accept("CHECK")) {
      table.checks.push_back(ParsedCheck{pending_name, column.name, cursor.ParenthesizedText()});
    } else if (cursor.Accept("DEFAULT")) {
      // The PRAGMA reports the default's text; skip a signed literal or a parenthesized expression.
      if (cursor.Peek().kind == TokenKind::kOperator) cursor.Next();
      cursor.SkipOne();
    } else if (cursor.Accept("COLLATE")) {
      column.collation = cursor.Next().value;
    } else if (cursor.Accept("REFERENCES")) {
      ParsedForeignKey fk = cursor.ForeignKeyClause();
      fk.name = pending_name;
      fk.columns = {column.name};
      table.foreign_keys.push_back(std::move(fk));
    } else if (cursor.Accept("GENERATED")) {
      cursor.Accept("ALWAYS");
      continue;  // AS follows
    } else if (cursor.Accept("AS")) {
      column.generated_expression = cursor.ParenthesizedText();
      if (!cursor.Accept("STORED")) cursor.Accept("VIRTUAL");
    } else {
      cursor.SkipOne();
    }
    pending_name.clear();
  }
  table.columns.push_back(std::move(column));
}

void ParseTableConstraint(Cursor& cursor, ParsedCreateTable& table) {
  std::string name;
  if (cursor.Accept("CONSTRAINT")) name = cursor.Next().value;
  if (cursor.Accept("PRIMARY")) {
    cursor.Accept("KEY");
    table.primary_key = ParsedKey{name, cursor.NameList()};
  } else if (cursor.Accept("UNIQUE")) {
    table.uniques.push_back(ParsedKey{name, cursor.NameList()});
  } else if (cursor.Accept("CHECK")) {
    table.checks.push_back(ParsedCheck{name, "", cursor.ParenthesizedText()});
  } else if (cursor.Accept("FOREIGN")) {
    cursor.Accept("KEY");
    std::vector<std::string> columns = cursor.NameList();
    if (cursor.Accept("REFERENCES")) {
      ParsedForeignKey fk = cursor.ForeignKeyClause();
      fk.name = name;
      fk.columns = std::move(columns);
      table.foreign_keys.push_back(std::move(fk));
    }
  }
  // Conflict clauses and anything unexpected up to the next item.
  while (!cursor.AtEnd() && cursor.Peek().kind != TokenKind::kComma &&
         cursor.Peek().kind != TokenKind::kRightParen) {
    const std::string resolution = cursor.SkipConflictClause();
    if (!resolution.empty()) {
      NoteConflict(table, resolution,
                   name.empty() ? std::string("a table constraint") : "constraint " + name);
      continue;
    }
    cursor.SkipOne();
  }
}

bool StartsTableConstraint(const Cursor& cursor) {
  const Token& token = cursor.Peek();
  if (token.kind != TokenKind::kWord) return false;
  // A column may be called "check" or "unique" only when quoted, so a bare keyword is a constraint.
  return token.IsKeyword("CONSTRAINT") || token.IsKeyword("PRIMARY") || token.IsKeyword("UNIQUE") ||
         token.IsKeyword("CHECK") || token.IsKeyword("FOREIGN");
}

Status Malformed(std::string_view what, std::string_view sql) {
  return Status(StatusCode::kDatabaseError, "cannot read the stored " + std::string(what) +
                                                " statement: " + std::string(sql.substr(0, 200)));
}

}  // namespace

const ParsedColumn* ParsedCreateTable::FindColumn(std::string_view column) const {
  for (const auto& candidate : columns) {
    if (EqualsIgnoreCase(candidate.name, column)) return &candidate;
  }
  return nullptr;
}

Result<ParsedCreateTable> ParseCreateTable(std::string_view sql) {
  Cursor cursor(sql, Tokenize(sql));
  if (!cursor.Accept("CREATE")) return Malformed("CREATE TABLE", sql);
  if (!cursor.Accept("TEMP")) cursor.Accept("TEMPORARY");
  if (!cursor.Accept("TABLE")) return Malformed("CREATE TABLE", sql);
  if (cursor.Peek().IsKeyword("IF")) {
    cursor.Next();
    cursor.Accept("NOT");
    cursor.Accept("EXISTS");
  }
  ParsedCreateTable table;
  table.name = cursor.QualifiedName();
  if (!cursor.Accept(TokenKind::kLeftParen)) return Malformed("CREATE TABLE", sql);

  while (!cursor.AtEnd() && cursor.Peek().kind != TokenKind::kRightParen) {
    if (StartsTableConstraint(cursor)) {
      ParseTableConstraint(cursor, table);
    } else if (cursor.Peek().IsName() || cursor.Peek().kind == TokenKind::kString) {
      ParseColumnDefinition(cursor, table);
    } else {
      cursor.SkipOne();
    }
    cursor.Accept(TokenKind::kComma);
  }
  if (!cursor.Accept(TokenKind::kRightParen)) return Malformed("CREATE TABLE", sql);

  while (!cursor.AtEnd()) {
    if (cursor.Accept("WITHOUT")) {
      if (cursor.Accept("ROWID")) table.without_rowid = true;
    } else if (cursor.Accept("STRICT")) {
      table.strict = true;
    } else {
      cursor.Next();
    }
  }
  return table;
}

Result<ParsedIndex> ParseCreateIndex(std::string_view sql) {
  const std::vector<Token> tokens = Tokenize(sql);
  Cursor cursor(sql, tokens);
  ParsedIndex index;
  if (!cursor.Accept("CREATE")) return Malformed("CREATE INDEX", sql);
  index.unique = cursor.Accept("UNIQUE");
  if (!cursor.Accept("INDEX")) return Malformed("CREATE INDEX", sql);
  if (cursor.Peek().IsKeyword("IF")) {
    cursor.Next();
    cursor.Accept("NOT");
    cursor.Accept("EXISTS");
  }
  index.name = cursor.QualifiedName();
  if (!cursor.Accept("ON")) return Malformed("CREATE INDEX", sql);
  index.table = cursor.QualifiedName();
  if (cursor.Peek().kind != TokenKind::kLeftParen) return Malformed("CREATE INDEX", sql);
  const std::size_t close = MatchingParen(tokens, cursor.position());
  if (close >= tokens.size()) return Malformed("CREATE INDEX", sql);
  cursor.Next();

  while (cursor.position() < close) {
    const std::size_t begin = cursor.position();
    while (cursor.position() < close && cursor.Peek().kind != TokenKind::kComma) cursor.SkipOne();
    std::size_t end = cursor.position();
    cursor.Accept(TokenKind::kComma);

    model::IndexKey key;
    if (end > begin && (tokens[end - 1].IsKeyword("ASC") || tokens[end - 1].IsKeyword("DESC"))) {
      key.descending = tokens[end - 1].IsKeyword("DESC");
      --end;
    }
    if (end >= begin + 2 && tokens[end - 2].IsKeyword("COLLATE")) {
      key.collation = tokens[end - 1].value;
      end -= 2;
    }
    if (end == begin + 1 && tokens[begin].IsName()) {
      key.column = tokens[begin].value;
    } else {
      key.expression = cursor.Slice(begin, end);
    }
    index.keys.push_back(std::move(key));
  }
  cursor.Seek(close + 1);
  if (cursor.Accept("WHERE")) index.where = cursor.Slice(cursor.position(), tokens.size());
  return index;
}

std::string TriggerTable(std::string_view sql) {
  const std::vector<Token> tokens = Tokenize(sql);
  // CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF] event ON table: the first
  // ON before BEGIN names the table (UPDATE OF col, ... has no ON).
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].IsKeyword("BEGIN")) break;
    if (tokens[i].IsKeyword("ON")) {
      std::size_t name = i + 1;
      if (name + 2 < tokens.size() && tokens[name + 1].kind == TokenKind::kDot) name += 2;
      return tokens[name].value;
    }
  }
  return "";
}

}  // namespace schemac::dialects::sqlite
