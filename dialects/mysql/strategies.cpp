#include "dialects/mysql/strategies.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "dialects/data_check_types.hpp"
#include "dialects/mysql/foreign_key_index.hpp"
#include "dialects/mysql/render.hpp"

namespace schemac::dialects::mysql {
namespace {

using model::TypeKind;

// Phases: what must happen before what inside one table's change.
enum Phase {
  kDropForeignKeys = 0,
  kDropChecks = 1,
  kDropIndexes = 2,
  kColumns = 3,
  kPrimaryKey = 4,
  kAddIndexes = 5,
  kAddChecks = 6,
  kAddForeignKeys = 7,
  kTableLevel = 8,
};

std::string CatalogFilter(const std::string& table) {
  return "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " + QuoteString(table);
}

std::string Not(const std::string& condition) { return "NOT " + condition; }

bool HasVirtualColumns(const model::Table& table) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [](const model::Column& c) { return c.generated && !c.generated->stored; });
}

bool HasFulltextIndex(const model::Table& table) {
  return std::any_of(table.indexes.begin(), table.indexes.end(),
                     [](const model::Index& index) { return index.method == "fulltext"; });
}

// The table's storage engine as the model holds it (Normalize drops the option when it is InnoDB).
bool IsInnoDb(const model::Table& table) {
  auto options = table.options.find("mysql");
  if (options == table.options.end()) return true;
  auto engine = options->second.find("engine");
  if (engine == options->second.end()) return true;
  std::string name = engine->second;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name == "innodb";
}

bool ColumnIsIndexed(const model::Table& table, const std::string& column) {
  auto contains = [&](const std::vector<std::string>& columns) {
    return std::find(columns.begin(), columns.end(), column) != columns.end();
  };
  if (table.primary_key && contains(table.primary_key->columns)) return true;
  for (const auto& unique : table.uniques)
    if (contains(unique.columns)) return true;
  for (const auto& index : table.indexes) {
    for (const auto& key : index.keys)
      if (key.column == column) return true;
  }
  for (const auto& fk : table.foreign_keys)
    if (contains(fk.columns)) return true;
  return false;
}

Hazard CopyHazard(const std::string& table, const std::string& what) {
  return Hazard{hazard::kTableRewrite,
                what + ": the server copies table " + table +
                    " (ALGORITHM=COPY, LOCK=SHARED); writes wait until it finishes",
                false};
}

// The column's position clause for ADD COLUMN: AFTER its predecessor in the desired order.
std::string PositionClause(const model::Table& after, const std::string& column) {
  for (size_t i = 0; i < after.columns.size(); ++i) {
    if (after.columns[i].name != column) continue;
    if (i + 1 == after.columns.size()) return "";
    if (i == 0) return " FIRST";
    return " AFTER " + QuoteIdentifier(after.columns[i - 1].name);
  }
  return "";
}

bool IsLastColumn(const model::Table& after, const std::string& column) {
  return !after.columns.empty() && after.columns.back().name == column;
}

int VarcharBytes(const model::DataType& type) {
  return type.length.value_or(0) * 4;
}  // utf8mb4: 4 bytes a char

bool IsEnumAppend(const model::DataType& before, const model::DataType& after) {
  const std::string* old_spelling = before.NativeFor("mysql");
  const std::string* new_spelling = after.NativeFor("mysql");
  if (!old_spelling || !new_spelling) return false;
  if (old_spelling->rfind("enum(", 0) != 0 || new_spelling->rfind("enum(", 0) != 0) return false;
  std::string old_values = old_spelling->substr(0, old_spelling->size() - 1);  // without ")"
  return new_spelling->size() > old_spelling->size() &&
         new_spelling->compare(0, old_values.size(), old_values) == 0 &&
         (*new_spelling)[old_values.size()] == ',';
}

bool IsWidening(const model::DataType& before, const model::DataType& after) {
  auto rank = [](TypeKind kind) {
    switch (kind) {
      case TypeKind::SmallInt:
        return 1;
      case TypeKind::Int:
        return 2;
      case TypeKind::BigInt:
        return 3;
      default:
        return 0;
    }
  };
  if (rank(before.kind) && rank(after.kind)) return rank(after.kind) >= rank(before.kind);
  if (before.kind == after.kind && (after.kind == TypeKind::Varchar || after.kind == TypeKind::Char)) {
    return after.length.value_or(0) >= before.length.value_or(0);
  }
  if ((before.kind == TypeKind::Varchar || before.kind == TypeKind::Char) && after.kind == TypeKind::Text)
    return true;
  if (before.kind == TypeKind::Decimal && after.kind == TypeKind::Decimal) {
    return after.scale.value_or(0) >= before.scale.value_or(0) &&
           after.precision.value_or(10) - after.scale.value_or(0) >=
               before.precision.value_or(10) - before.scale.value_or(0);
  }
  if (before.kind == TypeKind::Real && after.kind == TypeKind::Double) return true;
  return IsEnumAppend(before, after);
}

std::string CharsetOf(const std::string& collation) { return collation.substr(0, collation.find('_')); }

// An information_schema text column compared with an expression as canonical text: backticks
// dropped and lower case on both sides, which is how CanonicalExpression spells plain names.
std::string ExpressionEquals(const std::string& catalog_column, const std::string& canonical) {
  std::string wanted;
  for (char c : canonical) {
    if (c != '`') wanted += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return "REPLACE(LOWER(" + catalog_column + "), '`', '') = " + QuoteString(wanted);
}

// COLUMN_DEFAULT as the server shows `value`: MariaDB quotes string literals ('it''s') and prints
// numbers and expressions bare; MySQL prints literals bare.
std::string DefaultCondition(const model::Column& column, const ServerVersion& version) {
  if (!column.default_value) return "(COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL')";
  const model::DefaultValue& value = *column.default_value;
  using Kind = model::DefaultValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return "(COLUMN_DEFAULT IS NULL OR COLUMN_DEFAULT = 'NULL')";
    case Kind::Bool:
      return std::string("COLUMN_DEFAULT = '") + (value.text == "true" ? "1" : "0") + "'";
    case Kind::Number:
      return "COLUMN_DEFAULT = " + QuoteString(value.text);
    case Kind::String: {
      if (!version.IsMariaDb()) return "COLUMN_DEFAULT = " + QuoteString(value.text);
      std::string printed = "'";
      for (char c : value.text) {
        printed += c;
        if (c == '\'') printed += '\'';
      }
      return "COLUMN_DEFAULT = " + QuoteString(printed + "'");
    }
    case Kind::Expression:
      return ExpressionEquals("COLUMN_DEFAULT", value.text);
  }
  return "TRUE";
}

