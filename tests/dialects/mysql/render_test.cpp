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

}  // namespace
}  // namespace schemac::dialects::mysql
