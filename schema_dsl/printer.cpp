#include "schema_dsl/printer.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema_dsl/identifiers.hpp"
#include "schema_dsl/schema_dsl.hpp"

namespace schemac::dsl {
namespace {

// Column names and types are padded into aligned columns, up to this width; longer ones just
// push their line out rather than widening every line of the table.
constexpr size_t kMaxAlignWidth = 24;

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

std::string IdentifierList(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& name : names) quoted.push_back(QuoteIdentifier(name));
  return Join(quoted, ", ");
}

std::string NativeSpellings(const std::map<std::string, std::string>& native) {
  std::vector<std::string> parts;
  for (const auto& [dialect, spelling] : native)
    parts.push_back(QuoteIdentifier(dialect) + ": " + QuoteString(spelling));
  return "native(" + Join(parts, ", ") + ")";
}

std::string TypeText(const model::DataType& type) {
  using model::TypeKind;
  std::string text;
  switch (type.kind) {
    case TypeKind::Native:
      return NativeSpellings(type.native);
    case TypeKind::Enum:
      text = (type.enum_namespace.empty() ? "" : QuoteIdentifier(type.enum_namespace) + ".") +
             QuoteIdentifier(type.enum_name);
      break;
    case TypeKind::Varchar:
    case TypeKind::Char:
      text = model::TypeKindKeyword(type.kind);
      if (type.length) text += "(" + std::to_string(*type.length) + ")";
      break;
    case TypeKind::Decimal:
      text = "decimal";
      if (type.precision) {
        text += "(" + std::to_string(*type.precision);
        if (type.scale) text += "," + std::to_string(*type.scale);
        text += ")";
      }
      break;
    default:
      text = model::TypeKindKeyword(type.kind);
      break;
  }
  if (!type.native.empty()) text += " " + NativeSpellings(type.native);
  return text;
}

std::string DefaultText(const model::DefaultValue& value) {
  using Kind = model::DefaultValue::Kind;
  switch (value.kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
    case Kind::Number:
      return value.text;
    case Kind::String:
      return QuoteString(value.text);
    case Kind::Expression:
      return "(" + value.text + ")";
  }
  return "null";
}

const char* ActionText(model::ReferentialAction action) {
  using model::ReferentialAction;
  switch (action) {
    case ReferentialAction::NoAction:
      return "no action";
    case ReferentialAction::Restrict:
      return "restrict";
    case ReferentialAction::Cascade:
      return "cascade";
    case ReferentialAction::SetNull:
      return "set null";
    case ReferentialAction::SetDefault:
      return "set default";
  }
  return "no action";
}

// `references [ns.]table(cols) [match full] [on delete ..] [on update ..] [deferrable [initially
// deferred]]`: the order SQL writes them in.
std::string ReferenceText(const model::ForeignKey& foreign_key) {
  std::string text = "references ";
  if (!foreign_key.ref_namespace.empty()) text += QuoteIdentifier(foreign_key.ref_namespace) + ".";
  text += QuoteIdentifier(foreign_key.ref_table) + "(" + IdentifierList(foreign_key.ref_columns) + ")";
  if (foreign_key.match == model::MatchType::Full) text += " match full";
  if (foreign_key.on_delete != model::ReferentialAction::NoAction) {
    text += std::string(" on delete ") + ActionText(foreign_key.on_delete);
  }
  if (foreign_key.on_update != model::ReferentialAction::NoAction) {
    text += std::string(" on update ") + ActionText(foreign_key.on_update);
  }
  if (foreign_key.deferrable)
    text += foreign_key.initially_deferred ? " deferrable initially deferred" : " deferrable";
  return text;
}

// ` deferrable [initially deferred]` of a unique constraint; empty when checked per statement.
std::string TimingText(const model::UniqueConstraint& unique) {
  if (!unique.deferrable) return "";
  return unique.initially_deferred ? " deferrable initially deferred" : " deferrable";
}

std::string IndexKeyText(const model::IndexKey& key) {
  std::string text = key.column.empty() ? "(" + key.expression + ")" : QuoteIdentifier(key.column);
  if (key.prefix_length > 0) text += "(" + std::to_string(key.prefix_length) + ")";
  if (!key.collation.empty()) text += " collate " + QuoteIdentifier(key.collation);
  if (!key.opclass.empty()) text += " opclass " + QuoteIdentifier(key.opclass);
  if (key.descending) text += " desc";
  if (key.nulls == model::NullsOrder::First) text += " nulls first";
  if (key.nulls == model::NullsOrder::Last) text += " nulls last";
  return text;
}

std::string IndexText(const std::string& table, const model::Index& index) {
  std::string text = index.unique ? "unique index" : "index";
  if (index.name != model::DefaultIndexName(table, index.keys)) text += " " + QuoteIdentifier(index.name);
  if (!index.method.empty()) text += " using " + QuoteIdentifier(index.method);
  std::vector<std::string> keys;
  for (const model::IndexKey& key : index.keys) keys.push_back(IndexKeyText(key));
  text += " (" + Join(keys, ", ") + ")";
  if (!index.include.empty()) text += " include (" + IdentifierList(index.include) + ")";
  if (!index.where.empty()) text += " where (" + index.where + ")";
  if (!index.comment.empty()) text += " comment " + QuoteString(index.comment);
  return text;
}

std::string OptionValueText(const std::string& value) {
  if (value == "true" || value == "false" || IsNumberLiteral(value)) return value;
  return QuoteString(value);
}

std::string ConstraintPrefix(const std::string& name, const std::string& default_name) {
  return name == default_name ? std::string() : "constraint " + QuoteIdentifier(name) + " ";
}

// Which constraints go back inline on a column: those with the default name a column
// constraint gets, as long as that keeps the model's order (the binder lists inline
// constraints first, in column order; see binder.cpp). -1: printed at table level.
struct InlinePlan {
  int primary_key = -1;
  std::vector<int> uniques;
  std::vector<int> foreign_keys;
  std::vector<int> checks;
};

template <typename T, typename ColumnOf>
std::vector<int> PlanKind(const std::vector<T>& items, ColumnOf column_of) {
  std::vector<int> plan(items.size(), -1);
  int last = -1;
  for (size_t i = 0; i < items.size(); ++i) {
    int column = column_of(items[i]);
    if (column < 0 || column < last) break;
    plan[i] = column;
    last = column;
  }
  return plan;
}

InlinePlan PlanInline(const model::Table& table) {
  std::unordered_map<std::string, int> columns;
  for (size_t i = 0; i < table.columns.size(); ++i)
    columns.emplace(table.columns[i].name, static_cast<int>(i));
  auto single_column = [&](const std::vector<std::string>& names, const std::string& name,
                           const std::string& default_name) {
    if (names.size() != 1 || name != default_name) return -1;
    auto found = columns.find(names[0]);
    return found == columns.end() ? -1 : found->second;
  };
  InlinePlan plan;
  if (table.primary_key && table.primary_key->comment.empty()) {  // the inline form has no comment
    plan.primary_key = single_column(table.primary_key->columns, table.primary_key->name,
                                     model::DefaultPrimaryKeyName(table.name));
  }
  plan.uniques = PlanKind(table.uniques, [&](const model::UniqueConstraint& unique) {
    if (unique.deferrable) return -1;  // the inline `unique` has no deferrability
    return single_column(unique.columns, unique.name, model::DefaultUniqueName(table.name, unique.columns));
  });
  plan.foreign_keys = PlanKind(table.foreign_keys, [&](const model::ForeignKey& foreign_key) {
    return single_column(foreign_key.columns, foreign_key.name,
                         model::DefaultForeignKeyName(table.name, foreign_key.columns));
  });
  plan.checks = PlanKind(table.checks, [&](const model::Check& check) {
    // <table>_<column>_check names the column it was declared on.
    const std::string prefix = table.name + "_";
    const std::string suffix = "_check";
    const std::string& name = check.name;
    if (check.no_inherit) return -1;  // the inline `check` has no NO INHERIT
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      return -1;
    }
    auto found = columns.find(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    return found == columns.end() ? -1 : found->second;
  });
  return plan;
}

class Printer {
 public:
  explicit Printer(CommentPlacement* comments) : comments_(comments) {}