// A condition true when the column is as `column` says in every respect `flags` names.
std::string ColumnStateCondition(const std::string& table, const model::Column& column, std::uint32_t flags,
                                 const ServerVersion& version, const ServerFeatures& features) {
  std::vector<std::string> parts;
  if (flags & kColumnDefault && !column.generated) parts.push_back(DefaultCondition(column, version));
  if (flags & kColumnIdentity) {
    parts.push_back(std::string("EXTRA ") + (column.identity ? "" : "NOT ") + "LIKE '%auto_increment%'");
  }
  if (flags & kColumnGenerated) {
    parts.push_back(column.generated
                        ? ExpressionEquals("GENERATION_EXPRESSION", column.generated->expression) +
                              " AND EXTRA LIKE " + (column.generated->stored ? "'%STORED%'" : "'%VIRTUAL%'")
                        : std::string("(GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '')"));
  }
  if (flags & kColumnNullability)
    parts.push_back(std::string("IS_NULLABLE = '") + (column.nullable ? "YES" : "NO") + "'");
  if (flags & kColumnComment) parts.push_back("COLUMN_COMMENT = " + QuoteString(column.comment));
  if (flags & kColumnType) {
    const model::DataType& type = column.type;
    if (type.kind == TypeKind::Varchar || type.kind == TypeKind::Char) {
      parts.push_back("CHARACTER_MAXIMUM_LENGTH = " + std::to_string(type.length.value_or(1)));
    } else if (type.kind == TypeKind::Decimal) {
      parts.push_back("NUMERIC_PRECISION = " + std::to_string(type.precision.value_or(10)) +
                      " AND NUMERIC_SCALE = " + std::to_string(type.scale.value_or(0)));
    } else if (const std::string* native = type.NativeFor("mysql");
               native && native->rfind("enum(", 0) == 0) {
      parts.push_back("COLUMN_TYPE = " + QuoteString(*native));
    }
    std::string rendered = RenderColumnType(type, features);
    std::string data_type = rendered.substr(0, rendered.find_first_of("( "));
    if (data_type == "json" && !features.native_json) data_type = "longtext";
    parts.push_back("DATA_TYPE = " + QuoteString(data_type));
  }
  if (flags & kColumnCollation && !column.collation.empty())
    parts.push_back("COLLATION_NAME = " + QuoteString(column.collation));
  if (parts.empty()) return ColumnExistsCondition(table, column.name);
  std::string joined;
  for (const auto& part : parts) joined += " AND " + part;
  return "EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE " + CatalogFilter(table) +
         " AND COLUMN_NAME = " + QuoteString(column.name) + joined + ")";
}

AlterAction AddColumn(const model::Table& before, const model::Table& after, const model::Column& column,
                      const ServerVersion& version, const ServerFeatures& features) {
  AlterAction action;
  action.phase = kColumns;
  action.description = "add column " + column.name;
  action.clause =
      "ADD COLUMN " + RenderColumnDefinition(column, features) + PositionClause(after, column.name);
  action.done_condition = ColumnExistsCondition(after.name, column.name);
  bool virtual_column = column.generated && !column.generated->stored;
  bool rebuilds = column.identity || (column.generated && column.generated->stored);
  bool instant_position = IsLastColumn(after, column.name) ? features.instant_add_column_last
                                                           : features.instant_add_column_anywhere;
  if (HasFulltextIndex(before)) instant_position = false;
  // MariaDB cannot add a column before the end of a table with virtual columns in place at all.
  if (version.IsMariaDb() && HasVirtualColumns(before) && !IsLastColumn(after, column.name)) rebuilds = true;
  if (rebuilds) {
    action.algorithm = Algorithm::kCopy;
    action.hazards.push_back(CopyHazard(after.name, "adding " + column.name));
  } else {
    action.algorithm = instant_position || virtual_column ? Algorithm::kInstant : Algorithm::kInplace;
  }
  action.alone = virtual_column && version.IsMariaDb();
  if (virtual_column && !action.alone && !instant_position) action.algorithm = Algorithm::kInplace;
  if (!column.nullable && !column.default_value && !column.identity && !column.generated) {
    // The server would fill existing rows with the type's implicit value (0, '') and only warn;
    // the other dialects refuse, and so does this step, before it changes anything.
    action.hazards.push_back(Hazard{hazard::kNotNullMayFail,
                                    "column " + column.name +
                                        " is NOT NULL without a default: the step stops if " + after.name +
                                        " has rows",
                                    false});
    action.precheck = "SELECT " +
                      QuoteString("column " + after.name + "." + column.name +
                                  " cannot be added: it is NOT NULL without a default and " + after.name +
                                  " has rows (give it a default, or add it nullable and fill it first)") +
                      " FROM " + QuoteIdentifier(after.name) + " LIMIT 1";
  }
  return action;
}

AlterAction DropColumn(const model::Table& before, const model::Column& column, const ServerVersion& version,
                       const ServerFeatures& features) {
  AlterAction action;
  action.phase = kColumns;
  action.description = "drop column " + column.name;
  action.clause = "DROP COLUMN " + QuoteIdentifier(column.name);
  action.done_condition = Not(ColumnExistsCondition(before.name, column.name));
  bool virtual_column = column.generated && !column.generated->stored;
  action.algorithm =
      features.instant_drop_column && !ColumnIsIndexed(before, column.name) && !HasFulltextIndex(before)
          ? Algorithm::kInstant
          : Algorithm::kInplace;
  if (virtual_column) action.algorithm = Algorithm::kInstant;
  action.alone = virtual_column && version.IsMariaDb();
  action.hazards.push_back(Hazard{
      hazard::kDropColumn, "dropping column " + before.name + "." + column.name + " loses its data", true});
  return action;
}

std::string ColumnKind(const model::Column& column) {
  if (!column.generated) return "a regular column";
  return column.generated->stored ? "a stored generated column" : "a virtual generated column";
}

// MariaDB refuses MODIFY between a virtual column and anything else (error 1907, "not yet
// supported for generated columns"); regular <-> stored and expression changes it takes.
bool MustRecreateColumn(const model::Column& before, const model::Column& after) {
  bool was_virtual = before.generated && !before.generated->stored;
  bool is_virtual = after.generated && !after.generated->stored;
  return was_virtual != is_virtual || (was_virtual && !after.generated);
}

