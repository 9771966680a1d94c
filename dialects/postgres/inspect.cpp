#include "dialects/postgres/inspect.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "dialects/postgres/inspect_routines.hpp"
#include "dialects/postgres/inspect_views.hpp"
#include "dialects/postgres/normalize.hpp"
#include "dialects/postgres/render.hpp"

namespace schemac::dialects::postgres {
namespace {

using Row = std::vector<std::optional<std::string>>;
using Rows = std::vector<Row>;

std::string Text(const Row& row, std::size_t column) { return row[column] ? *row[column] : std::string(); }
bool Flag(const Row& row, std::size_t column) { return row[column] && *row[column] == "t"; }

std::vector<std::string> JsonNames(const Row& row, std::size_t column) {
  std::vector<std::string> names;
  if (!row[column]) return names;
  nlohmann::json parsed = nlohmann::json::parse(*row[column], nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return names;
  for (const auto& item : parsed) {
    if (item.is_string()) names.push_back(item.get<std::string>());
  }
  return names;
}

std::string SqlStringLiteral(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

// The namespaces in scope (`scope`) and the managed tables in them (`tabs`): the start of every
// query, so that all of them agree on what is inspected.
std::string ScopeCte(const InspectOptions& options) {
  std::string extras = "ARRAY[";
  for (std::size_t i = 0; i < options.extra_namespaces.size(); ++i) {
    if (i > 0) extras += ", ";
    extras += SqlStringLiteral(options.extra_namespaces[i]);
  }
  extras += "]::text[]";
  return fmt::format(R"(WITH scope AS (
  SELECT n.oid AS nsp, n.nspname,
         CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname END AS model_ns,
         CASE WHEN n.nspname = current_schema() THEN 0 ELSE array_position({0}, n.nspname::text) END AS ns_order
  FROM pg_namespace n
  WHERE n.nspname = current_schema() OR n.nspname = ANY({0})
), extension_members AS (
  SELECT d.classid, d.objid FROM pg_depend d WHERE d.deptype = 'e'
), tabs AS (
  SELECT c.oid AS relid, c.relname, s.model_ns, s.ns_order, s.nsp
  FROM pg_class c JOIN scope s ON c.relnamespace = s.nsp
  WHERE c.relkind = 'r' AND NOT c.relispartition AND c.relname NOT LIKE 'schemac\_%'
    AND NOT EXISTS (SELECT 1 FROM extension_members e
                    WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
))",
                     extras);
}

constexpr const char* kNamespacesQuery = R"(
SELECT model_ns FROM scope ORDER BY ns_order)";

// Rows of the later queries name their table by relid (column 0), the key of the tables read here.
constexpr const char* kTablesQuery = R"(
SELECT t.relid, t.model_ns, t.relname, dsc.description
FROM tabs t
LEFT JOIN pg_description dsc ON dsc.objoid = t.relid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
ORDER BY t.ns_order, t.relid)";

// One row per column. The type of a sequence the column owns shows in column 13 when the sequence
// is a serial's: named *_seq, with the options serial gives it. Any other owned sequence is a
// declared one (inspect_routines.hpp), and the column keeps its nextval() default.
// pg_get_expr gets the table only for generated columns: given one, it opens the table (a relcache
// build and an ACCESS SHARE lock per table, a third of this query), which only an expression with
// column references needs, and a DEFAULT cannot reference columns.
constexpr const char* kColumnsQuery = R"(
SELECT t.relid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END), a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname END,
       dsc.description,
       ty.typtype, ty.typname,
       CASE WHEN ty.typnamespace = t.nsp THEN '' ELSE tn.nspname END,
       (SELECT format_type(sq.seqtypid, NULL) FROM pg_depend d JOIN pg_sequence sq ON sq.seqrelid = d.objid
        JOIN pg_class sc ON sc.oid = d.objid
        WHERE d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass
          AND d.deptype = 'a' AND sc.relname LIKE '%\_seq' AND sq.seqstart = 1 AND sq.seqincrement = 1
          AND sq.seqmin = 1 AND sq.seqcache = 1 AND NOT sq.seqcycle
          AND sq.seqmax = CASE sq.seqtypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647
                                           ELSE 9223372036854775807 END
        LIMIT 1),
       a.attcollation