  std::string Print(const model::Schema& schema) {
    PrintExcludes(schema.excludes);
    for (const model::Namespace& ns : schema.namespaces) {
      if (ns.name.empty()) {
        PrintDeclarations(ns, 0);
        continue;
      }
      ElementKey key{ElementKind::kNamespace, ns.name, "", ""};
      Separate();
      EmitLeading(0, {key});
      out_ += "namespace " + QuoteIdentifier(ns.name) + " {\n";
      at_block_start_ = true;
      PrintDeclarations(ns, 2);
      EmitComments(2, Dangling(key));
      out_ += "}" + Trailing({key}) + "\n";
    }
    std::vector<PlacedComment> rest = Dangling(ElementKey{});
    if (comments_ != nullptr) {
      // Safety net: a comment the printer had no place for is kept at the end, never dropped.
      for (PlacedComment& comment : comments_->TakeRemaining()) rest.push_back(std::move(comment));
    }
    for (PlacedComment& comment : rest) comment.blank_line_after = false;
    if (!rest.empty()) {
      Separate();
      EmitComments(0, rest);
    }
    return out_;
  }

 private:
  void PrintDeclarations(const model::Namespace& ns, int indent) {
    for (const model::Enum& enum_model : ns.enums) {
      Separate();
      PrintEnum(ns.name, enum_model, indent);
    }
    for (const model::Sequence& sequence : ns.sequences) {
      Separate();
      PrintSequence(ns.name, sequence, indent);
    }
    for (const model::Table& table : ns.tables) {
      Separate();
      PrintTable(ns.name, table, indent);
    }
    for (const model::View& view : ns.views) {
      Separate();
      PrintView(ns.name, view, indent);
    }
    for (const model::Routine& routine : ns.routines) {
      Separate();
      PrintRoutine(ns.name, routine, indent);
    }
    for (const model::Trigger& trigger : ns.triggers) {
      Separate();
      PrintTrigger(ns.name, trigger, indent);
    }
  }

