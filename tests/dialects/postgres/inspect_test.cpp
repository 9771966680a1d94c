#include "dialects/postgres/inspect.hpp"

#include <gtest/gtest.h>

#include "dialects/postgres/dialect.hpp"
#include "tests/dialects/postgres/test_database.hpp"

namespace schemac::dialects::postgres {
namespace {

// A database written by hand in plain SQL, covering every construct the model expresses and
// several it does not.
constexpr const char* kSetupSql = R"(
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
COMMENT ON TYPE order_status IS 'lifecycle';
CREATE SCHEMA billing;
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(200) NOT NULL UNIQUE,
                    first text, last text,
                    full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED,
                    code char(3) COLLATE "C");
CREATE TABLE orders (
  id serial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) MATCH FULL ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  status order_status NOT NULL DEFAULT 'pending',
  total numeric(12,2) NOT NULL DEFAULT 0 CHECK (total >= 0),
  created timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  note text DEFAULT 'n/a',
  tags int[],
  ip inet,
  CONSTRAINT orders_total_cap CHECK (total < 1000000 AND status IN ('pending', 'paid'))
);
COMMENT ON TABLE orders IS 'one row per order';
COMMENT ON COLUMN orders.note IS 'free text';
CREATE INDEX orders_user_idx ON orders (user_id, created DESC) WHERE status <> 'shipped';
CREATE UNIQUE INDEX orders_note_lower_idx ON orders (lower(note)) INCLUDE (total);
CREATE INDEX orders_tags_idx ON orders USING gin (tags);
CREATE INDEX orders_note_pattern_idx ON orders (note text_pattern_ops NULLS FIRST);
CREATE TABLE billing.invoices (id int PRIMARY KEY, order_id int REFERENCES public.orders (id));
CREATE TABLE schemac_history (id int);
CREATE VIEW paid_orders AS SELECT * FROM orders WHERE status = 'paid';
CREATE SEQUENCE free_seq AS integer INCREMENT BY 5 START WITH 10 CACHE 3 CYCLE;
CREATE SEQUENCE order_refs OWNED BY orders.note;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path = public, pg_temp AS $$ SELECT a + b $$;
CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$;
CREATE PROCEDURE archive(cutoff date) LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
CREATE FUNCTION costly() RETURNS int LANGUAGE sql COST 500 AS $$ SELECT 1 $$;
CREATE FUNCTION many() RETURNS SETOF int LANGUAGE sql LEAKPROOF COST 0.5 ROWS 5 AS $$ SELECT 1 $$;
CREATE FUNCTION defaults() RETURNS SETOF int LANGUAGE sql COST 100 ROWS 1000 AS $$ SELECT 1 $$;
COMMENT ON FUNCTION costly() IS 'it''s slow';
CREATE FUNCTION c_function(cstring) RETURNS int LANGUAGE internal AS 'int4in';
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
)";