FROM tabs t
JOIN pg_attribute a ON a.attrelid = t.relid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type ty ON ty.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description dsc  -- a join, not col_description() per row: a third off this query
  ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
ORDER BY a.attrelid, a.attnum)";

// Primary keys, uniques, foreign keys and checks; exclusion constraints go to `unmanaged`.
// Key columns come as attnums ("{1,2}"), named from the columns already read: a name lookup per
// constraint in pg_attribute was half of this query. Only a foreign key to a table out of scope
// (another schema) gets its referenced columns' names from the server.
// pg_get_constraintdef only for checks: it is the one kind whose text the model keeps, and the
// call costs as much as the rest of the row (for a check it opens the table, as pg_get_expr does).
constexpr const char* kConstraintsQuery = R"(
SELECT t.relid, t.relname, con.conname, con.contype, con.convalidated, con.conkey::text,
       CASE WHEN rn.oid = t.nsp THEN '' ELSE rn.nspname END, rc.relname,
       CASE WHEN con.contype = 'f' AND con.confrelid NOT IN (SELECT relid FROM tabs) THEN
         (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) END,
       con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred,
       CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END,
       con.confrelid, con.confkey::text, con.connoinherit
FROM tabs t
JOIN pg_constraint con ON con.conrelid = t.relid
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
ORDER BY con.conrelid, con.conname)";

// Indexes that do not back a constraint (those belong to the constraint).
constexpr const char* kIndexesQuery = R"(
SELECT t.relid, t.relname, ic.relname, i.indisunique, i.indisvalid, am.amname,
       pg_get_expr(i.indpred, i.indrelid), i.indexrelid, i.indnkeyatts
FROM tabs t
JOIN pg_index i ON i.indrelid = t.relid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname)";

// One row per index column (keys, then INCLUDE columns), for the indexes above. Columns come as
// attnums, named from the columns already read (a join with pg_attribute was most of this
// query), with the key's collation oid, which the client compares with the column's.
// pg_get_indexdef only for expression keys: it takes AccessShareLock on the table, so calling it
// for plain columns made inspect (and so apply) wait behind any session holding ACCESS EXCLUSIVE.
constexpr const char* kIndexKeysQuery = R"(
SELECT i.indexrelid, k.n, i.indkey[k.n - 1], i.indrelid,
       CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k.n, true) END,
       CASE WHEN k.n <= i.indnkeyatts THEN (i.indoption[k.n - 1]::int & 1) <> 0 ELSE false END,
       CASE WHEN k.n <= i.indnkeyatts THEN (i.indoption[k.n - 1]::int & 2) <> 0 ELSE false END,
       CASE WHEN k.n <= i.indnkeyatts AND NOT oc.opcdefault THEN oc.opcname END,
       CASE WHEN k.n <= i.indnkeyatts AND i.indcollation[k.n - 1] <> 0 AND i.indkey[k.n - 1] <> 0 THEN co.collname END,
       i.indcollation[k.n - 1]
FROM tabs t
JOIN pg_index i ON i.indrelid = t.relid
CROSS JOIN LATERAL generate_series(1, i.indnatts) k(n)
LEFT JOIN pg_opclass oc ON k.n <= i.indnkeyatts AND oc.oid = i.indclass[k.n - 1]
LEFT JOIN pg_collation co ON k.n <= i.indnkeyatts AND co.oid = i.indcollation[k.n - 1]
ORDER BY i.indexrelid, k.n)";

constexpr const char* kEnumsQuery = R"(
SELECT s.model_ns, ty.typname,
       (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = ty.oid),
       obj_description(ty.oid, 'pg_type')
FROM pg_type ty JOIN scope s ON s.nsp = ty.typnamespace
WHERE ty.typtype = 'e'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_type'::regclass AND e.objid = ty.oid)
ORDER BY s.ns_order, ty.typname)";

// Everything in scope the model cannot express: kind, namespace, name, detail.
constexpr const char* kUnmanagedQuery = R"(
SELECT CASE c.relkind WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' ELSE 'table' END,
       s.model_ns, c.relname,
       CASE WHEN c.relispartition THEN 'partition of ' || (SELECT ip.inhparent::regclass::text FROM pg_inherits ip
                                                            WHERE ip.inhrelid = c.oid LIMIT 1)
            ELSE 'not expressible in the schemac model' END, ''