  // One line each, together at the top of the file: they say what the rest leaves out. Patterns
  // of a namespace block are printed qualified, which means the same.
  void PrintExcludes(const std::vector<std::string>& excludes) {
    if (excludes.empty()) return;
    Separate();
    for (const std::string& text : excludes) {
      ElementKey key{ElementKind::kExclude, "", "", text};
      EmitLeading(0, {key});
      const std::size_t colon = text.find(':');
      std::string kind = text.substr(0, colon);
      std::replace(kind.begin(), kind.end(), '_', ' ');
      out_ += "exclude " + kind + " " +
              QuoteString(colon == std::string::npos ? "" : text.substr(colon + 1)) + Trailing({key}) + "\n";
    }
  }

  // Only what differs from the defaults of the sequence's type and direction.
  void PrintSequence(const std::string& ns, const model::Sequence& sequence, int indent) {
    ElementKey key{ElementKind::kSequence, ns, "", sequence.name};
    EmitLeading(indent, {key});
    EmitRenames(indent, sequence.renamed_from);
    model::Sequence defaults;
    defaults.type = sequence.type;
    defaults.increment = sequence.increment;
    defaults = model::SequenceDefaults(defaults);
    std::string line = std::string(indent, ' ') + "sequence " + QuoteIdentifier(sequence.name);
    if (!sequence.type.empty() && sequence.type != "bigint") line += " as " + sequence.type;
    auto number = [&](const char* word, const std::optional<std::int64_t>& value,
                      const std::optional<std::int64_t>& default_value) {
      if (value && value != default_value) line += std::string(" ") + word + " " + std::to_string(*value);
    };
    number("increment", sequence.increment, std::int64_t{1});
    number("minvalue", sequence.min_value, defaults.min_value);
    number("maxvalue", sequence.max_value, defaults.max_value);
    // The start defaults to the bound the sequence counts from, which may have been given.
    model::Sequence start_default = sequence;
    start_default.start.reset();
    number("start", sequence.start, model::SequenceDefaults(start_default).start);
    number("cache", sequence.cache, defaults.cache);
    if (sequence.cycle) line += " cycle";
    if (!sequence.owned_by.empty()) {
      const std::size_t dot = sequence.owned_by.find('.');
      line += " owned by " + QuoteIdentifier(sequence.owned_by.substr(0, dot)) + "." +
              QuoteIdentifier(dot == std::string::npos ? "" : sequence.owned_by.substr(dot + 1));
    }
    out_ += line + Trailing({key}) + "\n";
  }