// The column dropped and added again in its place. A regular column's values are lost on the
// way (to computed values, or from computed values to the default): a data-loss step.
void RecreateColumn(const model::Table& before, const model::Table& after, const model::Column& old_column,
                    const model::Column& new_column, const ServerVersion& version,
                    const ServerFeatures& features, std::vector<AlterAction>& actions) {
  AlterAction drop = DropColumn(before, old_column, version, features);
  AlterAction add = AddColumn(before, after, new_column, version, features);
  drop.alone = add.alone = true;  // one column name: two statements, in this order
  const std::string what = after.name + "." + new_column.name;
  drop.description = "drop column " + old_column.name + " (to recreate it as " + ColumnKind(new_column) + ")";
  add.description = "add column " + new_column.name + " again as " + ColumnKind(new_column);
  drop.hazards.clear();
  bool lossy = !old_column.generated || !new_column.generated;
  if (lossy) {
    drop.hazards.push_back(Hazard{hazard::kDropColumn,
                                  what + " changes from " + ColumnKind(old_column) + " to " +
                                      ColumnKind(new_column) +
                                      ", which the server cannot convert: the column is dropped and "
                                      "added again, and its values are lost",
                                  true});
  }
  actions.push_back(std::move(drop));
  actions.push_back(std::move(add));
}

AlterAction RenameColumn(const std::string& table, const model::Column& from, const model::Column& to,
                         const ServerFeatures& features) {
  AlterAction action;
  action.phase = kColumns;
  action.description = "rename column " + from.name + " to " + to.name;
  action.clause =
      features.rename_column_syntax
          ? "RENAME COLUMN " + QuoteIdentifier(from.name) + " TO " + QuoteIdentifier(to.name)
          : "CHANGE COLUMN " + QuoteIdentifier(from.name) + " " + RenderColumnDefinition(to, features);
  action.algorithm = features.instant_rename_column ? Algorithm::kInstant : Algorithm::kInplace;
  action.metadata_only = true;
  action.done_condition =
      ColumnExistsCondition(table, to.name) + " AND " + Not(ColumnExistsCondition(table, from.name));
  return action;
}

AlterAction ModifyColumn(const model::Table& after, const ColumnChange& change, const ServerVersion& version,
                         const ServerFeatures& features, const std::string& table_collation) {
  const model::Column& before = *change.before;
  const model::Column& column = *change.after;
  std::uint32_t flags = change.flags;
  AlterAction action;
  action.phase = kColumns;
  action.description = "modify column " + column.name;
  action.done_condition = ColumnStateCondition(after.name, column, flags, version, features);

  // Only the default: ALTER COLUMN ... SET / DROP DEFAULT is metadata-only everywhere.
  bool literal_default =
      !column.default_value || column.default_value->kind != model::DefaultValue::Kind::Expression;
  if (flags == kColumnDefault && literal_default) {
    action.algorithm = Algorithm::kInstant;
    action.metadata_only = true;
    action.clause =
        "ALTER COLUMN " + QuoteIdentifier(column.name) +
        (column.default_value ? " SET " + RenderDefault(column.type, *column.default_value, features)
                              : std::string(" DROP DEFAULT"));
    return action;
  }

  action.clause = "MODIFY COLUMN " + RenderColumnDefinition(column, features);
  Algorithm algorithm = Algorithm::kInstant;
  auto weaken = [&](Algorithm to) { algorithm = std::max(algorithm, to); };
  if (flags & kColumnType) {
    bool varchar_widen = before.type.kind == TypeKind::Varchar && column.type.kind == TypeKind::Varchar &&
                         column.type.length.value_or(0) >= before.type.length.value_or(0);
    bool same_length_class = (VarcharBytes(before.type) <= 255) == (VarcharBytes(column.type) <= 255);
    if (varchar_widen && features.instant_varchar_widen) {
      weaken(Algorithm::kInstant);
    } else if (varchar_widen && same_length_class) {
      weaken(Algorithm::kInplace);
    } else if (IsEnumAppend(before.type, column.type) && features.instant_enum_append) {
      weaken(Algorithm::kInstant);
    } else {
      weaken(Algorithm::kCopy);
    }
    if (!IsWidening(before.type, column.type)) {
      action.hazards.push_back(Hazard{hazard::kNarrowType,
                                      "changing the type of " + after.name + "." + column.name +
                                          " may fail or cut values that do not fit the new type",
                                      NarrowsValues(before.type, column.type)});
    }
  }
  if (flags & kColumnNullability) {
    weaken(Algorithm::kInplace);
    if (!column.nullable) {
      action.hazards.push_back(
          Hazard{hazard::kNotNullMayFail,
                 "setting " + after.name + "." + column.name + " NOT NULL fails if a row holds NULL", false});
    }
  }
  if (flags & kColumnCollation) {
    // An empty collation is the table's: compare what the column really has on both sides.
    std::string old_collation = before.collation.empty() ? table_collation : before.collation;
    std::string new_collation = column.collation.empty() ? table_collation : column.collation;
    bool same_charset = CharsetOf(old_collation) == CharsetOf(new_collation);
    weaken(same_charset && features.instant_column_metadata ? Algorithm::kInstant : Algorithm::kCopy);
  }
  if (flags & kColumnComment)
    weaken(features.instant_column_metadata ? Algorithm::kInstant : Algorithm::kInplace);
  action.metadata_only = flags == kColumnComment;
  if (flags & kColumnDefault) weaken(version.IsMariaDb() ? Algorithm::kInstant : Algorithm::kInplace);
  if (flags & (kColumnIdentity | kColumnGenerated)) weaken(Algorithm::kCopy);
  if ((flags & kColumnGenerated) && !before.generated && column.generated) {
    action.hazards.push_back(Hazard{hazard::kDropColumn,
                                    after.name + "." + column.name +
                                        " becomes a generated column: its stored values are replaced by "
                                        "computed ones",
                                    true});
  }
  action.algorithm = algorithm;
  if (algorithm == Algorithm::kCopy)
    action.hazards.push_back(CopyHazard(after.name, "changing column " + column.name));
  return action;
}

// True when a unique key over `columns` exceeds InnoDB's 3072 key bytes (a LOB column counts as
// unbounded, a character as 4 bytes of utf8mb4), so MariaDB keeps it as a hash. `prefixes`: the
// prefix length of each column (an index's keys; 0 or missing: the whole column).
bool IsLongUniqueKey(const model::Table& table, const std::vector<std::string>& columns,
                     const std::vector<int>& prefixes = {}) {
  constexpr int kInnoDbMaxKeyBytes = 3072;
  int bytes = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const model::Column* column = table.FindColumn(columns[i]);
    if (!column) continue;
    if (i < prefixes.size() && prefixes[i] > 0) {
      bytes += prefixes[i] * 4;
      continue;
    }
    const model::DataType& type = column->type;
    if (type.kind == TypeKind::Text || type.kind == TypeKind::Bytes || type.kind == TypeKind::Json)
      return true;
    if (const std::string* native = type.NativeFor("mysql");
        native && (native->find("text") != std::string::npos || native->find("blob") != std::string::npos)) {
      return true;
    }
    if (type.kind == TypeKind::Varchar || type.kind == TypeKind::Char) bytes += VarcharBytes(type);
  }
  return bytes > kInnoDbMaxKeyBytes;
}

