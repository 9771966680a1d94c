// PostgreSQL SQL text for model objects: names, types, column definitions, tables, indexes,
// constraints, enums and comments. Pure functions, no policy: strategies.cpp decides which
// of these to use and how to split them into steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/model.hpp"

namespace schemac::dialects::postgres {

// `name` as a PostgreSQL identifier: bare when it is lower case and not a reserved word,
// double-quoted (with "" for ") otherwise. Safe for any name.
std::string QuoteIdent(const std::string& name);
// `ns`.`name`, or just `name` in the default namespace (the connection's current schema).
std::string QualifiedName(const std::string& ns, const std::string& name);
// A single-quoted SQL string literal.
std::string QuoteLiteral(const std::string& value);

// The type as PostgreSQL spells it; `table_ns` resolves enums in the table's namespace.
std::string RenderType(const model::DataType& type, const std::string& table_ns);
std::string RenderDefault(const model::DefaultValue& value);
// "name type [COLLATE ..] [GENERATED ...] [DEFAULT ..] [NOT NULL]", without comments.
std::string RenderColumnDefinition(const model::Column& column, const std::string& table_ns);

std::string RenderPrimaryKeyClause(const model::PrimaryKey& key);
// " DEFERRABLE [INITIALLY DEFERRED]" of a key; empty when checked per statement (the default).
std::string RenderConstraintTiming(bool deferrable, bool initially_deferred);
std::string RenderUniqueClause(const model::UniqueConstraint& unique);
std::string RenderForeignKeyClause(const model::ForeignKey& fk, const std::string& table_ns);
std::string RenderCheckClause(const model::Check& check);

// CREATE TABLE with columns, keys, uniques, checks and foreign keys inline.
std::string RenderCreateTable(const std::string& ns, const model::Table& table);
// CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON table ...
std::string RenderCreateIndex(const std::string& ns, const std::string& table, const model::Index& index,
                              bool concurrently);
// COMMENT ON TABLE / COLUMN statements for what `table` carries.
std::vector<std::string> RenderTableComments(const std::string& ns, const model::Table& table);
std::string RenderCommentOnTable(const std::string& ns, const std::string& table, const std::string& comment);
std::string RenderCommentOnColumn(const std::string& ns, const std::string& table, const std::string& column,
                                  const std::string& comment);

std::string RenderCreateEnum(const std::string& ns, const model::Enum& type);
std::string RenderCommentOnType(const std::string& ns, const std::string& type, const std::string& comment);

// The temporary name of an index being redefined online (built beside the old one, then renamed;
// see strategies.cpp), and whether a name is one: an interrupted swap leaves such an index behind.
std::string TemporaryIndexName(const std::string& index);
bool IsSchemacTemporaryIndex(const std::string& name);

// The integer type under serial / bigserial / smallserial (a native PostgreSQL spelling the model
// keeps, since it is a default and an owned sequence, not identity); nothing for other types.
std::optional<std::string> SerialStorageType(const model::DataType& type);

// CREATE [OR REPLACE] [MATERIALIZED] VIEW ... AS <query> [WITH ... CHECK OPTION] [WITH DATA]; the
// query as the user (or pg_get_viewdef) wrote it.
std::string RenderCreateView(const std::string& ns, const model::View& view, bool or_replace);
std::string RenderDropView(const std::string& ns, const model::View& view);
std::string RenderRenameView(const std::string& ns, const model::View& view, const std::string& new_name);
// CREATE TRIGGER ... EXECUTE FUNCTION f(args); the trigger's table in its namespace.
std::string RenderCreateTrigger(const std::string& ns, const model::Trigger& trigger);
std::string RenderDropTrigger(const std::string& ns, const model::Trigger& trigger);
std::string RenderRenameTrigger(const std::string& ns, const model::Trigger& trigger,
                                const std::string& new_name);

// CREATE [OR REPLACE] FUNCTION|PROCEDURE with every clause the model holds; the body in a dollar
// quote whose tag the body does not contain.
std::string RenderCreateRoutine(const std::string& ns, const model::Routine& routine, bool or_replace);
// The routine named by its signature (argument types), which is what tells overloads apart.
std::string RenderDropRoutine(const std::string& ns, const model::Routine& routine);
std::string RenderRenameRoutine(const std::string& ns, const model::Routine& routine,
                                const std::string& new_name);
// COMMENT ON FUNCTION|PROCEDURE <signature> IS '<comment>' (NULL when empty: removes it).
std::string RenderCommentOnRoutine(const std::string& ns, const model::Routine& routine);

// CREATE SEQUENCE with every number spelled out (what the model compares); OWNED BY is set by
// RenderAlterSequence, after the owning table exists.
std::string RenderCreateSequence(const std::string& ns, const model::Sequence& sequence);
// ALTER SEQUENCE ... for what differs between `before` and `after` (same name); empty when nothing.
std::string RenderAlterSequence(const std::string& ns, const model::Sequence& before,
                                const model::Sequence& after);
std::string RenderDropSequence(const std::string& ns, const model::Sequence& sequence);
std::string RenderRenameSequence(const std::string& ns, const model::Sequence& sequence,
                                 const std::string& new_name);

}  // namespace schemac::dialects::postgres