  void PrintRoutine(const std::string& ns, const model::Routine& routine, int indent) {
    ElementKey key{ElementKind::kRoutine, ns, "", routine.Identity()};
    EmitLeading(indent, {key});
    EmitRenames(indent, routine.renamed_from);
    std::string line = std::string(indent, ' ') + routine.Kind() + std::string(" ") +
                       QuoteIdentifier(routine.name) + "(" + routine.arguments + ")";
    if (!routine.returns.empty()) line += " returns " + routine.returns;
    if (!routine.language.empty()) line += " language " + QuoteIdentifier(routine.language);
    if (routine.volatility == model::RoutineVolatility::Immutable) line += " immutable";
    if (routine.volatility == model::RoutineVolatility::Stable) line += " stable";
    if (routine.strict) line += " strict";
    if (routine.security == model::ViewSecurity::Invoker) line += " security invoker";
    if (routine.security == model::ViewSecurity::Definer) line += " security definer";
    if (routine.parallel == model::RoutineParallel::Safe) line += " parallel safe";
    if (routine.parallel == model::RoutineParallel::Restricted) line += " parallel restricted";
    if (routine.cost) line += " cost " + model::EstimateText(*routine.cost);
    if (routine.rows) line += " rows " + model::EstimateText(*routine.rows);
    if (routine.leakproof) line += " leakproof";
    for (const std::string& setting : routine.settings) {
      const std::size_t equals = setting.find('=');
      line += " set " + QuoteIdentifier(setting.substr(0, equals)) + " = " +
              QuoteString(equals == std::string::npos ? "" : setting.substr(equals + 1));
    }
    if (routine.deterministic) line += " deterministic";
    if (routine.data_access == model::RoutineDataAccess::NoSql) line += " no sql";
    if (routine.data_access == model::RoutineDataAccess::ReadsSqlData) line += " reads sql data";
    if (routine.data_access == model::RoutineDataAccess::ModifiesSqlData) line += " modifies sql data";
    if (!routine.comment.empty()) line += " comment " + QuoteString(routine.comment);
    if (!routine.definer.empty()) line += " definer " + QuoteString(routine.definer);
    line += " as " + RawSqlText(routine.body, indent);
    out_ += line + Trailing({key}) + "\n";
  }

  // `$$ <sql> $$`: one line when the SQL is, else the SQL on lines of its own as written. SQL that
  // holds `$$` itself is quoted with the first of `$body$`, `$body1$`, ... it does not hold.
  static std::string RawSqlText(const std::string& sql, int indent) {
    std::string quote = "$$";
    for (int n = 0; sql.find(quote) != std::string::npos; ++n) {
      quote = "$body" + (n == 0 ? std::string() : std::to_string(n)) + "$";
    }
    if (sql.find('\n') == std::string::npos) return quote + " " + sql + " " + quote;
    return quote + "\n" + sql + "\n" + std::string(indent, ' ') + quote;
  }

  void PrintView(const std::string& ns, const model::View& view, int indent) {
    ElementKey key{ElementKind::kView, ns, "", view.name};
    EmitLeading(indent, {key});
    EmitRenames(indent, view.renamed_from);
    std::string line = std::string(indent, ' ') + (view.materialized ? "materialized view " : "view ") +
                       QuoteIdentifier(view.name);
    if (!view.columns.empty()) line += " (" + IdentifierList(view.columns) + ")";
    if (view.algorithm == model::ViewAlgorithm::Merge) line += " algorithm merge";
    if (view.algorithm == model::ViewAlgorithm::TempTable) line += " algorithm temptable";
    if (!view.definer.empty()) line += " definer " + QuoteString(view.definer);
    if (view.security == model::ViewSecurity::Invoker) line += " security invoker";
    if (view.security == model::ViewSecurity::Definer) line += " security definer";
    line += " as " + RawSqlText(view.query, indent);
    if (view.check_option == model::ViewCheckOption::Cascaded) line += " with check option";
    if (view.check_option == model::ViewCheckOption::Local) line += " with local check option";
    if (view.indexes.empty()) {
      out_ += line + Trailing({key}) + "\n";
      return;
    }
    out_ += line + " {" + Trailing({key}) + "\n";
    for (const model::Index& index : view.indexes)
      out_ += std::string(indent + 2, ' ') + IndexText(view.name, index) + "\n";
    out_ += std::string(indent, ' ') + "}\n";
  }

