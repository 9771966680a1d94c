#include "dialects/mysql/render.hpp"

#include <gtest/gtest.h>

namespace schemac::dialects::mysql {
namespace {

const ServerFeatures kMariaDb = FeaturesFor(ServerVersion::Parse("10.11.6-MariaDB"));
const ServerFeatures kMySql = FeaturesFor(ServerVersion::Parse("8.0.36"));

TEST(RenderTest, QuotesHostileIdentifiersAndStrings) {
  EXPECT_EQ(QuoteIdentifier("order"), "`order`");
  EXPECT_EQ(QuoteIdentifier("we`ird"), "`we``ird`");
  EXPECT_EQ(QuoteString("it's"), "'it''s'");
  EXPECT_EQ(QuoteString("back\\slash"), "'back\\\\slash'");
}

TEST(RenderTest, ColumnTypesPerServer) {
  model::DataType uuid;
  uuid.kind = model::TypeKind::Uuid;
  EXPECT_EQ(RenderColumnType(uuid, kMariaDb), "uuid");
  EXPECT_EQ(RenderColumnType(uuid, kMySql), "char(36)");
  model::DataType boolean;
  boolean.kind = model::TypeKind::Boolean;
  EXPECT_EQ(RenderColumnType(boolean, kMySql), "tinyint(1)");
  model::DataType native;
  native.kind = model::TypeKind::Native;
  native.native["mysql"] = "mediumint unsigned";
  EXPECT_EQ(RenderColumnType(native, kMySql), "mediumint unsigned");
}

TEST(RenderTest, CreateTable) {
  model::Table table;
  table.name = "orders";
  model::Column id;
  id.name = "id";
  id.type.kind = model::TypeKind::BigInt;
  id.nullable = false;
  id.identity = model::Identity{};
  model::Column note;
  note.name = "note";
  note.type.kind = model::TypeKind::Text;
  note.default_value = model::DefaultValue{model::DefaultValue::Kind::String, "none"};
  note.comment = "free text";
  table.columns = {id, note};
  table.primary_key = model::PrimaryKey{"orders_pkey", {"id"}};
  model::Index index;
  index.name = "orders_note_idx";
  index.keys.push_back(model::IndexKey{"note", "", true, model::NullsOrder::Default, "", ""});
  table.indexes.push_back(index);
  table.checks.push_back(model::Check{"orders_check", "id > 0"});
  table.comment = "one row per order";

  EXPECT_EQ(RenderCreateTable(table, kMariaDb),
            "CREATE TABLE `orders` (\n"
            "  `id` bigint NOT NULL AUTO_INCREMENT,\n"
            "  `note` longtext NULL DEFAULT 'none' COMMENT 'free text',\n"
            "  PRIMARY KEY (`id`),\n"
            "  INDEX `orders_note_idx` (`note`(255) DESC),\n"
            "  CONSTRAINT `orders_check` CHECK (id > 0)\n"
            ") COMMENT='one row per order'");
  // MySQL takes only expression defaults on TEXT.
  EXPECT_NE(RenderCreateTable(table, kMySql).find("DEFAULT ('none')"), std::string::npos);
}

TEST(RenderTest, PrefixLengthsCommentsAndTheServerNamedForeignKeyIndex) {
  model::Table table;
  table.name = "orders";
  model::Column id;
  id.name = "id";
  id.type.kind = model::TypeKind::BigInt;
  id.nullable = false;
  model::Column code;
  code.name = "code";
  code.type.kind = model::TypeKind::Varchar;
  code.type.length = 20;
  model::Column user_id;
  user_id.name = "user_id";
  user_id.type.kind = model::TypeKind::BigInt;
  table.columns = {id, code, user_id};
  table.primary_key = model::PrimaryKey{"PRIMARY", {"id"}, "the order"};
  model::Index index;
  index.name = "orders_code_idx";
  model::IndexKey key;
  key.column = "code";
  key.prefix_length = 5;
  index.keys.push_back(key);
  index.comment = "by code's start";
  table.indexes.push_back(index);
  model::ForeignKey fk;
  fk.name = "orders_ibfk_1";
  fk.columns = {"user_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  fk.index_name = "user_id";  // as the server named it
  table.foreign_keys.push_back(fk);

  EXPECT_EQ(RenderCreateTable(table, kMariaDb),
            "CREATE TABLE `orders` (\n"
            "  `id` bigint NOT NULL,\n"
            "  `code` varchar(20) NULL,\n"
            "  `user_id` bigint NULL,\n"
            "  PRIMARY KEY (`id`) COMMENT 'the order',\n"
            "  INDEX `orders_code_idx` (`code`(5)) COMMENT 'by code''s start',\n"
            "  INDEX `user_id` (`user_id`),\n"
            "  CONSTRAINT `orders_ibfk_1` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)\n"
            ")");

  // Another index serves the key: the server uses it, and makes none of its own.
  model::Index by_user;
  by_user.name = "orders_by_user";
  model::IndexKey user_key;
  user_key.column = "user_id";
  by_user.keys.push_back(user_key);
  table.indexes.push_back(by_user);
  EXPECT_EQ(RenderCreateTable(table, kMariaDb).find("INDEX `user_id`"), std::string::npos);
}

}  // namespace
}  // namespace schemac::dialects::mysql
