// `exclude` lines in the schema language: what they bind to (Schema::excludes, as --exclude
// writes them), how they print and format, and what the binder refuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "schema_dsl/schema_dsl.hpp"
#include "schemac/model_json.hpp"

namespace schemac::dsl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Rendered(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) text += RenderDiagnostic(diagnostic, false);
  return text;
}

constexpr const char* kSchema = R"(// objects other tools own
exclude table 'audit_*'
exclude materialized view 'report_?'

table users { id int primary key }

namespace billing {
  exclude trigger 'ext_*'
  exclude * 'tmp_*'
  table invoices { id int primary key }
}
exclude table 'audit_*'
exclude function 'pg_stat_*'
)";

TEST(ExcludesTest, BindToPatternsAsTheCommandLineWritesThem) {
  LoadResult loaded = ParseSchemaText(kSchema);
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  // In source order, each once; a namespace block's patterns name objects of that namespace.
  EXPECT_THAT(loaded.schema.excludes,
              ElementsAre("table:audit_*", "materialized_view:report_?", "trigger:billing.ext_*",
                          "*:billing.tmp_*", "function:pg_stat_*"));
  ASSERT_NE(loaded.schema.FindTable("billing", "invoices"), nullptr);
  ASSERT_NE(loaded.schema.FindTable("", "users"), nullptr);
}

TEST(ExcludesTest, PrintParsePrintIsStableAndKeepsThem) {
  LoadResult first = ParseSchemaText(kSchema);
  ASSERT_TRUE(first.ok()) << Rendered(first.diagnostics);
  const std::string printed = PrintSchema(first.schema);
  EXPECT_THAT(printed, HasSubstr("exclude table 'audit_*'\nexclude materialized view 'report_?'\n"
                                 "exclude trigger 'billing.ext_*'\nexclude * 'billing.tmp_*'\n"
                                 "exclude function 'pg_stat_*'\n\ntable users"));
  LoadResult second = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(second.ok()) << Rendered(second.diagnostics) << printed;
  EXPECT_EQ(second.schema.excludes, first.schema.excludes);
  EXPECT_EQ(PrintSchema(second.schema), printed);
}

TEST(ExcludesTest, TheyAreDirectivesNotShapeButTravelInJson) {
  LoadResult with = ParseSchemaText("exclude view 'v_*'\ntable t { id int }\n");
  LoadResult without = ParseSchemaText("table t { id int }\n");
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_TRUE(with.schema == without.schema);
  nlohmann::json json = with.schema;
  EXPECT_EQ(json["excludes"], nlohmann::json::array({"view:v_*"}));
  EXPECT_EQ(json.get<model::Schema>().excludes, with.schema.excludes);
  EXPECT_FALSE(nlohmann::json(without.schema).contains("excludes"));
}

TEST(ExcludesTest, TheFormatterKeepsTheirComments) {
  const std::string text =
      "table t { id int }\n\n// owned by the reporting job\nexclude view 'report_*' // nightly\n\n"
      "namespace ops {\n  // the queue tool's\n  exclude table 'queue_*'\n}\n";
  FormatResult formatted = FormatSchemaText(text, "f.schema");
  ASSERT_TRUE(formatted.ok()) << Rendered(formatted.diagnostics);
  EXPECT_THAT(formatted.text,
              HasSubstr("// owned by the reporting job\nexclude view 'report_*' // nightly\n"));
  EXPECT_THAT(formatted.text, HasSubstr("// the queue tool's\nexclude table 'ops.queue_*'\n"));
  FormatResult again = FormatSchemaText(formatted.text, "f.schema");
  ASSERT_TRUE(again.ok()) << Rendered(again.diagnostics);
  EXPECT_EQ(again.text, formatted.text);
}

TEST(ExcludesTest, AnUnknownKindOrAnEmptyPatternIsAnErrorAtItsPlace) {
  LoadResult typo = ParseSchemaText("table t { id int }\nexclude tabel 'audit_*'\n");
  ASSERT_FALSE(typo.ok());
  const std::string message = Rendered(typo.diagnostics);
  EXPECT_THAT(message, HasSubstr("2:9"));
  EXPECT_THAT(message, HasSubstr("E0035"));
  EXPECT_THAT(message, HasSubstr("unknown kind \"tabel\""));
  EXPECT_THAT(message, HasSubstr("did you mean \"table\"?"));
  EXPECT_THAT(message, HasSubstr("materialized view"));

  LoadResult empty = ParseSchemaText("exclude view ''\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(Rendered(empty.diagnostics), HasSubstr("exclude has an empty pattern"));

  LoadResult no_pattern = ParseSchemaText("exclude view\ntable t { id int }\n");
  EXPECT_FALSE(no_pattern.ok());
}

TEST(ExcludesTest, ExcludeIsStillANameElsewhere) {
  LoadResult loaded = ParseSchemaText("table exclude {\n  exclude int\n}\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  ASSERT_NE(loaded.schema.FindTable("", "exclude"), nullptr);
  const std::string printed = PrintSchema(loaded.schema);
  LoadResult back = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(back.ok()) << Rendered(back.diagnostics) << printed;
  EXPECT_TRUE(back.schema == loaded.schema);
}

}  // namespace
}  // namespace schemac::dsl