TEST(PostgresInspectTest, ReadsEveryConstruct) {
  SCHEMAC_PG_TEST_DATABASE(db, "inspect");
  ASSERT_EQ(db.Run(kSetupSql), "");
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  model::Schema schema = *inspected;
  PostgresDialect::Instance().Normalize(schema);

  ASSERT_EQ(schema.namespaces.size(), 1u) << "billing is not in scope by default";
  const model::Namespace& ns = schema.namespaces[0];
  EXPECT_EQ(ns.name, "");
  ASSERT_EQ(ns.tables.size(), 2u) << "schemac_history is left out";
  ASSERT_EQ(ns.enums.size(), 1u);
  EXPECT_EQ(ns.enums[0].values, (std::vector<std::string>{"pending", "paid", "shipped"}));
  EXPECT_EQ(ns.enums[0].comment, "lifecycle");

  const model::Table* users = ns.FindTable("users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->columns[0].identity, model::Identity{true});
  EXPECT_EQ(users->columns[1].type.kind, model::TypeKind::Varchar);
  EXPECT_EQ(users->columns[1].type.length, 200);
  ASSERT_TRUE(users->columns[4].generated.has_value());
  EXPECT_EQ(users->columns[4].generated->expression, "first || ' ' || last");
  EXPECT_EQ(users->columns[5].collation, "C");
  EXPECT_EQ(users->columns[5].type.length, 3);
  ASSERT_EQ(users->uniques.size(), 1u);
  EXPECT_EQ(users->uniques[0].name, "users_email_key");
  EXPECT_EQ(users->primary_key->name, "users_pkey");

  const model::Table* orders = ns.FindTable("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->comment, "one row per order");
  const model::Column* id = orders->FindColumn("id");
  EXPECT_FALSE(id->identity.has_value()) << "serial is not identity";
  ASSERT_NE(id->type.NativeFor("postgres"), nullptr);
  EXPECT_EQ(*id->type.NativeFor("postgres"), "serial") << "a default and an owned sequence";
  EXPECT_EQ(id->type.kind, model::TypeKind::Int) << "still an int to other dialects and foreign keys";
  EXPECT_FALSE(id->default_value.has_value());
  const model::Column* status = orders->FindColumn("status");
  EXPECT_EQ(status->type.kind, model::TypeKind::Enum);
  EXPECT_EQ(status->type.enum_name, "order_status");
  EXPECT_EQ(status->default_value, (model::DefaultValue{model::DefaultValue::Kind::String, "pending"}));
  EXPECT_EQ(orders->FindColumn("total")->default_value,
            (model::DefaultValue{model::DefaultValue::Kind::Number, "0"}));
  EXPECT_EQ(orders->FindColumn("created")->default_value,
            (model::DefaultValue{model::DefaultValue::Kind::Expression, "now()"}));
  EXPECT_EQ(orders->FindColumn("note")->comment, "free text");
  EXPECT_EQ(*orders->FindColumn("tags")->type.NativeFor("postgres"), "integer[]");
  EXPECT_EQ(*orders->FindColumn("ip")->type.NativeFor("postgres"), "inet");

  ASSERT_EQ(orders->checks.size(), 2u);
  EXPECT_EQ(orders->checks[0].name, "orders_total_cap");
  EXPECT_EQ(orders->checks[0].expression, "total < 1000000 and status in ('pending', 'paid')");
  EXPECT_EQ(orders->checks[1].expression, "total >= 0");

  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  const model::ForeignKey& fk = orders->foreign_keys[0];
  EXPECT_EQ(fk.name, "orders_user_id_fkey");
  EXPECT_EQ(fk.ref_table, "users");
  EXPECT_EQ(fk.ref_columns, (std::vector<std::string>{"id"}));
  EXPECT_EQ(fk.on_delete, model::ReferentialAction::Cascade);
  EXPECT_TRUE(fk.deferrable);
  EXPECT_TRUE(fk.initially_deferred);
  EXPECT_EQ(fk.match, model::MatchType::Full);

  ASSERT_EQ(orders->indexes.size(), 4u);
  const model::Index* user_idx = orders->FindIndex("orders_user_idx");
  ASSERT_NE(user_idx, nullptr);
  EXPECT_EQ(user_idx->where, "status <> 'shipped'");
  ASSERT_EQ(user_idx->keys.size(), 2u);
  EXPECT_TRUE(user_idx->keys[1].descending);
  const model::Index* lower_idx = orders->FindIndex("orders_note_lower_idx");
  ASSERT_NE(lower_idx, nullptr);
  EXPECT_TRUE(lower_idx->unique);
  EXPECT_EQ(lower_idx->keys[0].expression, "lower(note)");
  EXPECT_EQ(lower_idx->include, (std::vector<std::string>{"total"}));
  EXPECT_EQ(orders->FindIndex("orders_tags_idx")->method, "gin");
  const model::Index* pattern = orders->FindIndex("orders_note_pattern_idx");
  EXPECT_EQ(pattern->keys[0].opclass, "text_pattern_ops");
  EXPECT_EQ(pattern->keys[0].nulls, model::NullsOrder::First);

  auto has_unmanaged = [&](const std::string& kind, const std::string& name) {
    for (const auto& object : schema.unmanaged) {
      if (object.kind == kind && object.name == name) return true;
    }
    return false;
  };
  EXPECT_FALSE(has_unmanaged("view", "paid_orders")) << "views are managed";
  EXPECT_FALSE(has_unmanaged("sequence", "free_seq")) << "sequences are managed";
  EXPECT_FALSE(has_unmanaged("function", "touch")) << "functions are managed";
  EXPECT_FALSE(has_unmanaged("function", "costly")) << "COST is managed";
  EXPECT_TRUE(has_unmanaged("function", "c_function")) << "a function in C is not SQL text";
  EXPECT_FALSE(has_unmanaged("trigger", "orders_touch")) << "triggers are managed";
  const model::Namespace& public_ns = *schema.FindNamespace("");
  const model::Routine* costly = public_ns.FindRoutine("costly()");
  ASSERT_NE(costly, nullptr);
  EXPECT_EQ(costly->cost, 500.0);
  EXPECT_FALSE(costly->rows) << "0, the default of a function that returns no set";
  EXPECT_EQ(costly->comment, "it's slow");
  const model::Routine* many = public_ns.FindRoutine("many()");
  ASSERT_NE(many, nullptr);
  EXPECT_TRUE(many->leakproof);
  EXPECT_EQ(many->cost, 0.5);
  EXPECT_EQ(many->rows, 5.0);
  const model::Routine* defaults = public_ns.FindRoutine("defaults()");
  ASSERT_NE(defaults, nullptr);
  EXPECT_FALSE(defaults->cost) << "COST 100 is the default, left out";
  EXPECT_FALSE(defaults->rows) << "ROWS 1000 is a set-returning function's default";
  EXPECT_FALSE(defaults->leakproof);
  const model::View* paid = public_ns.FindView("paid_orders");
  ASSERT_NE(paid, nullptr);
  EXPECT_NE(paid->query.find("WHERE orders.status = 'paid'::order_status"), std::string::npos) << paid->query;
  EXPECT_TRUE(paid->columns.empty());
  const model::Trigger* touch = public_ns.FindTrigger("orders_touch");
  ASSERT_NE(touch, nullptr);
  EXPECT_EQ(touch->table, "orders");
  EXPECT_EQ(touch->timing, model::TriggerTiming::Before);
  EXPECT_EQ(touch->events, std::vector<model::TriggerEvent>{model::TriggerEvent::Update});
  EXPECT_TRUE(touch->for_each_row);
  EXPECT_EQ(touch->function, "touch");
  EXPECT_EQ(touch->arguments, "");
  EXPECT_FALSE(has_unmanaged("sequence", "orders_id_seq")) << "owned by orders.id";

  // Sequences: every number read; a serial's own sequence stays part of its column.
  EXPECT_EQ(public_ns.FindSequence("orders_id_seq"), nullptr) << "the serial column keeps it";
  const model::Sequence* free_seq = public_ns.FindSequence("free_seq");
  ASSERT_NE(free_seq, nullptr);
  EXPECT_EQ(free_seq->type, "integer");
  EXPECT_EQ(free_seq->increment, 5);
  EXPECT_EQ(free_seq->start, 10);
  EXPECT_EQ(free_seq->min_value, 1);
  EXPECT_EQ(free_seq->max_value, 2147483647);
  EXPECT_EQ(free_seq->cache, 3);
  EXPECT_TRUE(free_seq->cycle);
  EXPECT_EQ(free_seq->owned_by, "");
  const model::Sequence* refs = public_ns.FindSequence("order_refs");
  ASSERT_NE(refs, nullptr);
  EXPECT_EQ(refs->owned_by, "orders.note");

  // Functions and procedures: overloads told apart by signature, clauses read.
  const model::Routine* add_ints = public_ns.FindRoutine("add(integer, integer)");
  ASSERT_NE(add_ints, nullptr);
  EXPECT_EQ(add_ints->arguments, "a integer, b integer DEFAULT 1");
  EXPECT_EQ(add_ints->returns, "integer");
  EXPECT_EQ(add_ints->language, "sql");
  EXPECT_EQ(add_ints->volatility, model::RoutineVolatility::Immutable);
  EXPECT_TRUE(add_ints->strict);
  EXPECT_EQ(add_ints->parallel, model::RoutineParallel::Safe);
  EXPECT_EQ(add_ints->settings, std::vector<std::string>{"search_path=public, pg_temp"});
  EXPECT_EQ(add_ints->body, "SELECT a + b");
  ASSERT_NE(public_ns.FindRoutine("add(text, text)"), nullptr);
  const model::Routine* archive = public_ns.FindRoutine("archive(date)");
  ASSERT_NE(archive, nullptr);
  EXPECT_TRUE(archive->procedure);
  EXPECT_TRUE(archive->returns.empty());
  EXPECT_EQ(archive->security, model::ViewSecurity::Definer);
  const model::Routine* touch_fn = public_ns.FindRoutine("touch()");
  ASSERT_NE(touch_fn, nullptr);
  EXPECT_EQ(touch_fn->returns, "trigger");
  EXPECT_EQ(touch_fn->language, "plpgsql");
  EXPECT_EQ(touch_fn->body, "BEGIN RETURN NEW; END");
}

// Key columns are named on the client from attnums (see kConstraintsQuery): dropped columns leave
// gaps in the attnums, key order differs from column order, a foreign key may point out of scope
// (its names then come from the server), and only a collation other than the column's is kept.
TEST(PostgresInspectTest, KeyColumnsAreNamedByAttnumInAndOutOfScope) {
  SCHEMAC_PG_TEST_DATABASE(db, "attnums");
  ASSERT_EQ(db.Run(R"(
CREATE SCHEMA ledger;
CREATE TABLE ledger.books (gone int, a int, b text, PRIMARY KEY (b, a));
ALTER TABLE ledger.books DROP COLUMN gone;
CREATE TABLE entries (old int, x int, y text, note text, code text COLLATE "C",
                      UNIQUE (y, x), FOREIGN KEY (y, x) REFERENCES ledger.books (b, a));
ALTER TABLE entries DROP COLUMN old;
CREATE TABLE lines (id int PRIMARY KEY, ex int, ey text, FOREIGN KEY (ey, ex) REFERENCES entries (y, x));
CREATE INDEX entries_note_c_idx ON entries (note COLLATE "C", code COLLATE "C") INCLUDE (x);
)"),
            "");
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  const model::Table* entries = inspected->FindTable("", "entries");
  ASSERT_NE(entries, nullptr);
  ASSERT_EQ(entries->uniques.size(), 1u);
  EXPECT_EQ(entries->uniques[0].columns, (std::vector<std::string>{"y", "x"}));
  ASSERT_EQ(entries->foreign_keys.size(), 1u);
  EXPECT_EQ(entries->foreign_keys[0].columns, (std::vector<std::string>{"y", "x"}));
  EXPECT_EQ(entries->foreign_keys[0].ref_namespace, "ledger");
  EXPECT_EQ(entries->foreign_keys[0].ref_columns, (std::vector<std::string>{"b", "a"})) << "out of scope";
  const model::Table* lines = inspected->FindTable("", "lines");
  ASSERT_NE(lines, nullptr);
  ASSERT_EQ(lines->foreign_keys.size(), 1u);
  EXPECT_EQ(lines->foreign_keys[0].columns, (std::vector<std::string>{"ey", "ex"}));
  EXPECT_EQ(lines->foreign_keys[0].ref_columns, (std::vector<std::string>{"y", "x"})) << "in scope";
  const model::Index* index = entries->FindIndex("entries_note_c_idx");
  ASSERT_NE(index, nullptr);
  ASSERT_EQ(index->keys.size(), 2u);
  EXPECT_EQ(index->keys[0].column, "note");
  EXPECT_EQ(index->keys[0].collation, "C") << "differs from the column's";
  EXPECT_EQ(index->keys[1].column, "code");
  EXPECT_EQ(index->keys[1].collation, "") << "the column's own";
  EXPECT_EQ(index->include, (std::vector<std::string>{"x"}));

  db.connection().SetExtraNamespaces({"ledger"});
  auto scoped = db.connection().Inspect();
  ASSERT_TRUE(scoped.ok()) << scoped.status().message();
  const model::Table* books = scoped->FindTable("ledger", "books");
  ASSERT_NE(books, nullptr);
  ASSERT_TRUE(books->primary_key.has_value());
  EXPECT_EQ(books->primary_key->columns, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(scoped->FindTable("", "entries")->foreign_keys[0].ref_columns,
            (std::vector<std::string>{"b", "a"}));
}

// Inspect runs in a transaction of its own with SET LOCAL timeouts; inside a caller's transaction
// it uses a savepoint instead, sees the caller's uncommitted tables, and leaves the transaction
// open with the caller's settings.
TEST(PostgresInspectTest, InsideACallersTransactionLeavesItOpenAndItsSettingsAlone) {
  SCHEMAC_PG_TEST_DATABASE(db, "callertx");
  ASSERT_EQ(db.Run("CREATE TABLE a (id int)"), "");
  PostgresConnection& connection = db.connection();
  auto setting = [&](const char* name) {
    auto rows = connection.Query(std::string("SHOW ") + name);
    return rows.ok() && !rows->empty() && (*rows)[0][0] ? *(*rows)[0][0] : std::string("?");
  };
  const std::string session_lock_timeout = setting("lock_timeout");
  auto alone = connection.Inspect();
  ASSERT_TRUE(alone.ok()) << alone.status().message();
  EXPECT_EQ(setting("lock_timeout"), session_lock_timeout) << "inspect's timeout leaked into the session";

  ASSERT_TRUE(connection.Begin().ok());
  ASSERT_TRUE(connection.Execute("SET LOCAL lock_timeout = '1234ms'").ok());
  ASSERT_TRUE(connection.Execute("CREATE TABLE b (id int)").ok());
  auto inside = connection.Inspect();
  ASSERT_TRUE(inside.ok()) << inside.status().message();
  EXPECT_NE(inside->FindTable("", "b"), nullptr) << "the caller's own table is not seen";
  EXPECT_EQ(setting("lock_timeout"), "1234ms");
  ASSERT_TRUE(connection.Rollback().ok()) << "the caller's transaction did not survive";
  auto after = connection.Inspect();
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->FindTable("", "b"), nullptr);
  EXPECT_NE(after->FindTable("", "a"), nullptr);
}

TEST(PostgresInspectTest, ExtraNamespacesByName) {
  SCHEMAC_PG_TEST_DATABASE(db, "namespaces");
  ASSERT_EQ(db.Run(kSetupSql), "");
  db.connection().SetExtraNamespaces({"billing"});
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  model::Schema schema = *inspected;
  PostgresDialect::Instance().Normalize(schema);
  ASSERT_EQ(schema.namespaces.size(), 2u);
  const model::Table* invoices = schema.FindTable("billing", "invoices");
  ASSERT_NE(invoices, nullptr);
  ASSERT_EQ(invoices->foreign_keys.size(), 1u);
  EXPECT_EQ(invoices->foreign_keys[0].ref_namespace, "public");
}

TEST(PostgresInspectTest, LeftoversOfInterruptedOnlineStepsAreReportedNotModelled) {
  SCHEMAC_PG_TEST_DATABASE(db, "leftovers");
  ASSERT_EQ(db.Run("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (1);"
                   "ALTER TABLE t ADD CONSTRAINT t_x_check CHECK (x > 5) NOT VALID;"),
            "");
  // A failed concurrent unique build leaves an INVALID index behind.
  EXPECT_NE(db.Run("CREATE UNIQUE INDEX CONCURRENTLY t_x_idx ON t (x)"), "");
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  const model::Table* t = inspected->FindTable("", "t");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->checks.empty());
  EXPECT_TRUE(t->indexes.empty());
  int reported = 0;
  for (const auto& object : inspected->unmanaged) {
    if (object.kind == "invalid index" || object.kind == "unvalidated constraint") ++reported;
  }
  EXPECT_EQ(reported, 2);
}

TEST(PostgresInspectTest, SchemacsOwnTemporaryIndexIsModelledEvenWhenInvalid) {
  SCHEMAC_PG_TEST_DATABASE(db, "temp_index");
  ASSERT_EQ(db.Run("CREATE TABLE t (x int); INSERT INTO t VALUES (1), (1);"), "");
  // What an interrupted redefinition of t_x_idx leaves: its replacement, INVALID.
  EXPECT_NE(db.Run("CREATE UNIQUE INDEX CONCURRENTLY t_x_idx_schemac_new ON t (x)"), "");
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  const model::Table* t = inspected->FindTable("", "t");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->indexes.size(), 1u) << "in the model, so a plan that does not want it drops it";
  EXPECT_EQ(t->indexes[0].name, "t_x_idx_schemac_new");
  for (const auto& object : inspected->unmanaged) EXPECT_NE(object.name, "t_x_idx_schemac_new");
}

