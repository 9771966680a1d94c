// Databases created by plain SQL (as the sqlite3 shell would), inspected into the model.
#include <gtest/gtest.h>

#include "dialects/sqlite/types.hpp"
#include "sqlite_test_support.hpp"

namespace schemac::dialects::sqlite {
namespace {

using model::TypeKind;
using testing::ExecOk;
using testing::InspectOk;
using testing::OpenMemory;

const model::Table& TableOf(const model::Schema& schema, const std::string& name) {
  const model::Table* table = schema.FindTable("", name);
  if (!table) {
    ADD_FAILURE() << "no table " << name;
    static const model::Table kNone;
    return kNone;
  }
  return *table;
}

TEST(SqliteInspect, ColumnsTypesDefaultsAndGenerated) {
  auto db = OpenMemory();
  ExecOk(*db, R"sql(CREATE TABLE t (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      small SMALLINT, normal INT, big BIGINT, "int8" INT8,
      price DECIMAL(12,2) NOT NULL DEFAULT 0.50, ratio REAL, d DOUBLE PRECISION,
      flag BOOLEAN DEFAULT TRUE, name VARCHAR(40) COLLATE nocase DEFAULT 'it''s', code CHAR(3),
      body TEXT, data BLOB, born DATE, at TIME, created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
      zoned TIMESTAMPTZ, u UUID, j JSON, odd GEOMETRY(4), untyped,
      expr_default INT DEFAULT (abs(-1) + 2), negative INT DEFAULT -7, nada TEXT DEFAULT NULL,
      doubled INT GENERATED ALWAYS AS (normal * 2) VIRTUAL,
      stored TEXT AS (upper(name)) STORED))sql");
  const model::Schema inspected = InspectOk(*db);
  const model::Table& t = TableOf(inspected, "t");
  ASSERT_EQ(t.columns.size(), 26u);
  auto column = [&](const std::string& name) -> const model::Column& { return *t.FindColumn(name); };
  EXPECT_EQ(column("id").type.kind, TypeKind::BigInt);
  EXPECT_TRUE(column("id").identity.has_value());
  EXPECT_FALSE(column("id").nullable) << "primary key columns are NOT NULL";
  ASSERT_TRUE(t.primary_key.has_value());
  EXPECT_EQ(t.primary_key->name, "t_pkey");
  EXPECT_EQ(column("small").type.kind, TypeKind::SmallInt);
  EXPECT_EQ(column("normal").type.kind, TypeKind::Int);
  EXPECT_EQ(column("big").type.kind, TypeKind::BigInt);
  EXPECT_EQ(column("int8").type.kind, TypeKind::BigInt);
  EXPECT_EQ(column("price").type.kind, TypeKind::Decimal);
  EXPECT_EQ(column("price").type.precision, 12);
  EXPECT_EQ(column("price").type.scale, 2);
  EXPECT_FALSE(column("price").nullable);
  EXPECT_EQ(column("price").default_value, (model::DefaultValue{model::DefaultValue::Kind::Number, "0.5"}));
  EXPECT_EQ(column("ratio").type.kind, TypeKind::Real);
  EXPECT_EQ(column("d").type.kind, TypeKind::Double);
  EXPECT_EQ(column("flag").type.kind, TypeKind::Boolean);
  EXPECT_EQ(column("flag").default_value, (model::DefaultValue{model::DefaultValue::Kind::Number, "1"}));
  EXPECT_EQ(column("name").type.kind, TypeKind::Varchar);
  EXPECT_EQ(column("name").type.length, 40);
  EXPECT_EQ(column("name").collation, "NOCASE");
  EXPECT_EQ(column("name").default_value, (model::DefaultValue{model::DefaultValue::Kind::String, "it's"}));
  EXPECT_EQ(column("code").type.kind, TypeKind::Char);
  EXPECT_EQ(column("body").type.kind, TypeKind::Text);
  EXPECT_EQ(column("data").type.kind, TypeKind::Bytes);
  EXPECT_EQ(column("born").type.kind, TypeKind::Date);
  EXPECT_EQ(column("at").type.kind, TypeKind::Time);
  EXPECT_EQ(column("created").type.kind, TypeKind::Timestamp);
  EXPECT_EQ(column("created").default_value,
            (model::DefaultValue{model::DefaultValue::Kind::Expression, "CURRENT_TIMESTAMP"}));
  EXPECT_EQ(column("zoned").type.kind, TypeKind::TimestampTz);
  EXPECT_EQ(column("u").type.kind, TypeKind::Uuid);
  EXPECT_EQ(column("j").type.kind, TypeKind::Json);
  EXPECT_EQ(column("odd").type.kind, TypeKind::Native);
  EXPECT_EQ(column("odd").type.native.at("sqlite"), "GEOMETRY(4)");
  EXPECT_EQ(column("untyped").type.kind, TypeKind::Native);
  EXPECT_EQ(column("untyped").type.native.at("sqlite"), "");
  EXPECT_EQ(column("expr_default").default_value,
            (model::DefaultValue{model::DefaultValue::Kind::Expression, "abs(-1) + 2"}));
  EXPECT_EQ(column("negative").default_value, (model::DefaultValue{model::DefaultValue::Kind::Number, "-7"}));
  EXPECT_FALSE(column("nada").default_value.has_value()) << "DEFAULT NULL is no default";
  ASSERT_TRUE(column("doubled").generated.has_value());
  EXPECT_EQ(column("doubled").generated->expression, "normal * 2");
  EXPECT_FALSE(column("doubled").generated->stored);
  ASSERT_TRUE(column("stored").generated.has_value());
  EXPECT_EQ(column("stored").generated->expression, "upper(name)");
  EXPECT_TRUE(column("stored").generated->stored);
}

TEST(SqliteInspect, RowidAliasIsIntegerAndAutoincrementIsIdentity) {
  auto db = OpenMemory();
  ExecOk(*db, "CREATE TABLE alias (id INTEGER PRIMARY KEY, v TEXT)");
  ExecOk(*db, "CREATE TABLE table_level (id integer, v TEXT, PRIMARY KEY (id))");
  ExecOk(*db, "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
  ExecOk(*db, "CREATE TABLE descending (id INTEGER PRIMARY KEY DESC, v TEXT)");
  ExecOk(*db, "CREATE TABLE big (id BIGINT PRIMARY KEY, v TEXT)");
  ExecOk(*db, "CREATE TABLE no_rowid (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID");
  const model::Schema inspected = InspectOk(*db);
  const model::DataType rowid_alias = RowidAliasType();
  for (const char* name : {"alias", "table_level"}) {
    const model::Column& id = TableOf(inspected, name).columns[0];
    EXPECT_FALSE(id.identity.has_value()) << name << ": no AUTOINCREMENT, so no identity";
    EXPECT_EQ(id.type, rowid_alias) << name;
  }
  const model::Column& counted = TableOf(inspected, "counted").columns[0];
  EXPECT_TRUE(counted.identity.has_value());
  EXPECT_EQ(counted.type.kind, model::TypeKind::BigInt);
  for (const char* name : {"descending", "big", "no_rowid"}) {
    const model::Column& id = TableOf(inspected, name).columns[0];
    EXPECT_FALSE(id.identity.has_value()) << name;
    EXPECT_EQ(id.type.kind, model::TypeKind::BigInt) << name << ": no rowid alias";
  }
}

TEST(SqliteInspect, ConstraintNamesFromTheCreateTableText) {
  auto db = OpenMemory();
  ExecOk(
      *db,
      "CREATE TABLE parent (id INTEGER, code TEXT, CONSTRAINT parent_key PRIMARY KEY (id), UNIQUE (code))");
  ExecOk(*db, R"sql(CREATE TABLE child (
      a INT NOT NULL, b TEXT, c INT CHECK (c >= 0) CONSTRAINT c_small CHECK (c < 100),
      CONSTRAINT child_bc UNIQUE (b, c),
      CONSTRAINT to_parent FOREIGN KEY (a) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
      FOREIGN KEY (b) REFERENCES parent (code) DEFERRABLE INITIALLY DEFERRED,
      CHECK (a <> c), PRIMARY KEY (a, b)))sql");
  const model::Schema schema = InspectOk(*db);
  const model::Table& parent = TableOf(schema, "parent");
  ASSERT_TRUE(parent.primary_key.has_value());
  EXPECT_EQ(parent.primary_key->name, "parent_key");
  ASSERT_EQ(parent.uniques.size(), 1u);
  EXPECT_EQ(parent.uniques[0].name, "parent_code_key");

  const model::Table& child = TableOf(schema, "child");
  EXPECT_EQ(child.primary_key->name, "child_pkey");
  EXPECT_EQ(child.primary_key->columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(child.uniques.size(), 1u);
  EXPECT_EQ(child.uniques[0].name, "child_bc");
  ASSERT_EQ(child.foreign_keys.size(), 2u);
  const model::ForeignKey& first = child.foreign_keys[0];
  EXPECT_EQ(first.name, "to_parent");
  EXPECT_EQ(first.ref_table, "parent");
  EXPECT_EQ(first.ref_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(first.on_delete, model::ReferentialAction::Cascade);
  EXPECT_EQ(first.on_update, model::ReferentialAction::SetNull);
  EXPECT_FALSE(first.deferrable);
  const model::ForeignKey& second = child.foreign_keys[1];
  EXPECT_EQ(second.name, "child_b_fkey");
  EXPECT_TRUE(second.deferrable);
  EXPECT_TRUE(second.initially_deferred);
  ASSERT_EQ(child.checks.size(), 3u);
  EXPECT_EQ(child.checks[0].name, "child_c_check");
  EXPECT_EQ(child.checks[0].expression, "c >= 0");
  EXPECT_EQ(child.checks[1].name, "c_small");
  EXPECT_EQ(child.checks[2].name, "child_check");
  EXPECT_EQ(child.checks[2].expression, "a <> c");
}

TEST(SqliteInspect, IndexesPartialExpressionDescending) {
  auto db = OpenMemory();
  ExecOk(*db, "CREATE TABLE t (a INT, b TEXT, c TEXT UNIQUE)");
  ExecOk(*db, "CREATE INDEX t_a_idx ON t (a DESC, b COLLATE NOCASE) WHERE a > 0");
  ExecOk(*db, "CREATE UNIQUE INDEX t_lower ON t (lower(b))");
  const model::Schema inspected = InspectOk(*db);
  const model::Table& t = TableOf(inspected, "t");
  ASSERT_EQ(t.uniques.size(), 1u) << "the autoindex of UNIQUE is a constraint, not an index";
  EXPECT_EQ(t.uniques[0].name, "t_c_key");
  ASSERT_EQ(t.indexes.size(), 2u);
  const model::Index* partial = t.FindIndex("t_a_idx");
  ASSERT_NE(partial, nullptr);
  EXPECT_FALSE(partial->unique);
  ASSERT_EQ(partial->keys.size(), 2u);
  EXPECT_EQ(partial->keys[0].column, "a");
  EXPECT_TRUE(partial->keys[0].descending);
  EXPECT_EQ(partial->keys[1].collation, "NOCASE");
  EXPECT_EQ(partial->where, "a > 0");
  const model::Index* expression = t.FindIndex("t_lower");
  ASSERT_NE(expression, nullptr);
  EXPECT_TRUE(expression->unique);
  ASSERT_EQ(expression->keys.size(), 1u);
  EXPECT_EQ(expression->keys[0].expression, "lower(b)");
}

TEST(SqliteInspect, QuotedIdentifiersOfEveryKind) {
  auto db = OpenMemory();
  ExecOk(*db, R"sql(CREATE TABLE "we""ird" ([sq bracket] INT PRIMARY KEY, `back``tick` TEXT, "select" INT,
                                            'str col' INT,
                                            "ünï" TEXT CONSTRAINT "x; DROP TABLE y" CHECK ("ünï" <> ''))
                                            WITHOUT ROWID)sql");
  ExecOk(*db, R"sql(CREATE INDEX "idx""x" ON "we""ird" (`back``tick`))sql");
  const model::Schema inspected = InspectOk(*db);
  const model::Table& t = TableOf(inspected, "we\"ird");
  ASSERT_EQ(t.columns.size(), 5u);
  EXPECT_EQ(t.columns[0].name, "sq bracket");
  EXPECT_EQ(t.columns[1].name, "back`tick");
  EXPECT_EQ(t.columns[2].name, "select");
  EXPECT_EQ(t.columns[3].name, "str col");
  EXPECT_EQ(t.columns[4].name, "ünï");
  EXPECT_EQ(t.primary_key->columns, (std::vector<std::string>{"sq bracket"}));
  ASSERT_EQ(t.checks.size(), 1u);
  EXPECT_EQ(t.checks[0].name, "x; DROP TABLE y");
  EXPECT_EQ(t.checks[0].expression, "\"ünï\" <> ''");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "idx\"x");
  EXPECT_EQ(t.indexes[0].keys[0].column, "back`tick");
}

TEST(SqliteInspect, ViewsAndTriggersAreReadVirtualTablesAreUnmanaged) {
  auto db = OpenMemory();
  ExecOk(*db, "CREATE TABLE t (a INT, b INT)");
  ExecOk(*db, "CREATE TABLE schemac_history (id INT)");
  ExecOk(*db, "CREATE VIEW v (x) AS SELECT a /* the a */ FROM t");
  ExecOk(*db, "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END");
  ExecOk(*db,
         "CREATE TRIGGER IF NOT EXISTS \"t g\" INSTEAD OF UPDATE OF x ON v FOR EACH ROW WHEN (NEW.x > 1) "
         "BEGIN UPDATE t SET a = NEW.x;\n  DELETE FROM t WHERE b = 'begin end'; END");
  ExecOk(*db, "CREATE TRIGGER plain UPDATE OF a, b ON t BEGIN SELECT CASE WHEN 1 THEN 2 END; END");
  ExecOk(*db, "CREATE VIRTUAL TABLE docs USING fts5(body)");
  const model::Schema schema = InspectOk(*db);
  ASSERT_EQ(schema.TableCount(), 1u) << "schemac_* bookkeeping and fts shadow tables are skipped";
  ASSERT_EQ(schema.unmanaged.size(), 1u);
  EXPECT_EQ(schema.unmanaged[0].kind, "virtual table");
  EXPECT_EQ(schema.unmanaged[0].name, "docs");

  const model::Namespace& ns = schema.namespaces[0];
  ASSERT_EQ(ns.views.size(), 1u);
  EXPECT_EQ(ns.views[0].name, "v");
  EXPECT_EQ(ns.views[0].columns, (std::vector<std::string>{"x"}));
  EXPECT_EQ(ns.views[0].query, "SELECT a FROM t");
  ASSERT_EQ(ns.triggers.size(), 3u);
  EXPECT_EQ(ns.triggers[0].name, "trg");
  EXPECT_EQ(ns.triggers[0].timing, model::TriggerTiming::After);
  EXPECT_EQ(ns.triggers[0].body, "SELECT 1;");
  const model::Trigger& instead = ns.triggers[1];
  EXPECT_EQ(instead.name, "t g");
  EXPECT_EQ(instead.table, "v");
  EXPECT_EQ(instead.timing, model::TriggerTiming::InsteadOf);
  EXPECT_EQ(instead.events, (std::vector<model::TriggerEvent>{model::TriggerEvent::Update}));
  EXPECT_EQ(instead.update_columns, (std::vector<std::string>{"x"}));
  EXPECT_EQ(instead.when, "NEW.x > 1");
  EXPECT_EQ(instead.body, "UPDATE t SET a = NEW.x; DELETE FROM t WHERE b = 'begin end';");
  EXPECT_EQ(ns.triggers[2].timing, model::TriggerTiming::Before) << "SQLite's default timing";
  EXPECT_EQ(ns.triggers[2].update_columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ns.triggers[2].body, "SELECT CASE WHEN 1 THEN 2 END;");
}

TEST(SqliteInspect, ConflictClausesAreReportedNotDropped) {
  auto db = OpenMemory();
  ExecOk(*db,
         "CREATE TABLE t (a INT NOT NULL ON CONFLICT IGNORE, b TEXT, CONSTRAINT b_once UNIQUE (b) ON "
         "CONFLICT REPLACE)");
  const model::Schema schema = InspectOk(*db);
  ASSERT_EQ(schema.unmanaged.size(), 2u);
  EXPECT_EQ(schema.unmanaged[0].kind, "table clause");
  EXPECT_EQ(schema.unmanaged[0].name, "t");
  EXPECT_NE(schema.unmanaged[0].detail.find("ON CONFLICT IGNORE on column a"), std::string::npos);
  EXPECT_NE(schema.unmanaged[1].detail.find("ON CONFLICT REPLACE on constraint b_once"), std::string::npos);
  EXPECT_EQ(TableOf(schema, "t").uniques.at(0).name, "b_once");
}

TEST(SqliteInspect, EnumChecksBecomeEnumColumns) {
  auto db = OpenMemory();
  ExecOk(*db, R"sql(CREATE TABLE orders (status TEXT NOT NULL DEFAULT 'new',
                    other TEXT, CONSTRAINT "enum:order_status" CHECK ("status" IN ('new', 'paid')),
                    CONSTRAINT "enum:bad" CHECK (other IN ('x') OR other IS NULL)))sql");
  const model::Schema schema = InspectOk(*db);
  const model::Table& orders = TableOf(schema, "orders");
  EXPECT_EQ(orders.columns[0].type.kind, TypeKind::Enum);
  EXPECT_EQ(orders.columns[0].type.enum_name, "order_status");
  ASSERT_EQ(schema.namespaces[0].enums.size(), 1u);
  EXPECT_EQ(schema.namespaces[0].enums[0].name, "order_status");
  EXPECT_EQ(schema.namespaces[0].enums[0].values, (std::vector<std::string>{"new", "paid"}));
  ASSERT_EQ(orders.checks.size(), 1u) << "a check of another shape stays a check";
  EXPECT_EQ(orders.columns[1].type.kind, TypeKind::Text);
}

