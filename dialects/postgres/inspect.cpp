#include "dialects/postgres/inspect.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dialects/postgres/normalize.hpp"

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

constexpr const char* kTablesQuery = R"(
SELECT t.model_ns, t.relname, obj_description(t.relid, 'pg_class')
FROM tabs t ORDER BY t.ns_order, t.relid)";

// One row per column. The owned sequence of a serial column shows as `serial_sequence`.
constexpr const char* kColumnsQuery = R"(
SELECT t.model_ns, t.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname END,
       dsc.description,
       ty.typtype, ty.typname,
       CASE WHEN ty.typnamespace = t.nsp THEN '' ELSE tn.nspname END,
       EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'
               WHERE d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass
                 AND d.deptype = 'a')
FROM tabs t
JOIN pg_attribute a ON a.attrelid = t.relid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type ty ON ty.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_description dsc  -- a join, not col_description() per row: a third off this query
  ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
ORDER BY t.ns_order, t.relid, a.attnum)";

// Primary keys, uniques, foreign keys and checks; exclusion constraints go to `unmanaged`.
constexpr const char* kConstraintsQuery = R"(
SELECT t.model_ns, t.relname, con.conname, con.contype, con.convalidated,
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
       CASE WHEN rn.oid = t.nsp THEN '' ELSE rn.nspname END, rc.relname,
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
       con.confdeltype, con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred,
       pg_get_constraintdef(con.oid, true)
FROM tabs t
JOIN pg_constraint con ON con.conrelid = t.relid
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
ORDER BY t.ns_order, t.relid, con.conname)";

// Indexes that do not back a constraint (those belong to the constraint).
constexpr const char* kIndexesQuery = R"(
SELECT t.model_ns, t.relname, ic.relname, i.indisunique, i.indisvalid, am.amname,
       pg_get_expr(i.indpred, i.indrelid), i.indexrelid, i.indnkeyatts
FROM tabs t
JOIN pg_index i ON i.indrelid = t.relid
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY t.ns_order, t.relid, ic.relname)";

// One row per index column (keys, then INCLUDE columns), for the indexes above.
// pg_get_indexdef only for expression keys: it takes AccessShareLock on the table, so calling it
// for plain columns made inspect (and so apply) wait behind any session holding ACCESS EXCLUSIVE.
constexpr const char* kIndexKeysQuery = R"(
SELECT i.indexrelid, k.n, i.indkey[k.n - 1], a.attname,
       CASE WHEN i.indkey[k.n - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k.n, true) END,
       CASE WHEN k.n <= i.indnkeyatts THEN (i.indoption[k.n - 1]::int & 1) <> 0 ELSE false END,
       CASE WHEN k.n <= i.indnkeyatts THEN (i.indoption[k.n - 1]::int & 2) <> 0 ELSE false END,
       CASE WHEN k.n <= i.indnkeyatts AND NOT oc.opcdefault THEN oc.opcname END,
       CASE WHEN k.n <= i.indnkeyatts AND i.indcollation[k.n - 1] <> 0 AND a.attnum IS NOT NULL
                 AND i.indcollation[k.n - 1] <> a.attcollation THEN co.collname END
FROM tabs t
JOIN pg_index i ON i.indrelid = t.relid
CROSS JOIN LATERAL generate_series(1, i.indnatts) k(n)
LEFT JOIN pg_opclass oc ON k.n <= i.indnkeyatts AND oc.oid = i.indclass[k.n - 1]
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] AND i.indkey[k.n - 1] <> 0
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
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                      WHEN 'p' THEN 'partitioned table' WHEN 'S' THEN 'sequence' ELSE 'table' END,
       s.model_ns, c.relname,
       CASE WHEN c.relispartition THEN 'partition of ' || (SELECT ip.inhparent::regclass::text FROM pg_inherits ip
                                                            WHERE ip.inhrelid = c.oid LIMIT 1)
            WHEN c.relkind = 'S' THEN 'sequence not owned by a column'
            ELSE 'not expressible in the schemac model' END