TEST(PostgresInspectTest, SchemasOutsideTheScopeAreListedAsUnmanaged) {
  SCHEMAC_PG_TEST_DATABASE(db, "out_of_scope");
  ASSERT_EQ(db.Run("CREATE SCHEMA test; CREATE TABLE test.users (id int); CREATE TABLE users (id int);"
                   "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int);"),
            "");
  db.connection().ScopeNamespaces({"billing"});
  auto inspected = db.connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  EXPECT_NE(inspected->FindTable("", "users"), nullptr);
  EXPECT_NE(inspected->FindTable("billing", "invoices"), nullptr);
  EXPECT_EQ(inspected->FindNamespace("test"), nullptr) << "not managed";
  int listed = 0;
  for (const auto& object : inspected->unmanaged) {
    if (object.kind != "schema") continue;
    ++listed;
    EXPECT_EQ(object.name, "test");
    EXPECT_NE(object.detail.find("1 tables"), std::string::npos) << object.detail;
  }
  EXPECT_EQ(listed, 1) << "test, and neither the system schemas nor the ones in scope";
}

}  // namespace
}  // namespace schemac::dialects::postgres

namespace schemac::dialects::postgres {
namespace {

// Counts the queries Inspect sends, to prove their number does not grow with the schema.
class CountingConnection : public Connection {
 public:
  explicit CountingConnection(Connection& inner) : inner_(inner) {}
  int queries = 0;
  const Dialect& GetDialect() const override { return inner_.GetDialect(); }
  Result<model::Schema> Inspect() override { return inner_.Inspect(); }
  Status Execute(const std::string& sql) override { return inner_.Execute(sql); }
  Result<bool> QueryHasRows(const std::string& sql) override {
    ++queries;
    return inner_.QueryHasRows(sql);
  }
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql) override {
    ++queries;
    return inner_.Query(sql);
  }
  Status Begin() override { return inner_.Begin(); }
  Status Commit() override { return inner_.Commit(); }
  Status Rollback() override { return inner_.Rollback(); }
  Status AcquireMigrationLock(int timeout_ms) override { return inner_.AcquireMigrationLock(timeout_ms); }
  Status ReleaseMigrationLock() override { return inner_.ReleaseMigrationLock(); }
  std::string DisplayUrl() const override { return inner_.DisplayUrl(); }