FROM pg_class c JOIN scope s ON s.nsp = c.relnamespace
WHERE (c.relkind IN ('f', 'p') OR (c.relkind = 'r' AND c.relispartition))
  AND c.relname NOT LIKE 'schemac\_%'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
UNION ALL
SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END, s.model_ns,
       p.proname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', ''
FROM pg_proc p JOIN scope s ON s.nsp = p.pronamespace
WHERE p.prokind IN ('a', 'w') AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
UNION ALL
SELECT 'policy', t.model_ns, po.polname, 'on ' || t.relname, t.relname::text
FROM tabs t JOIN pg_policy po ON po.polrelid = t.relid
UNION ALL
SELECT 'rule', t.model_ns, ru.rulename, 'on ' || t.relname, t.relname::text
FROM tabs t JOIN pg_rewrite ru ON ru.ev_class = t.relid
UNION ALL
SELECT 'exclusion constraint', t.model_ns, con.conname, 'on ' || t.relname || ': ' || pg_get_constraintdef(con.oid), t.relname::text
FROM tabs t JOIN pg_constraint con ON con.conrelid = t.relid AND con.contype = 'x'
UNION ALL
SELECT 'unvalidated constraint', t.model_ns, con.conname,
       'on ' || t.relname || ': NOT VALID (an interrupted online step; the next plan adds it again)', ''
FROM tabs t JOIN pg_constraint con ON con.conrelid = t.relid AND NOT con.convalidated
UNION ALL
SELECT 'invalid index', t.model_ns, ic.relname,
       'on ' || t.relname || ': INVALID (a failed concurrent build; the next plan rebuilds it)', ''
FROM tabs t JOIN pg_index i ON i.indrelid = t.relid AND NOT i.indisvalid JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE ic.relname NOT LIKE '%\_schemac\_new'
UNION ALL
SELECT CASE ty.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END,
       s.model_ns, ty.typname, format_type(ty.oid, NULL), ''
FROM pg_type ty JOIN scope s ON s.nsp = ty.typnamespace
WHERE (ty.typtype IN ('d', 'r') OR (ty.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = ty.typrelid
                                                                 AND c.relkind = 'c')))
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_type'::regclass AND e.objid = ty.oid)
UNION ALL
SELECT 'extension', '', x.extname, 'version ' || x.extversion, ''
FROM pg_extension x WHERE x.extname <> 'plpgsql'
UNION ALL
SELECT 'schema', '', n.nspname,
       'outside the inspected scope (' ||
       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) ||
       ' tables and views): name it in the schema file (namespace ' || quote_ident(n.nspname) ||
       ' { }) or in ?schemas= to manage it', ''
FROM pg_namespace n
WHERE n.oid NOT IN (SELECT nsp FROM scope)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid)
ORDER BY 1, 2, 3)";

model::ReferentialAction ActionFromCode(const std::string& code) {
  if (code == "r") return model::ReferentialAction::Restrict;
  if (code == "c") return model::ReferentialAction::Cascade;
  if (code == "n") return model::ReferentialAction::SetNull;
  if (code == "d") return model::ReferentialAction::SetDefault;
  return model::ReferentialAction::NoAction;
}

// "CHECK ((a > 0))" -> "(a > 0)"; " NOT VALID" / " NO INHERIT" suffixes are dropped (NO INHERIT
// is read from connoinherit).
std::string CheckExpression(std::string definition) {
  for (const char* suffix : {" NOT VALID", " NO INHERIT"}) {
    std::string s(suffix);
    if (definition.size() > s.size() && definition.compare(definition.size() - s.size(), s.size(), s) == 0) {
      definition.erase(definition.size() - s.size());
    }
  }
  const std::string prefix = "CHECK ";
  if (definition.compare(0, prefix.size(), prefix) == 0) definition = definition.substr(prefix.size());
  return definition;
}

// A catalog integer (attnum, position); -1 for NULL or anything that is not one.
int Integer(const Row& row, std::size_t column) {
  if (!row[column]) return -1;
  int value = -1;
  const std::string& text = *row[column];
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : -1;
}