int CountStatementsDuringInspect(SqliteConnection& db) {
  int statements = 0;
  sqlite3_trace_v2(
      db.handle(), SQLITE_TRACE_STMT,
      [](unsigned, void* counter, void* statement, void*) {
        // The pragma_* table functions run one internal PRAGMA per table: those are SQLite's
        // work inside one query, not round trips of ours, so only our SELECTs count.
        const std::string sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
        if (sql.rfind("SELECT", 0) == 0) ++*static_cast<int*>(counter);
        return 0;
      },
      &statements);
  InspectOk(db);
  sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
  return statements;
}

TEST(SqliteInspect, CatalogReadsDoNotGrowWithTheSchema) {
  auto small = OpenMemory();
  ExecOk(*small, "CREATE TABLE t0 (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
  auto large = OpenMemory();
  for (int i = 0; i < 30; ++i) {
    const std::string n = std::to_string(i);
    ExecOk(*large,
           "CREATE TABLE t" + n + " (id INTEGER PRIMARY KEY, v TEXT UNIQUE, p INT REFERENCES t0(id))");
    ExecOk(*large, "CREATE INDEX t" + n + "_p ON t" + n + " (p)");
  }
  const int small_count = CountStatementsDuringInspect(*small);
  EXPECT_LE(small_count, 5);
  EXPECT_EQ(CountStatementsDuringInspect(*large), small_count);
}

TEST(SqliteInspect, StrictAndWithoutRowidOptions) {
  auto db = OpenMemory();
  ExecOk(*db, "CREATE TABLE k (id TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID, STRICT");
  const model::Schema inspected = InspectOk(*db);
  const model::Table& k = TableOf(inspected, "k");
  EXPECT_EQ(k.options.at("sqlite").at("strict"), "true");
  EXPECT_EQ(k.options.at("sqlite").at("without_rowid"), "true");
}

}  // namespace
}  // namespace schemac::dialects::sqlite
