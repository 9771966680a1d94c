// Views and triggers in the schema language: what parses into the model, parse -> print -> parse,
// the formatter keeping comments around them, and the binder's diagnostics. (The fast parser
// declines these declarations, so they are tested here rather than in the valid corpus, which the
// fast parser must handle whole.)
#include <gtest/gtest.h>

#include "schema_dsl/schema_dsl.hpp"
#include "schemac/model_json.hpp"

namespace schemac::dsl {
namespace {

std::string Rendered(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) text += RenderDiagnostic(diagnostic, false);
  return text;
}

constexpr const char* kSchema = R"(table users {
  id int primary key
  name text
  email text
}

@renamed_from(old_people)
view people (person_id, person_name) security invoker as $$
  SELECT id, name -- a comment inside stays SQL
  FROM users WHERE name <> 'it''s' AND "name" IS NOT NULL
$$ with local check option

materialized view user_count as $$ SELECT count(*) FROM users $$

trigger users_touch before update of name, email or delete on users for each statement when (NEW.name <> OLD.name) $$
  UPDATE users SET email = 'x' WHERE id = NEW.id;
$$

@renamed_from(people_insert_old)
trigger people_insert instead of insert on people execute function app.insert_person('a', 1)

namespace billing {
  table invoices { id int primary key }
  view open_invoices as $$ SELECT id FROM invoices $$
  trigger invoices_audit after truncate on invoices $$ SELECT 1; $$
}
)";

TEST(ViewsTriggersTest, ParseIntoTheModel) {
  LoadResult loaded = ParseSchemaText(kSchema);
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace* main = loaded.schema.FindNamespace("");
  ASSERT_NE(main, nullptr);
  ASSERT_EQ(main->views.size(), 2u);
  const model::View& people = main->views[0];
  EXPECT_EQ(people.name, "people");
  EXPECT_EQ(people.columns, (std::vector<std::string>{"person_id", "person_name"}));
  EXPECT_EQ(people.security, model::ViewSecurity::Invoker);
  EXPECT_EQ(people.check_option, model::ViewCheckOption::Local);
  EXPECT_EQ(people.renamed_from, (std::vector<std::string>{"old_people"}));
  EXPECT_EQ(people.query,
            "SELECT id, name -- a comment inside stays SQL\n  FROM users WHERE name <> 'it''s' AND \"name\" "
            "IS NOT NULL");
  EXPECT_TRUE(main->views[1].materialized);

  ASSERT_EQ(main->triggers.size(), 2u);
  const model::Trigger& touch = main->triggers[0];
  EXPECT_EQ(touch.table, "users");
  EXPECT_EQ(touch.timing, model::TriggerTiming::Before);
  EXPECT_EQ(touch.events,
            (std::vector<model::TriggerEvent>{model::TriggerEvent::Update, model::TriggerEvent::Delete}));
  EXPECT_EQ(touch.update_columns, (std::vector<std::string>{"name", "email"}));
  EXPECT_FALSE(touch.for_each_row);
  EXPECT_EQ(touch.when, "NEW.name <> OLD.name");
  EXPECT_EQ(touch.body, "UPDATE users SET email = 'x' WHERE id = NEW.id;");
  const model::Trigger& insert = main->triggers[1];
  EXPECT_EQ(insert.timing, model::TriggerTiming::InsteadOf);
  EXPECT_EQ(insert.function, "app.insert_person");
  EXPECT_EQ(insert.arguments, "'a', 1");
  EXPECT_TRUE(insert.body.empty());
  EXPECT_TRUE(insert.for_each_row);

  const model::Namespace* billing = loaded.schema.FindNamespace("billing");
  ASSERT_NE(billing, nullptr);
  ASSERT_EQ(billing->views.size(), 1u);
  ASSERT_EQ(billing->triggers.size(), 1u);
  EXPECT_EQ(billing->triggers[0].events, (std::vector<model::TriggerEvent>{model::TriggerEvent::Truncate}));
}

