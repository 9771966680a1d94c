#include "dialects/sqlite/inspect.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "dialects/sqlite/ddl_parser.hpp"
#include "dialects/sqlite/enum_checks.hpp"
#include "dialects/sqlite/normalize.hpp"
#include "dialects/sqlite/sql_lexer.hpp"
#include "dialects/sqlite/sql_text.hpp"
#include "dialects/sqlite/statement.hpp"
#include "dialects/sqlite/types.hpp"
#include "dialects/sqlite/view_trigger_sql.hpp"

namespace schemac::dialects::sqlite {
namespace {

using Row = std::vector<std::optional<std::string>>;

// Tables whose schema SQLite can describe through the PRAGMAs (virtual tables may need a module
// that is not loaded: asking about them would fail the whole read).
constexpr const char* kReadableTables =
    "m.type = 'table' AND m.sql IS NOT NULL AND upper(substr(m.sql, 1, 20)) NOT LIKE 'CREATE VIRTUAL%'";

std::string Text(const Row& row, std::size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }
bool IsNull(const Row& row, std::size_t i) { return i >= row.size() || !row[i]; }
long Number(const Row& row, std::size_t i) {
  try {
    return std::stol(Text(row, i));
  } catch (...) {
    return 0;
  }
}

bool HasPrefixIgnoreCase(const std::string& name, const std::string& prefix) {
  return name.size() >= prefix.size() && EqualsIgnoreCase(name.substr(0, prefix.size()), prefix);
}

bool IsSkippedTable(const std::string& name) {
  return HasPrefixIgnoreCase(name, "sqlite_") || HasPrefixIgnoreCase(name, "schemac_");
}

bool SameNames(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!EqualsIgnoreCase(a[i], b[i])) return false;
  }
  return true;
}

model::ReferentialAction ActionFromPragma(const std::string& text) {
  const std::string upper = AsciiUpper(text);
  if (upper == "CASCADE") return model::ReferentialAction::Cascade;
  if (upper == "RESTRICT") return model::ReferentialAction::Restrict;
  if (upper == "SET NULL") return model::ReferentialAction::SetNull;
  if (upper == "SET DEFAULT") return model::ReferentialAction::SetDefault;
  return model::ReferentialAction::NoAction;
}

// Everything the catalog reads returned, grouped by table name.
struct CatalogRows {
  std::vector<Row> objects;                         // type, name, tbl_name, sql
  std::map<std::string, std::string> table_kinds;   // pragma_table_list: name -> type
  std::map<std::string, std::vector<Row>> columns;  // cid, name, type, notnull, dflt_value, pk, hidden
  std::map<std::string, std::vector<Row>>
      indexes;  // index, unique, origin, partial, seqno, cid, name, desc, coll, key
  std::map<std::string, std::vector<Row>> foreign_keys;  // id, seq, table, from, to, on_update, on_delete
};

// Moves each row's first value (the table name) out as the map key.
Status GroupByTable(sqlite3* db, const std::string& sql, std::map<std::string, std::vector<Row>>& out) {
  Result<Rows> rows = QueryRows(db, sql);
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    const std::string table = Text(row, 0);
    row.erase(row.begin());
    out[table].push_back(std::move(row));
  }
  return Status::Ok();
}

Result<CatalogRows> ReadCatalog(sqlite3* db) {
  CatalogRows catalog;
  Result<Rows> objects = QueryRows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid");
  if (!objects.ok()) return objects.status();
  catalog.objects = std::move(*objects);

  // pragma_table_list (SQLite 3.37+) tells shadow tables of virtual tables apart; older versions
  // simply do not report them.
  if (Result<Rows> kinds = QueryRows(db, "SELECT name, type FROM pragma_table_list WHERE schema = 'main'");
      kinds.ok()) {
    for (const auto& row : *kinds) catalog.table_kinds[Text(row, 0)] = Text(row, 1);
  }
  const std::string from = std::string(" FROM sqlite_schema AS m");
  const std::string where = std::string(" WHERE ") + kReadableTables;
  Status status =
      GroupByTable(db,
                   "SELECT m.name, x.cid, x.name, x.type, x.\"notnull\", x.dflt_value, x.pk, x.hidden" +
                       from + " JOIN pragma_table_xinfo(m.name) AS x" + where + " ORDER BY m.name, x.cid",
                   catalog.columns);
  if (!status.ok()) return status;
  status =
      GroupByTable(db,
                   "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ix.seqno, ix.cid, ix.name,"
                   " ix.\"desc\", ix.coll, ix.\"key\"" +
                       from + " JOIN pragma_index_list(m.name) AS il JOIN pragma_index_xinfo(il.name) AS ix" +
                       where + " ORDER BY m.name, il.name, ix.seqno",
                   catalog.indexes);
  if (!status.ok()) return status;
  status = GroupByTable(
      db,
      "SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete" + from +
          " JOIN pragma_foreign_key_list(m.name) AS f" + where + " ORDER BY m.name, f.id, f.seq",
      catalog.foreign_keys);
  if (!status.ok()) return status;
  return catalog;
}

