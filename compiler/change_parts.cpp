#include "compiler/change_parts.hpp"

#include <algorithm>
#include <string>

namespace schemac::compiler {
namespace {

template <typename T>
void EraseByName(std::vector<T>& items, const std::string& name) {
  items.erase(std::remove_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; }),
              items.end());
}

template <typename T>
void Put(std::vector<T>& items, const T& item) {
  if (T* existing = model::Table::FindByName(items, item.name)) {
    *existing = item;
  } else {
    items.push_back(item);
  }
}

// The databases rename a column everywhere the table names it in a column list: keys, indexes,
// foreign keys (expressions are text and follow only if the database rewrites them, which the
// model cannot know; the diff has the desired text for those anyway).
void FollowColumnRename(model::Table& table, const std::string& from, const std::string& to) {
  auto rename = [&](std::vector<std::string>& columns) {
    std::replace(columns.begin(), columns.end(), from, to);
  };
  if (table.primary_key) rename(table.primary_key->columns);
  for (auto& unique : table.uniques) rename(unique.columns);
  for (auto& fk : table.foreign_keys) rename(fk.columns);
  for (auto& index : table.indexes) {
    for (auto& key : index.keys) {
      if (key.column == from) key.column = to;
    }
    rename(index.include);
  }
}

void CopyFlags(const model::Column& from, std::uint32_t flags, model::Column& into) {
  if (flags & kColumnType) into.type = from.type;
  if (flags & kColumnNullability) into.nullable = from.nullable;
  if (flags & kColumnDefault) into.default_value = from.default_value;
  if (flags & kColumnIdentity) into.identity = from.identity;
  if (flags & kColumnGenerated) into.generated = from.generated;
  if (flags & kColumnCollation) into.collation = from.collation;
  if (flags & kColumnComment) into.comment = from.comment;
}

// A kRename of a key, index or check cut to one half: the drop of the old name or the add of the
// new one.
template <typename T>
ObjectChange<T> Half(const ObjectChange<T>& change, ChangePart::Half half) {
  if (change.op != ChangeOp::kRename || half == ChangePart::Half::kAll) return change;
  if (half == ChangePart::Half::kDropBefore) return ObjectChange<T>{ChangeOp::kDrop, change.before, {}, 0};
  return ObjectChange<T>{ChangeOp::kAdd, {}, change.after, 0};
}

template <typename T>
void ApplyObjectChange(const ObjectChange<T>& change, std::vector<T>& items) {
  if (change.before) EraseByName(items, change.before->name);
  if (change.after) Put(items, *change.after);
}

void ApplyPrimaryKeyChange(const PrimaryKeyChange& change, model::Table& table) {
  if (change.op == ChangeOp::kDrop) {
    table.primary_key.reset();
  } else {
    table.primary_key = change.after;
  }
}

// Adds the restricted piece of an object list to `into` and applies it to `table`.
template <typename T, typename Apply>
void TakeObject(const std::vector<ObjectChange<T>>& changes, const ChangePart& part,
                std::vector<ObjectChange<T>>& into, Apply apply) {
  if (part.index >= changes.size()) return;
  ObjectChange<T> piece = Half(changes[part.index], part.half);
  apply(piece);
  into.push_back(std::move(piece));
}

void TakeColumn(const ColumnChange& change, const ChangePart& part, model::Table& table, TableDiff& into) {
  switch (change.op) {
    case ChangeOp::kAdd:
      Put(table.columns, *change.after);
      into.columns.push_back(change);
      return;
    case ChangeOp::kDrop:
      EraseByName(table.columns, change.before->name);
      into.columns.push_back(change);
      return;
    case ChangeOp::kRename: {
      model::Column* column = table.FindColumn(change.before->name);
      if (!column) return;
      ColumnChange piece{ChangeOp::kRename, *column, *column, 0};
      column->name = change.after->name;
      piece.after->name = change.after->name;
      FollowColumnRename(table, change.before->name, change.after->name);
      into.columns.push_back(std::move(piece));
      return;
    }
    case ChangeOp::kModify: {
      model::Column* column = table.FindColumn(change.after->name);
      if (!column) return;
      const std::uint32_t flags = part.column_flags == 0 ? change.flags : (change.flags & part.column_flags);
      ColumnChange piece{ChangeOp::kModify, *column, *column, flags};
      CopyFlags(*change.after, flags, *column);
      piece.after = *column;
      into.columns.push_back(std::move(piece));
      return;
    }
  }
}