TEST(ViewsTriggersTest, ParsePrintParseGivesTheSameModel) {
  LoadResult first = ParseSchemaText(kSchema);
  ASSERT_TRUE(first.ok()) << Rendered(first.diagnostics);
  const std::string printed = PrintSchema(first.schema);
  LoadResult second = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(second.ok()) << Rendered(second.diagnostics) << printed;
  EXPECT_TRUE(second.schema == first.schema) << printed;
  EXPECT_EQ(PrintSchema(second.schema), printed);
  EXPECT_EQ(second.schema.FindNamespace("")->views[0].renamed_from, (std::vector<std::string>{"old_people"}));
  EXPECT_EQ(second.schema.FindNamespace("")->triggers[1].renamed_from,
            (std::vector<std::string>{"people_insert_old"}));
}

TEST(ViewsTriggersTest, PrintedForm) {
  LoadResult loaded = ParseSchemaText(
      "table t { id int }\nview v as $$select id from t$$\n"
      "trigger g after insert on t $$ delete from t; $$\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  EXPECT_EQ(PrintSchema(loaded.schema),
            "table t {\n  id int\n}\n\nview v as $$ select id from t $$\n\n"
            "trigger g after insert on t for each row $$ delete from t; $$\n");
}

TEST(ViewsTriggersTest, TaggedDollarQuotesHoldTextWithDollarSigns) {
  LoadResult loaded = ParseSchemaText(
      "table t { id int }\n"
      "view a as $body$ SELECT '$$' AS money, $x$ $body$\n"
      "view b as $$select $1$$\n"
      "view c as $q_1$ SELECT '$body$' || '$$' AS tags $q_1$\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace* main = loaded.schema.FindNamespace("");
  ASSERT_EQ(main->views.size(), 3u);
  EXPECT_EQ(main->views[0].query, "SELECT '$$' AS money, $x$");
  EXPECT_EQ(main->views[1].query, "select $1");
  EXPECT_EQ(main->views[2].query, "SELECT '$body$' || '$$' AS tags");
}

TEST(ViewsTriggersTest, PrintingQuotesTextThatHoldsDollarQuotesWithAFreeTag) {
  model::Schema schema;
  model::Namespace& main = schema.namespaces.emplace_back();
  main.views.push_back(model::View{});
  main.views.back().name = "plain";
  main.views.back().query = "SELECT 1";
  main.views.push_back(model::View{});
  main.views.back().name = "money";
  main.views.back().query = "SELECT '$$' AS m";
  main.views.push_back(model::View{});
  main.views.back().name = "both";
  main.views.back().query = "SELECT '$$', '$body$'\nFROM x";
  const std::string printed = PrintSchema(schema);
  EXPECT_NE(printed.find("view plain as $$ SELECT 1 $$"), std::string::npos) << printed;
  EXPECT_NE(printed.find("view money as $body$ SELECT '$$' AS m $body$"), std::string::npos) << printed;
  EXPECT_NE(printed.find("view both as $body1$\nSELECT '$$', '$body$'\nFROM x\n$body1$"), std::string::npos)
      << printed;
  LoadResult back = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(back.ok()) << Rendered(back.diagnostics) << printed;
  EXPECT_TRUE(back.schema == schema) << printed;
}

TEST(ViewsTriggersTest, AnUnclosedDollarQuoteIsReportedAtItsOpening) {
  LoadResult loaded = ParseSchemaText("table t { id int }\nview v as $$ SELECT 1\n");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(Rendered(loaded.diagnostics).find("2:11"), std::string::npos) << Rendered(loaded.diagnostics);
  EXPECT_NE(Rendered(loaded.diagnostics).find("this $$ quote is never closed"), std::string::npos)
      << Rendered(loaded.diagnostics);
}

TEST(ViewsTriggersTest, JsonRoundTrip) {
  LoadResult loaded = ParseSchemaText(kSchema);
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  nlohmann::json json = loaded.schema;
  model::Schema back = json.get<model::Schema>();
  EXPECT_TRUE(back == loaded.schema) << json.dump(2);
  EXPECT_EQ(back.FindNamespace("")->views[0].renamed_from, (std::vector<std::string>{"old_people"}));
  EXPECT_EQ(json["namespaces"][0]["triggers"][1]["timing"], "instead_of");
}

TEST(ViewsTriggersTest, FormatterKeepsCommentsAroundViewsAndTriggers) {
  const std::string text =
      "table t { id int }\n\n// the view\nview v as $$ select id /* inside */ from t $$ // after\n\n"
      "// the trigger\ntrigger g after insert on t $$ delete from t; $$\n";
  FormatResult formatted = FormatSchemaText(text, "f.schema");
  ASSERT_TRUE(formatted.diagnostics.empty()) << Rendered(formatted.diagnostics);
  EXPECT_NE(formatted.text.find("// the view\nview v as $$ select id /* inside */ from t $$ // after\n"),
            std::string::npos)
      << formatted.text;
  EXPECT_NE(formatted.text.find("// the trigger\ntrigger g"), std::string::npos) << formatted.text;
  EXPECT_EQ(formatted.text.find("/* inside */", formatted.text.find("/* inside */") + 1), std::string::npos)
      << formatted.text;
}

std::string FirstError(const std::string& text) {
  LoadResult loaded = ParseSchemaText(text);
  return loaded.diagnostics.empty() ? "" : Rendered({loaded.diagnostics.front()});
}

TEST(ViewsTriggersTest, Diagnostics) {
  EXPECT_NE(
      FirstError("table t { id int }\nview t as $$ select 1 $$\n").find("table \"t\" is already declared"),
      std::string::npos);
  EXPECT_NE(FirstError("view v as $$ select 1 $$\nview v as $$ select 2 $$\n")
                .find("view \"v\" is already declared"),
            std::string::npos);
  EXPECT_NE(FirstError("view v as $$ $$\n").find("view \"v\" has no SQL to run"), std::string::npos);
  EXPECT_NE(
      FirstError("trigger g after insert on nowhere $$ select 1; $$\n").find("unknown table \"nowhere\""),
      std::string::npos);
  EXPECT_NE(FirstError("table t { id int }\ntrigger g after update of nope on t $$ select 1; $$\n")
                .find("unknown column \"nope\""),
            std::string::npos);
  EXPECT_NE(FirstError("table t { id int }\ntrigger g after insert on t $$ select 1; $$\n"
                       "trigger g after delete on t $$ select 1; $$\n")
                .find("trigger \"g\" is already declared"),
            std::string::npos);
  EXPECT_NE(FirstError("table t { id int }\ntrigger g after on t $$ select 1; $$\n").find("error"),
            std::string::npos);
  EXPECT_NE(FirstError("view v as select 1\n").find("error"), std::string::npos);
}

}  // namespace
}  // namespace schemac::dsl

