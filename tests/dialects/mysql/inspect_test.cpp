#include "dialects/mysql/inspect.hpp"

#include <gtest/gtest.h>

#include "test_database.hpp"

namespace schemac::dialects::mysql {
namespace {

using testing::TestDatabase;

const std::vector<std::string> kEveryConstruct = {
    "CREATE TABLE users ("
    "  id bigint NOT NULL AUTO_INCREMENT,"
    "  email varchar(100) NOT NULL,"
    "  name varchar(50) COLLATE utf8mb4_bin DEFAULT 'it''s' COMMENT 'display name',"
    "  age int(11) DEFAULT 0,"
    "  balance decimal(12,2) NOT NULL DEFAULT 1.5,"
    "  active boolean NOT NULL DEFAULT true,"
    "  created datetime NOT NULL DEFAULT current_timestamp,"
    "  updated timestamp NULL DEFAULT NULL ON UPDATE current_timestamp,"
    "  profile json,"
    "  status enum('new','active') NOT NULL DEFAULT 'new',"
    "  flags set('a','b'),"
    "  visits int unsigned,"
    "  bio text,"
    "  age_next int AS (age + 1) VIRTUAL,"
    "  email_lower varchar(100) AS (lower(email)) STORED,"
    "  PRIMARY KEY (id),"
    "  UNIQUE KEY users_email_key (email),"
    "  KEY users_name_age_idx (name, age DESC),"
    "  KEY users_bio_prefix (bio(10)) COMMENT 'first words',"
    "  FULLTEXT KEY users_bio_ft (bio),"
    "  CONSTRAINT users_age_check CHECK (age >= 0)"
    ") ENGINE=InnoDB COMMENT='people'",
    "CREATE TABLE orders ("
    "  id int PRIMARY KEY,"
    "  user_id bigint NOT NULL,"
    "  CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON "
    "UPDATE SET NULL"
    ") ENGINE=MyISAM DEFAULT CHARSET=latin1",
    "CREATE TABLE schemac_history (id int)",
    "CREATE DEFINER=`report`@`%` VIEW active_users AS SELECT id FROM users WHERE active",
    "CREATE DEFINER=app@localhost TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW SET NEW.age = "
    "NEW.age",
    "CREATE PROCEDURE noop() BEGIN END",
    "CREATE FUNCTION noop() RETURNS int RETURN 1",
    "CREATE DEFINER=root@localhost FUNCTION add_one(a INTEGER, `b c` varchar(10) charset latin1) "
    "RETURNS int(11) DETERMINISTIC NO SQL SQL SECURITY INVOKER COMMENT 'it''s' RETURN a + 1",
    "CREATE PROCEDURE bump(IN a int, OUT b decimal(10,2)) MODIFIES SQL DATA BEGIN SET b = a * 2; END",
};

class InspectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHEMAC_REQUIRE_MYSQL();
    db_ = std::make_unique<TestDatabase>();
    ASSERT_TRUE(db_->ok()) << db_->error();
  }
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(InspectTest, EveryConstructOfAHandWrittenDatabase) {
  ASSERT_EQ(db_->Run(kEveryConstruct), "");
  auto inspected = db_->connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  model::Schema schema = std::move(inspected).value();
  db_->connection().GetDialect().Normalize(schema);

  ASSERT_EQ(schema.namespaces.size(), 1u);
  const model::Namespace& ns = schema.namespaces[0];
  ASSERT_EQ(ns.tables.size(), 2u) << "schemac_history is schemac's own and the view is a view";
  const model::Table* users = ns.FindTable("users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->comment, "people");
  EXPECT_TRUE(users->options.empty()) << "InnoDB and the database collation are inherited";

  const model::Column* id = users->FindColumn("id");
  EXPECT_EQ(id->type.kind, model::TypeKind::BigInt);
  EXPECT_TRUE(id->identity.has_value());
  EXPECT_FALSE(id->nullable);

  const model::Column* name = users->FindColumn("name");
  EXPECT_EQ(name->collation, "utf8mb4_bin");
  EXPECT_EQ(name->comment, "display name");
  ASSERT_TRUE(name->default_value.has_value());
  EXPECT_EQ(name->default_value->kind, model::DefaultValue::Kind::String);
  EXPECT_EQ(name->default_value->text, "it's");

  EXPECT_EQ(users->FindColumn("age")->type.kind, model::TypeKind::Int);
  EXPECT_EQ(users->FindColumn("age")->default_value->text, "0");
  EXPECT_EQ(users->FindColumn("balance")->default_value->text, "1.50");
  EXPECT_EQ(users->FindColumn("active")->type.kind, model::TypeKind::Boolean);
  EXPECT_EQ(users->FindColumn("active")->default_value->kind, model::DefaultValue::Kind::Bool);
  EXPECT_EQ(users->FindColumn("created")->default_value->text, "current_timestamp()");
  EXPECT_EQ(users->FindColumn("created")->type.kind, model::TypeKind::Timestamp);
  EXPECT_EQ(*users->FindColumn("updated")->type.NativeFor("mysql"),
            "timestamp on update current_timestamp()");
  EXPECT_FALSE(users->FindColumn("updated")->default_value.has_value()) << "DEFAULT NULL is no default";
  EXPECT_EQ(users->FindColumn("profile")->type.kind, model::TypeKind::Json);
  EXPECT_EQ(users->FindColumn("profile")->collation, "");
  EXPECT_EQ(*users->FindColumn("status")->type.NativeFor("mysql"), "enum('new','active')");
  EXPECT_EQ(users->FindColumn("status")->default_value->text, "new");
  EXPECT_EQ(*users->FindColumn("flags")->type.NativeFor("mysql"), "set('a','b')");
  EXPECT_EQ(*users->FindColumn("visits")->type.NativeFor("mysql"), "int unsigned");
  EXPECT_EQ(*users->FindColumn("bio")->type.NativeFor("mysql"), "text");
  const model::Column* age_next = users->FindColumn("age_next");
  ASSERT_TRUE(age_next->generated.has_value());
  EXPECT_FALSE(age_next->generated->stored);
  EXPECT_EQ(age_next->generated->expression, "age + 1");
  EXPECT_TRUE(users->FindColumn("email_lower")->generated->stored);
  EXPECT_EQ(users->FindColumn("email_lower")->generated->expression, "lower(email)");

  ASSERT_TRUE(users->primary_key.has_value());
  EXPECT_EQ(users->primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_NE(users->FindUnique("users_email_key"), nullptr);
  const model::Index* name_age = users->FindIndex("users_name_age_idx");
  ASSERT_NE(name_age, nullptr);
  ASSERT_EQ(name_age->keys.size(), 2u);
  EXPECT_EQ(name_age->keys[1].column, "age");
  EXPECT_TRUE(name_age->keys[1].descending) << "MariaDB 10.8+ and MySQL 8 keep DESC";
  const model::Index* bio_prefix = users->FindIndex("users_bio_prefix");
  ASSERT_NE(bio_prefix, nullptr) << "a prefix index is managed";
  EXPECT_EQ(bio_prefix->keys[0].prefix_length, 10) << "SUB_PART";
  EXPECT_EQ(bio_prefix->comment, "first words") << "INDEX_COMMENT";
  ASSERT_NE(users->FindIndex("users_bio_ft"), nullptr);
  EXPECT_EQ(users->FindIndex("users_bio_ft")->method, "fulltext");
  ASSERT_NE(users->FindCheck("users_age_check"), nullptr);
  EXPECT_EQ(users->FindCheck("users_age_check")->expression, "age >= 0");
  EXPECT_EQ(users->checks.size(), 1u) << "the JSON check folds into the json type";

  const model::Table* orders = ns.FindTable("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->options.at("mysql").at("engine"), "MyISAM");
  EXPECT_EQ(orders->options.at("mysql").at("collation"), "latin1_swedish_ci");
  // MyISAM ignores foreign keys; recreate on InnoDB to see one.

  std::set<std::string> unmanaged;
  for (const auto& object : schema.unmanaged) unmanaged.insert(object.kind + ":" + object.name);
  EXPECT_FALSE(unmanaged.count("view:active_users")) << "views are managed";
  EXPECT_FALSE(unmanaged.count("trigger:users_touch")) << "triggers are managed";
  ASSERT_EQ(ns.views.size(), 1u);
  EXPECT_EQ(ns.views[0].name, "active_users");
  // The server stores `where active` as `where users.active <> 0`.
  EXPECT_EQ(ns.views[0].query, "select id from users where active <> 0") << "the database qualifier is gone";
  EXPECT_EQ(ns.views[0].definer, "report@%");
  ASSERT_EQ(ns.triggers.size(), 1u);
  EXPECT_EQ(ns.triggers[0].name, "users_touch");
  EXPECT_EQ(ns.triggers[0].table, "users");
  EXPECT_EQ(ns.triggers[0].timing, model::TriggerTiming::Before);
  ASSERT_EQ(ns.triggers[0].events.size(), 1u);
  EXPECT_EQ(ns.triggers[0].events[0], model::TriggerEvent::Update);
  EXPECT_EQ(ns.triggers[0].body, "SET NEW.age = NEW.age;");
  EXPECT_EQ(ns.triggers[0].definer, "app@localhost");
  EXPECT_TRUE(unmanaged.count("procedure:noop")) << "a procedure sharing a function's name is left alone";
  EXPECT_FALSE(unmanaged.count("index:users.users_bio_prefix"));
  EXPECT_FALSE(unmanaged.count("function:add_one")) << "stored routines are managed";

  ASSERT_EQ(ns.routines.size(), 3u);  // add_one, noop (the function), bump: by kind, then name
  const model::Routine* add_one = ns.FindRoutine("add_one(a int, `b c` varchar(10) charset latin1)");
  ASSERT_NE(add_one, nullptr) << ns.routines[0].Identity();
  EXPECT_FALSE(add_one->procedure);
  EXPECT_EQ(add_one->returns, "int") << "DTD_IDENTIFIER int(11), without its display width";
  EXPECT_TRUE(add_one->deterministic);
  EXPECT_EQ(add_one->data_access, model::RoutineDataAccess::NoSql);
  EXPECT_EQ(add_one->security, model::ViewSecurity::Invoker);
  EXPECT_EQ(add_one->comment, "it's");
  EXPECT_EQ(add_one->definer, "root@localhost");
  EXPECT_EQ(add_one->body, "RETURN a + 1;");
  const model::Routine& bump = ns.routines[2];
  EXPECT_TRUE(bump.procedure);
  EXPECT_EQ(bump.arguments, "a int, OUT b decimal(10,2)");
  EXPECT_EQ(bump.body, "SET b = a * 2;");
  EXPECT_EQ(bump.data_access, model::RoutineDataAccess::ModifiesSqlData);
}

TEST_F(InspectTest, ForeignKeysWithActionsAndNoImplicitIndex) {
  ASSERT_EQ(db_->Run({"CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b))",
                      "CREATE TABLE child (id int PRIMARY KEY, pa int, pb int, other int,"
                      " CONSTRAINT child_parent_fkey FOREIGN KEY (pa, pb) REFERENCES parent (a, b)"
                      " ON DELETE CASCADE ON UPDATE SET NULL,"
                      " FOREIGN KEY (other) REFERENCES child (id))"}),
            "");
  auto inspected = db_->connection().Inspect();
  ASSERT_TRUE(inspected.ok()) << inspected.status().message();
  model::Schema schema = std::move(inspected).value();
  db_->connection().GetDialect().Normalize(schema);
  const model::Table* child = schema.FindTable("", "child");
  ASSERT_NE(child, nullptr);
  ASSERT_EQ(child->foreign_keys.size(), 2u);
  const model::ForeignKey* fk = child->FindForeignKey("child_parent_fkey");
  ASSERT_NE(fk, nullptr);
  EXPECT_EQ(fk->columns, (std::vector<std::string>{"pa", "pb"}));
  EXPECT_EQ(fk->ref_table, "parent");
  EXPECT_EQ(fk->ref_columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(fk->on_delete, model::ReferentialAction::Cascade);
  EXPECT_EQ(fk->on_update, model::ReferentialAction::SetNull);
  EXPECT_EQ(fk->ref_namespace, "");
  EXPECT_TRUE(child->indexes.empty()) << "InnoDB's own indexes for the foreign keys are not schema";
}

TEST_F(InspectTest, UsesAFixedNumberOfQueries) {
  auto count_queries = [&]() {
    int count = 0;
    QueryFunction counting = [&](const std::string& sql) {
      ++count;
      return db_->connection().Query(sql);
    };
    auto schema = InspectDatabase(counting, db_->connection().Version());
    EXPECT_TRUE(schema.ok()) << schema.status().message();
    return count;
  };
  ASSERT_EQ(db_->Run({"CREATE TABLE a (id int primary key)"}), "");
  int with_one_table = count_queries();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(db_->Run({"CREATE TABLE t" + std::to_string(i) + " (id int primary key, v int, KEY (v))"}), "");
  }
  EXPECT_EQ(count_queries(), with_one_table);
  EXPECT_EQ(with_one_table, kInspectQueryCount);
}

}  // namespace
}  // namespace schemac::dialects::mysql