// "{1,-2,3}" (an int2[] as text) -> {1, -2, 3}; anything malformed is skipped.
std::vector<int> IntegerArray(const Row& row, std::size_t column) {
  std::vector<int> values;
  if (!row[column]) return values;
  const std::string& text = *row[column];
  const char* cursor = text.data();
  const char* const end = text.data() + text.size();
  while (cursor < end) {
    if (*cursor == '{' || *cursor == '}' || *cursor == ',') {
      ++cursor;
      continue;
    }
    int value = 0;
    auto [next, error] = std::from_chars(cursor, end, value);
    if (error != std::errc()) break;
    values.push_back(value);
    cursor = next;
  }
  return values;
}

// The inspected tables by relid, the key every later row carries, with their columns by attnum:
// a hash lookup per row where a search by name scanned the namespace's tables for each of 20,000
// columns, and key columns named here rather than by a pg_attribute lookup per constraint.
// Holds pointers into the schema's tables: add no table or namespace while it is in use.
class InspectedTables {
 public:
  struct Entry {
    model::Table* table = nullptr;
    // By attnum: the column's position in table->columns (-1: none, e.g. dropped) and collation oid.
    std::vector<int> position;
    std::vector<std::string> collation_oid;
  };

  void Add(const std::string& relid, model::Table& table) { tables_[relid].table = &table; }
  Entry* Find(const std::optional<std::string>& relid) {
    if (!relid) return nullptr;
    auto found = tables_.find(*relid);
    return found == tables_.end() ? nullptr : &found->second;
  }
  // Records that `attnum` is the column just appended to the entry's table.
  static void NoteColumn(Entry& entry, int attnum, std::string collation_oid) {
    if (attnum <= 0) return;
    const auto slot = static_cast<std::size_t>(attnum);
    if (entry.position.size() <= slot) {
      entry.position.resize(slot + 1, -1);
      entry.collation_oid.resize(slot + 1);
    }
    entry.position[slot] = static_cast<int>(entry.table->columns.size()) - 1;
    entry.collation_oid[slot] = std::move(collation_oid);
  }
  static const model::Column* Column(const Entry& entry, int attnum) {
    if (attnum <= 0 || static_cast<std::size_t>(attnum) >= entry.position.size()) return nullptr;
    const int position = entry.position[static_cast<std::size_t>(attnum)];
    return position < 0 ? nullptr : &entry.table->columns[static_cast<std::size_t>(position)];
  }
  static std::vector<std::string> ColumnNames(const Entry& entry, const std::vector<int>& attnums) {
    std::vector<std::string> names;
    names.reserve(attnums.size());
    for (int attnum : attnums) {
      const model::Column* column = Column(entry, attnum);
      names.push_back(column ? column->name : std::string());
    }
    return names;
  }

 private:
  std::unordered_map<std::string, Entry> tables_;
};

// "serial" for "integer", ...: the spelling of an integer column whose default its own sequence
// feeds; empty for other types.
std::string SerialSpelling(const std::string& integer_type) {
  if (integer_type == "integer") return "serial";
  if (integer_type == "bigint") return "bigserial";
  if (integer_type == "smallint") return "smallserial";
  return "";
}

void AddColumn(model::Table& table, const Row& row) {
  model::Column column;
  column.name = Text(row, 2);
  const std::string spelling = Text(row, 3);
  const std::string typtype = Text(row, 10);
  if (typtype == "e") {
    column.type.kind = model::TypeKind::Enum;
    column.type.enum_name = Text(row, 11);
    column.type.enum_namespace = Text(row, 12);
  } else {
    column.type = TypeFromPostgresSpelling(spelling);
  }
  column.nullable = !Flag(row, 4);
  const std::string identity = Text(row, 6);
  const std::string generated = Text(row, 7);
  // serial: a nextval() default of a sequence the column owns, of the column's own type. A
  // sequence of another type (a serial whose column was widened) leaves the default as it is.
  const std::string owned_sequence_type = Text(row, 13);
  const std::string serial = SerialSpelling(spelling);
  if (identity == "a" || identity == "d") {
    column.identity = model::Identity{identity == "a"};
  } else if (generated == "s") {
    column.generated = model::Generated{Text(row, 5), true};
  } else if (!serial.empty() && owned_sequence_type == spelling && Text(row, 5).rfind("nextval(", 0) == 0) {
    // `bigint native(postgres: 'bigserial')`: still a bigint to other dialects and to the foreign
    // keys that reference it.
    column.type = TypeFromPostgresSpelling(spelling);
    column.type.native["postgres"] = serial;
  } else if (row[5]) {
    column.default_value = model::DefaultValue{model::DefaultValue::Kind::Expression, *row[5]};
  }
  column.collation = Text(row, 8);
  column.comment = Text(row, 9);
  table.columns.push_back(std::move(column));
}