namespace schemac::dsl {
namespace {

// MySQL's routine characteristics: parsed into the model, printed back, through JSON, and the
// new words still names where a name is expected.
constexpr const char* kMysqlRoutines = R"(table data {
  sql      int
  contains int
  reads    int
  modifies int
  deterministic int
}

function domain_of(email varchar(100)) returns varchar(100) not deterministic no sql comment 'after @' as $$ RETURN substring_index(email, '@', -1) $$

function twice(a int) returns int deterministic reads sql data definer 'app@%' as $$ RETURN a * 2 $$

procedure bump(IN id int, OUT hits int) modifies sql data security invoker as $$ BEGIN SET hits = id; END $$

procedure noop() contains sql as $$ DO 0 $$
)";

TEST(MysqlRoutinesTest, CharacteristicsParseIntoTheModel) {
  LoadResult loaded = ParseSchemaText(kMysqlRoutines);
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace& ns = *loaded.schema.FindNamespace("");
  ASSERT_EQ(ns.routines.size(), 4u);
  EXPECT_EQ(ns.tables[0].name, "data");
  EXPECT_EQ(ns.tables[0].columns[0].name, "sql");
  const model::Routine& domain_of = ns.routines[0];
  EXPECT_FALSE(domain_of.deterministic);
  EXPECT_EQ(domain_of.data_access, model::RoutineDataAccess::NoSql);
  EXPECT_EQ(domain_of.comment, "after @");
  EXPECT_EQ(domain_of.returns, "varchar(100)");
  const model::Routine& twice = ns.routines[1];
  EXPECT_TRUE(twice.deterministic);
  EXPECT_EQ(twice.data_access, model::RoutineDataAccess::ReadsSqlData);
  EXPECT_EQ(twice.definer, "app@%");
  EXPECT_EQ(twice.returns, "int");
  EXPECT_EQ(ns.routines[2].data_access, model::RoutineDataAccess::ModifiesSqlData);
  EXPECT_EQ(ns.routines[2].security, model::ViewSecurity::Invoker);
  EXPECT_EQ(ns.routines[2].arguments, "IN id int, OUT hits int");
  EXPECT_EQ(ns.routines[3].data_access, model::RoutineDataAccess::ContainsSql);
}