// The uniques of `table` MariaDB keeps as hashes (see ServerFeatures::long_unique_hash).
std::vector<std::string> LongUniqueNames(const model::Table& table) {
  std::vector<std::string> names;
  for (const auto& unique : table.uniques) {
    if (IsLongUniqueKey(table, unique.columns)) names.push_back(unique.name);
  }
  for (const auto& index : table.indexes) {
    if (!index.unique) continue;
    std::vector<std::string> columns;
    std::vector<int> prefixes;
    for (const auto& key : index.keys) {
      columns.push_back(key.column);
      prefixes.push_back(key.prefix_length);
    }
    if (IsLongUniqueKey(table, columns, prefixes)) names.push_back(index.name);
  }
  return names;
}

// Adding a long unique (see ServerFeatures::long_unique_hash) adds a hidden virtual column: a copy.
void CopyForLongUnique(AlterAction& action, const model::Table& table,
                       const std::vector<std::string>& columns, bool declared_hash,
                       const ServerFeatures& features, const std::vector<int>& prefixes = {}) {
  if (!features.long_unique_hash || !(declared_hash || IsLongUniqueKey(table, columns, prefixes))) return;
  action.algorithm = Algorithm::kCopy;
  action.hazards.push_back(CopyHazard(
      table.name,
      "adding " + action.description.substr(4) + " (a long unique key, kept as a hash in a hidden column)"));
}

AlterAction IndexAction(const std::string& table_name, const std::string& name, bool add,
                        const std::string& clause, const std::string& what) {
  AlterAction action;
  action.phase = add ? kAddIndexes : kDropIndexes;
  action.description = (add ? "add " : "drop ") + what + " " + name;
  action.clause = clause;
  action.algorithm = Algorithm::kInplace;
  action.done_condition =
      add ? IndexExistsCondition(table_name, name) : Not(IndexExistsCondition(table_name, name));
  return action;
}

// Dropping the index a kept foreign key relies on fails (error 1553) unless another index takes
// over: add the one InnoDB would have made itself, named after the key (or as the server had
// named it: ForeignKeyIndexName), in the same statement. The key's index is added once per table,
// by the first drop that needs it (actions.back()).
void KeepForeignKeysIndexed(std::vector<AlterAction>& actions, const std::string& dropped,
                            const model::Table& after) {
  AlterAction& drop = actions.back();
  for (const auto& fk : after.foreign_keys) {
    if (HasIndexLeadingWith(after, fk.columns, dropped)) continue;
    const std::string add = "ADD INDEX " + QuoteIdentifier(ForeignKeyIndexName(fk)) + " ";
    if (std::any_of(actions.begin(), actions.end(), [&](const AlterAction& action) {
          return action.clause.find(add) != std::string::npos;
        })) {
      continue;
    }
    drop.clause += ", " + add + RenderColumnList(fk.columns);
  }
}

// A key added over a kept foreign key's columns takes over from the index that served the key
// until now (the table had no other). The server drops that index by itself only when it made it
// itself; one schemac added (KeepForeignKeysIndexed, or with the key: NeedsNamedIndex) stays. So it is
// dropped in the same statement, or the down of dropping a unique key the foreign key relied on would leave
// an index behind that a table built directly does not have. MariaDB only (IF EXISTS: the server may have
// dropped it already); on MySQL 8 the leftover is visible to the next plan (normalize.cpp), which drops it.
// The index is dropped once per table, by the first added key that serves the foreign key
// (actions.back()).
void DropSupersededForeignKeyIndexes(std::vector<AlterAction>& actions,
                                     const std::vector<std::string>& key_columns, const model::Table& before,
                                     const model::Table& after, const ServerVersion& version) {
  if (!version.IsMariaDb()) return;
  AlterAction& add = actions.back();
  model::Table added;
  added.uniques.push_back(model::UniqueConstraint{"the added key", key_columns});
  for (const auto& fk : after.foreign_keys) {
    const model::ForeignKey* kept = before.FindForeignKey(fk.name);
    if (!kept || kept->columns != fk.columns || !HasIndexLeadingWith(added, fk.columns)) continue;
    if (HasIndexLeadingWith(before, fk.columns)) continue;  // another key served it: no index of its own
    const std::string name = ForeignKeyIndexName(*kept);
    if (after.FindIndex(name) || after.FindUnique(name)) continue;
    const std::string drop = "DROP INDEX IF EXISTS " + QuoteIdentifier(name);
    if (std::none_of(actions.begin(), actions.end(), [&](const AlterAction& action) {
          return action.clause.find(drop) != std::string::npos;
        })) {
      add.clause += ", " + drop;
    }
  }
}

std::string PrimaryKeyCondition(const std::string& table, const std::vector<std::string>& columns) {
  std::string list;
  for (size_t i = 0; i < columns.size(); ++i) list += (i ? "," : "") + columns[i];
  return "(SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',') FROM "
         "information_schema.STATISTICS WHERE " +
         CatalogFilter(table) + " AND INDEX_NAME = 'PRIMARY') = " + QuoteString(list);
}

}  // namespace

std::string AlgorithmClause(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kInstant:
      return ", ALGORITHM=INSTANT";
    case Algorithm::kInplace:
      return ", ALGORITHM=INPLACE, LOCK=NONE";
    case Algorithm::kCopy:
      return ", ALGORITHM=COPY, LOCK=SHARED";
  }
  return "";
}

std::string AlgorithmLock(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kInstant:
      return "metadata lock (brief)";
    case Algorithm::kInplace:
      return "none (concurrent reads and writes)";
    case Algorithm::kCopy:
      return "shared (writes blocked)";
  }
  return "";
}

std::string AlgorithmStrategy(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::kInstant:
      return "alter-instant";
    case Algorithm::kInplace:
      return "alter-inplace";
    case Algorithm::kCopy:
      return "alter-copy";
  }
  return "alter";
}

std::string TableExistsCondition(const std::string& table) {
  return "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE " + CatalogFilter(table) + ")";
}

std::string ColumnExistsCondition(const std::string& table, const std::string& column) {
  return "EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE " + CatalogFilter(table) +
         " AND COLUMN_NAME = " + QuoteString(column) + ")";
}

std::string IndexExistsCondition(const std::string& table, const std::string& index) {
  return "EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE " + CatalogFilter(table) +
         " AND INDEX_NAME = " + QuoteString(index) + ")";
}