  void PrintTrigger(const std::string& ns, const model::Trigger& trigger, int indent) {
    ElementKey key{ElementKind::kTrigger, ns, "", trigger.name};
    EmitLeading(indent, {key});
    EmitRenames(indent, trigger.renamed_from);
    std::string timing = trigger.timing == model::TriggerTiming::Before  ? "before"
                         : trigger.timing == model::TriggerTiming::After ? "after"
                                                                         : "instead of";
    std::vector<std::string> events;
    for (model::TriggerEvent event : trigger.events) {
      std::string text = model::TriggerEventSql(event);
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (event == model::TriggerEvent::Update && !trigger.update_columns.empty())
        text += " of " + IdentifierList(trigger.update_columns);
      events.push_back(std::move(text));
    }
    std::string line = std::string(indent, ' ') + "trigger " + QuoteIdentifier(trigger.name) + " " + timing +
                       " " + Join(events, " or ") + " on " + QuoteIdentifier(trigger.table);
    line += trigger.for_each_row ? " for each row" : " for each statement";
    if (!trigger.when.empty()) line += " when (" + trigger.when + ")";
    if (!trigger.definer.empty()) line += " definer " + QuoteString(trigger.definer);
    if (!trigger.function.empty()) {
      line += " execute function " + trigger.function + "(" + trigger.arguments + ")";
    } else {
      line += " " + RawSqlText(trigger.body, indent);
    }
    out_ += line + Trailing({key}) + "\n";
  }

  // One blank line between declarations, none at the start of the file or of a block.
  void Separate() {
    if (!out_.empty() && !at_block_start_) out_ += "\n";
    at_block_start_ = false;
  }

  std::vector<PlacedComment> Leading(const std::vector<ElementKey>& keys) {
    std::vector<PlacedComment> all;
    if (comments_ == nullptr) return all;
    for (const ElementKey& key : keys) {
      for (PlacedComment& comment : comments_->TakeLeading(key)) all.push_back(std::move(comment));
    }
    return all;
  }

  std::string Trailing(const std::vector<ElementKey>& keys) {
    std::string text;
    if (comments_ == nullptr) return text;
    for (const ElementKey& key : keys) {
      for (const PlacedComment& comment : comments_->TakeTrailing(key)) text += " " + comment.text;
    }
    return text;
  }

  std::vector<PlacedComment> Dangling(const ElementKey& key) {
    return comments_ == nullptr ? std::vector<PlacedComment>() : comments_->TakeDangling(key);
  }

  // Comments on lines of their own; an empty line the source had after one is kept (a file's
  // header comment stays apart from the first declaration).
  void EmitComments(int indent, const std::vector<PlacedComment>& comments) {
    for (const PlacedComment& comment : comments) {
      out_ += std::string(indent, ' ') + comment.text + "\n";
      if (comment.blank_line_after) out_ += "\n";
    }
  }

  void EmitLeading(int indent, const std::vector<ElementKey>& keys) { EmitComments(indent, Leading(keys)); }

  void EmitRenames(int indent, const std::vector<std::string>& renamed_from) {
    if (!renamed_from.empty())
      out_ += std::string(indent, ' ') + "@renamed_from(" + IdentifierList(renamed_from) + ")\n";
  }

  void PrintEnum(const std::string& ns, const model::Enum& enum_model, int indent) {
    ElementKey key{ElementKind::kEnum, ns, "", enum_model.name};
    EmitLeading(indent, {key});
    EmitRenames(indent, enum_model.renamed_from);
    std::vector<std::string> values;
    for (const std::string& value : enum_model.values) {
      std::string bare = QuoteIdentifier(value);
      values.push_back(bare == value ? bare : QuoteString(value));
    }
    std::string line = std::string(indent, ' ') + "enum " + QuoteIdentifier(enum_model.name) + " {";
    line += values.empty() ? "}" : " " + Join(values, ", ") + " }";
    if (!enum_model.comment.empty()) line += " comment " + QuoteString(enum_model.comment);
    out_ += line + Trailing({key}) + "\n";
  }

