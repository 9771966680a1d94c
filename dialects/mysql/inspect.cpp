#include "dialects/mysql/inspect.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "dialects/mysql/inspect_routines.hpp"
#include "dialects/mysql/inspect_views.hpp"
#include "dialects/mysql/normalize.hpp"
#include "dialects/mysql/normalize_expression.hpp"

namespace schemac::dialects::mysql {
namespace {

std::string Text(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
bool IsNull(const Row& row, size_t i) { return i >= row.size() || !row[i]; }

bool IsSchemacTable(const std::string& name) { return name.rfind("schemac_", 0) == 0; }

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// `_utf8mb4\'x\'` -> 'x': MySQL prints string literals in expressions with an introducer and
// backslash-escaped quotes.
std::string StripMySqlIntroducers(std::string expression) {
  for (const char* introducer : {"_utf8mb4\\'", "_utf8mb3\\'", "_latin1\\'", "_binary\\'"}) {
    size_t at;
    while ((at = expression.find(introducer)) != std::string::npos) {
      size_t length = std::string(introducer).size();
      expression.replace(at, length, "'");
      size_t close = expression.find("\\'", at + 1);
      if (close != std::string::npos) expression.replace(close, 2, "'");
    }
  }
  return expression;
}

model::ReferentialAction ActionFromRule(const std::string& rule) {
  std::string upper = rule;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "CASCADE") return model::ReferentialAction::Cascade;
  if (upper == "SET NULL") return model::ReferentialAction::SetNull;
  if (upper == "SET DEFAULT") return model::ReferentialAction::SetDefault;
  if (upper == "RESTRICT") return model::ReferentialAction::Restrict;
  return model::ReferentialAction::NoAction;
}

// The model default of a column as information_schema.COLUMNS shows it. MariaDB (10.2.7+) quotes
// string literals and prints expressions bare; MySQL prints literals bare and marks expressions
// with DEFAULT_GENERATED in EXTRA.
std::optional<model::DefaultValue> DefaultFromCatalog(const Row& row, size_t index, const std::string& extra,
                                                      const ServerVersion& version) {
  using Kind = model::DefaultValue::Kind;
  if (IsNull(row, index)) return std::nullopt;
  std::string text = Text(row, index);
  if (version.IsMariaDb()) {
    if (text == "NULL") return std::nullopt;
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
      return model::DefaultValue{Kind::Expression, text};  // a quoted literal: CanonicalDefault unquotes it
    }
    return model::DefaultValue{Kind::Expression, text};
  }
  if (Lower(extra).find("default_generated") != std::string::npos) {
    return model::DefaultValue{Kind::Expression, StripMySqlIntroducers(text)};
  }
  return model::DefaultValue{Kind::String, text};  // CanonicalDefault types it by the column
}

struct InspectState {
  model::Schema schema;
  std::map<std::string, model::Table*> tables;
  std::map<std::string, std::string> table_collations;
};

// `_t_new` / `_t_old` next to a table `t`: the shadow of an online swap in progress, or the table
// as it was before one (dialects/mysql/shadow_swap.hpp). Reported, never planned against: a
// plan must not drop the old table a swap kept, nor the shadow of a swap it will resume.
std::string SwapTableOf(const std::string& name, const std::set<std::string>& names) {
  for (const char* suffix : {"_new", "_old"}) {
    const std::size_t length = std::string(suffix).size();
    if (name.size() <= length + 1 || name[0] != '_' ||
        name.compare(name.size() - length, length, suffix) != 0)
      continue;
    std::string table = name.substr(1, name.size() - length - 1);
    if (names.count(table)) return table;
  }
  return {};
}

Status ReadTables(const Rows& rows, InspectState& state) {
  // TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS, DB_COLLATION
  model::Namespace& ns = state.schema.GetOrAddNamespace("");
  std::set<std::string> names;
  for (const Row& row : rows) names.insert(Text(row, 0));
  for (const Row& row : rows) {
    std::string name = Text(row, 0);
    std::string type = Text(row, 1);
    if (IsSchemacTable(name)) continue;
    if (std::string swapped = SwapTableOf(name, names); !swapped.empty() && type == "BASE TABLE") {
      state.schema.unmanaged.push_back(
          {"table", "", name,
           "the shadow or the kept old copy of table " + swapped +
               " from an online shadow-table swap; drop it once it is no longer needed"});
      continue;
    }
    if (type == "VIEW") continue;  // managed: read by InspectViewsAndTriggers
    if (type == "SYSTEM VIEW") {
      state.schema.unmanaged.push_back({"view", "", name, "system views are not managed by schemac"});
      continue;
    }
    if (type == "SEQUENCE") {
      state.schema.unmanaged.push_back({"sequence", "", name, "sequences are not managed by schemac"});
      continue;
    }
    model::Table table;
    table.name = name;
    table.comment = Text(row, 4);
    std::string engine = Text(row, 2);
    if (!engine.empty()) table.options["mysql"]["engine"] = engine;
    std::string collation = Text(row, 3);
    if (!collation.empty()) table.options["mysql"]["collation"] = collation;
    if (Lower(Text(row, 5)).find("partitioned") != std::string::npos) {
      state.schema.unmanaged.push_back(
          {"partitioning", "", name, "the table is partitioned; partitions are not managed"});
    }
    ns.tables.push_back(std::move(table));
    state.table_collations[name] = collation;
  }
  for (auto& table : ns.tables) state.tables[table.name] = &table;
  return Status::Ok();
}

void ReadColumns(const Rows& rows, InspectState& state, const ServerVersion& version) {
  // TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, COLLATION_NAME, EXTRA,
  // COLUMN_COMMENT, GENERATION_EXPRESSION
  ServerFeatures features = FeaturesFor(version);
  for (const Row& row : rows) {
    auto table = state.tables.find(Text(row, 0));
    if (table == state.tables.end()) continue;  // a view's columns, or a schemac table
    model::Column column;
    column.name = Text(row, 1);
    column.nullable = Text(row, 3) == "YES";
    std::string column_type = Text(row, 4);
    std::string extra = Text(row, 6);
    std::string lower_extra = Lower(extra);
    // ON UPDATE has no place in the model: keep it in the native type so it is never lost.
    if (size_t on_update = lower_extra.find("on update "); on_update != std::string::npos) {
      column_type += " " + extra.substr(on_update);
    }
    column.type = DataTypeFromColumnType(column_type, features);
    column.collation = Text(row, 5);
    column.comment = Text(row, 7);
    if (lower_extra.find("auto_increment") != std::string::npos) column.identity = model::Identity{};
    if (lower_extra.find("generated") != std::string::npos &&
        lower_extra.find("default_generated") == std::string::npos) {
      bool stored = lower_extra.find("stored") != std::string::npos ||
                    lower_extra.find("persistent") != std::string::npos;
      column.generated = model::Generated{StripMySqlIntroducers(Text(row, 8)), stored};
    } else {
      column.default_value = DefaultFromCatalog(row, 2, extra, version);
    }
    table->second->columns.push_back(std::move(column));
  }
}

void ReadIndexes(const Rows& rows, InspectState& state, const ServerVersion& version) {
  // TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE, EXPRESSION,
  // INDEX_COMMENT
  std::map<std::pair<std::string, std::string>, model::Index> indexes;
  std::vector<std::pair<std::string, std::string>> order;
  for (const Row& row : rows) {
    std::string table_name = Text(row, 0);
    auto table = state.tables.find(table_name);
    if (table == state.tables.end()) continue;
    std::string index_name = Text(row, 1);
    auto key = std::make_pair(table_name, index_name);
    if (index_name == "PRIMARY") {
      if (!table->second->primary_key)
        table->second->primary_key = model::PrimaryKey{"PRIMARY", {}, Text(row, 8)};
      table->second->primary_key->columns.push_back(Text(row, 3));
      continue;
    }
    if (!indexes.count(key)) {
      model::Index index;
      index.name = index_name;
      index.unique = Text(row, 2) == "0";
      index.comment = Text(row, 8);
      std::string type = Lower(Text(row, 6));
      // MariaDB backs a UNIQUE on a long column with a hidden hash: that is still a plain unique.
      if (type == "fulltext" || type == "spatial")
        index.method = type;
      else if (type == "hash" && !(version.IsMariaDb() && index.unique))
        index.method = "hash";
      indexes[key] = index;
      order.push_back(key);
    }
    model::IndexKey index_key;
    index_key.column = Text(row, 3);
    if (!IsNull(row, 7) && !Text(row, 7).empty()) {
      index_key.column.clear();
      index_key.expression = StripMySqlIntroducers(Text(row, 7));
    }
    index_key.descending = Text(row, 4) == "D";
    // SUB_PART: the prefix length. Normalize reads kAutoPrefixLength on a TEXT / BLOB column as the
    // whole column (how schemac indexes one); FULLTEXT and SPATIAL keys have none of their own.
    if (!IsNull(row, 5) && indexes[key].method.empty())
      index_key.prefix_length = std::atoi(Text(row, 5).c_str());
    indexes[key].keys.push_back(index_key);
  }
  for (const auto& key : order) state.tables[key.first]->indexes.push_back(indexes[key]);
}

void ReadForeignKeys(const Rows& rows, InspectState& state) {
  // TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
  // REFERENCED_COLUMN_NAME, UPDATE_RULE, DELETE_RULE, SAME_SCHEMA
  std::map<std::pair<std::string, std::string>, model::ForeignKey> fks;
  std::vector<std::pair<std::string, std::string>> order;
  for (const Row& row : rows) {
    auto table = state.tables.find(Text(row, 0));
    if (table == state.tables.end()) continue;
    auto key = std::make_pair(Text(row, 0), Text(row, 1));
    if (!fks.count(key)) {
      model::ForeignKey fk;
      fk.name = Text(row, 1);
      if (Text(row, 8) != "1") fk.ref_namespace = Text(row, 3);
      fk.ref_table = Text(row, 4);
      fk.on_update = ActionFromRule(Text(row, 6));
      fk.on_delete = ActionFromRule(Text(row, 7));
      fks[key] = fk;
      order.push_back(key);
    }
    fks[key].columns.push_back(Text(row, 2));
    fks[key].ref_columns.push_back(Text(row, 5));
  }
  for (const auto& key : order) state.tables[key.first]->foreign_keys.push_back(fks[key]);
}

void ReadChecks(const Rows& rows, InspectState& state) {
  // TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
  for (const Row& row : rows) {
    auto table = state.tables.find(Text(row, 0));
    if (table == state.tables.end()) continue;
    table->second->checks.push_back(model::Check{Text(row, 1), StripMySqlIntroducers(Text(row, 2))});
  }
}

void ReadUnmanaged(const Rows& rows, InspectState& state) {
  // KIND, NAME, DETAIL
  for (const Row& row : rows)
    state.schema.unmanaged.push_back({Text(row, 0), "", Text(row, 1), Text(row, 2)});
}

// Column collations equal to their table's are inherited, not chosen: the model leaves them empty.
void DropInheritedCollations(InspectState& state) {
  for (auto& [name, table] : state.tables) {
    const std::string& table_collation = state.table_collations[name];
    for (auto& column : table->columns) {
      if (column.collation == table_collation) column.collation.clear();
    }
  }
}

}  // namespace