FROM pg_class c JOIN scope s ON s.nsp = c.relnamespace
WHERE (c.relkind IN ('v', 'm', 'f', 'p') OR (c.relkind = 'r' AND c.relispartition)
       OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                           AND d.objid = c.oid AND d.deptype IN ('a', 'i'))))
  AND c.relname NOT LIKE 'schemac\_%'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, s.model_ns,
       p.proname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
FROM pg_proc p JOIN scope s ON s.nsp = p.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
UNION ALL
SELECT 'trigger', t.model_ns, tg.tgname, 'on ' || t.relname
FROM tabs t JOIN pg_trigger tg ON tg.tgrelid = t.relid AND NOT tg.tgisinternal
UNION ALL
SELECT 'policy', t.model_ns, po.polname, 'on ' || t.relname
FROM tabs t JOIN pg_policy po ON po.polrelid = t.relid
UNION ALL
SELECT 'rule', t.model_ns, ru.rulename, 'on ' || t.relname
FROM tabs t JOIN pg_rewrite ru ON ru.ev_class = t.relid
UNION ALL
SELECT 'exclusion constraint', t.model_ns, con.conname, 'on ' || t.relname || ': ' || pg_get_constraintdef(con.oid)
FROM tabs t JOIN pg_constraint con ON con.conrelid = t.relid AND con.contype = 'x'
UNION ALL
SELECT 'unvalidated constraint', t.model_ns, con.conname,
       'on ' || t.relname || ': NOT VALID (an interrupted online step; the next plan adds it again)'
FROM tabs t JOIN pg_constraint con ON con.conrelid = t.relid AND NOT con.convalidated
UNION ALL
SELECT 'invalid index', t.model_ns, ic.relname,
       'on ' || t.relname || ': INVALID (a failed concurrent build; the next plan rebuilds it)'
FROM tabs t JOIN pg_index i ON i.indrelid = t.relid AND NOT i.indisvalid JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT CASE ty.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END,
       s.model_ns, ty.typname, format_type(ty.oid, NULL)
FROM pg_type ty JOIN scope s ON s.nsp = ty.typnamespace
WHERE (ty.typtype IN ('d', 'r') OR (ty.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = ty.typrelid
                                                                 AND c.relkind = 'c')))
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_type'::regclass AND e.objid = ty.oid)
UNION ALL
SELECT 'extension', '', x.extname, 'version ' || x.extversion
FROM pg_extension x WHERE x.extname <> 'plpgsql'
ORDER BY 1, 2, 3)";

model::ReferentialAction ActionFromCode(const std::string& code) {
  if (code == "r") return model::ReferentialAction::Restrict;
  if (code == "c") return model::ReferentialAction::Cascade;
  if (code == "n") return model::ReferentialAction::SetNull;
  if (code == "d") return model::ReferentialAction::SetDefault;
  return model::ReferentialAction::NoAction;
}

// "CHECK ((a > 0))" -> "(a > 0)"; " NOT VALID" / " NO INHERIT" suffixes are dropped.
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

class SchemaBuilder {
 public:
  explicit SchemaBuilder(model::Schema& schema) : schema_(schema) {}

  model::Table* FindTable(const std::string& ns, const std::string& table) {
    model::Namespace* found = schema_.FindNamespace(ns);
    return found ? found->FindTable(table) : nullptr;
  }

 private:
  model::Schema& schema_;
};

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
  const bool serial = Flag(row, 13);
  if (identity == "a" || identity == "d") {
    column.identity = model::Identity{identity == "a"};
  } else if (generated == "s") {
    column.generated = model::Generated{Text(row, 5), true};
  } else if (serial && Text(row, 5).rfind("nextval(", 0) == 0) {
    column.identity = model::Identity{false};
  } else if (row[5]) {
    column.default_value = model::DefaultValue{model::DefaultValue::Kind::Expression, *row[5]};
  }
  column.collation = Text(row, 8);
  column.comment = Text(row, 9);
  table.columns.push_back(std::move(column));
}

