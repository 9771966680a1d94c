// PostgreSQL: pg_catalog, every schema but the system ones, objects an extension owns left out
// (the extension itself is listed). Definitions come from the server's own deparsers
// (pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, pg_get_triggerdef,
// pg_get_functiondef, pg_get_expr), read with search_path = pg_catalog so every name they print
// is schema-qualified the same way on any connection. Comments are read for every object
// (pg_description through pg_identify_object).
#include <algorithm>
#include <utility>

#include "tests/support/catalog_reader.hpp"

namespace schemac::test_support {
namespace {

using catalog_text::Cell;
using catalog_text::CollapseWhitespace;
using catalog_text::Quoted;
using Row = catalog_text::Rows::value_type;

// User schemas: not pg_catalog / information_schema / toast / temporary ones.
constexpr const char* kUserSchema =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
// Relations schemac itself owns (schemac_history), and anything an extension owns.
constexpr const char* kNotBookkeeping =
    "c.relname NOT LIKE 'schemac\\_%' AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = "
    "'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'e')";

struct Query {
  const char* what;
  std::string sql;
  // Turns one row into one line.
  std::string (*line)(const catalog_text::Rows::value_type& row);
};

std::string Where(const std::string& extra) {
  return std::string(" WHERE ") + kUserSchema + " AND " + kNotBookkeeping +
         (extra.empty() ? "" : " AND " + extra);
}

std::vector<Query> Queries() {
  std::vector<Query> q;
  q.push_back({"schemas", std::string("SELECT n.nspname FROM pg_namespace n WHERE ") + kUserSchema,
               [](const Row& r) { return "schema " + Cell(r, 0); }});
  q.push_back({"extensions",
               "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = "
               "e.extnamespace",
               [](const Row& r) {
                 return "extension " + Cell(r, 0) + ": version=" + Cell(r, 1) + " schema=" + Cell(r, 2);
               }});
  q.push_back({"relations",
               "SELECT n.nspname, c.relname, c.relkind, c.relpersistence, "
               "coalesce(array_to_string(c.reloptions, ','), ''), c.relrowsecurity, c.relforcerowsecurity, "
               "coalesce(pg_get_partkeydef(c.oid), ''), coalesce(pg_get_expr(c.relpartbound, c.oid), ''), "
               "c.relreplident, coalesce((SELECT string_agg(pn.nspname || '.' || pc.relname, ',' ORDER BY "
               "i.inhseqno) FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn "
               "ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid), '') "
               "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where("c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"),
               [](const Row& r) {
                 return "relation " + Cell(r, 0) + "." + Cell(r, 1) + ": kind=" + Cell(r, 2) +
                        " persistence=" + Cell(r, 3) + " options=[" + Cell(r, 4) + "] rls=" + Cell(r, 5) +
                        "/" + Cell(r, 6) + " partition_key=" + Quoted(Cell(r, 7)) +
                        " partition_bound=" + Quoted(Cell(r, 8)) + " replica_identity=" + Cell(r, 9) +
                        " inherits=[" + Cell(r, 10) + "]";
               }});
  q.push_back(
      {"columns",
       "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
       "a.attidentity, a.attgenerated, coalesce(pg_get_expr(d.adbin, d.adrelid), ''), "
       "CASE WHEN a.attcollation <> t.typcollation THEN co.collname ELSE '' END, "
       "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text ELSE '' END, a.attislocal, "
       "a.attinhcount, coalesce(array_to_string(a.attoptions, ','), ''), a.attcompression::text "
       "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = "
       "c.relnamespace JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = "
       "a.attrelid AND d.adnum = a.attnum LEFT JOIN pg_collation co ON co.oid = a.attcollation" +
           Where("a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"),
       [](const Row& r) {
         return "column " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) + ": type=" + Cell(r, 3) +
                " notnull=" + Cell(r, 4) + " identity=" + Quoted(Cell(r, 5)) +
                " generated=" + Quoted(Cell(r, 6)) + " default=" + Quoted(Cell(r, 7)) +
                " collation=" + Cell(r, 8) + " storage=" + Cell(r, 9) + " local=" + Cell(r, 10) +
                " inherited=" + Cell(r, 11) + " options=[" + Cell(r, 12) +
                "] compression=" + Quoted(Cell(r, 13));
       }});
  q.push_back({"constraints",
               "SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid, true), "
               "con.conislocal, con.coninhcount FROM pg_constraint con JOIN pg_class c ON c.oid = "
               "con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where(""),
               [](const Row& r) {
                 return "constraint " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) +
                        ": type=" + Cell(r, 3) + " " + Cell(r, 4) + " local=" + Cell(r, 5) +
                        " inherited=" + Cell(r, 6);
               }});
  q.push_back({"indexes",
               "SELECT n.nspname, c.relname, ci.relname, pg_get_indexdef(i.indexrelid), i.indisclustered, "
               "i.indisvalid, i.indisreplident FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN "
               "pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where(""),
               [](const Row& r) {
                 return "index " + Cell(r, 0) + "." + Cell(r, 2) + " on " + Cell(r, 1) + ": " + Cell(r, 3) +
                        " clustered=" + Cell(r, 4) + " valid=" + Cell(r, 5) +
                        " replica_identity=" + Cell(r, 6);
               }});
  q.push_back(
      {"sequences",
       "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
       "s.seqmax, s.seqmin, s.seqcache, s.seqcycle, coalesce((SELECT dep.deptype::text || ':' || tn.nspname "
       "|| '.' || tc.relname || '.' || ta.attname FROM pg_depend dep JOIN pg_class tc ON tc.oid = "
       "dep.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace JOIN pg_attribute ta ON "
       "ta.attrelid = tc.oid AND ta.attnum = dep.refobjsubid WHERE dep.classid = 'pg_class'::regclass "
       "AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', "
       "'i')), '') FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON "
       "n.oid = c.relnamespace" +
           Where(""),
       [](const Row& r) {
         return "sequence " + Cell(r, 0) + "." + Cell(r, 1) + ": type=" + Cell(r, 2) +
                " start=" + Cell(r, 3) + " increment=" + Cell(r, 4) + " max=" + Cell(r, 5) +
                " min=" + Cell(r, 6) + " cache=" + Cell(r, 7) + " cycle=" + Cell(r, 8) +
                " owned_by=" + Cell(r, 9);
       }});
  q.push_back({"views",
               "SELECT n.nspname, c.relname, pg_get_viewdef(c.oid, true), c.relkind, c.relispopulated "
               "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where("c.relkind IN ('v', 'm')"),
               [](const Row& r) {
                 // Options (check_option, security_invoker) are on the relation's line; a
                 // materialized view's indexes on the index lines.
                 return "view " + Cell(r, 0) + "." + Cell(r, 1) + ": kind=" + Cell(r, 3) +
                        " populated=" + Cell(r, 4) + " " + CollapseWhitespace(Cell(r, 2));
               }});
  q.push_back({"triggers",
               "SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid, true), t.tgenabled FROM "
               "pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = "
               "c.relnamespace" +
                   Where("NOT t.tgisinternal"),
               [](const Row& r) {
                 return "trigger " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) + ": " + Cell(r, 3) +
                        " enabled=" + Cell(r, 4);
               }});
  q.push_back({"rules",
               "SELECT n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid, true) FROM pg_rewrite r JOIN "
               "pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where("r.rulename <> '_RETURN'"),
               [](const Row& r) {
                 return "rule " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) + ": " +
                        CollapseWhitespace(Cell(r, 3));
               }});
  q.push_back({"policies",
               "SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive, "
               "coalesce(pg_get_expr(p.polqual, p.polrelid), ''), coalesce(pg_get_expr(p.polwithcheck, "
               "p.polrelid), ''), array_to_string(ARRAY(SELECT CASE WHEN o = 0 THEN 'public' ELSE "
               "pg_get_userbyid(o) END FROM unnest(p.polroles) o ORDER BY 1), ',') FROM pg_policy p JOIN "
               "pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace" +
                   Where(""),
               [](const Row& r) {
                 return "policy " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) +
                        ": command=" + Cell(r, 3) + " permissive=" + Cell(r, 4) +
                        " using=" + Quoted(Cell(r, 5)) + " check=" + Quoted(Cell(r, 6)) +
                        " roles=" + Cell(r, 7);
               }});
  const std::string not_extension_type =
      " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_type'::regclass AND dep.objid = "
      "t.oid AND dep.deptype = 'e')";
  q.push_back(
      {"enums",
       std::string("SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ',' ORDER BY "
                   "e.enumsortorder) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN "
                   "pg_enum e ON e.enumtypid = t.oid WHERE ") +
           kUserSchema + not_extension_type + " GROUP BY n.nspname, t.typname",
       [](const Row& r) {
         return "enum " + Cell(r, 0) + "." + Cell(r, 1) + ": values=[" + Cell(r, 2) + "]";
       }});
  q.push_back({"types",
               std::string("SELECT n.nspname, t.typname, t.typtype, CASE WHEN t.typtype = 'd' THEN "
                           "format_type(t.typbasetype, t.typtypmod) ELSE '' END, t.typnotnull, "
                           "coalesce(t.typdefault, ''), coalesce(co.collname, '') FROM pg_type t JOIN "
                           "pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_collation co ON co.oid = "
                           "t.typcollation AND t.typtype = 'd' AND t.typcollation <> (SELECT bt.typcollation "
                           "FROM pg_type bt WHERE bt.oid = t.typbasetype) WHERE ") +
                   kUserSchema + not_extension_type +
                   " AND t.typtype IN ('d', 'r', 'm', 'b') AND t.typname NOT LIKE '\\_%'",
               [](const Row& r) {
                 return "type " + Cell(r, 0) + "." + Cell(r, 1) + ": kind=" + Cell(r, 2) +
                        " base=" + Cell(r, 3) + " notnull=" + Cell(r, 4) + " default=" + Quoted(Cell(r, 5)) +
                        " collation=" + Cell(r, 6);
               }});
  q.push_back(
      {"domain constraints",
       std::string("SELECT n.nspname, t.typname, con.conname, pg_get_constraintdef(con.oid, true) FROM "
                   "pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON "
                   "n.oid = t.typnamespace WHERE ") +
           kUserSchema,
       [](const Row& r) {
         return "domain constraint " + Cell(r, 0) + "." + Cell(r, 1) + "." + Cell(r, 2) + ": " + Cell(r, 3);
       }});
  q.push_back(
      {"functions",
       std::string("SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind, "
                   "CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE '' END FROM pg_proc p "
                   "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ") +
           kUserSchema +
           " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_proc'::regclass AND "
           "dep.objid = p.oid AND dep.deptype = 'e')",
       [](const Row& r) {
         return "function " + Cell(r, 0) + "." + Cell(r, 1) + "(" + Cell(r, 2) + "): kind=" + Cell(r, 3) +
                " " + CollapseWhitespace(Cell(r, 4));
       }});
  // Every comment on a user object (FirstNormalObjectId = 16384), named as PostgreSQL names it
  // ("column public.users.email", "table constraint uq on public.t").
  q.push_back(
      {"comments",
       "SELECT o.type, o.identity, d.description FROM pg_description d, LATERAL "
       "pg_identify_object(d.classoid, d.objoid, d.objsubid) o WHERE d.objoid >= 16384 AND "
       "coalesce(o.identity, '') NOT LIKE '%schemac\\_history%'",
       [](const Row& r) { return "comment " + Cell(r, 0) + " " + Cell(r, 1) + ": " + Quoted(Cell(r, 2)); }});
  return q;
}

}  // namespace

Result<CatalogSnapshot> ReadPostgresCatalog(dialects::Connection& connection) {
  // SET LOCAL inside a transaction that is rolled back: the connection's search_path is untouched.
  if (Status begun = connection.Begin(); !begun.ok()) return begun.WithContext("reading the catalog");
  CatalogSnapshot snapshot;
  Status failed;
  if (Status set = connection.Execute("SET LOCAL search_path = pg_catalog"); !set.ok()) failed = set;
  for (const auto& query : Queries()) {
    if (!failed.ok()) break;
    auto rows = catalog_text::QueryRows(connection, query.sql, query.what);
    if (!rows.ok()) {
      failed = rows.status();
      break;
    }
    for (const auto& row : *rows) snapshot.lines.push_back(query.line(row));
  }
  Status rolled_back = connection.Rollback();
  if (!failed.ok()) return failed;
  if (!rolled_back.ok()) return rolled_back.WithContext("reading the catalog");
  std::sort(snapshot.lines.begin(), snapshot.lines.end());
  return snapshot;
}

}  // namespace schemac::test_support