std::string ConstraintExistsCondition(const std::string& table, const std::string& name,
                                      const std::string& type) {
  return "EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
         "AND "
         "TABLE_NAME = " +
         QuoteString(table) + " AND CONSTRAINT_NAME = " + QuoteString(name) +
         " AND CONSTRAINT_TYPE = " + QuoteString(type) + ")";
}

std::string OrphanRowsPrecheck(const std::string& table, const model::ForeignKey& fk) {
  std::string all_set, matched, key_names, key_values;
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    const std::string child = "c." + QuoteIdentifier(fk.columns[i]);
    const std::string& parent = i < fk.ref_columns.size() ? fk.ref_columns[i] : fk.columns[i];
    all_set += child + " IS NOT NULL AND ";
    matched += (i ? " AND p." : "p.") + QuoteIdentifier(parent) + " = " + child;
    key_names += (i ? ", " : "") + fk.columns[i];
    key_values += (i ? ", " : "") + child;
  }
  // The message: "foreign key f cannot be added: 2 rows of t have no matching row in p (for
  // example a = 7)". One column: MIN over the value itself, so numbers sort as numbers.
  const bool composite = fk.columns.size() > 1;
  const std::string sample =
      composite ? "MIN(CONCAT_WS(', ', " + key_values + "))" : "MIN(" + key_values + ")";
  const std::string example = composite ? "(" + key_names + ") = (" : key_names + " = ";
  const std::string message =
      "CONCAT(" + QuoteString("foreign key " + fk.name + " cannot be added: ") +
      ", COUNT(*), IF(COUNT(*) = 1, " + QuoteString(" row of " + table + " has") + ", " +
      QuoteString(" rows of " + table + " have") + "), " +
      QuoteString(" no matching row in " + fk.ref_table + " (for example " + example) + ", " + sample + ", " +
      QuoteString(composite ? "))" : ")") + ")";
  return "SELECT " + message + " FROM " + QuoteIdentifier(table) + " AS c WHERE " + all_set +
         "NOT EXISTS (SELECT 1 FROM " + QuoteIdentifier(fk.ref_table) + " AS p WHERE " + matched +
         ") HAVING COUNT(*) > 0";
}

std::string ProbeQuery(const std::vector<std::string>& conditions) {
  std::string sql = "SELECT 1 FROM DUAL WHERE ";
  for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " AND " : "") + conditions[i];
  return sql;
}