void AddConstraint(model::Table& table, const Row& row) {
  const std::string name = Text(row, 2);
  const std::string type = Text(row, 3);
  std::vector<std::string> columns = JsonNames(row, 5);
  if (type == "p") {
    table.primary_key = model::PrimaryKey{name, columns};
  } else if (type == "u") {
    table.uniques.push_back(model::UniqueConstraint{name, columns});
  } else if (type == "f") {
    model::ForeignKey fk;
    fk.name = name;
    fk.columns = columns;
    fk.ref_namespace = Text(row, 6);
    fk.ref_table = Text(row, 7);
    fk.ref_columns = JsonNames(row, 8);
    fk.on_delete = ActionFromCode(Text(row, 9));
    fk.on_update = ActionFromCode(Text(row, 10));
    fk.deferrable = Flag(row, 12);
    fk.initially_deferred = Flag(row, 13);
    table.foreign_keys.push_back(std::move(fk));
  } else if (type == "c") {
    table.checks.push_back(model::Check{name, CheckExpression(Text(row, 14))});
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
  for (const Row& row : *tables) {
    model::Table table;
    table.name = Text(row, 1);
    table.comment = Text(row, 2);
    schema.GetOrAddNamespace(Text(row, 0)).tables.push_back(std::move(table));
  }
  SchemaBuilder builder(schema);

  auto columns = run(kColumnsQuery, "columns");
  if (!columns.ok()) return columns.status();
  for (const Row& row : *columns) {
    if (model::Table* table = builder.FindTable(Text(row, 0), Text(row, 1))) AddColumn(*table, row);
  }

  auto constraints = run(kConstraintsQuery, "constraints");
  if (!constraints.ok()) return constraints.status();
  for (const Row& row : *constraints) {
    if (!Flag(row, 4)) continue;  // NOT VALID: reported as unmanaged, added again by the next plan
    if (model::Table* table = builder.FindTable(Text(row, 0), Text(row, 1))) AddConstraint(*table, row);
  }

  auto keys = run(kIndexKeysQuery, "index columns");
  if (!keys.ok()) return keys.status();
  std::map<std::string, std::vector<const Row*>> keys_by_index;
  for (const Row& row : *keys) keys_by_index[Text(row, 0)].push_back(&row);

  auto indexes = run(kIndexesQuery, "indexes");
  if (!indexes.ok()) return indexes.status();
  for (const Row& row : *indexes) {
    if (!Flag(row, 4)) continue;  // INVALID: reported as unmanaged, rebuilt by the next plan
    model::Table* table = builder.FindTable(Text(row, 0), Text(row, 1));
    if (table == nullptr) continue;
    model::Index index;
    index.name = Text(row, 2);
    index.unique = Flag(row, 3);
    index.method = Text(row, 5);
    index.where = Text(row, 6);
    const int key_count = std::stoi(Text(row, 8));
    for (const Row* key_row : keys_by_index[Text(row, 7)]) {
      const int position = std::stoi(Text(*key_row, 1));
      const bool is_column = Text(*key_row, 2) != "0";
      if (position > key_count) {
        index.include.push_back(is_column ? Text(*key_row, 3) : Text(*key_row, 4));
        continue;
      }
      model::IndexKey key;
      if (is_column) {
        key.column = Text(*key_row, 3);
      } else {
        key.expression = Text(*key_row, 4);
      }
      key.descending = Flag(*key_row, 5);
      const bool nulls_first = Flag(*key_row, 6);
      // PostgreSQL's defaults: NULLS LAST ascending, NULLS FIRST descending.
      if (!key.descending && nulls_first) key.nulls = model::NullsOrder::First;
      if (key.descending && !nulls_first) key.nulls = model::NullsOrder::Last;
      key.opclass = Text(*key_row, 7);
      key.collation = Text(*key_row, 8);
      index.keys.push_back(std::move(key));
    }
    table->indexes.push_back(std::move(index));
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

  auto unmanaged = run(kUnmanagedQuery, "unmanaged objects");
  if (!unmanaged.ok()) return unmanaged.status();
  for (const Row& row : *unmanaged) {
    schema.unmanaged.push_back(model::UnmanagedObject{Text(row, 0), Text(row, 1), Text(row, 2), Text(row, 3)});
  }
  return schema;
}

}  // namespace schemac::dialects::postgres
