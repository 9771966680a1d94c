// Syntax of the schemac schema language (docs/LANGUAGE.md).
//
// Layout rules (whitespace is otherwise invisible to the parser):
// - each table item (column, key, check, index, comment, option) starts on a line of its own,
//   or right after the table's `{`;
// - a column definition may continue on following lines only when they are indented deeper
//   than the column's name. That keeps `comment '...'`, `check (...)` or `unique index ...` at
//   the start of a line meaning a table-level item.
// Both keep a misspelled clause (`id int primary`) from silently becoming a new column.
//
// Keywords double as identifiers (`ident`), so a column may be called `index`, `key` or `type`
// wherever the next tokens make the meaning plain.
parser grammar SchemaParser;

options { tokenVocab = SchemaLexer; }

@parser::members {
  // The first token of the column definition being parsed; see continuesColumn().
  antlr4::Token* column_start_ = nullptr;

  // True when the next token still belongs to the current column definition: it is on the same
  // line as the previous token, or on a later line indented deeper than the column's name.
  bool continuesColumn() {
    antlr4::Token* next = _input->LT(1);
    antlr4::Token* previous = _input->LT(-1);
    if (next == nullptr || previous == nullptr || column_start_ == nullptr) return true;
    if (next->getLine() == previous->getLine()) return true;
    return next->getCharPositionInLine() > column_start_->getCharPositionInLine();
  }

  // True when the next token is on the line of the previous one: the `comment '...'` of an index
  // or a primary key must be, else it is the table's comment item on a line of its own.
  bool sameLine() {
    antlr4::Token* next = _input->LT(1);
    antlr4::Token* previous = _input->LT(-1);
    return next == nullptr || previous == nullptr || next->getLine() == previous->getLine();
  }

  // True when the next token may start a table item: it is the first on its line, or follows `{`.
  bool startsItem() {
    antlr4::Token* next = _input->LT(1);
    antlr4::Token* previous = _input->LT(-1);
    if (next == nullptr || previous == nullptr) return true;
    return previous->getType() == LBRACE || next->getLine() > previous->getLine();
  }
}

schemaFile: topLevelItem* EOF;

topLevelItem
  : namespaceBlock
  | tableDecl
  | enumDecl
  | viewDecl
  | triggerDecl
  | routineDecl
  | sequenceDecl
  | excludeDecl
  ;

namespaceBlock
  : NAMESPACE ident LBRACE
    (tableDecl | enumDecl | viewDecl | triggerDecl | routineDecl | sequenceDecl | excludeDecl)* RBRACE
  ;

// `exclude table 'audit_*'`: objects another tool owns, which schemac leaves alone. The kind is
// checked by the binder against the kinds --exclude takes (`*` for any, lexed as OTHER).
excludeDecl: EXCLUDE excludeKind STRING;
excludeKind: MATERIALIZED VIEW | ident | OTHER;

annotation: AT ident (LPAREN annotationArg (COMMA annotationArg)* RPAREN)?;
annotationArg: ident | STRING;

// ---- enums ----

enumDecl: annotation* ENUM ident LBRACE (enumValue (COMMA enumValue)* COMMA?)? RBRACE (COMMENT STRING)?;
enumValue: ident | STRING;

// ---- tables ----

tableDecl: annotation* TABLE ident LBRACE tableItem* RBRACE;

tableItem
  : {startsItem()}? tableItemBody
  ;

tableItemBody
  : tableConstraint
  | indexDecl
  | tableComment
  | tableOption
  | columnDecl
  ;

tableComment: COMMENT STRING;
tableOption: OPTION dialect=ident DOT key=ident EQUALS optionValue;
optionValue: STRING | NUMBER | TRUE_KW | FALSE_KW | ident;

columnDecl
  : {column_start_ = _input->LT(1);} ident typeRef ({continuesColumn()}? columnClause)*
  ;

typeRef
  : nativeType
  | typeName (LPAREN NUMBER (COMMA NUMBER)* RPAREN)? nativeType?
  ;