  struct BodyLine {
    std::string name;  // columns only: aligned
    std::string type;  // columns only: aligned
    std::string text;
    std::vector<ElementKey> keys;
    bool column = false;
  };

  void PrintTable(const std::string& ns, const model::Table& table, int indent) {
    ElementKey key{ElementKind::kTable, ns, "", table.name};
    EmitLeading(indent, {key});
    const std::string pad(indent, ' ');
    EmitRenames(indent, table.renamed_from);
    if (!table.strategy.empty()) out_ += pad + "@strategy(" + QuoteIdentifier(table.strategy) + ")\n";

    std::vector<BodyLine> body = TableBody(ns, table);
    std::vector<PlacedComment> dangling = Dangling(key);
    for (PlacedComment& comment : dangling) comment.blank_line_after = false;
    const std::string header = pad + "table " + QuoteIdentifier(table.name) + " {";
    if (body.empty() && dangling.empty()) {
      out_ += header + "}" + Trailing({key}) + "\n";
      return;
    }
    out_ += header + "\n";
    size_t name_width = 0;
    size_t type_width = 0;
    for (const BodyLine& line : body) {
      if (!line.column) continue;
      const size_t name_columns = DisplayWidth(line.name);
      const size_t type_columns = DisplayWidth(line.type);
      if (name_columns <= kMaxAlignWidth) name_width = std::max(name_width, name_columns);
      if (type_columns <= kMaxAlignWidth) type_width = std::max(type_width, type_columns);
    }
    const std::string item_pad(indent + 2, ' ');
    bool after_column = false;
    for (const BodyLine& line : body) {
      // Columns and table-level items (keys, checks, indexes, options) form two blocks.
      if (after_column && !line.column) out_ += "\n";
      after_column = line.column;
      EmitLeading(indent + 2, line.keys);
      std::string text;
      if (line.column) {
        // Padded by display width (names like größe or 名前), not by bytes.
        const size_t name_columns = DisplayWidth(line.name);
        const size_t type_columns = DisplayWidth(line.type);
        text = line.name + std::string(name_width > name_columns ? name_width - name_columns : 0, ' ') + " " +
               line.type;
        if (!line.text.empty()) {
          text +=
              std::string(type_width > type_columns ? type_width - type_columns : 0, ' ') + " " + line.text;
        }
      } else {
        text = line.text;
      }
      out_ += item_pad + text + Trailing(line.keys) + "\n";
    }
    EmitComments(indent + 2, dangling);
    out_ += pad + "}" + Trailing({key}) + "\n";
  }