// Assembles one table. `enums` collects the enums its enum checks stand for.
class TableInspector {
 public:
  TableInspector(const std::string& name, const ParsedCreateTable& parsed, const CatalogRows& catalog,
                 const std::map<std::string, std::string>& index_sql, std::vector<model::Enum>& enums)
      : parsed_(parsed), catalog_(catalog), index_sql_(index_sql), enums_(enums) {
    table_.name = name;
  }

  Result<model::Table> Build() {
    ReadColumns();
    ReadChecks();
    if (Status status = ReadIndexes(); !status.ok()) return status;
    ReadForeignKeys();
    if (parsed_.strict) table_.options[kDialectName]["strict"] = "true";
    if (parsed_.without_rowid) table_.options[kDialectName]["without_rowid"] = "true";
    return std::move(table_);
  }

 private:
  const std::vector<Row>& RowsOf(const std::map<std::string, std::vector<Row>>& rows) const {
    static const std::vector<Row> kNone;
    auto it = rows.find(table_.name);
    return it == rows.end() ? kNone : it->second;
  }

  // The column's name as the table spells it (constraint texts may use another case).
  std::string ColumnName(const std::string& written) const {
    for (const auto& column : table_.columns) {
      if (EqualsIgnoreCase(column.name, written)) return column.name;
    }
    return written;
  }

  void ReadColumns() {
    std::vector<std::pair<long, std::string>> key_columns;
    for (const Row& row : RowsOf(catalog_.columns)) {
      const long hidden = Number(row, 6);
      if (hidden == 1) continue;  // a virtual table's hidden column
      model::Column column;
      column.name = Text(row, 1);
      column.type = TypeFromDeclared(Text(row, 2));
      column.nullable = Number(row, 3) == 0;
      const ParsedColumn* parsed = parsed_.FindColumn(column.name);
      if (parsed) {
        column.collation = CanonicalCollation(parsed->collation);
        if (parsed->autoincrement) column.identity = model::Identity{};
      }
      if (hidden == 2 || hidden == 3) {
        column.generated = model::Generated{
            CanonicalExpression(parsed && parsed->generated_expression ? *parsed->generated_expression : ""),
            hidden == 3};
      } else if (!IsNull(row, 4)) {
        column.default_value = DefaultFromSql(Text(row, 4), column.type);
      }
      if (Number(row, 5) > 0) key_columns.emplace_back(Number(row, 5), column.name);
      table_.columns.push_back(std::move(column));
    }
    if (!key_columns.empty()) {
      std::sort(key_columns.begin(), key_columns.end());
      model::PrimaryKey key;
      for (auto& [position, column] : key_columns) key.columns.push_back(column);
      const bool named = parsed_.primary_key && !parsed_.primary_key->name.empty();
      key.name = named ? parsed_.primary_key->name : model::DefaultPrimaryKeyName(table_.name);
      table_.primary_key = std::move(key);
      MarkRowidAlias();
    }
  }

  // `id INTEGER PRIMARY KEY` makes the column the table's rowid: SQLite assigns it when a row leaves
  // it NULL. With AUTOINCREMENT it is an identity (ids are never reused; the parsed text set it);
  // without, it is the rowid alias, `native(sqlite: 'INTEGER')` (types.hpp), which reuses the ids
  // of deleted last rows. Reading it as bigint would make the next rebuild write BIGINT and
  // silently stop the numbering; reading it as identity would add AUTOINCREMENT.
  void MarkRowidAlias() {
    if (parsed_.without_rowid || table_.primary_key->columns.size() != 1) return;
    for (auto& column : table_.columns) {
      if (column.name != table_.primary_key->columns[0] || column.identity) continue;
      const ParsedColumn* parsed = parsed_.FindColumn(column.name);
      const bool declared_integer = parsed && EqualsIgnoreCase(AsciiUpper(parsed->declared_type), "INTEGER");
      if (declared_integer && !parsed->primary_key_descending) column.type = RowidAliasType();
    }
  }

