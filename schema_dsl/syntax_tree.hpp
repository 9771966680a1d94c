// The syntax tree of schema files: what was written, where, before any name is resolved.
//
// The parser fills it (parse_tree_builder.cpp, the only code that sees ANTLR types); the binder
// turns it into a model::Schema, and the formatter uses its spans to keep comments in place.
#pragma once

#include <string>
#include <vector>

#include "schema_dsl/source_file.hpp"
#include "schemac/model.hpp"

namespace schemac::dsl {

// A name as written (unquoted) and where. An absent optional name has empty text and no span.
struct NameSyntax {
  std::string text;
  Span span;
  bool present() const { return span.valid(); }
};

struct ExpressionSyntax {
  std::string text;  // source text between the outer parentheses, trimmed
  Span span;         // the whole parenthesized expression
};

struct AnnotationSyntax {
  NameSyntax name;
  std::vector<NameSyntax> arguments;  // identifiers and strings alike, unquoted
  Span span;
};

struct ReferenceSyntax {
  NameSyntax ref_namespace;  // absent: the referencing table's namespace
  NameSyntax ref_table;
  std::vector<NameSyntax> ref_columns;
  model::ReferentialAction on_delete = model::ReferentialAction::NoAction;
  model::ReferentialAction on_update = model::ReferentialAction::NoAction;
  bool deferrable = false;
  bool initially_deferred = false;
  model::MatchType match = model::MatchType::Simple;
};

// A primary key, unique, foreign key or check, written at table level or inline on a column.
struct ConstraintSyntax {
  enum class Kind { kPrimaryKey, kUnique, kForeignKey, kCheck };
  Kind kind = Kind::kCheck;
  NameSyntax name;                  // `constraint <name>`; absent when unnamed
  std::vector<NameSyntax> columns;  // inline: the column itself; empty for checks
  ReferenceSyntax reference;        // foreign keys; deferrability of uniques too
  ExpressionSyntax check;           // checks
  bool no_inherit = false;          // checks: NO INHERIT
  std::string comment;              // primary keys: COMMENT '...' (MySQL)
  std::string inline_column;        // set when written on a column
  Span span;                        // the whole constraint
  std::string bound_name;           // filled by the binder: the name the model uses
};

struct IndexKeySyntax {
  model::IndexKey key;  // column or expression, with its options
  Span span;            // the column name or the expression
  NameSyntax prefix;    // `col(N)`: N as written; the binder checks it and sets key.prefix_length
};

struct IndexSyntax {
  NameSyntax name;
  bool unique = false;
  NameSyntax method;
  std::vector<IndexKeySyntax> keys;
  std::vector<NameSyntax> include;
  ExpressionSyntax where;
  std::string comment;
  Span span;
  std::string bound_name;  // filled by the binder
};

struct TypeSyntax {
  NameSyntax type_namespace;          // `ns.name` for an enum of another namespace
  NameSyntax name;                    // absent for a bare native(...) type
  std::vector<NameSyntax> arguments;  // the numbers in (..), as written
  Span arguments_span;
  std::vector<std::pair<NameSyntax, std::string>> native;  // dialect -> spelling
  Span span;
};

// Which column clause was written, for reporting conflicts ("null" after "not null").
struct ClauseSyntax {
  std::string keyword;  // "not null", "default", ...
  Span span;
};

struct ColumnSyntax {
  NameSyntax name;
  TypeSyntax type;
  // Clauses that map straight onto the model; the type is filled by the binder.
  model::Column column;
  std::vector<ClauseSyntax> clauses;
  Span default_span;
  Span identity_span;
  std::vector<ConstraintSyntax> constraints;  // inline primary key / unique / references / check
  std::vector<AnnotationSyntax> annotations;
  Span span;
};

struct TableOptionSyntax {
  NameSyntax dialect;
  NameSyntax key;
  std::string value;
  Span span;
};

struct TableCommentSyntax {
  std::string text;
  Span span;
};

struct TableSyntax {
  std::string namespace_name;
  NameSyntax name;
  std::vector<AnnotationSyntax> annotations;
  std::vector<ColumnSyntax> columns;
  std::vector<ConstraintSyntax> constraints;  // table-level only
  std::vector<IndexSyntax> indexes;
  std::vector<TableCommentSyntax> comments;
  std::vector<TableOptionSyntax> options;
  Span span;
};

struct EnumSyntax {
  std::string namespace_name;
  NameSyntax name;
  std::vector<AnnotationSyntax> annotations;
  std::vector<NameSyntax> values;
  std::string comment;
  Span span;
};

// A view: the structure as parsed, the query as the raw text between `$$` and `$$`, trimmed.
struct ViewSyntax {
  std::string namespace_name;
  NameSyntax name;
  std::vector<AnnotationSyntax> annotations;
  std::vector<NameSyntax> columns;
  model::View view;                  // everything but the name, renames and indexes, filled by the parser
  std::vector<IndexSyntax> indexes;  // a materialized view's, bound like a table's
  bool has_index_block = false;      // `{ ... }` written, even empty
  NameSyntax algorithm_word;         // `algorithm <word>`, checked by the binder
  Span query_span;
  Span span;
};

struct TriggerSyntax {
  std::string namespace_name;
  NameSyntax name;
  NameSyntax table;
  std::vector<AnnotationSyntax> annotations;
  std::vector<NameSyntax> update_columns;
  model::Trigger trigger;  // everything but names, renames and columns, filled by the parser
  Span span;
};

// A function or procedure: structure as parsed, the arguments, return type and body as SQL text.
struct RoutineSyntax {
  std::string namespace_name;
  NameSyntax name;
  std::vector<AnnotationSyntax> annotations;
  model::Routine routine;    // everything but the name, renames and parallel level, filled by the parser
  NameSyntax parallel_word;  // the word after `parallel`, checked by the binder
  // `cost` / `rows` numbers as written (the binder checks each is a positive number).
  NameSyntax cost_number;
  NameSyntax rows_number;
  Span body_span;
  Span span;
};

struct SequenceSyntax {
  std::string namespace_name;
  NameSyntax name;
  std::vector<AnnotationSyntax> annotations;
  NameSyntax owned_table;  // absent unless `owned by table.column`
  NameSyntax owned_column;
  model::Sequence sequence;             // everything but the name, renames and owner, filled by the parser
  std::vector<NameSyntax> bad_numbers;  // numbers that are not 64-bit integers, for the binder to report
  Span span;
};

// `exclude <kind> '<pattern>'`: objects another tool owns. Inside a namespace block the pattern
// names objects of that namespace.
struct ExcludeSyntax {
  std::string namespace_name;
  NameSyntax kind;     // as written: "table", "materialized view", "*", ...
  NameSyntax pattern;  // the string's text, unquoted
  Span span;