std::vector<AlterAction> PlanTableActions(const model::Table& before, const model::Table& after,
                                          const TableDiff& diff, const ServerVersion& version,
                                          const DatabaseDefaults& defaults, const PlanPolicy& policy) {
  ServerFeatures features = FeaturesFor(version);
  std::vector<AlterAction> actions;
  const std::string& table = after.name;

  using Kind = ChangePart::Kind;
  using Half = ChangePart::Half;
  // A kRename of a key or check is a drop under the old name and an add under the new one.
  auto part = [](Kind kind, std::size_t index, ChangeOp op, Half half) {
    ChangePart p = ChangePart::Of(kind, index);
    if (op == ChangeOp::kRename) p.half = half;
    return p;
  };
  for (std::size_t i = 0; i < diff.foreign_keys.size(); ++i) {
    const auto& change = diff.foreign_keys[i];
    if (change.op == ChangeOp::kDrop || change.op == ChangeOp::kRename) {
      const model::ForeignKey& fk = *change.before;
      AlterAction action;
      action.parts = {part(Kind::kForeignKey, i, change.op, Half::kDropBefore)};
      action.phase = kDropForeignKeys;
      action.description = "drop foreign key " + fk.name;
      action.clause = "DROP FOREIGN KEY " + QuoteIdentifier(fk.name);
      action.algorithm = version.IsMariaDb() ? Algorithm::kInstant : Algorithm::kInplace;
      action.done_condition = Not(ConstraintExistsCondition(table, fk.name, "FOREIGN KEY"));
      // Merged with other clauses, the plan would lose its down: the undo needs two steps.
      action.alone = true;
      // InnoDB keeps the index it created for the key; MariaDB can drop it only if it is there.
      // It is named after the key when the key was added by ALTER TABLE (or named in CREATE
      // TABLE), after its first column when CREATE TABLE declared it unnamed: both are tried.
      if (version.IsMariaDb()) {
        auto free_name = [&](const std::string& name) {
          return !after.FindIndex(name) && !after.FindUnique(name) && !before.FindIndex(name) &&
                 !before.FindUnique(name);
        };
        bool column_index_shared = std::any_of(
            after.foreign_keys.begin(), after.foreign_keys.end(), [&](const model::ForeignKey& other) {
              return other.name != fk.name && !other.columns.empty() && other.columns[0] == fk.columns[0];
            });
        // The server names an unnamed key <table>_ibfk_<n>; only such a key can have the column's.
        const std::string server_prefix = table + "_ibfk_";
        bool server_named = fk.name.rfind(server_prefix, 0) == 0 && fk.name.size() > server_prefix.size() &&
                            std::all_of(fk.name.begin() + server_prefix.size(), fk.name.end(),
                                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        std::vector<std::string> implicit_names{ForeignKeyIndexName(fk)};
        if (fk.index_name.empty() && server_named && !fk.columns.empty() && fk.columns[0] != fk.name &&
            !column_index_shared)
          implicit_names.push_back(fk.columns[0]);
        for (const auto& name : implicit_names) {
          if (!free_name(name)) continue;
          action.clause += ", DROP INDEX IF EXISTS " + QuoteIdentifier(name);
          action.algorithm = Algorithm::kInplace;
        }
      }
      actions.push_back(action);
    }
  }
  for (std::size_t i = 0; i < diff.checks.size(); ++i) {
    const auto& change = diff.checks[i];
    if (change.op == ChangeOp::kDrop || change.op == ChangeOp::kRename) {
      AlterAction action;
      action.parts = {part(Kind::kCheck, i, change.op, Half::kDropBefore)};
      action.phase = kDropChecks;
      action.description = "drop check " + change.before->name;
      action.clause = "DROP CONSTRAINT " + QuoteIdentifier(change.before->name);
      action.algorithm = features.instant_drop_check ? Algorithm::kInstant : Algorithm::kInplace;
      action.done_condition = Not(ConstraintExistsCondition(table, change.before->name, "CHECK"));
      actions.push_back(action);
    }
  }
  for (std::size_t i = 0; i < diff.indexes.size(); ++i) {
    const auto& change = diff.indexes[i];
    if (change.op == ChangeOp::kDrop) {
      actions.push_back(IndexAction(table, change.before->name, false,
                                    "DROP INDEX " + QuoteIdentifier(change.before->name), "index"));
      KeepForeignKeysIndexed(actions, change.before->name, after);
      actions.back().parts = {ChangePart::Of(Kind::kIndex, i)};
    } else if (change.op == ChangeOp::kRename) {
      AlterAction action = IndexAction(table, change.after->name, true,
                                       "RENAME INDEX " + QuoteIdentifier(change.before->name) + " TO " +
                                           QuoteIdentifier(change.after->name),
                                       "index");
      action.description = "rename index " + change.before->name + " to " + change.after->name;
      action.phase = kDropIndexes;
      action.algorithm = version.IsMariaDb() ? Algorithm::kInstant : Algorithm::kInplace;
      action.parts = {ChangePart::Of(Kind::kIndex, i)};
      if (!features.rename_index_syntax) {
        action = IndexAction(table, change.before->name, false,
                             "DROP INDEX " + QuoteIdentifier(change.before->name), "index");
        action.parts = {part(Kind::kIndex, i, change.op, Half::kDropBefore)};
        actions.push_back(action);
        action = IndexAction(table, change.after->name, true,
                             "ADD " + RenderIndexClause(*change.after, after), "index");
        action.parts = {part(Kind::kIndex, i, change.op, Half::kAddAfter)};
      }
      actions.push_back(action);
    }
  }
  for (std::size_t i = 0; i < diff.uniques.size(); ++i) {
    const auto& change = diff.uniques[i];
    if (change.op == ChangeOp::kDrop || change.op == ChangeOp::kRename) {
      actions.push_back(IndexAction(table, change.before->name, false,
                                    "DROP INDEX " + QuoteIdentifier(change.before->name),
                                    "unique constraint"));
      KeepForeignKeysIndexed(actions, change.before->name, after);
      actions.back().parts = {part(Kind::kUnique, i, change.op, Half::kDropBefore)};
    }
  }

  const model::PrimaryKey* dropped_key = nullptr;
  const model::PrimaryKey* added_key = nullptr;
  std::vector<ChangePart> key_parts;
  for (std::size_t i = 0; i < diff.primary_key.size(); ++i)
    key_parts.push_back(ChangePart::Of(Kind::kPrimaryKey, i));
  for (const auto& change : diff.primary_key) {
    if (change.before && change.op != ChangeOp::kAdd) dropped_key = &*change.before;
    if (change.after && change.op != ChangeOp::kDrop) added_key = &*change.after;
  }
  auto key_has = [](const model::PrimaryKey* key, const std::string& column) {
    return key && std::find(key->columns.begin(), key->columns.end(), column) != key->columns.end();
  };
  // A column of a dropped primary key made nullable: while the key exists the server keeps it NOT
  // NULL without a word, so the change joins the key's drop, after it.
  std::vector<AlterAction> after_key_drop;
  // The added or dropped AUTO_INCREMENT column, by name: the server wants it and its key in one
  // statement (error 1075, "there can be only one auto column and it must be defined as a key").
  std::map<std::string, size_t> added_identity, dropped_identity;
  for (std::size_t i = 0; i < diff.columns.size(); ++i) {
    const auto& change = diff.columns[i];
    const std::size_t first_action = actions.size();
    const std::size_t first_after_key_drop = after_key_drop.size();
    switch (change.op) {
      case ChangeOp::kAdd:
        if (change.after->identity) added_identity[change.after->name] = actions.size();
        actions.push_back(AddColumn(before, after, *change.after, version, features));
        // --allow-hazard HZ015: the user accepts that existing rows get the implicit 0 / ''.
        if (std::find(policy.allowed_hazards.begin(), policy.allowed_hazards.end(),
                      hazard::kNotNullNoDefault) != policy.allowed_hazards.end())
          actions.back().precheck.clear();
        break;
      case ChangeOp::kDrop:
        if (change.before->identity) dropped_identity[change.before->name] = actions.size();
        actions.push_back(DropColumn(before, *change.before, version, features));
        break;
      case ChangeOp::kRename:
        actions.push_back(RenameColumn(table, *change.before, *change.after, features));
        break;
      case ChangeOp::kModify:
        if ((change.flags & kColumnNullability) && change.after->nullable &&
            key_has(dropped_key, change.after->name) && !key_has(added_key, change.after->name)) {
          after_key_drop.push_back(
              ModifyColumn(after, change, version, features, EffectiveTableCollation(after, defaults)));
          break;
        }
        if (MustRecreateColumn(*change.before, *change.after)) {
          RecreateColumn(before, after, *change.before, *change.after, version, features, actions);
          break;
        }
        actions.push_back(
            ModifyColumn(after, change, version, features, EffectiveTableCollation(after, defaults)));
        break;
    }
    // Every clause this column change became carries it (a recreated column is a drop and an add).
    for (std::size_t a = first_action; a < actions.size(); ++a)
      actions[a].parts = {ChangePart::Of(Kind::kColumn, i)};
    for (std::size_t a = first_after_key_drop; a < after_key_drop.size(); ++a)
      after_key_drop[a].parts = {ChangePart::Of(Kind::kColumn, i)};
  }

  if (dropped_key || added_key) {
    AlterAction action;
    action.phase = kPrimaryKey;
    action.parts = key_parts;
    if (dropped_key && added_key) {
      action.description = "replace primary key";
      action.clause = "DROP PRIMARY KEY, ADD " + RenderPrimaryKeyClause(*added_key);
      action.algorithm = Algorithm::kInplace;
      action.done_condition = PrimaryKeyCondition(table, added_key->columns);
      action.hazards.push_back(
          Hazard{hazard::kConstraintMayFail, "the new primary key fails if rows share a key", false});
    } else if (added_key) {
      action.description = "add primary key";
      action.clause = "ADD " + RenderPrimaryKeyClause(*added_key);
      action.algorithm = Algorithm::kInplace;
      action.done_condition = PrimaryKeyCondition(table, added_key->columns);
      action.hazards.push_back(
          Hazard{hazard::kConstraintMayFail, "the primary key fails if rows share a key", false});
    } else {
      action.description = "drop primary key";
      action.clause = "DROP PRIMARY KEY";
      action.algorithm = Algorithm::kCopy;  // InnoDB must invent a hidden key: a full copy
      action.done_condition = Not(IndexExistsCondition(table, "PRIMARY"));
      action.hazards.push_back(CopyHazard(table, "dropping the primary key"));
    }
    // An AUTO_INCREMENT column added with its key, or dropped with it, is one ALTER: the key
    // clause joins the column's (dropping the key first, adding it after the column).
    std::optional<size_t> column_action;
    auto in_key = [](const model::PrimaryKey* key, const std::map<std::string, size_t>& columns) {
      std::optional<size_t> found;
      if (!key) return found;
      for (const auto& name : key->columns) {
        if (auto it = columns.find(name); it != columns.end()) found = it->second;
      }
      return found;
    };
    bool key_first = false;
    if (auto added = in_key(added_key, added_identity)) {
      column_action = added;
    } else if (auto dropped = in_key(dropped_key, dropped_identity)) {
      column_action = dropped;
      key_first = true;
    }
    if (column_action) {
      AlterAction& column = actions[*column_action];
      column.clause = key_first ? action.clause + ", " + column.clause : column.clause + ", " + action.clause;
      column.description += " with the " + action.description.substr(action.description.find(' ') + 1);
      column.algorithm = std::max(column.algorithm, action.algorithm);
      if (key_first) column.algorithm = Algorithm::kCopy;  // InnoDB must invent a hidden key
      column.done_condition += " AND " + action.done_condition;
      for (auto& hazard : action.hazards) column.hazards.push_back(hazard);
      column.parts.insert(column.parts.end(), action.parts.begin(), action.parts.end());
      if (column.algorithm == Algorithm::kCopy &&
          std::none_of(column.hazards.begin(), column.hazards.end(),
                       [](const Hazard& h) { return h.code == hazard::kTableRewrite; })) {
        column.hazards.push_back(CopyHazard(table, column.description));
      }
    } else {
      for (const auto& modify : after_key_drop) {
        action.clause += ", " + modify.clause;
        action.description += ", " + modify.description;
        action.algorithm = std::max(action.algorithm, modify.algorithm);
        action.done_condition += " AND " + modify.done_condition;
        for (const auto& hazard : modify.hazards) action.hazards.push_back(hazard);
        action.parts.insert(action.parts.end(), modify.parts.begin(), modify.parts.end());
      }
      actions.push_back(action);
    }
  }

  for (std::size_t i = 0; i < diff.indexes.size(); ++i) {
    const auto& change = diff.indexes[i];
    if (change.op != ChangeOp::kAdd) continue;
    const model::Index& index = *change.after;
    AlterAction action =
        IndexAction(table, index.name, true, "ADD " + RenderIndexClause(index, after), "index");
    action.parts = {ChangePart::Of(Kind::kIndex, i)};
    if (index.method == "fulltext" || index.method == "spatial") {
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, "adding " + index.method + " index " + index.name));
    }
    if (index.unique) {
      action.hazards.push_back(Hazard{hazard::kConstraintMayFail,
                                      "unique index " + index.name + " fails on duplicate rows", false});
      std::vector<std::string> columns;
      std::vector<int> prefixes;
      for (const auto& key : index.keys) {
        columns.push_back(key.column);
        prefixes.push_back(key.prefix_length);
      }
      CopyForLongUnique(action, after, columns, index.method == "hash", features, prefixes);
    }
    std::vector<std::string> key_columns;
    for (const auto& key : index.keys) key_columns.push_back(key.prefix_length > 0 ? "" : key.column);
    actions.push_back(action);
    DropSupersededForeignKeyIndexes(actions, key_columns, before, after, version);
  }
  for (std::size_t i = 0; i < diff.uniques.size(); ++i) {
    const auto& change = diff.uniques[i];
    if (change.op != ChangeOp::kAdd && change.op != ChangeOp::kRename) continue;
    AlterAction action = IndexAction(table, change.after->name, true,
                                     "ADD " + RenderUniqueClause(*change.after), "unique constraint");
    action.parts = {part(Kind::kUnique, i, change.op, Half::kAddAfter)};
    action.hazards.push_back(Hazard{hazard::kConstraintMayFail,
                                    "unique constraint " + change.after->name + " fails on duplicate rows",
                                    false});
    CopyForLongUnique(action, after, change.after->columns, false, features);
    actions.push_back(action);
    DropSupersededForeignKeyIndexes(actions, change.after->columns, before, after, version);
  }
  for (std::size_t i = 0; i < diff.checks.size(); ++i) {
    const auto& change = diff.checks[i];
    if (change.op != ChangeOp::kAdd && change.op != ChangeOp::kRename) continue;
    AlterAction action;
    action.parts = {part(Kind::kCheck, i, change.op, Half::kAddAfter)};
    action.phase = kAddChecks;
    action.description = "add check " + change.after->name;
    action.clause = "ADD " + RenderCheckClause(*change.after);
    action.algorithm = Algorithm::kCopy;  // both servers validate existing rows by copying
    action.done_condition = ConstraintExistsCondition(table, change.after->name, "CHECK");
    action.hazards.push_back(CopyHazard(table, "adding check " + change.after->name));
    action.hazards.push_back(Hazard{hazard::kConstraintMayFail,
                                    "check " + change.after->name + " fails if a row violates it", false});
    actions.push_back(action);
  }
  for (std::size_t i = 0; i < diff.foreign_keys.size(); ++i) {
    const auto& change = diff.foreign_keys[i];
    if (change.op != ChangeOp::kAdd && change.op != ChangeOp::kRename) continue;
    const model::ForeignKey& fk = *change.after;
    AlterAction action;
    action.parts = {part(Kind::kForeignKey, i, change.op, Half::kAddAfter)};
    action.phase = kAddForeignKeys;
    action.description = "add foreign key " + fk.name;
    action.clause = "ADD " + RenderForeignKeyClause(fk);
    // Added back under the name the server had given it (a down): the same statement builds it
    // first, so the server does not make one of its own named after the key.
    if (NeedsNamedIndex(after, fk))
      action.clause = "ADD INDEX " + QuoteIdentifier(fk.index_name) + " " + RenderColumnList(fk.columns) +
                      ", " + action.clause;
    action.done_condition = ConstraintExistsCondition(table, fk.name, "FOREIGN KEY");
    if (policy.online) {
      // Online (the default): INPLACE, LOCK=NONE. The server allows INPLACE for a foreign key only
      // with foreign_key_checks=0, which also skips validating the rows already there, so a
      // precheck counts the orphans first and refuses the step before anything changed (DDL is
      // not transactional: after the ALTER there is nothing to roll back). What remains open is
      // the race: rows written by other sessions between the precheck and the end of the ALTER
      // are not checked. The alternative, COPY with checks on, validates every row but blocks
      // writes to the table for the whole copy, the outage online planning exists to avoid; it
      // is what PlanPolicy::online = false chooses.
      action.algorithm = Algorithm::kInplace;
      action.foreign_key_checks_off = true;
      action.precheck = OrphanRowsPrecheck(table, fk);
      action.hazards.push_back(
          Hazard{hazard::kConstraintMayFail,
                 "foreign key " + fk.name + " is added online: rows already in " + table +
                     " are checked just before the ALTER (the step stops if one has no match "
                     "in " +
                     fk.ref_table + "), rows written while it runs are not",
                 false});
    } else {
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, "adding foreign key " + fk.name));
    }
    actions.push_back(action);
  }

  if (diff.comment_changed) {
    AlterAction action;
    action.phase = kTableLevel;
    action.description = "set table comment";
    action.parts = {ChangePart::Of(Kind::kComment, 0)};
    action.clause = "COMMENT = " + QuoteString(after.comment);
    action.algorithm = features.instant_table_comment ? Algorithm::kInstant : Algorithm::kInplace;
    action.metadata_only = true;
    action.done_condition = "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE " + CatalogFilter(table) +
                            " AND TABLE_COMMENT = " + QuoteString(after.comment) + ")";
    actions.push_back(action);
  }
  if (diff.options_changed) {
    auto option = [](const model::Table& t, const std::string& key, const std::string& fallback) {
      auto options = t.options.find("mysql");
      if (options == t.options.end()) return fallback;
      auto value = options->second.find(key);
      return value == options->second.end() ? fallback : value->second;
    };
    std::string engine_before = option(before, "engine", "InnoDB"),
                engine_after = option(after, "engine", "InnoDB");
    std::string collation_before = option(before, "collation", defaults.collation);
    std::string collation_after = option(after, "collation", defaults.collation);
    if (engine_before != engine_after) {
      AlterAction action;
      action.phase = kTableLevel;
      action.description = "change engine to " + engine_after;
      action.parts = {ChangePart::Of(Kind::kOptions, 0)};
      action.clause = "ENGINE = " + engine_after;
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, "changing the engine"));
      action.done_condition = "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE " +
                              CatalogFilter(table) + " AND ENGINE = " + QuoteString(engine_after) + ")";
      actions.push_back(action);
    }
    if (collation_before != collation_after) {
      AlterAction action;
      action.phase = kTableLevel;
      action.description = "convert to collation " + collation_after;
      action.parts = {ChangePart::Of(Kind::kOptions, 0)};
      action.clause =
          "CONVERT TO CHARACTER SET " + CharsetOf(collation_after) + " COLLATE " + collation_after;
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, "converting the character set"));
      action.done_condition = "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE " +
                              CatalogFilter(table) +
                              " AND TABLE_COLLATION = " + QuoteString(collation_after) + ")";
      actions.push_back(action);
    }
  }
  // A table with a FULLTEXT index cannot be rebuilt in place without blocking writes (the server
  // answers LOCK=NONE with error 1846, "Fulltext index creation requires a lock"): column and
  // primary key changes that rebuild it copy instead, and say so.
  if (HasFulltextIndex(before)) {
    for (auto& action : actions) {
      const bool rebuilds = action.phase == kColumns || action.phase == kPrimaryKey;
      if (action.algorithm != Algorithm::kInplace || !rebuilds) continue;
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, action.description + " (the table has a FULLTEXT index)"));
    }
  }
  // INPLACE and most INSTANT operations are InnoDB's: other engines (Aria, MyISAM) refuse them
  // (error 1845) except for pure metadata changes, so everything else on such a table is a copy.
  if (!IsInnoDb(before)) {
    for (auto& action : actions) {
      if (action.algorithm == Algorithm::kCopy) continue;
      if (action.metadata_only && action.algorithm == Algorithm::kInstant) continue;
      action.algorithm = Algorithm::kCopy;
      action.hazards.push_back(CopyHazard(table, action.description + " (the table is not InnoDB)"));
    }
  }
  // MariaDB runs nothing but a copy on a table with a long unique (its hidden hash column: "INPLACE
  // ADD or DROP of virtual columns cannot be combined with other ALTER TABLE actions", error 1846,
  // even for a comment), except dropping the table's only such unique in an ALTER of its own.
  if (features.long_unique_hash) {
    std::set<std::string> dropped_long;
    for (const auto& name : LongUniqueNames(before)) {
      if (!after.FindUnique(name) && !after.FindIndex(name)) dropped_long.insert(name);
    }
    if (LongUniqueNames(before).size() != 1) dropped_long.clear();
    if (!LongUniqueNames(before).empty() || !LongUniqueNames(after).empty()) {
      for (auto& action : actions) {
        bool drops_long_unique = false;
        for (const auto& name : dropped_long) {
          drops_long_unique |= action.clause == "DROP INDEX " + QuoteIdentifier(name);
        }
        if (drops_long_unique) {
          action.alone = true;
          continue;
        }
        if (action.algorithm == Algorithm::kCopy) continue;
        action.algorithm = Algorithm::kCopy;
        action.hazards.push_back(
            CopyHazard(table, action.description + " (the table has a long unique key, kept as a hash)"));
      }
    }
  }
  std::stable_sort(actions.begin(), actions.end(),
                   [](const AlterAction& a, const AlterAction& b) { return a.phase < b.phase; });
  return actions;
}