  // Column checks that stand for an enum turn the column into an Enum column; the others are
  // ordinary checks, named by default when the text does not name them.
  void ReadChecks() {
    std::set<std::string> used_names;
    for (const ParsedCheck& check : parsed_.checks) {
      if (std::optional<EnumCheck> enum_check = ReadEnumCheck(check.name, check.expression)) {
        if (AdoptEnumCheck(*enum_check)) continue;
      }
      std::string name = check.name;
      if (name.empty()) {
        const std::string base =
            model::DefaultCheckName(table_.name, check.column.empty() ? "" : ColumnName(check.column));
        name = base;
        for (int suffix = 1; used_names.count(name); ++suffix) name = base + std::to_string(suffix);
      }
      used_names.insert(name);
      table_.checks.push_back(model::Check{name, CanonicalExpression(check.expression)});
    }
  }

  bool AdoptEnumCheck(const EnumCheck& enum_check) {
    model::Column* column = nullptr;
    for (auto& candidate : table_.columns) {
      if (EqualsIgnoreCase(candidate.name, enum_check.column)) column = &candidate;
    }
    if (!column || column->type.kind != model::TypeKind::Text) return false;
    auto existing = std::find_if(enums_.begin(), enums_.end(),
                                 [&](const model::Enum& e) { return e.name == enum_check.enum_name; });
    if (existing == enums_.end()) {
      enums_.push_back(model::Enum{enum_check.enum_name, enum_check.values, "", {}});
    } else if (existing->values != enum_check.values) {
      return false;  // another table holds other values under this name: keep it a plain check
    }
    column->type = model::DataType{};
    column->type.kind = model::TypeKind::Enum;
    column->type.enum_name = enum_check.enum_name;
    return true;
  }

  Status ReadIndexes() {
    // Rows are ordered by index name, then position.
    std::map<std::string, std::vector<const Row*>> by_index;
    std::vector<std::string> order;
    for (const Row& row : RowsOf(catalog_.indexes)) {
      const std::string index = Text(row, 0);
      if (!by_index.count(index)) order.push_back(index);
      by_index[index].push_back(&row);
    }
    std::set<std::string> used_unique_names;
    for (const std::string& index_name : order) {
      const std::vector<const Row*>& rows = by_index[index_name];
      const std::string origin = Text(*rows.front(), 2);
      if (origin == "pk") continue;
      if (origin == "u") {
        AddUniqueConstraint(rows, used_unique_names);
        continue;
      }
      auto sql = index_sql_.find(index_name);
      if (sql == index_sql_.end()) continue;
      Result<ParsedIndex> parsed = ParseCreateIndex(sql->second);
      if (!parsed.ok()) return parsed.status();
      model::Index index;
      index.name = index_name;
      index.unique = Number(*rows.front(), 1) != 0;
      for (auto key : parsed->keys) {
        if (!key.column.empty()) key.column = ColumnName(key.column);
        key.collation = CanonicalCollation(key.collation);
        if (!key.expression.empty()) key.expression = CanonicalExpression(key.expression);
        index.keys.push_back(std::move(key));
      }
      if (!parsed->where.empty()) index.where = CanonicalExpression(parsed->where);
      table_.indexes.push_back(std::move(index));
    }
    return Status::Ok();
  }

  void AddUniqueConstraint(const std::vector<const Row*>& rows, std::set<std::string>& used_names) {
    model::UniqueConstraint unique;
    for (const Row* row : rows) {
      if (Number(*row, 9) == 1) unique.columns.push_back(Text(*row, 6));
    }
    for (const ParsedKey& candidate : parsed_.uniques) {
      if (!candidate.name.empty() && !used_names.count(candidate.name) &&
          SameNames(candidate.columns, unique.columns)) {
        unique.name = candidate.name;
        break;
      }
    }
    if (unique.name.empty()) unique.name = model::DefaultUniqueName(table_.name, unique.columns);
    used_names.insert(unique.name);
    table_.uniques.push_back(std::move(unique));
  }