typeName: first=ident (DOT second=ident)?;
nativeType: NATIVE LPAREN nativeSpelling (COMMA nativeSpelling)* RPAREN;
nativeSpelling: ident COLON STRING;

columnClause
  : NOT NULL_KW                                                   # notNullClause
  | NULL_KW                                                       # nullClause
  | DEFAULT (literal | expression)                             # defaultClause
  | PRIMARY KEY                                                # primaryKeyClause
  | UNIQUE                                                     # uniqueClause
  | IDENTITY ALWAYS?                                           # identityClause
  | GENERATED ALWAYS AS expression (STORED | VIRTUAL)?         # generatedClause
  | COLLATE ident                                              # collateClause
  | COMMENT STRING                                             # columnCommentClause
  | REFERENCES tableRef columnList foreignKeyTail                    # referencesClause
  | CHECK expression                                           # checkClause
  | annotation                                                 # annotationClause
  ;

literal: NUMBER | STRING | TRUE_KW | FALSE_KW | NULL_KW;

tableConstraint: (CONSTRAINT name=ident)? constraintBody;

constraintBody
  : PRIMARY KEY columnList ({sameLine()}? COMMENT STRING)?     # primaryKeyConstraint
  | UNIQUE columnList deferrability?                           # uniqueConstraint
  | FOREIGN KEY columnList REFERENCES tableRef columnList foreignKeyTail  # foreignKeyConstraint
  | CHECK expression (NO INHERIT)?                             # checkConstraint
  ;

tableRef: first=ident (DOT second=ident)?;
columnList: LPAREN ident (COMMA ident)* RPAREN;

foreignKeyTail: (ON DELETE referentialAction | ON UPDATE referentialAction | deferrability | matchType)*;
referentialAction: CASCADE | RESTRICT | SET NULL_KW | SET DEFAULT | NO ACTION;
deferrability: NOT DEFERRABLE | DEFERRABLE (INITIALLY (DEFERRED | IMMEDIATE))?;
matchType: MATCH (FULL | SIMPLE);

indexDecl
  : UNIQUE? INDEX name=ident? (USING method=ident)? LPAREN indexKey (COMMA indexKey)* RPAREN
    (INCLUDE columnList)? (WHERE expression)? ({sameLine()}? COMMENT STRING)?
  ;
// `col(5)`: a prefix length (MySQL), indexing the first 5 characters only.
indexKey: (ident (LPAREN NUMBER RPAREN)? | expression) indexKeyOption*;
indexKeyOption
  : ASC
  | DESC
  | NULLS (FIRST | LAST)
  | COLLATE ident
  | OPCLASS ident
  ;

// ---- views and triggers: the SQL they run is RAW_SQL ($$ ... $$), the rest is structure ----

viewDecl
  : annotation* MATERIALIZED? VIEW ident columnList? (ALGORITHM algorithm=ident)? (DEFINER STRING)?
    (SECURITY viewSecurity)? AS RAW_SQL
    (WITH checkLevel=(LOCAL | CASCADED)? CHECK OPTION)? viewIndexes?
  ;
// A materialized view's indexes, one per line, as a table's are written.
viewIndexes: LBRACE indexDecl* RBRACE;
viewSecurity: INVOKER | DEFINER;

triggerDecl
  : annotation* TRIGGER name=ident triggerTiming triggerEvent (OR triggerEvent)* ON table=ident
    (FOR EACH (ROW | STATEMENT))? (WHEN expression)? (DEFINER STRING)? triggerAction
  ;
triggerTiming: BEFORE | AFTER | INSTEAD OF;
triggerEvent: INSERT | UPDATE (OF ident (COMMA ident)*)? | DELETE | TRUNCATE;
// A body (SQLite, MySQL: the statements between BEGIN and END) or a function (PostgreSQL).
triggerAction: RAW_SQL | EXECUTE FUNCTION tableRef expression;

// ---- functions, procedures and sequences ----

