#include "compiler/rolling_deploy_hazards.hpp"

#include <string>

#include "compiler/change_names.hpp"
#include "compiler/data_checks.hpp"

namespace schemac::compiler {
namespace {

void Add(PlanStep* step, const char* code, std::string message) {
  if (step == nullptr) return;
  step->hazards.push_back(Hazard{code, std::move(message), false});
}

}  // namespace

void AddRollingDeployHazards(const Change& change, std::vector<PlanStep>& steps) {
  if (change.kind == ChangeKind::kRenameTable && change.table_before && change.table_after) {
    const std::string from = QualifiedName(change.ns, change.table_before->name);
    Add(steps.empty() ? nullptr : &steps.front(), hazard::kRenameInUse,
        "renaming table " + from + " to " + change.table_after->name +
            " breaks the running release, which still uses " + from +
            ". Expand/contract: create the new table, write to both, backfill, switch the code to it in "
            "one release, then drop the old one in the next");
    return;
  }
  if (change.kind != ChangeKind::kModifyTable || !change.table_after) return;
  const std::string table = QualifiedName(change.ns, change.table_after->name);
  const auto& columns = change.table_diff.columns;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ColumnChange& column = columns[i];
    PlanStep* step = StepCarrying(ChangePart::Of(ChangePart::Kind::kColumn, i), steps);
    const std::string subject = table + "." + column.Current().name;
    switch (column.op) {
      case ChangeOp::kRename:
        Add(step, hazard::kRenameInUse,
            "renaming column " + subject + " to " + column.after->name +
                " breaks the running release, which still uses " + column.before->name +
                ". Expand/contract: add " + column.after->name +
                ", write both and backfill, switch reads in one "
                "release, then drop " +
                column.before->name + " in the next");
        break;
      case ChangeOp::kDrop:
        Add(step, hazard::kDropColumnInUse,
            "dropping column " + subject +
                " breaks a running release that still reads or writes it: ship a release that no longer uses "
                "it first");
        break;
      case ChangeOp::kAdd:
        if (!column.after->nullable && !column.after->default_value && !column.after->generated &&
            !column.after->identity) {
          Add(step, hazard::kNotNullNoDefault,
              "column " + table + "." + column.after->name +
                  " is added NOT NULL without a default: the running release's inserts do not set it and "
                  "fail. "
                  "Add it with a default, or nullable first");
        }
        break;
      case ChangeOp::kModify:
        if (column.flags & kColumnType) {
          Add(StepCarrying(ChangePart::Of(ChangePart::Kind::kColumn, i, kColumnType), steps),
              hazard::kTypeChangeInPlace,
              "the type of " + subject +
                  " changes in place: the running release may still read or write values of the old type. "
                  "Expand/contract: add a column of the new type, backfill, switch, drop the old one");
        }
        break;
    }
  }
}

}  // namespace schemac::compiler