Change RestrictTable(const Change& change, const std::vector<ChangePart>& parts, const model::Table& start) {
  Change restricted;
  restricted.kind = ChangeKind::kModifyTable;
  restricted.ns = change.ns;
  restricted.table_before = start;
  model::Table table = start;
  const TableDiff& diff = change.table_diff;
  TableDiff& into = restricted.table_diff;
  using Kind = ChangePart::Kind;
  for (const ChangePart& part : parts) {
    switch (part.kind) {
      case Kind::kColumn:
        if (part.index < diff.columns.size()) TakeColumn(diff.columns[part.index], part, table, into);
        break;
      case Kind::kPrimaryKey:
        TakeObject(diff.primary_key, part, into.primary_key,
                   [&](const PrimaryKeyChange& piece) { ApplyPrimaryKeyChange(piece, table); });
        break;
      case Kind::kUnique:
        TakeObject(diff.uniques, part, into.uniques,
                   [&](const UniqueChange& piece) { ApplyObjectChange(piece, table.uniques); });
        break;
      case Kind::kIndex:
        TakeObject(diff.indexes, part, into.indexes,
                   [&](const IndexChange& piece) { ApplyObjectChange(piece, table.indexes); });
        break;
      case Kind::kForeignKey:
        TakeObject(diff.foreign_keys, part, into.foreign_keys,
                   [&](const ForeignKeyChange& piece) { ApplyObjectChange(piece, table.foreign_keys); });
        break;
      case Kind::kCheck:
        TakeObject(diff.checks, part, into.checks,
                   [&](const CheckChange& piece) { ApplyObjectChange(piece, table.checks); });
        break;
      case Kind::kComment:
        into.comment_changed = true;
        table.comment = change.table_after->comment;
        break;
      case Kind::kOptions:
        into.options_changed = true;
        table.options = change.table_after->options;
        break;
      case Kind::kWholeChange:
      case Kind::kEnumValue:
      case Kind::kEnumValues:
        break;
    }
  }
  restricted.table_after = std::move(table);
  return restricted;
}

// Inserts `value` into `values` after the nearest value that precedes it in `order` and is there.
void InsertInOrder(std::vector<std::string>& values, const std::vector<std::string>& order,
                   std::size_t index) {
  const std::string& value = order[index];
  if (std::find(values.begin(), values.end(), value) != values.end()) return;
  auto position = values.begin();
  for (std::size_t i = index; i-- > 0;) {
    auto found = std::find(values.begin(), values.end(), order[i]);
    if (found != values.end()) {
      position = found + 1;
      break;
    }
  }
  values.insert(position, value);
}

Change RestrictEnum(const Change& change, const std::vector<ChangePart>& parts, const model::Enum& start) {
  Change restricted;
  restricted.kind = ChangeKind::kModifyEnum;
  restricted.ns = change.ns;
  restricted.enum_before = start;
  model::Enum result = start;
  const model::Enum& after = *change.enum_after;
  for (const ChangePart& part : parts) {
    switch (part.kind) {
      case ChangePart::Kind::kEnumValue:
        if (part.index < after.values.size()) InsertInOrder(result.values, after.values, part.index);
        break;
      case ChangePart::Kind::kEnumValues:
        result.values = after.values;
        break;
      case ChangePart::Kind::kComment:
        result.comment = after.comment;
        break;
      default:
        break;
    }
  }
  restricted.enum_after = std::move(result);
  return restricted;
}

}  // namespace

bool IsWholeChange(const std::vector<ChangePart>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [](const ChangePart& part) { return part.kind == ChangePart::Kind::kWholeChange; });
}

Change RestrictChange(const Change& change, const std::vector<ChangePart>& parts,
                      const model::Schema& state) {
  if (IsWholeChange(parts)) return change;
  if (change.kind == ChangeKind::kModifyTable) {
    const model::Table* start = state.FindTable(change.ns, change.table_after->name);
    return RestrictTable(change, parts, start ? *start : *change.table_before);
  }
  if (change.kind == ChangeKind::kModifyEnum) {
    const model::Enum* start = state.FindEnum(change.ns, change.enum_after->name);
    return RestrictEnum(change, parts, start ? *start : *change.enum_before);
  }
  return change;
}

}  // namespace schemac::compiler