  // "KIND:PATTERN" as --exclude takes it, the pattern qualified by the namespace block.
  std::string Text() const {
    std::string kind_key = kind.text;
    for (char& c : kind_key) c = c == ' ' ? '_' : c;
    return kind_key + ":" + (namespace_name.empty() ? pattern.text : namespace_name + "." + pattern.text);
  }
};

struct NamespaceBlockSyntax {
  NameSyntax name;
  Span span;
};

// Everything in one or more files, in source order.
struct SchemaSyntax {
  std::vector<NamespaceBlockSyntax> namespace_blocks;
  std::vector<EnumSyntax> enums;
  std::vector<TableSyntax> tables;
  std::vector<ViewSyntax> views;
  std::vector<TriggerSyntax> triggers;
  std::vector<RoutineSyntax> routines;
  std::vector<SequenceSyntax> sequences;
  std::vector<ExcludeSyntax> excludes;
  // Where SQL expressions (and $$ raw SQL) are, in source order: comments inside them are part of the
  // expression's text, so the formatter must not place them a second time.
  std::vector<Span> expression_spans;
};

// A comment from the hidden channel, for the formatter.
struct CommentSyntax {
  std::string text;
  Span span;
  bool starts_line = false;  // nothing but whitespace before it on its line
};

}  // namespace schemac::dsl