std::vector<PlanStep> StepsForActions(const std::string& table, const std::vector<AlterAction>& actions) {
  std::vector<PlanStep> steps;
  size_t i = 0;
  while (i < actions.size()) {
    size_t end = i + 1;
    if (!actions[i].alone) {
      while (end < actions.size() && !actions[end].alone && actions[end].algorithm == actions[i].algorithm &&
             actions[end].foreign_key_checks_off == actions[i].foreign_key_checks_off) {
        ++end;
      }
    }
    PlanStep step;
    step.parts.clear();
    std::string clauses, description;
    std::vector<std::string> conditions;
    for (size_t k = i; k < end; ++k) {
      for (const auto& part : actions[k].parts) {
        if (std::find(step.parts.begin(), step.parts.end(), part) == step.parts.end())
          step.parts.push_back(part);
      }
      if (!actions[k].precheck.empty()) step.up.precheck.push_back(actions[k].precheck);
      clauses += (k > i ? ", " : "") + actions[k].clause;
      description += (k > i ? ", " : "") + actions[k].description;
      conditions.push_back(actions[k].done_condition);
      for (const auto& h : actions[k].hazards) step.hazards.push_back(h);
    }
    if (step.parts.empty()) step.parts = {ChangePart{}};  // clauses that name no part: the whole change
    Algorithm algorithm = actions[i].algorithm;
    step.description = "alter table " + table + ": " + description;
    step.up.statements.push_back("ALTER TABLE " + QuoteIdentifier(table) + " " + clauses +
                                 AlgorithmClause(algorithm));
    if (actions[i].foreign_key_checks_off) {
      step.up.before.push_back("SET SESSION foreign_key_checks = 0");
      step.up.after.push_back("SET SESSION foreign_key_checks = 1");
    }
    step.up.transactional = false;
    step.strategy = AlgorithmStrategy(algorithm);
    step.lock = AlgorithmLock(algorithm);
    step.precondition_probe = ProbeQuery(conditions);
    steps.push_back(std::move(step));
    i = end;
  }
  return steps;
}

}  // namespace schemac::dialects::mysql