Result<model::Schema> InspectDatabase(const QueryFunction& query, const ServerVersion& version) {
  InspectState state;
  const std::string kThisDatabase = "= DATABASE()";

  auto tables = query(
      "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS "
      "FROM information_schema.TABLES WHERE TABLE_SCHEMA " +
      kThisDatabase + " ORDER BY TABLE_NAME");
  if (!tables.ok()) return tables.status().WithContext("inspecting tables");
  if (Status status = ReadTables(*tables, state); !status.ok()) return status;

  auto columns = query(
      "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, COLLATION_NAME, EXTRA, "
      "COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA " +
      kThisDatabase + " ORDER BY TABLE_NAME, ORDINAL_POSITION");
  if (!columns.ok()) return columns.status().WithContext("inspecting columns");
  ReadColumns(*columns, state, version);

  // MySQL 8.0.13+ has functional key parts (EXPRESSION); MariaDB has no such column.
  std::string expression_column = FeaturesFor(version).functional_indexes ? "EXPRESSION" : "NULL";
  auto indexes =
      query("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION, SUB_PART, INDEX_TYPE, " +
            expression_column + ", INDEX_COMMENT FROM information_schema.STATISTICS WHERE TABLE_SCHEMA " +
            kThisDatabase + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX");
  if (!indexes.ok()) return indexes.status().WithContext("inspecting indexes");
  ReadIndexes(*indexes, state, version);

  auto foreign_keys = query(
      "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, "
      "k.REFERENCED_TABLE_NAME, "
      "k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE, k.REFERENCED_TABLE_SCHEMA = k.TABLE_SCHEMA "
      "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
      "AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA " +
      kThisDatabase +
      " AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, "
      "k.ORDINAL_POSITION");
  if (!foreign_keys.ok()) return foreign_keys.status().WithContext("inspecting foreign keys");
  ReadForeignKeys(*foreign_keys, state);

  // MariaDB's CHECK_CONSTRAINTS names the table; MySQL's needs TABLE_CONSTRAINTS for it.
  std::string checks_sql =
      version.IsMariaDb()
          ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
            "WHERE CONSTRAINT_SCHEMA " +
                kThisDatabase + " ORDER BY TABLE_NAME, CONSTRAINT_NAME"
          : "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM "
            "information_schema.CHECK_CONSTRAINTS c "
            "JOIN information_schema.TABLE_CONSTRAINTS t ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA "
            "AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK' "
            "WHERE c.CONSTRAINT_SCHEMA " +
                kThisDatabase + " ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME";
  if (FeaturesFor(version).check_constraints) {
    auto checks = query(checks_sql);
    if (!checks.ok()) return checks.status().WithContext("inspecting checks");
    ReadChecks(*checks, state);
  }

  auto others = query(
      "SELECT 'event', EVENT_NAME, 'scheduled event' FROM information_schema.EVENTS WHERE EVENT_SCHEMA " +
      kThisDatabase + " ORDER BY 1, 2");
  if (!others.ok()) return others.status().WithContext("inspecting events");
  ReadUnmanaged(*others, state);

  if (Status views = InspectViewsAndTriggers(query, version.IsMariaDb(), state.schema); !views.ok())
    return views;
  if (Status routines = InspectRoutines(query, state.schema); !routines.ok()) return routines;

  DropInheritedCollations(state);
  return std::move(state.schema);
}

}  // namespace schemac::dialects::mysql