void AddConstraint(InspectedTables& tables, InspectedTables::Entry& owner, const Row& row) {
  model::Table& table = *owner.table;
  const std::string name = Text(row, 2);
  const std::string type = Text(row, 3);
  std::vector<std::string> columns = InspectedTables::ColumnNames(owner, IntegerArray(row, 5));
  if (type == "p") {
    table.primary_key = model::PrimaryKey{name, columns, ""};
  } else if (type == "u") {
    table.uniques.push_back(model::UniqueConstraint{name, columns, Flag(row, 12), Flag(row, 13)});
  } else if (type == "f") {
    model::ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.ref_namespace = Text(row, 6);
    fk.ref_table = Text(row, 7);
    // A referenced table out of scope comes with its column names; one in scope is named here.
    if (const InspectedTables::Entry* referenced = tables.Find(row[15])) {
      fk.ref_columns = InspectedTables::ColumnNames(*referenced, IntegerArray(row, 16));
    } else {
      fk.ref_columns = JsonNames(row, 8);
    }
    fk.on_delete = ActionFromCode(Text(row, 9));
    fk.on_update = ActionFromCode(Text(row, 10));
    fk.deferrable = Flag(row, 12);
    fk.initially_deferred = Flag(row, 13);
    // 's' simple, 'f' full; PostgreSQL refuses MATCH PARTIAL ("not yet implemented").
    fk.match = Text(row, 11) == "f" ? model::MatchType::Full : model::MatchType::Simple;
    table.foreign_keys.push_back(std::move(fk));
  } else if (type == "c") {
    table.checks.push_back(model::Check{name, CheckExpression(Text(row, 14)), Flag(row, 17)});
  }
}

}  // namespace