TEST(MysqlRoutinesTest, PrintParseAndJsonGiveTheSameModel) {
  LoadResult first = ParseSchemaText(kMysqlRoutines);
  ASSERT_TRUE(first.ok()) << Rendered(first.diagnostics);
  const std::string printed = PrintSchema(first.schema);
  EXPECT_NE(printed.find("deterministic reads sql data definer 'app@%'"), std::string::npos) << printed;
  LoadResult second = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(second.ok()) << Rendered(second.diagnostics) << printed;
  EXPECT_TRUE(second.schema == first.schema) << printed;
  nlohmann::json json = first.schema;
  EXPECT_EQ(json["namespaces"][0]["routines"][1]["data_access"], "reads sql data");
  EXPECT_TRUE(json.get<model::Schema>() == first.schema) << json.dump(2);
}

}  // namespace
}  // namespace schemac::dsl

namespace schemac::dsl {
namespace {

TEST(ViewAlgorithmTest, ParsedPrintedAndAnUnknownWordIsAnError) {
  LoadResult loaded = ParseSchemaText(
      "table t { id int }\nview v algorithm temptable security invoker as $$ select id from t $$\n"
      "view algorithm algorithm merge as $$ select id from t $$\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace& ns = *loaded.schema.FindNamespace("");
  EXPECT_EQ(ns.views[0].algorithm, model::ViewAlgorithm::TempTable);
  EXPECT_EQ(ns.views[1].name, "algorithm");
  EXPECT_EQ(ns.views[1].algorithm, model::ViewAlgorithm::Merge);
  const std::string printed = PrintSchema(loaded.schema);
  EXPECT_NE(printed.find("view v algorithm temptable security invoker as"), std::string::npos) << printed;
  LoadResult again = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(again.ok()) << Rendered(again.diagnostics);
  EXPECT_TRUE(again.schema == loaded.schema);
  nlohmann::json json = loaded.schema;
  EXPECT_EQ(json["namespaces"][0]["views"][0]["algorithm"], "temptable");

  LoadResult bad = ParseSchemaText("table t { id int }\nview v algorithm fast as $$ select id from t $$\n");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(Rendered(bad.diagnostics).find("algorithm is merge, temptable or undefined, not \"fast\""),
            std::string::npos)
      << Rendered(bad.diagnostics);
}

}  // namespace
}  // namespace schemac::dsl

namespace schemac::dsl {
namespace {

TEST(ViewTriggerDefinerTest, ParsedPrintedAndCarriedInJson) {
  LoadResult loaded = ParseSchemaText(
      "table t { id int }\n"
      "view v algorithm merge definer 'report@%' security definer as $$ select id from t $$\n"
      "trigger t_ins before insert on t definer 'app@localhost' $$ SET NEW.id = NEW.id + 1 $$\n"
      "view plain as $$ select id from t $$\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace& ns = *loaded.schema.FindNamespace("");
  EXPECT_EQ(ns.views[0].definer, "report@%");
  EXPECT_EQ(ns.views[0].security, model::ViewSecurity::Definer);
  EXPECT_EQ(ns.views[1].definer, "");  // not named: whatever the server holds is kept
  ASSERT_EQ(ns.triggers.size(), 1u);
  EXPECT_EQ(ns.triggers[0].definer, "app@localhost");

  const std::string printed = PrintSchema(loaded.schema);
  EXPECT_NE(printed.find("view v algorithm merge definer 'report@%' security definer as"), std::string::npos)
      << printed;
  EXPECT_NE(printed.find("on t for each row definer 'app@localhost'"), std::string::npos) << printed;
  EXPECT_EQ(printed.find("view plain definer"), std::string::npos) << printed;
  LoadResult again = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(again.ok()) << Rendered(again.diagnostics) << printed;
  EXPECT_TRUE(again.schema == loaded.schema) << printed;

  nlohmann::json json = loaded.schema;
  EXPECT_EQ(json["namespaces"][0]["views"][0]["definer"], "report@%");
  EXPECT_EQ(json["namespaces"][0]["triggers"][0]["definer"], "app@localhost");
  EXPECT_TRUE(json.get<model::Schema>() == loaded.schema) << json.dump(2);
}

}  // namespace
}  // namespace schemac::dsl

namespace schemac::dsl {
namespace {

TEST(RoutineEstimatesTest, CostRowsLeakproofParsePrintAndJson) {
  LoadResult loaded = ParseSchemaText(
      "table rows { cost int }\n"
      "function evens(n int) returns setof int leakproof cost 0.25 rows 1e+06 as $$ SELECT n $$\n"
      "function plain(n int) returns int not leakproof as $$ SELECT n $$\n");
  ASSERT_TRUE(loaded.ok()) << Rendered(loaded.diagnostics);
  const model::Namespace& ns = *loaded.schema.FindNamespace("");
  EXPECT_EQ(ns.tables[0].name, "rows") << "still words a table and a column may be named";
  EXPECT_EQ(ns.tables[0].columns[0].name, "cost");
  EXPECT_TRUE(ns.routines[0].leakproof);
  EXPECT_EQ(ns.routines[0].cost, 0.25);
  EXPECT_EQ(ns.routines[0].rows, 1e6);
  EXPECT_TRUE(model::ReturnsSet(ns.routines[0]));
  EXPECT_FALSE(ns.routines[1].leakproof);
  EXPECT_FALSE(ns.routines[1].cost);
  EXPECT_FALSE(model::ReturnsSet(ns.routines[1]));

  const std::string printed = PrintSchema(loaded.schema);
  EXPECT_NE(printed.find("returns setof int cost 0.25 rows 1000000 leakproof as"), std::string::npos)
      << printed;
  LoadResult again = ParseSchemaText(printed, "printed");
  ASSERT_TRUE(again.ok()) << Rendered(again.diagnostics) << printed;
  EXPECT_TRUE(again.schema == loaded.schema) << printed;
  nlohmann::json json = loaded.schema;
  EXPECT_EQ(json["namespaces"][0]["routines"][0]["cost"], 0.25);
  EXPECT_TRUE(json.get<model::Schema>() == loaded.schema) << json.dump(2);
}

TEST(RoutineEstimatesTest, AnEstimateIsPositiveAndForFunctionsOnly) {
  LoadResult zero = ParseSchemaText("function f() returns int cost 0 as $$ SELECT 1 $$\n");
  EXPECT_FALSE(zero.ok());
  EXPECT_NE(Rendered(zero.diagnostics).find("cost is a positive number, not 0"), std::string::npos)
      << Rendered(zero.diagnostics);
  EXPECT_NE(Rendered(zero.diagnostics).find("<input>:1:31:"), std::string::npos)
      << Rendered(zero.diagnostics);
  LoadResult procedure = ParseSchemaText("procedure p() cost 5 as $$ SELECT 1 $$\n");
  EXPECT_FALSE(procedure.ok());
  EXPECT_NE(Rendered(procedure.diagnostics).find("are for functions; a procedure has none"),
            std::string::npos)
      << Rendered(procedure.diagnostics);
}

}  // namespace
}  // namespace schemac::dsl