  std::vector<BodyLine> TableBody(const std::string& ns, const model::Table& table) {
    auto item_key = [&](ElementKind kind, const std::string& name) {
      return ElementKey{kind, ns, table.name, name};
    };
    std::vector<BodyLine> body;
    if (!table.comment.empty()) {
      body.push_back({"",
                      "",
                      "comment " + QuoteString(table.comment),
                      {item_key(ElementKind::kTableComment, "")},
                      false});
    }
    const InlinePlan plan = PlanInline(table);
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const model::Column& column = table.columns[i];
      BodyLine line;
      line.column = true;
      line.name = QuoteIdentifier(column.name);
      line.type = TypeText(column.type);
      line.keys.push_back(item_key(ElementKind::kColumn, column.name));
      std::vector<std::string> clauses;
      const bool inline_primary_key = plan.primary_key == static_cast<int>(i);
      if (!column.nullable && !inline_primary_key) clauses.push_back("not null");
      if (column.default_value) clauses.push_back("default " + DefaultText(*column.default_value));
      if (column.identity) clauses.push_back(column.identity->always ? "identity always" : "identity");
      if (column.generated) {
        clauses.push_back("generated always as (" + column.generated->expression + ")" +
                          (column.generated->stored ? " stored" : " virtual"));
      }
      if (!column.collation.empty()) clauses.push_back("collate " + QuoteIdentifier(column.collation));
      if (inline_primary_key) {
        clauses.push_back("primary key");
        line.keys.push_back(item_key(ElementKind::kConstraint, table.primary_key->name));
      }
      for (size_t k = 0; k < table.uniques.size(); ++k) {
        if (plan.uniques[k] != static_cast<int>(i)) continue;
        clauses.push_back("unique");
        line.keys.push_back(item_key(ElementKind::kConstraint, table.uniques[k].name));
      }
      for (size_t k = 0; k < table.foreign_keys.size(); ++k) {
        if (plan.foreign_keys[k] != static_cast<int>(i)) continue;
        clauses.push_back(ReferenceText(table.foreign_keys[k]));
        line.keys.push_back(item_key(ElementKind::kConstraint, table.foreign_keys[k].name));
      }
      for (size_t k = 0; k < table.checks.size(); ++k) {
        if (plan.checks[k] != static_cast<int>(i)) continue;
        clauses.push_back("check (" + table.checks[k].expression + ")");
        line.keys.push_back(item_key(ElementKind::kConstraint, table.checks[k].name));
      }
      if (!column.comment.empty()) clauses.push_back("comment " + QuoteString(column.comment));
      if (!column.renamed_from.empty())
        clauses.push_back("@renamed_from(" + IdentifierList(column.renamed_from) + ")");
      line.text = Join(clauses, " ");
      body.push_back(std::move(line));
    }
    auto constraint_line = [&](const std::string& name, std::string text) {
      body.push_back({"", "", std::move(text), {item_key(ElementKind::kConstraint, name)}, false});
    };
    if (table.primary_key && plan.primary_key < 0) {
      const model::PrimaryKey& key = *table.primary_key;
      constraint_line(key.name, ConstraintPrefix(key.name, model::DefaultPrimaryKeyName(table.name)) +
                                    "primary key (" + IdentifierList(key.columns) + ")" +
                                    (key.comment.empty() ? "" : " comment " + QuoteString(key.comment)));
    }
    for (size_t k = 0; k < table.uniques.size(); ++k) {
      if (plan.uniques[k] >= 0) continue;
      const model::UniqueConstraint& unique = table.uniques[k];
      constraint_line(unique.name,
                      ConstraintPrefix(unique.name, model::DefaultUniqueName(table.name, unique.columns)) +
                          "unique (" + IdentifierList(unique.columns) + ")" + TimingText(unique));
    }
    for (size_t k = 0; k < table.foreign_keys.size(); ++k) {
      if (plan.foreign_keys[k] >= 0) continue;
      const model::ForeignKey& foreign_key = table.foreign_keys[k];
      constraint_line(
          foreign_key.name,
          ConstraintPrefix(foreign_key.name, model::DefaultForeignKeyName(table.name, foreign_key.columns)) +
              "foreign key (" + IdentifierList(foreign_key.columns) + ") " + ReferenceText(foreign_key));
    }
    for (size_t k = 0; k < table.checks.size(); ++k) {
      if (plan.checks[k] >= 0) continue;
      const model::Check& check = table.checks[k];
      constraint_line(check.name, ConstraintPrefix(check.name, model::DefaultCheckName(table.name, "")) +
                                      "check (" + check.expression + ")" +
                                      (check.no_inherit ? " no inherit" : ""));
    }
    for (const model::Index& index : table.indexes) {
      body.push_back(
          {"", "", IndexText(table.name, index), {item_key(ElementKind::kIndex, index.name)}, false});
    }
    for (const auto& [dialect, options] : table.options) {
      for (const auto& [option, value] : options) {
        body.push_back({"",
                        "",
                        "option " + QuoteIdentifier(dialect) + "." + QuoteIdentifier(option) + " = " +
                            OptionValueText(value),
                        {item_key(ElementKind::kTableOption, dialect + "." + option)},
                        false});
      }
    }
    return body;
  }

  CommentPlacement* comments_;
  std::string out_;
  bool at_block_start_ = false;
};

}  // namespace

std::string PrintSchemaText(const model::Schema& schema, CommentPlacement* comments) {
  return Printer(comments).Print(schema);
}

std::string PrintSchema(const model::Schema& schema) {
  try {
    return PrintSchemaText(schema, nullptr);
  } catch (...) {
    return std::string();  // only allocation failure can get here
  }
}

}  // namespace schemac::dsl