Result<model::Schema> InspectSchema(Connection& connection, const InspectOptions& options) {
  auto current = connection.Query("SELECT current_schema()");
  if (!current.ok()) return current.status().WithContext("inspecting");
  if (current->empty() || !(*current)[0][0]) {
    return Status(StatusCode::kInvalidArgument,
                  "the connection has no current schema: no schema of its search_path exists "
                  "(set ?search_path= in the URL to an existing schema)");
  }

  const std::string scope = ScopeCte(options);
  auto run = [&](const char* query, const char* what) -> Result<Rows> {
    auto rows = connection.Query(scope + query);
    if (!rows.ok()) return rows.status().WithContext(std::string("inspecting ") + what);
    return rows;
  };

  model::Schema schema;
  auto namespaces = run(kNamespacesQuery, "namespaces");
  if (!namespaces.ok()) return namespaces.status();
  for (const Row& row : *namespaces) schema.GetOrAddNamespace(Text(row, 0));

  auto tables = run(kTablesQuery, "tables");
  if (!tables.ok()) return tables.status();
  // Where each table went (namespace, position), indexed by relid once every table is in place
  // and the vectors no longer move.
  std::vector<std::pair<std::size_t, std::size_t>> positions;
  positions.reserve(tables->size());
  for (const Row& row : *tables) {
    model::Table table;
    table.name = Text(row, 2);
    table.comment = Text(row, 3);
    model::Namespace& ns = schema.GetOrAddNamespace(Text(row, 1));
    ns.tables.push_back(std::move(table));
    positions.emplace_back(static_cast<std::size_t>(&ns - schema.namespaces.data()), ns.tables.size() - 1);
  }
  InspectedTables by_relid;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    by_relid.Add(Text((*tables)[i], 0), schema.namespaces[positions[i].first].tables[positions[i].second]);
  }

  auto columns = run(kColumnsQuery, "columns");
  if (!columns.ok()) return columns.status();
  for (const Row& row : *columns) {
    InspectedTables::Entry* entry = by_relid.Find(row[0]);
    if (entry == nullptr) continue;
    AddColumn(*entry->table, row);
    InspectedTables::NoteColumn(*entry, Integer(row, 1), Text(row, 14));
  }

  auto constraints = run(kConstraintsQuery, "constraints");
  if (!constraints.ok()) return constraints.status();
  for (const Row& row : *constraints) {
    if (!Flag(row, 4)) continue;  // NOT VALID: reported as unmanaged, added again by the next plan
    if (InspectedTables::Entry* entry = by_relid.Find(row[0])) AddConstraint(by_relid, *entry, row);
  }

  auto keys = run(kIndexKeysQuery, "index columns");
  if (!keys.ok()) return keys.status();
  std::map<std::string, std::vector<const Row*>> keys_by_index;
  for (const Row& row : *keys) keys_by_index[Text(row, 0)].push_back(&row);

  auto indexes = run(kIndexesQuery, "indexes");
  if (!indexes.ok()) return indexes.status();
  for (const Row& row : *indexes) {
    // INVALID: reported as unmanaged, rebuilt by the next plan; but schemac's own temporary
    // index of a redefinition is in the model, so that a plan no longer wanting it drops it.
    if (!Flag(row, 4) && !IsSchemacTemporaryIndex(Text(row, 2))) continue;
    InspectedTables::Entry* entry = by_relid.Find(row[0]);
    if (entry == nullptr) continue;
    model::Index index;
    index.name = Text(row, 2);
    index.unique = Flag(row, 3);
    index.method = Text(row, 5);
    index.where = Text(row, 6);
    const int key_count = Integer(row, 8);
    for (const Row* key_row : keys_by_index[Text(row, 7)]) {
      const int position = Integer(*key_row, 1);
      const int attnum = Integer(*key_row, 2);
      const model::Column* column = InspectedTables::Column(*entry, attnum);
      const bool is_column = attnum != 0;
      if (position > key_count) {
        index.include.push_back(is_column ? (column ? column->name : std::string()) : Text(*key_row, 4));
        continue;
      }
      model::IndexKey key;
      if (is_column) {
        key.column = column ? column->name : std::string();
      } else {
        key.expression = Text(*key_row, 4);
      }
      key.descending = Flag(*key_row, 5);
      const bool nulls_first = Flag(*key_row, 6);
      // PostgreSQL's defaults: NULLS LAST ascending, NULLS FIRST descending.
      if (!key.descending && nulls_first) key.nulls = model::NullsOrder::First;
      if (key.descending && !nulls_first) key.nulls = model::NullsOrder::Last;
      key.opclass = Text(*key_row, 7);
      // Only a collation other than the column's own is part of the index's definition.
      if (column != nullptr && Text(*key_row, 9) != entry->collation_oid[static_cast<std::size_t>(attnum)]) {
        key.collation = Text(*key_row, 8);
      }
      index.keys.push_back(std::move(key));
    }
    entry->table->indexes.push_back(std::move(index));
  }

  auto enums = run(kEnumsQuery, "enums");
  if (!enums.ok()) return enums.status();
  for (const Row& row : *enums) {
    model::Enum type;
    type.name = Text(row, 1);
    type.values = JsonNames(row, 2);
    type.comment = Text(row, 3);
    schema.GetOrAddNamespace(Text(row, 0)).enums.push_back(std::move(type));
  }

  Status views =
      InspectViewsAndTriggers([&](const char* query, const char* what) { return run(query, what); }, schema);
  if (!views.ok()) return views;
  Status routines = InspectRoutinesAndSequences(
      [&](const char* query, const char* what) { return run(query, what); }, schema);
  if (!routines.ok()) return routines;

  auto unmanaged = run(kUnmanagedQuery, "unmanaged objects");
  if (!unmanaged.ok()) return unmanaged.status();
  for (const Row& row : *unmanaged) {
    schema.unmanaged.push_back(
        model::UnmanagedObject{Text(row, 0), Text(row, 1), Text(row, 2), Text(row, 3), Text(row, 4)});
  }
  return schema;
}

}  // namespace schemac::dialects::postgres
