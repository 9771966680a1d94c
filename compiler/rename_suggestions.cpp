#include "compiler/rename_suggestions.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "compiler/change_names.hpp"

namespace schemac::compiler {
namespace {

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Similar: one name holds the other ("name" / "full_name"), or few edits apart for its length.
bool SimilarNames(const std::string& a, const std::string& b) {
  const std::string x = Lower(a), y = Lower(b);
  if (x.find(y) != std::string::npos || y.find(x) != std::string::npos) return true;
  const std::size_t longest = std::max(x.size(), y.size());
  return EditDistance(x, y) <= std::max<std::size_t>(2, longest / 3);
}

std::optional<std::size_t> PositionOf(const model::Table& table, const std::string& column) {
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i].name == column) return i;
  return std::nullopt;
}

void ColumnRenames(const Change& change, std::vector<std::string>& out) {
  if (!change.table_before || !change.table_after) return;
  const std::string table = QualifiedName(change.ns, change.table_after->name);
  std::vector<const model::Column*> dropped;
  for (const auto& column : change.table_diff.columns)
    if (column.op == ChangeOp::kDrop) dropped.push_back(&*column.before);
  for (const auto& column : change.table_diff.columns) {
    if (column.op != ChangeOp::kAdd) continue;
    const model::Column& added = *column.after;
    for (auto it = dropped.begin(); it != dropped.end(); ++it) {
      const model::Column& old = **it;
      if (old.type != added.type) continue;
      const bool same_position =
          PositionOf(*change.table_before, old.name) == PositionOf(*change.table_after, added.name);
      if (!SimilarNames(old.name, added.name) && !same_position) continue;
      out.push_back(table + ": column " + old.name + " is dropped and " + added.name +
                    " added with the same type; if it is a rename, add @renamed_from(" + old.name +
                    ") to column " + added.name + " (without it the values of " + old.name + " are lost)");
      dropped.erase(it);
      break;
    }
  }
}

bool SameColumns(const model::Table& a, const model::Table& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (std::size_t i = 0; i < a.columns.size(); ++i)
    if (a.columns[i].name != b.columns[i].name || a.columns[i].type != b.columns[i].type) return false;
  return true;
}

void TableRenames(const ChangeList& changes, std::vector<std::string>& out) {
  std::vector<const Change*> dropped;
  for (const auto& change : changes)
    if (change.kind == ChangeKind::kDropTable && change.table_before) dropped.push_back(&change);
  for (const auto& change : changes) {
    if (change.kind != ChangeKind::kAddTable || !change.table_after) continue;
    for (auto it = dropped.begin(); it != dropped.end(); ++it) {
      const Change& old = **it;
      if (old.ns != change.ns || !SameColumns(*old.table_before, *change.table_after)) continue;
      out.push_back("table " + QualifiedName(old.ns, old.table_before->name) + " is dropped and " +
                    QualifiedName(change.ns, change.table_after->name) +
                    " added with the same columns; if it is a rename, add @renamed_from(" +
                    old.table_before->name + ") to table " + change.table_after->name +
                    " (without it every row is lost)");
      dropped.erase(it);
      break;
    }
  }
}

}  // namespace

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> SuggestRenames(const ChangeList& changes) {
  std::vector<std::string> out;
  for (const auto& change : changes)
    if (change.kind == ChangeKind::kModifyTable) ColumnRenames(change, out);
  TableRenames(changes, out);
  return out;
}

}  // namespace schemac::compiler