  void ReadForeignKeys() {
    // Rows are ordered by id, then seq; ids count from the last declared key, so the declaration
    // order is restored from the CREATE text below.
    std::map<long, model::ForeignKey> by_id;
    for (const Row& row : RowsOf(catalog_.foreign_keys)) {
      model::ForeignKey& fk = by_id[Number(row, 0)];
      fk.ref_table = Text(row, 2);
      fk.columns.push_back(ColumnName(Text(row, 3)));
      if (!IsNull(row, 4)) fk.ref_columns.push_back(Text(row, 4));
      fk.on_update = ActionFromPragma(Text(row, 5));
      fk.on_delete = ActionFromPragma(Text(row, 6));
    }
    std::vector<std::pair<std::size_t, model::ForeignKey>> ordered;
    std::set<std::size_t> used;
    for (auto& [id, fk] : by_id) {
      std::size_t position = parsed_.foreign_keys.size() + static_cast<std::size_t>(id);
      for (std::size_t i = 0; i < parsed_.foreign_keys.size(); ++i) {
        const ParsedForeignKey& candidate = parsed_.foreign_keys[i];
        if (used.count(i) || !SameNames(candidate.columns, fk.columns) ||
            !EqualsIgnoreCase(candidate.ref_table, fk.ref_table)) {
          continue;
        }
        used.insert(i);
        position = i;
        fk.name = candidate.name;
        fk.deferrable = candidate.deferrable;
        fk.initially_deferred = candidate.initially_deferred;
        break;
      }
      if (fk.name.empty()) fk.name = model::DefaultForeignKeyName(table_.name, fk.columns);
      ordered.emplace_back(position, std::move(fk));
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& entry : ordered) table_.foreign_keys.push_back(std::move(entry.second));
  }

  const ParsedCreateTable& parsed_;
  const CatalogRows& catalog_;
  const std::map<std::string, std::string>& index_sql_;
  std::vector<model::Enum>& enums_;
  model::Table table_;
};

std::string UnmanagedKind(const std::string& type) { return type == "table" ? "virtual table" : type; }

}  // namespace

Result<model::Schema> InspectDatabase(sqlite3* db) {
  Result<CatalogRows> catalog = ReadCatalog(db);
  if (!catalog.ok()) return catalog.status().WithContext("inspecting SQLite database");

  std::map<std::string, std::string> index_sql;
  for (const Row& row : catalog->objects) {
    if (Text(row, 0) == "index" && !IsNull(row, 3)) index_sql[Text(row, 1)] = Text(row, 3);
  }

  model::Schema schema;
  model::Namespace& ns = schema.GetOrAddNamespace("");
  for (const Row& row : catalog->objects) {
    const std::string type = Text(row, 0);
    const std::string name = Text(row, 1);
    const std::string sql = Text(row, 3);
    if (type == "index" || IsSkippedTable(name) || IsSkippedTable(Text(row, 2))) continue;
    if (type == "view") {
      Result<model::View> view = ParseCreateView(sql);
      if (!view.ok()) return view.status().WithContext("inspecting view " + name);
      view->name = name;
      ns.views.push_back(std::move(*view));
      continue;
    }
    if (type == "trigger") {
      Result<model::Trigger> trigger = ParseCreateTrigger(sql);
      if (!trigger.ok()) return trigger.status().WithContext("inspecting trigger " + name);
      trigger->name = name;
      trigger->table = Text(row, 2);  // tbl_name: the table or view it fires on
      ns.triggers.push_back(std::move(*trigger));
      continue;
    }
    if (type != "table") continue;
    auto kind = catalog->table_kinds.find(name);
    if (kind != catalog->table_kinds.end() && kind->second == "shadow") continue;  // part of a virtual table
    if (HasPrefixIgnoreCase(sql, "CREATE VIRTUAL")) {
      schema.unmanaged.push_back(model::UnmanagedObject{UnmanagedKind(type), "", name, sql});
      continue;
    }
    Result<ParsedCreateTable> parsed = ParseCreateTable(sql);
    if (!parsed.ok()) return parsed.status().WithContext("inspecting table " + name);
    Result<model::Table> table = TableInspector(name, *parsed, *catalog, index_sql, ns.enums).Build();
    if (!table.ok()) return table.status().WithContext("inspecting table " + name);
    for (const auto& clause : parsed->unmodeled) {
      schema.unmanaged.push_back(model::UnmanagedObject{
          "table clause", "", name, clause + ": not in the schema model; a rebuild of the table drops it"});
    }
    ns.tables.push_back(std::move(*table));
  }
  NormalizeSchema(schema);
  return schema;
}

}  // namespace schemac::dialects::sqlite