 private:
  Connection& inner_;
};

TEST(PostgresInspectTest, QueryCountDoesNotGrowWithTheSchema) {
  SCHEMAC_PG_TEST_DATABASE(db, "querycount");
  ASSERT_EQ(db.Run("CREATE TABLE t0 (id int PRIMARY KEY, x int CHECK (x > 0)); CREATE INDEX ON t0 (x);"), "");
  CountingConnection small(db.connection());
  ASSERT_TRUE(InspectSchema(small, InspectOptions{}).ok());

  std::string many;
  for (int i = 1; i <= 30; ++i) {
    many += "CREATE TABLE t" + std::to_string(i) +
            " (id int PRIMARY KEY, x int CHECK (x > 0), y text UNIQUE," +
            " p int REFERENCES t0 (id)); CREATE INDEX ON t" + std::to_string(i) + " (x);";
  }
  ASSERT_EQ(db.Run(many), "");
  CountingConnection large(db.connection());
  auto inspected = InspectSchema(large, InspectOptions{});
  ASSERT_TRUE(inspected.ok());
  EXPECT_EQ(inspected->TableCount(), 31u);
  EXPECT_EQ(large.queries, small.queries);
  // views and triggers: two more (a third when materialized views exist); routines and sequences two
  EXPECT_LE(large.queries, 13);
}

}  // namespace
}  // namespace schemac::dialects::postgres
