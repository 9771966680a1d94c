#include "compiler/data_checks.hpp"

#include <cctype>
#include <string>

#include "compiler/change_names.hpp"

namespace schemac::compiler {
namespace {

using dialects::DataCheckSpec;

bool HasAllColumns(const model::Table& table, const std::vector<std::string>& columns) {
  if (columns.empty()) return false;
  for (const auto& name : columns)
    if (table.FindColumn(name) == nullptr) return false;
  return true;
}

// Whether `expression` mentions `word` as an identifier (a column a check reads).
bool MentionsIdentifier(const std::string& expression, const std::string& word) {
  auto is_ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = expression.find(word); at != std::string::npos; at = expression.find(word, at + 1)) {
    const bool starts = at == 0 || !is_ident(expression[at - 1]);
    const bool ends = at + word.size() == expression.size() || !is_ident(expression[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

bool IsLengthNarrowing(const model::DataType& from, const model::DataType& to) {
  using model::TypeKind;
  const bool to_bounded = (to.kind == TypeKind::Varchar || to.kind == TypeKind::Char) && to.length;
  if (!to_bounded) return false;
  if (from.kind == TypeKind::Text) return true;
  if (from.kind != TypeKind::Varchar && from.kind != TypeKind::Char) return false;
  return !from.length || *from.length > *to.length;
}

// The part of a TableDiff a spec comes from, to find the step that carries it out.
struct SpecPart {
  DataCheckSpec spec;
  ChangePart part;
};

void ColumnSpecs(const Change& change, const model::Table& table, std::vector<SpecPart>& out) {
  const auto& columns = change.table_diff.columns;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ColumnChange& column = columns[i];
    const ChangePart part = ChangePart::Of(ChangePart::Kind::kColumn, i);
    DataCheckSpec base;
    base.ns = change.ns;
    base.table = &table;
    base.columns = {column.Desired().name};
    if (column.op == ChangeOp::kAdd) {
      const model::Column& added = *column.after;
      if (!added.nullable && !added.default_value && !added.generated && !added.identity) {
        DataCheckSpec spec = base;
        spec.kind = DataCheckKind::kRowsNoValue;
        spec.hazard = hazard::kNotNullNoDefault;
        out.push_back({spec, part});
      }
      continue;
    }
    if (column.op != ChangeOp::kModify || table.FindColumn(column.before->name) == nullptr) continue;
    if ((column.flags & kColumnNullability) && !column.after->nullable) {
      DataCheckSpec spec = base;
      spec.kind = DataCheckKind::kNull;
      spec.hazard = hazard::kNotNullMayFail;
      out.push_back({spec, ChangePart::Of(ChangePart::Kind::kColumn, i, kColumnNullability)});
    }
    if (!(column.flags & kColumnType)) continue;
    const model::DataType& from = column.before->type;
    const model::DataType& to = column.after->type;
    DataCheckSpec spec = base;
    spec.hazard = hazard::kNarrowType;
    spec.new_type = &column.after->type;
    if (IsLengthNarrowing(from, to)) {
      spec.kind = DataCheckKind::kTooLong;
    } else if (to.kind == model::TypeKind::Enum && from.kind == model::TypeKind::Enum) {
      continue;  // a different enum type: its values are checked where the enum changes
    } else {
      spec.kind = DataCheckKind::kCast;
    }
    out.push_back({spec, ChangePart::Of(ChangePart::Kind::kColumn, i, kColumnType)});
  }
}

void KeySpecs(const Change& change, const model::Table& table, std::vector<SpecPart>& out) {
  const TableDiff& diff = change.table_diff;
  auto duplicate = [&](const std::vector<std::string>& columns, ChangePart part) {
    if (!HasAllColumns(table, columns)) return;
    DataCheckSpec spec;
    spec.kind = DataCheckKind::kDuplicate;
    spec.hazard = hazard::kConstraintMayFail;
    spec.ns = change.ns;
    spec.table = &table;
    spec.columns = columns;
    out.push_back({spec, part});
  };
  for (std::size_t i = 0; i < diff.primary_key.size(); ++i)
    if (diff.primary_key[i].op == ChangeOp::kAdd)
      duplicate(diff.primary_key[i].after->columns, ChangePart::Of(ChangePart::Kind::kPrimaryKey, i));
  for (std::size_t i = 0; i < diff.uniques.size(); ++i)
    if (diff.uniques[i].op == ChangeOp::kAdd)
      duplicate(diff.uniques[i].after->columns, ChangePart::Of(ChangePart::Kind::kUnique, i));
  for (std::size_t i = 0; i < diff.indexes.size(); ++i) {
    const IndexChange& index = diff.indexes[i];
    // A partial or expression index is unique over rows this walk cannot pick out: not counted.
    if (index.op != ChangeOp::kAdd || !index.after->unique || !index.after->where.empty()) continue;
    std::vector<std::string> columns;
    bool plain = true;
    for (const auto& key : index.after->keys) {
      if (key.column.empty()) plain = false;
      columns.push_back(key.column);
    }
    if (plain) duplicate(columns, ChangePart::Of(ChangePart::Kind::kIndex, i));
  }
}

void ConstraintSpecs(const Change& change, const model::Table& table, const model::Schema& current,
                     std::vector<SpecPart>& out) {
  const TableDiff& diff = change.table_diff;
  for (std::size_t i = 0; i < diff.foreign_keys.size(); ++i) {
    const ForeignKeyChange& fk = diff.foreign_keys[i];
    if (fk.op != ChangeOp::kAdd || !HasAllColumns(table, fk.after->columns)) continue;
    DataCheckSpec spec;
    spec.kind = DataCheckKind::kOrphan;
    spec.hazard = hazard::kConstraintMayFail;
    spec.ns = change.ns;
    spec.table = &table;
    spec.columns = fk.after->columns;
    spec.foreign_key = &*fk.after;
    spec.referenced_ns = fk.after->ref_namespace.empty() ? change.ns : fk.after->ref_namespace;
    spec.referenced = current.FindTable(spec.referenced_ns, fk.after->ref_table);
    if (spec.referenced != nullptr && !HasAllColumns(*spec.referenced, fk.after->ref_columns)) continue;
    out.push_back({spec, ChangePart::Of(ChangePart::Kind::kForeignKey, i)});
  }
  for (std::size_t i = 0; i < diff.checks.size(); ++i) {
    const CheckChange& check = diff.checks[i];
    if (check.op != ChangeOp::kAdd) continue;
    // A check over a column the plan adds cannot be evaluated on today's rows.
    bool reads_new_column = false;
    for (const auto& column : diff.columns)
      if (column.op != ChangeOp::kDrop && table.FindColumn(column.Desired().name) == nullptr &&
          MentionsIdentifier(check.after->expression, column.Desired().name))
        reads_new_column = true;
    if (reads_new_column) continue;
    DataCheckSpec spec;
    spec.kind = DataCheckKind::kCheck;
    spec.hazard = hazard::kConstraintMayFail;
    spec.ns = change.ns;
    spec.table = &table;
    spec.check = &*check.after;
    out.push_back({spec, ChangePart::Of(ChangePart::Kind::kCheck, i)});
  }
}

// Values an enum loses: rows of every column of that enum type that hold one.
void EnumSpecs(const Change& change, const model::Schema& current, std::vector<SpecPart>& out) {
  if (!change.enum_before || !change.enum_after) return;
  std::vector<std::string> lost;
  for (const auto& value : change.enum_before->values) {
    bool kept = false;
    for (const auto& now : change.enum_after->values) kept = kept || now == value;
    if (!kept) lost.push_back(value);
  }
  if (lost.empty()) return;
  for (const auto& ns : current.namespaces) {
    for (const auto& table : ns.tables) {
      for (const auto& column : table.columns) {
        const std::string& enum_ns =
            column.type.enum_namespace.empty() ? ns.name : column.type.enum_namespace;
        if (column.type.kind != model::TypeKind::Enum || column.type.enum_name != change.enum_before->name ||
            enum_ns != change.ns)
          continue;
        DataCheckSpec spec;
        spec.kind = DataCheckKind::kEnumValue;
        spec.hazard = hazard::kDropEnumValue;
        spec.ns = ns.name;
        spec.table = &table;
        spec.columns = {column.name};
        spec.values = lost;
        out.push_back({spec, ChangePart{}});
      }
    }
  }
}

std::vector<SpecPart> SpecsWithParts(const Change& change, const model::Schema& current) {
  std::vector<SpecPart> out;
  if (change.kind == ChangeKind::kModifyEnum) {
    EnumSpecs(change, current, out);
    return out;
  }
  if (change.kind != ChangeKind::kModifyTable || !change.table_before) return out;
  const model::Table* table = current.FindTable(change.ns, change.table_before->name);
  if (table == nullptr) return out;  // renamed earlier in the plan: not under this name today
  ColumnSpecs(change, *table, out);
  KeySpecs(change, *table, out);
  ConstraintSpecs(change, *table, current, out);
  return out;
}

}  // namespace

PlanStep* StepCarrying(const ChangePart& part, std::vector<PlanStep>& steps) {
  for (auto& step : steps) {
    for (const auto& carried : step.parts) {
      if (carried.kind != part.kind || carried.index != part.index) continue;
      if (part.kind == ChangePart::Kind::kColumn && part.column_flags != 0 && carried.column_flags != 0 &&
          (carried.column_flags & part.column_flags) == 0)
        continue;
      return &step;
    }
  }
  return steps.empty() ? nullptr : &steps.front();
}

namespace {

constexpr DataCheckKind kAllKinds[] = {
    DataCheckKind::kNull,  DataCheckKind::kRowsNoValue, DataCheckKind::kDuplicate, DataCheckKind::kOrphan,
    DataCheckKind::kCheck, DataCheckKind::kCast,        DataCheckKind::kTooLong,   DataCheckKind::kEnumValue};

}  // namespace

const char* DataCheckKindName(DataCheckKind kind) {
  switch (kind) {
    case DataCheckKind::kNull:
      return "null";
    case DataCheckKind::kRowsNoValue:
      return "rows-without-value";
    case DataCheckKind::kDuplicate:
      return "duplicate";
    case DataCheckKind::kOrphan:
      return "orphan";
    case DataCheckKind::kCheck:
      return "check";
    case DataCheckKind::kCast:
      return "cast";
    case DataCheckKind::kTooLong:
      return "too-long";
    case DataCheckKind::kEnumValue:
      return "enum-value";
  }
  return "";
}

std::optional<DataCheckKind> DataCheckKindFromName(const std::string& name) {
  for (DataCheckKind kind : kAllKinds)
    if (name == DataCheckKindName(kind)) return kind;
  return std::nullopt;
}

std::string DescribeDataCheck(const DataCheck& check) {
  if (!check.error.empty()) return "could not count " + check.description + ": " + check.error;
  if (!check.failing_rows) return "not counted: " + check.description;
  std::string text = std::to_string(*check.failing_rows) + (*check.failing_rows == 1 ? " row: " : " rows: ") +
                     check.description;
  if (!check.sample_keys.empty()) {
    text += "; sample keys: ";
    for (std::size_t i = 0; i < check.sample_keys.size(); ++i)
      text += (i == 0 ? "" : ", ") + check.sample_keys[i];
  }
  if (check.allowed) text += " (allowed by --allow-hazard " + check.hazard + ")";
  return text;
}

std::vector<DataCheckSpec> DataCheckSpecs(const Change& change, const model::Schema& current) {
  std::vector<DataCheckSpec> specs;
  for (auto& entry : SpecsWithParts(change, current)) specs.push_back(std::move(entry.spec));
  return specs;
}

void AttachDataChecks(const Change& change, const model::Schema& current, const dialects::Dialect& dialect,
                      std::vector<PlanStep>& steps) {
  for (const auto& entry : SpecsWithParts(change, current)) {
    std::optional<DataCheck> check = dialect.PlanDataCheck(entry.spec);
    PlanStep* step = StepCarrying(entry.part, steps);
    if (check && step != nullptr) step->data_checks.push_back(std::move(*check));
  }
  const bool on_existing_table = change.kind == ChangeKind::kModifyTable ||
                                 change.kind == ChangeKind::kDropTable ||
                                 change.kind == ChangeKind::kRenameTable;
  if (!on_existing_table || !change.table_before) return;
  if (current.FindTable(change.ns, change.table_before->name) == nullptr) return;
  const std::string query = dialect.TableEstimateQuery(change.ns, change.table_before->name);
  if (query.empty()) return;
  for (auto& step : steps)
    step.impact = TableImpact{QualifiedName(change.ns, change.table_before->name), query};
}

}  // namespace schemac::compiler