// The argument list and the return type are SQL text (the list between its parentheses; the type up
// to the next clause), the body RAW_SQL; the clauses in between are structure, in any order.
routineDecl
  : annotation* (FUNCTION | PROCEDURE) ident arguments=expression (RETURNS returnType)? routineClause*
    AS RAW_SQL
  ;
returnType: returnTypeToken+;
returnTypeToken
  : expression
  | ~(LANGUAGE | IMMUTABLE | STABLE | VOLATILE | STRICT | SECURITY | PARALLEL | SET | AS | RAW_SQL | LPAREN
      | RPAREN | NOT | DETERMINISTIC | CONTAINS | NO | READS | MODIFIES | COMMENT | DEFINER | COST | ROWS
      | LEAKPROOF)
  ;
routineClause
  : LANGUAGE ident                                             # languageClause
  | (IMMUTABLE | STABLE | VOLATILE)                            # volatilityClause
  | STRICT                                                     # strictClause
  | SECURITY viewSecurity                                      # securityClause
  | PARALLEL ident                                             # parallelClause
  | COST NUMBER                                                # costClause
  | ROWS NUMBER                                                # rowsClause
  | NOT? LEAKPROOF                                             # leakproofClause
  | SET setting=ident EQUALS STRING                            # settingClause
  | NOT? DETERMINISTIC                                         # deterministicClause
  | (CONTAINS SQL | NO SQL | READS SQL DATA | MODIFIES SQL DATA) # dataAccessClause
  | COMMENT STRING                                             # routineCommentClause
  | DEFINER STRING                                             # definerClause
  ;

sequenceDecl: annotation* SEQUENCE ident (AS ident)? sequenceOption*;
sequenceOption
  : START WITH? NUMBER                                         # startOption
  | INCREMENT BY? NUMBER                                       # incrementOption
  | MINVALUE NUMBER                                            # minValueOption
  | MAXVALUE NUMBER                                            # maxValueOption
  | CACHE NUMBER                                               # cacheOption
  | NO? CYCLE                                                  # cycleOption
  | OWNED BY table=ident DOT column=ident                      # ownedByOption
  ;

// ---- SQL expressions: kept as the source text between the outer parentheses ----

expression: LPAREN expressionToken* RPAREN;
expressionToken: LPAREN expressionToken* RPAREN | ~(LPAREN | RPAREN);

// ---- identifiers ----

ident: ID | QUOTED_ID | keyword;

keyword
  : TABLE | ENUM | NAMESPACE | PRIMARY | KEY | NOT | NULL_KW | DEFAULT | IDENTITY | ALWAYS
  | GENERATED | AS | STORED | VIRTUAL | COLLATE | COMMENT | REFERENCES | ON | DELETE | UPDATE
  | CASCADE | RESTRICT | SET | NO | ACTION | CHECK | UNIQUE | INDEX | USING | INCLUDE | WHERE
  | ASC | DESC | NULLS | FIRST | LAST | OPCLASS | FOREIGN | CONSTRAINT | DEFERRABLE | INITIALLY
  | DEFERRED | IMMEDIATE | INHERIT | MATCH | FULL | SIMPLE | OPTION | TRUE_KW | FALSE_KW | NATIVE
  | VIEW | MATERIALIZED | TRIGGER | BEFORE | AFTER | INSTEAD | OF | INSERT | TRUNCATE | OR | FOR | EACH
  | ROW | STATEMENT | WHEN | EXECUTE | FUNCTION | WITH | LOCAL | CASCADED | SECURITY | INVOKER | DEFINER
  | PROCEDURE | RETURNS | LANGUAGE | IMMUTABLE | STABLE | VOLATILE | STRICT | PARALLEL | SEQUENCE | START
  | INCREMENT | MINVALUE | MAXVALUE | CACHE | CYCLE | OWNED | BY | EXCLUDE | DETERMINISTIC | CONTAINS
  | SQL | READS | MODIFIES | DATA | ALGORITHM | COST | ROWS | LEAKPROOF
  ;
