// Tokens of the schemac schema language (docs/LANGUAGE.md).
//
// Keywords are lower case only (the ANTLR 4.7.2 tool has no caseInsensitive option). Comments and
// whitespace go to the hidden channel so that `schemac fmt` can find and keep the comments.
// SQL expressions inside ( ... ) are captured by the parser as raw source text, so the lexer must
// accept any character: OTHER catches whatever no rule above it matches, and operators such as
// <>, ||, :: and ->> simply become OTHER tokens between balanced parentheses.
lexer grammar SchemaLexer;

// A dollar quote never closed: the rest of the file, reported at its opening delimiter.
tokens { UNCLOSED_RAW_SQL }

@lexer::members {
  // Called once RAW_SQL has matched an opening delimiter (two dollar signs around an optional tag,
  // as in PostgreSQL): consumes the text up to and including the same delimiter, which a regular
  // rule cannot express. The token becomes UNCLOSED_RAW_SQL when the file ends first.
  void closeDollarQuote() {
    const std::string delimiter = getText();
    auto* interpreter = getInterpreter<antlr4::atn::LexerATNSimulator>();
    while (_input->LA(1) != antlr4::Token::EOF) {
      bool at_delimiter = true;
      for (size_t i = 0; i < delimiter.size() && at_delimiter; ++i) {
        at_delimiter = _input->LA(static_cast<ssize_t>(i + 1)) == static_cast<unsigned char>(delimiter[i]);
      }
      if (at_delimiter) {
        for (size_t i = 0; i < delimiter.size(); ++i) interpreter->consume(_input);
        return;
      }
      interpreter->consume(_input);
    }
    setType(UNCLOSED_RAW_SQL);
  }
}

// NULL, TRUE and FALSE are C macros in common headers, hence the _KW suffix on those three.
TABLE: 'table';
ENUM: 'enum';
NAMESPACE: 'namespace';
PRIMARY: 'primary';
KEY: 'key';
NOT: 'not';
NULL_KW: 'null';
DEFAULT: 'default';
IDENTITY: 'identity';
ALWAYS: 'always';
GENERATED: 'generated';
AS: 'as';
STORED: 'stored';
VIRTUAL: 'virtual';
COLLATE: 'collate';
COMMENT: 'comment';
REFERENCES: 'references';
ON: 'on';
DELETE: 'delete';
UPDATE: 'update';
CASCADE: 'cascade';
RESTRICT: 'restrict';
SET: 'set';
NO: 'no';
ACTION: 'action';
CHECK: 'check';
UNIQUE: 'unique';
INDEX: 'index';
USING: 'using';
INCLUDE: 'include';
WHERE: 'where';
ASC: 'asc';
DESC: 'desc';
NULLS: 'nulls';
FIRST: 'first';
LAST: 'last';
OPCLASS: 'opclass';
FOREIGN: 'foreign';
CONSTRAINT: 'constraint';
DEFERRABLE: 'deferrable';
INITIALLY: 'initially';
DEFERRED: 'deferred';
IMMEDIATE: 'immediate';
INHERIT: 'inherit';
MATCH: 'match';
FULL: 'full';
SIMPLE: 'simple';
OPTION: 'option';
TRUE_KW: 'true';
FALSE_KW: 'false';
// Views and triggers.
VIEW: 'view';
MATERIALIZED: 'materialized';
TRIGGER: 'trigger';
BEFORE: 'before';
AFTER: 'after';
INSTEAD: 'instead';
OF: 'of';
INSERT: 'insert';
TRUNCATE: 'truncate';
OR: 'or';
FOR: 'for';
EACH: 'each';
ROW: 'row';
STATEMENT: 'statement';
WHEN: 'when';
EXECUTE: 'execute';
FUNCTION: 'function';
WITH: 'with';
LOCAL: 'local';
CASCADED: 'cascaded';
SECURITY: 'security';
INVOKER: 'invoker';
DEFINER: 'definer';
NATIVE: 'native';
// Functions, procedures and sequences.
PROCEDURE: 'procedure';
RETURNS: 'returns';
LANGUAGE: 'language';
IMMUTABLE: 'immutable';
STABLE: 'stable';
VOLATILE: 'volatile';
STRICT: 'strict';
PARALLEL: 'parallel';
COST: 'cost';
ROWS: 'rows';
LEAKPROOF: 'leakproof';
// MySQL's routine characteristics.
DETERMINISTIC: 'deterministic';
CONTAINS: 'contains';
SQL: 'sql';
READS: 'reads';
MODIFIES: 'modifies';
DATA: 'data';
ALGORITHM: 'algorithm';
SEQUENCE: 'sequence';
START: 'start';
INCREMENT: 'increment';
MINVALUE: 'minvalue';
MAXVALUE: 'maxvalue';
CACHE: 'cache';
CYCLE: 'cycle';
OWNED: 'owned';
BY: 'by';
// Objects another tool owns.
EXCLUDE: 'exclude';

LPAREN: '(';
RPAREN: ')';
LBRACE: '{';
RBRACE: '}';
COMMA: ',';
DOT: '.';
COLON: ':';
EQUALS: '=';
AT: '@';

// A number literal as written; the sign belongs to the literal so "-1.50" survives verbatim.
NUMBER: '-'? DIGIT+ ('.' DIGIT+)? ([eE] [+-]? DIGIT+)?;
// Single-quoted, '' for a quote. SQL strings inside expressions lex the same way, which keeps a
// parenthesis inside a string from unbalancing an expression.
STRING: '\'' (~'\'' | '\'\'')* '\'';
// SQL kept verbatim: a view's query, a trigger's or routine's body, between two equal dollar quotes
// (two dollar signs, or two around a tag as in PostgreSQL, for text that holds two dollar signs
// itself). Nothing inside is escaped, so quotes of any kind need no doubling.
RAW_SQL: '$' DOLLAR_TAG? '$' { closeDollarQuote(); };
// Double-quoted identifier, "" for a quote.
QUOTED_ID: '"' (~'"' | '""')* '"';
// MySQL-style quoted identifier; only meaningful inside SQL expressions.
BACKQUOTED_ID: '`' (~'`' | '``')* '`';
ID: [A-Za-z_] [A-Za-z0-9_]*;

BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN);
// U+FEFF: a byte order mark some editors put at the start of a file.
WS: [ \t\r\n\f\uFEFF]+ -> channel(HIDDEN);

// Anything else: SQL operators inside expressions, or a stray character the parser reports.
OTHER: .;

fragment DIGIT: [0-9];
fragment DOLLAR_TAG: [A-Za-z_] [A-Za-z0-9_]*;
