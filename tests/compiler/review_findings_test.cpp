// The review findings the planner adds to a plan without a database: which data checks a change
// needs (compiler/data_checks.hpp), the rolling-deploy hazards (compiler/rolling_deploy_hazards.hpp),
// rename suggestions (compiler/rename_suggestions.hpp) and --allow-hazard codes
// (compiler/hazard_codes.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compiler/data_checks.hpp"
#include "compiler/hazard_codes.hpp"
#include "compiler/rename_suggestions.hpp"
#include "compiler/render_plan.hpp"
#include "compiler/rolling_deploy_hazards.hpp"
#include "model_builders.hpp"

namespace schemac::compiler {
namespace {

using namespace schemac::testing;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

model::Schema SchemaWith(std::vector<model::Table> tables) {
  model::Schema schema;
  schema.GetOrAddNamespace("").tables = std::move(tables);
  return schema;
}

Change Modify(const model::Table& before, const model::Table& after) {
  Change change;
  change.kind = ChangeKind::kModifyTable;
  change.table_before = before;
  change.table_after = after;
  return change;
}

ColumnChange ModifyColumn(model::Column before, model::Column after, std::uint32_t flags) {
  ColumnChange change;
  change.op = ChangeOp::kModify;
  change.before = std::move(before);
  change.after = std::move(after);
  change.flags = flags;
  return change;
}

ColumnChange AddColumn(model::Column column) {
  ColumnChange change;
  change.op = ChangeOp::kAdd;
  change.after = std::move(column);
  return change;
}

ColumnChange DropColumn(model::Column column) {
  ColumnChange change;
  change.op = ChangeOp::kDrop;
  change.before = std::move(column);
  return change;
}

model::DataType Varchar(int length) {
  model::DataType type = Type(model::TypeKind::Varchar);
  type.length = length;
  return type;
}

std::vector<DataCheckKind> Kinds(const std::vector<dialects::DataCheckSpec>& specs) {
  std::vector<DataCheckKind> kinds;
  for (const auto& spec : specs) kinds.push_back(spec.kind);
  return kinds;
}

TEST(DataCheckSpecs, NotNullNarrowingCastAndAddedColumn) {
  model::Column name = Col("name", model::TypeKind::Varchar);
  name.type = Varchar(64);
  model::Column code = Col("code", model::TypeKind::Text);
  const model::Table users = Tbl("users", {Col("tier"), name, code});
  const model::Schema current = SchemaWith({users});

  model::Column short_name = name;
  short_name.type = Varchar(32);
  model::Column numeric_code = Col("code", model::TypeKind::Int);
  model::Column level = Col("level", model::TypeKind::Int, false);
  model::Column defaulted = Col("since", model::TypeKind::Int, false);
  defaulted.default_value = model::DefaultValue{};
  Change change = Modify(users, users);
  change.table_diff.columns = {
      ModifyColumn(Col("tier"), Col("tier", model::TypeKind::Int, false), kColumnNullability),
      ModifyColumn(name, short_name, kColumnType), ModifyColumn(code, numeric_code, kColumnType),
      AddColumn(level), AddColumn(defaulted)};

  const auto specs = DataCheckSpecs(change, current);
  EXPECT_THAT(Kinds(specs), ElementsAre(DataCheckKind::kNull, DataCheckKind::kTooLong, DataCheckKind::kCast,
                                        DataCheckKind::kRowsNoValue));
  EXPECT_EQ(specs[0].hazard, hazard::kNotNullMayFail);
  EXPECT_EQ(specs[1].hazard, hazard::kNarrowType);
  EXPECT_EQ(specs[1].new_type->length, 32);
  EXPECT_EQ(specs[3].hazard, hazard::kNotNullNoDefault);
  EXPECT_THAT(specs[3].columns, ElementsAre("level"));
}

TEST(DataCheckSpecs, WideningNeedsNoLengthCheck) {
  model::Column name = Col("name");
  name.type = Varchar(32);
  model::Column wider = name;
  wider.type = Varchar(64);
  const model::Table users = Tbl("users", {name});
  Change change = Modify(users, users);
  change.table_diff.columns = {ModifyColumn(name, wider, kColumnType)};
  // A cast check is planned (the dialect declines what it cannot test), never a length check.
  EXPECT_THAT(Kinds(DataCheckSpecs(change, SchemaWith({users}))), ElementsAre(DataCheckKind::kCast));
}

TEST(DataCheckSpecs, KeysForeignKeysAndChecks) {
  const model::Table accounts = Tbl("accounts");
  const model::Table users = Tbl("users", {Col("email"), Col("account_id")});
  Change change = Modify(users, users);
  UniqueChange unique;
  unique.after = model::UniqueConstraint{"users_email_key", {"email"}};
  change.table_diff.uniques = {unique};
  IndexChange index;
  index.after = Idx("users", {"email", "account_id"}, true);
  IndexChange partial;
  partial.after = Idx("users", {"account_id"}, true);
  partial.after->where = "email IS NOT NULL";
  change.table_diff.indexes = {index, partial};
  ForeignKeyChange fk;
  fk.after = Fk("users", {"account_id"}, "accounts", {"id"});
  change.table_diff.foreign_keys = {fk};
  CheckChange check;
  check.after = model::Check{"users_email_check", "email <> ''"};
  CheckChange on_new_column;
  on_new_column.after = model::Check{"users_age_check", "age > 0"};
  change.table_diff.checks = {check, on_new_column};
  change.table_diff.columns = {AddColumn(Col("age"))};

  const model::Schema current = SchemaWith({accounts, users});
  const auto specs = DataCheckSpecs(change, current);
  // The partial unique index and the check over the new column `age` are not counted.
  EXPECT_THAT(Kinds(specs), ElementsAre(DataCheckKind::kDuplicate, DataCheckKind::kDuplicate,
                                        DataCheckKind::kOrphan, DataCheckKind::kCheck));
  EXPECT_THAT(specs[1].columns, ElementsAre("email", "account_id"));
  EXPECT_EQ(specs[2].referenced, current.FindTable("", "accounts"));
}

TEST(DataCheckSpecs, NothingForATableTheDatabaseDoesNotHoldYet) {
  const model::Table users = Tbl("users", {Col("tier")});
  Change change = Modify(users, users);
  change.table_diff.columns = {
      ModifyColumn(Col("tier"), Col("tier", model::TypeKind::Int, false), kColumnNullability)};
  EXPECT_TRUE(DataCheckSpecs(change, SchemaWith({})).empty());
}

TEST(DataCheckSpecs, EnumLosingValuesChecksEveryColumnOfIt) {
  model::Table orders = Tbl("orders", {Col("status")});
  orders.columns[1].type = EnumType("status");
  model::Schema current = SchemaWith({orders});
  current.GetOrAddNamespace("").enums = {MakeEnum("status", {"new", "paid", "gone"})};
  Change change;
  change.kind = ChangeKind::kModifyEnum;
  change.enum_before = MakeEnum("status", {"new", "paid", "gone"});
  change.enum_after = MakeEnum("status", {"new", "paid"});
  const auto specs = DataCheckSpecs(change, current);
  ASSERT_EQ(specs.size(), 1u);
  EXPECT_EQ(specs[0].kind, DataCheckKind::kEnumValue);
  EXPECT_THAT(specs[0].values, ElementsAre("gone"));
  EXPECT_EQ(specs[0].hazard, hazard::kDropEnumValue);
}

TEST(DataCheckText, DescribesCountsSamplesErrorsAndAllowance) {
  DataCheck check;
  check.hazard = hazard::kNotNullMayFail;
  check.description = "rows of users with tier NULL (it becomes NOT NULL)";
  EXPECT_EQ(DescribeDataCheck(check), "not counted: rows of users with tier NULL (it becomes NOT NULL)");
  EXPECT_FALSE(check.Fails());
  check.failing_rows = 3;
  check.sample_keys = {"id=1", "id=3", "id=5"};
  EXPECT_EQ(DescribeDataCheck(check),
            "3 rows: rows of users with tier NULL (it becomes NOT NULL); sample keys: id=1, id=3, id=5");
  EXPECT_TRUE(check.Fails());
  check.allowed = true;
  EXPECT_FALSE(check.Fails());
  EXPECT_THAT(DescribeDataCheck(check), HasSubstr("(allowed by --allow-hazard HZ005-not-null)"));
  DataCheck broken;
  broken.description = "x";
  broken.error = "canceling statement due to statement timeout";
  EXPECT_TRUE(broken.Fails());
}

TEST(DataCheckText, KindNamesRoundTrip) {
  for (DataCheckKind kind :
       {DataCheckKind::kNull, DataCheckKind::kRowsNoValue, DataCheckKind::kDuplicate, DataCheckKind::kOrphan,
        DataCheckKind::kCheck, DataCheckKind::kCast, DataCheckKind::kTooLong, DataCheckKind::kEnumValue}) {
    EXPECT_EQ(DataCheckKindFromName(DataCheckKindName(kind)), kind);
  }
  EXPECT_FALSE(DataCheckKindFromName("nulls"));
}

TEST(RollingDeployHazards, RenameDropNotNullAndTypeChange) {
  const model::Table users = Tbl("users", {Col("a"), Col("b"), Col("c")});
  Change change = Modify(users, users);
  ColumnChange rename;
  rename.op = ChangeOp::kRename;
  rename.before = Col("a");
  rename.after = Col("a2");
  change.table_diff.columns = {rename, DropColumn(Col("b")), AddColumn(Col("d", model::TypeKind::Int, false)),
                               ModifyColumn(Col("c"), Col("c", model::TypeKind::BigInt), kColumnType)};
  std::vector<PlanStep> steps(1);
  AddRollingDeployHazards(change, steps);
  std::vector<std::string> codes;
  for (const auto& h : steps[0].hazards) codes.push_back(h.code);
  EXPECT_THAT(codes, ElementsAre(hazard::kRenameInUse, hazard::kDropColumnInUse, hazard::kNotNullNoDefault,
                                 hazard::kTypeChangeInPlace));
  EXPECT_THAT(steps[0].hazards[0].message, HasSubstr("Expand/contract"));
  for (const auto& h : steps[0].hazards) EXPECT_FALSE(h.data_loss) << h.code;

  Change table_rename;
  table_rename.kind = ChangeKind::kRenameTable;
  table_rename.table_before = Tbl("people");
  table_rename.table_after = Tbl("users");
  std::vector<PlanStep> rename_steps(1);
  AddRollingDeployHazards(table_rename, rename_steps);
  ASSERT_EQ(rename_steps[0].hazards.size(), 1u);
  EXPECT_EQ(rename_steps[0].hazards[0].code, hazard::kRenameInUse);
}

TEST(RenameSuggestions, SimilarNameOrSamePositionWithTheSameType) {
  const model::Table before =
      Tbl("users", {Col("fullname", model::TypeKind::Text), Col("x", model::TypeKind::Int)});
  const model::Table after =
      Tbl("users", {Col("full_name", model::TypeKind::Text), Col("y", model::TypeKind::Int)});
  Change change = Modify(before, after);
  change.table_diff.columns = {DropColumn(before.columns[1]), DropColumn(before.columns[2]),
                               AddColumn(after.columns[1]), AddColumn(after.columns[2])};
  const auto suggestions = SuggestRenames({change});
  ASSERT_EQ(suggestions.size(), 2u);
  EXPECT_THAT(suggestions[0], HasSubstr("add @renamed_from(fullname) to column full_name"));
  EXPECT_THAT(suggestions[1], HasSubstr("add @renamed_from(x) to column y"));  // same position
}

TEST(RenameSuggestions, NoneForADifferentTypeOrAnUnrelatedName) {
  const model::Table before =
      Tbl("users", {Col("fullname", model::TypeKind::Text), Col("a", model::TypeKind::Int)});
  const model::Table after =
      Tbl("users", {Col("full_name", model::TypeKind::Int), Col("a", model::TypeKind::Int),
                    Col("zzzzzz", model::TypeKind::Int)});
  Change change = Modify(before, after);
  change.table_diff.columns = {DropColumn(before.columns[1]), AddColumn(after.columns[1]),
                               AddColumn(after.columns[3])};
  EXPECT_TRUE(SuggestRenames({change}).empty());
}

TEST(RenameSuggestions, TablesWithTheSameColumns) {
  Change drop;
  drop.kind = ChangeKind::kDropTable;
  drop.table_before = Tbl("people", {Col("email", model::TypeKind::Text)});
  Change add;
  add.kind = ChangeKind::kAddTable;
  add.table_after = Tbl("users", {Col("email", model::TypeKind::Text)});
  Change other;
  other.kind = ChangeKind::kAddTable;
  other.table_after = Tbl("orders", {Col("total")});
  const auto suggestions = SuggestRenames({drop, other, add});
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_THAT(suggestions[0], HasSubstr("add @renamed_from(people) to table users"));
}

TEST(RenameSuggestions, EditDistance) {
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("same", "same"), 0u);
}

TEST(HazardCodes, ResolveByFullCodeOrNumber) {
  EXPECT_EQ(ResolveHazardCode("HZ003"), std::string(hazard::kNarrowType));
  EXPECT_EQ(ResolveHazardCode("hz003"), std::string(hazard::kNarrowType));
  EXPECT_EQ(ResolveHazardCode("HZ003-narrow-type"), std::string(hazard::kNarrowType));
  EXPECT_EQ(ResolveHazardCode("HZ015"), std::string(hazard::kNotNullNoDefault));
  EXPECT_FALSE(ResolveHazardCode("HZ999"));
  EXPECT_FALSE(ResolveHazardCode("narrow-type"));
  EXPECT_FALSE(ResolveHazardCode(""));
  EXPECT_TRUE(HazardAllowed(hazard::kNarrowType, {hazard::kDropTable, hazard::kNarrowType}));
  EXPECT_FALSE(HazardAllowed(hazard::kNarrowType, {hazard::kDropTable}));
}

TEST(RenderFindings, ChecksImpactSkipAndSuggestionsInEveryFormat) {
  Plan plan;
  plan.dialect = "pseudo";
  Change change;
  change.kind = ChangeKind::kModifyTable;
  change.table_before = Tbl("users");
  change.table_after = Tbl("users");
  plan.changes = {change};
  PlanStep step;
  step.description = "set users.tier NOT NULL";
  step.lock = "access exclusive";
  step.up.statements = {"ALTER TABLE users ALTER COLUMN tier SET NOT NULL"};
  DataCheck check;
  check.hazard = hazard::kNotNullMayFail;
  check.description = "rows of users with tier NULL (it becomes NOT NULL)";
  check.failing_rows = 3;
  check.sample_keys = {"id=1", "id=3", "id=5"};
  step.data_checks = {check};
  step.impact = TableImpact{"users", "SELECT 1, 2", 20000, 3 * 1024 * 1024};
  plan.steps = {step};
  plan.data_checks = Plan::DataChecks::kRun;
  plan.rename_suggestions = {"users: column a is dropped and b added"};

  const std::string text = RenderPlan(plan, PlanFormat::kText, false);
  EXPECT_THAT(text, HasSubstr("   table users: about 20000 rows, 3.0 MiB\n"));
  EXPECT_THAT(text,
              HasSubstr("   data check HZ005-not-null: 3 rows: rows of users with tier NULL (it becomes NOT "
                        "NULL); sample keys: id=1, id=3, id=5\n"));
  EXPECT_THAT(text, HasSubstr("Data checks: 1 run on the current database, 1 found rows"));
  EXPECT_THAT(text, HasSubstr("suggestion: users: column a is dropped and b added"));

  const std::string markdown = RenderPlan(plan, PlanFormat::kMarkdown, false);
  EXPECT_THAT(markdown,
              HasSubstr("| 1 | set users.tier NOT NULL |  | access exclusive | users: about 20000 rows, "
                        "3.0 MiB | **FAILS**: 3 rows (HZ005-not-null) | none | exact |"));
  EXPECT_THAT(markdown, HasSubstr("- **data check failed** `HZ005-not-null`: 3 rows"));
  EXPECT_THAT(markdown, HasSubstr("> **Rename?** users: column a is dropped and b added"));

  const nlohmann::json json = PlanToJson(plan);
  EXPECT_EQ(json["data_checks"], "run");
  const auto& first = json["steps"][0]["data_checks"][0];
  EXPECT_EQ(first["kind"], "null");
  EXPECT_EQ(first["failing_rows"], 3);
  EXPECT_EQ(first["fails"], true);
  EXPECT_EQ(first["sample_keys"][2], "id=5");
  EXPECT_EQ(json["steps"][0]["impact"]["estimated_rows"], 20000);
  EXPECT_EQ(json["rename_suggestions"][0], "users: column a is dropped and b added");

  plan.data_checks = Plan::DataChecks::kSkipped;
  plan.steps[0].data_checks[0].failing_rows.reset();
  plan.steps[0].data_checks[0].sample_keys.clear();
  EXPECT_THAT(RenderPlan(plan, PlanFormat::kText, false),
              HasSubstr("Data checks: skipped (--skip-data-checks)"));
  EXPECT_EQ(PlanToJson(plan)["data_checks"], "skipped");
}

}  // namespace
}  // namespace schemac::compiler
