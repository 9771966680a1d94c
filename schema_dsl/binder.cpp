#include "schema_dsl/binder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "schema_dsl/name_suggestions.hpp"
#include "schema_dsl/type_resolver.hpp"
#include "schemac/exclude_pattern.hpp"

namespace schemac::dsl {
namespace {

using Kind = ConstraintSyntax::Kind;

std::string Quoted(std::string_view name) {
  std::string quoted;
  quoted.reserve(name.size() + 2);
  return quoted.append(1, '"').append(name).append(1, '"');
}

template <typename T>
std::vector<std::string_view> NamesOf(const std::vector<T>& items) {
  std::vector<std::string_view> names;
  names.reserve(items.size());
  for (const T& item : items) names.push_back(item.name);
  return names;
}

// A span from the start of `first` to the end of `last`, for names written `ns.name`.
Span Join(const Span& first, const Span& last) {
  if (!first.valid()) return last;
  Span joined = first;
  if (last.valid() && last.end >= first.begin) {
    joined.end = last.end;
    joined.length = static_cast<int>(last.end - first.begin);
  }
  return joined;
}

// Per-table state of one Bind. Names are views into the syntax tree, which outlives the binder.
struct TableEntry {
  TableSyntax* syntax = nullptr;
  size_t ns = 0;
  size_t index = 0;                                      // in the namespace's model tables
  std::unordered_map<std::string_view, size_t> columns;  // name -> index in the model columns
  std::vector<ColumnSyntax*> column_syntax;              // parallel to the model columns
  std::vector<bool> type_resolved;                       // parallel too: false after a type error
  std::vector<std::vector<NameSyntax>> column_renames;   // parallel too: @renamed_from hints
  std::vector<NameSyntax> renamed_from;
  std::unordered_set<std::string> taken_names;  // constraint and index names in use
  std::unordered_set<std::string> index_names;  // the explicit index names of this table
  // Constraints that survived local checks, in model order (see BindConstraints).
  std::vector<ConstraintSyntax*> foreign_keys;
};

struct NamespaceEntry {
  std::unordered_map<std::string, size_t> tables;  // name -> index in tables_
  std::unordered_map<std::string, size_t> enums;   // name -> index in the model enums
  std::unordered_map<std::string, Span> enum_spans;
  std::unordered_map<std::string, std::vector<NameSyntax>> enum_renames;
  std::unordered_map<std::string, Span> view_spans;
  std::unordered_map<std::string, std::vector<NameSyntax>> view_renames;
  std::unordered_map<std::string, Span> trigger_spans;
  std::unordered_map<std::string, std::vector<NameSyntax>> trigger_renames;
  std::unordered_map<std::string, Span> routine_spans;  // by identity: name(arguments)
  std::unordered_map<std::string, std::vector<NameSyntax>> routine_renames;
  std::unordered_map<std::string, Span> sequence_spans;
  std::unordered_map<std::string, std::vector<NameSyntax>> sequence_renames;
  // Index names in use anywhere in the namespace. The language wants an index name unique per
  // table only (MySQL's rule: an inspected MySQL schema repeats names across tables); generated
  // names still avoid every name here, so that they stay buildable where index names are unique
  // per namespace (PostgreSQL, SQLite), whose Unsupported() refuses explicit repeats.
  std::unordered_set<std::string> index_names;
};

class Binder {
 public:
  Binder(SchemaSyntax& syntax, const std::vector<SourceFile>& files, DiagnosticSink& sink,
         const BindOptions& options)
      : syntax_(syntax), files_(files), sink_(sink), options_(options) {}

  model::Schema Run() {
    Namespace("");
    for (const NamespaceBlockSyntax& block : syntax_.namespace_blocks) Namespace(block.name.text);
    for (EnumSyntax& enum_syntax : syntax_.enums) BindEnum(enum_syntax);
    for (TableSyntax& table : syntax_.tables) BindTable(table);
    for (TableEntry& entry : tables_) BindConstraints(entry);
    for (TableEntry& entry : tables_) BindIndexes(entry);
    if (options_.resolve_references) {
      for (TableEntry& entry : tables_) BindForeignKeyTargets(entry);
    }
    for (ViewSyntax& view : syntax_.views) BindView(view);
    for (TriggerSyntax& trigger : syntax_.triggers) BindTrigger(trigger);
    for (RoutineSyntax& routine : syntax_.routines) BindRoutine(routine);
    for (SequenceSyntax& sequence : syntax_.sequences) BindSequence(sequence);
    for (const ExcludeSyntax& exclude : syntax_.excludes) BindExclude(exclude);
    BindRenames();
    return std::move(schema_);
  }

 private:
  size_t Namespace(const std::string& name) {
    auto found = namespace_index_.find(name);
    if (found != namespace_index_.end()) return found->second;
    schema_.namespaces.push_back(model::Namespace{name, {}, {}, {}, {}, {}, {}});
    namespaces_.emplace_back();
    namespace_index_.emplace(name, schema_.namespaces.size() - 1);
    return schema_.namespaces.size() - 1;
  }

  std::string Location(const Span& span) const {
    std::string file =
        span.file >= 0 && static_cast<size_t>(span.file) < files_.size() ? files_[span.file].name() : "";
    return file + ":" + std::to_string(span.line);
  }

  model::Table& ModelTable(const TableEntry& entry) {
    return schema_.namespaces[entry.ns].tables[entry.index];
  }

  const TableEntry* FindTable(const std::string& ns, const std::string& name) const {
    auto ns_found = namespace_index_.find(ns);
    if (ns_found == namespace_index_.end()) return nullptr;
    const NamespaceEntry& scope = namespaces_[ns_found->second];
    auto found = scope.tables.find(name);
    return found == scope.tables.end() ? nullptr : &tables_[found->second];
  }

  // Annotations of `owner_kind` `owner_name` ("column", "total"): renamed_from collects into
  // `renames`, strategy into `strategy` (when given). Messages are built only when reported:
  // this runs for every column.
  void BindAnnotations(const std::vector<AnnotationSyntax>& annotations, std::string_view owner_kind,
                       const std::string& owner_name, std::vector<NameSyntax>& renames,
                       std::string* strategy) {
    if (annotations.empty()) return;
    const std::string owner = std::string(owner_kind) + " " + Quoted(owner_name);
    std::vector<std::string_view> allowed = {"renamed_from"};
    if (strategy != nullptr) allowed.push_back("strategy");
    for (const AnnotationSyntax& annotation : annotations) {
      const std::string& name = annotation.name.text;
      if (name == "renamed_from") {
        if (annotation.arguments.empty()) {
          sink_.Report(DiagnosticKind::kBadAnnotationArguments, annotation.span,
                       {name, "one or more earlier names"});
        }
        renames.insert(renames.end(), annotation.arguments.begin(), annotation.arguments.end());
      } else if (name == "strategy" && strategy != nullptr) {
        if (annotation.arguments.size() != 1) {
          sink_.Report(DiagnosticKind::kBadAnnotationArguments, annotation.span,
                       {name, "one strategy name, as in @strategy(shadow)"});
          continue;
        }
        *strategy = annotation.arguments[0].text;
      } else if (name == "strategy") {
        sink_.Report(DiagnosticKind::kMisplacedAnnotation, annotation.name.span, {name, owner});
      } else {
        sink_.Report(DiagnosticKind::kUnknownAnnotation,
                     annotation.name.present() ? annotation.name.span : annotation.span, {name, owner},
                     SuggestName(name, allowed));
      }
    }
  }

  void BindEnum(EnumSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    const std::string& name = syntax.name.text;
    auto [previous, inserted] = scope.enum_spans.emplace(name, syntax.name.span);
    if (!inserted) {
      sink_.Report(DiagnosticKind::kDuplicateEnum, syntax.name.span, {name, Location(previous->second)});
      return;
    }
    if (model::TypeKindFromKeyword(name)) {
      sink_.Report(DiagnosticKind::kEnumShadowsType, syntax.name.span, {name});
    }
    model::Enum enum_model;
    enum_model.name = name;
    enum_model.comment = syntax.comment;
    std::vector<NameSyntax> renames;
    BindAnnotations(syntax.annotations, "enum", name, renames, nullptr);
    for (const NameSyntax& rename : renames) enum_model.renamed_from.push_back(rename.text);
    std::unordered_set<std::string> seen;
    for (const NameSyntax& value : syntax.values) {
      if (!seen.insert(value.text).second) {
        sink_.Report(DiagnosticKind::kDuplicateEnumValue, value.span, {value.text, name});
        continue;
      }
      enum_model.values.push_back(value.text);
    }
    if (syntax.values.empty()) sink_.Report(DiagnosticKind::kEmptyEnum, syntax.name.span, {name});
    scope.enums.emplace(name, schema_.namespaces[ns].enums.size());
    scope.enum_renames.emplace(name, std::move(renames));
    schema_.namespaces[ns].enums.push_back(std::move(enum_model));
  }

  // Tables, views and sequences share one namespace of relation names (SQL cannot tell them
  // apart in a query): true, with the error reported, when `name` is a table's or a view's.
  bool RelationNameTaken(const NamespaceEntry& scope, const NameSyntax& name) {
    if (auto table = scope.tables.find(name.text); table != scope.tables.end()) {
      sink_.Report(DiagnosticKind::kDuplicateTable, name.span,
                   {name.text, Location(tables_[table->second].syntax->name.span)});
      return true;
    }
    if (auto view = scope.view_spans.find(name.text); view != scope.view_spans.end()) {
      sink_.Report(DiagnosticKind::kDuplicateObject, name.span, {"view", name.text, Location(view->second)});
      return true;
    }
    return false;
  }

  void BindView(ViewSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    const std::string& name = syntax.name.text;
    if (scope.tables.count(name) != 0) {
      RelationNameTaken(scope, syntax.name);
      return;
    }
    auto [previous, inserted] = scope.view_spans.emplace(name, syntax.name.span);
    if (!inserted) {
      sink_.Report(DiagnosticKind::kDuplicateObject, syntax.name.span,
                   {"view", name, Location(previous->second)});
      return;
    }
    if (syntax.view.query.empty())
      sink_.Report(DiagnosticKind::kEmptySqlBody, syntax.query_span, {"view", name});
    model::View view = syntax.view;
    view.name = name;
    if (syntax.algorithm_word.present()) {
      const std::string& word = syntax.algorithm_word.text;
      if (word == "merge") {
        view.algorithm = model::ViewAlgorithm::Merge;
      } else if (word == "temptable") {
        view.algorithm = model::ViewAlgorithm::TempTable;
      } else if (word != "undefined") {
        sink_.Report(DiagnosticKind::kBadOptionValue, syntax.algorithm_word.span,
                     {"view", name, "algorithm is merge, temptable or undefined, not " + Quoted(word)});
      }
    }
    std::unordered_set<std::string> seen;
    for (const NameSyntax& column : syntax.columns) {
      if (!seen.insert(column.text).second) {
        sink_.Report(DiagnosticKind::kDuplicateColumn, column.span, {column.text, "view " + Quoted(name)});
        continue;
      }
      view.columns.push_back(column.text);
    }
    BindViewIndexes(syntax, scope, view);
    std::vector<NameSyntax> renames;
    BindAnnotations(syntax.annotations, "view", name, renames, nullptr);
    for (const NameSyntax& rename : renames) view.renamed_from.push_back(rename.text);
    scope.view_renames.emplace(name, std::move(renames));
    schema_.namespaces[ns].views.push_back(std::move(view));
  }

  // A materialized view's indexes: names as a table's (the default convention, unique in the
  // namespace); their columns are the query's, which only the server knows, so they are not
  // checked here.
  void BindViewIndexes(const ViewSyntax& syntax, NamespaceEntry& scope, model::View& view) {
    if (syntax.has_index_block && !view.materialized) {
      sink_.Report(DiagnosticKind::kBadOptionValue, syntax.name.span,
                   {"view", view.name, "only a materialized view has indexes"});
      return;
    }
    for (const IndexSyntax& index : syntax.indexes) {
      model::Index model_index;
      model_index.unique = index.unique;
      model_index.method = index.method.text;
      model_index.where = index.where.text;
      model_index.comment = index.comment;
      for (const IndexKeySyntax& key : index.keys) model_index.keys.push_back(key.key);
      model_index.include.clear();
      for (const NameSyntax& column : index.include) model_index.include.push_back(column.text);
      model_index.name =
          index.name.present() ? index.name.text : model::DefaultIndexName(view.name, model_index.keys);
      if (!scope.index_names.insert(model_index.name).second) {
        sink_.Report(DiagnosticKind::kDuplicateIndex, index.name.present() ? index.name.span : index.span,
                     {model_index.name, "materialized view " + Quoted(view.name)});
        continue;
      }
      view.indexes.push_back(std::move(model_index));
    }
  }

  // A trigger fires on a table or a view of its namespace; `update of` names columns of a table.
  void BindTrigger(TriggerSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    const std::string& name = syntax.name.text;
    auto [previous, inserted] = scope.trigger_spans.emplace(name, syntax.name.span);
    if (!inserted) {
      sink_.Report(DiagnosticKind::kDuplicateObject, syntax.name.span,
                   {"trigger", name, Location(previous->second)});
      return;
    }
    model::Trigger trigger = syntax.trigger;
    trigger.name = name;
    trigger.table = syntax.table.text;
    const std::string owner = "trigger " + Quoted(name);
    const TableEntry* table = FindTable(syntax.namespace_name, trigger.table);
    if (options_.resolve_references && table == nullptr && scope.view_spans.count(trigger.table) == 0) {
      sink_.Report(DiagnosticKind::kUnknownTable, syntax.table.span, {trigger.table, owner});
    }
    for (const NameSyntax& column : syntax.update_columns) {
      if (table != nullptr && table->columns.count(column.text) == 0) {
        sink_.Report(DiagnosticKind::kUnknownColumn, column.span, {column.text, owner});
      }
      trigger.update_columns.push_back(column.text);
    }
    if (trigger.body.empty() && trigger.function.empty())
      sink_.Report(DiagnosticKind::kEmptySqlBody, syntax.name.span, {"trigger", name});
    std::vector<NameSyntax> renames;
    BindAnnotations(syntax.annotations, "trigger", name, renames, nullptr);
    for (const NameSyntax& rename : renames) trigger.renamed_from.push_back(rename.text);
    scope.trigger_renames.emplace(name, std::move(renames));
    schema_.namespaces[ns].triggers.push_back(std::move(trigger));
  }

  // Overloads share a name; the argument list as written tells them apart here (the server's
  // spelling of the types, which could equate `int` and `integer`, is not known offline).
  void BindRoutine(RoutineSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    model::Routine routine = syntax.routine;
    routine.name = syntax.name.text;
    const char* noun = routine.Kind();
    const std::string identity = routine.Identity();
    auto [previous, inserted] = scope.routine_spans.emplace(identity, syntax.name.span);
    if (!inserted) {
      sink_.Report(DiagnosticKind::kDuplicateObject, syntax.name.span,
                   {noun, identity, Location(previous->second)});
      return;
    }
    if (routine.body.empty())
      sink_.Report(DiagnosticKind::kEmptySqlBody, syntax.body_span, {noun, routine.name});
    if (!routine.procedure && routine.returns.empty()) {
      sink_.Report(DiagnosticKind::kBadOptionValue, syntax.name.span,
                   {noun, routine.name, "a function needs `returns <type>`"});
    }
    if (routine.procedure && !routine.returns.empty()) {
      sink_.Report(DiagnosticKind::kBadOptionValue, syntax.name.span,
                   {noun, routine.name, "a procedure returns nothing: leave out `returns`"});
    }
    const bool has_function_clauses = routine.volatility != model::RoutineVolatility::Volatile ||
                                      routine.strict || syntax.parallel_word.present() ||
                                      syntax.cost_number.present() || syntax.rows_number.present() ||
                                      routine.leakproof;
    if (routine.procedure && has_function_clauses) {
      sink_.Report(
          DiagnosticKind::kBadOptionValue, syntax.name.span,
          {noun, routine.name,
           "volatility, strict, parallel, cost, rows and leakproof are for functions; a procedure has "
           "none"});
    }
    routine.cost = PositiveEstimate(syntax.cost_number, "cost", noun, routine.name);
    routine.rows = PositiveEstimate(syntax.rows_number, "rows", noun, routine.name);
    if (syntax.parallel_word.present()) {
      const std::string& level = syntax.parallel_word.text;
      if (level == "safe") {
        routine.parallel = model::RoutineParallel::Safe;
      } else if (level == "restricted") {
        routine.parallel = model::RoutineParallel::Restricted;
      } else if (level != "unsafe") {
        sink_.Report(DiagnosticKind::kBadOptionValue, syntax.parallel_word.span,
                     {noun, routine.name, "parallel is safe, restricted or unsafe, not " + Quoted(level)});
      }
    }
    std::vector<NameSyntax> renames;
    BindAnnotations(syntax.annotations, noun, routine.name, renames, nullptr);
    for (const NameSyntax& rename : renames) routine.renamed_from.push_back(rename.text);
    scope.routine_renames.emplace(identity, std::move(renames));
    schema_.namespaces[ns].routines.push_back(std::move(routine));
  }

  // The number after `cost` or `rows`: a planner estimate, which PostgreSQL wants positive.
  std::optional<double> PositiveEstimate(const NameSyntax& number, const char* clause,
                                         const std::string& noun, const std::string& name) {
    if (!number.present()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(number.text.c_str(), &end);
    if (end != number.text.c_str() + number.text.size() || !(value > 0) || !std::isfinite(value)) {
      sink_.Report(DiagnosticKind::kBadOptionValue, number.span,
                   {noun, name, std::string(clause) + " is a positive number, not " + number.text});
      return std::nullopt;
    }
    return value;
  }

  // A kind --exclude would refuse is refused here too, with the nearest kind (a typo must not
  // exclude nothing). A pattern written twice is kept once.
  void BindExclude(const ExcludeSyntax& syntax) {
    if (!IsExcludableKind(syntax.kind.text)) {
      std::vector<std::string> kinds = ExcludableKinds();
      for (std::string& kind : kinds) std::replace(kind.begin(), kind.end(), '_', ' ');
      const std::vector<std::string_view> candidates(kinds.begin(), kinds.end());
      std::string known;
      for (const std::string& kind : kinds) known += (known.empty() ? "" : ", ") + kind;
      sink_.Report(DiagnosticKind::kBadExclude, syntax.kind.span,
                   {"names an unknown kind " + Quoted(syntax.kind.text) + " (known: " + known + ")"},
                   SuggestName(syntax.kind.text, candidates));
      return;
    }
    if (syntax.pattern.text.empty()) {
      sink_.Report(DiagnosticKind::kBadExclude, syntax.pattern.span, {"has an empty pattern"});
      return;
    }
    const std::string text = syntax.Text();
    if (std::find(schema_.excludes.begin(), schema_.excludes.end(), text) == schema_.excludes.end())
      schema_.excludes.push_back(text);
  }

  // A sequence is a relation on PostgreSQL: its name may not be a table's or a view's.
  void BindSequence(SequenceSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    const std::string& name = syntax.name.text;
    if (RelationNameTaken(scope, syntax.name)) return;
    auto [previous, inserted] = scope.sequence_spans.emplace(name, syntax.name.span);
    if (!inserted) {
      sink_.Report(DiagnosticKind::kDuplicateObject, syntax.name.span,
                   {"sequence", name, Location(previous->second)});
      return;
    }
    for (const NameSyntax& number : syntax.bad_numbers) {
      sink_.Report(DiagnosticKind::kBadOptionValue, number.span,
                   {"sequence", name, number.text + " is not a whole number of 64 bits"});
    }
    model::Sequence sequence = syntax.sequence;
    sequence.name = name;
    CheckSequenceNumbers(syntax, sequence);
    if (syntax.owned_table.present()) {
      const std::string owner = "sequence " + Quoted(name);
      const TableEntry* table = FindTable(syntax.namespace_name, syntax.owned_table.text);
      if (options_.resolve_references && table == nullptr) {
        sink_.Report(DiagnosticKind::kUnknownTable, syntax.owned_table.span,
                     {syntax.owned_table.text, owner});
      } else if (table != nullptr && table->columns.count(syntax.owned_column.text) == 0) {
        sink_.Report(DiagnosticKind::kUnknownColumn, syntax.owned_column.span,
                     {syntax.owned_column.text, owner});
      }
      sequence.owned_by = syntax.owned_table.text + "." + syntax.owned_column.text;
    }
    std::vector<NameSyntax> renames;
    BindAnnotations(syntax.annotations, "sequence", name, renames, nullptr);
    for (const NameSyntax& rename : renames) sequence.renamed_from.push_back(rename.text);
    scope.sequence_renames.emplace(name, std::move(renames));
    schema_.namespaces[ns].sequences.push_back(std::move(sequence));
  }

  // What no database accepts: a zero step, bounds the wrong way round, a start outside them, a
  // type that is no integer.
  void CheckSequenceNumbers(const SequenceSyntax& syntax, const model::Sequence& sequence) {
    auto report = [&](const std::string& problem) {
      sink_.Report(DiagnosticKind::kBadOptionValue, syntax.name.span, {"sequence", sequence.name, problem});
    };
    if (model::SequenceTypeName(sequence.type).empty()) {
      report("the type is smallint, integer or bigint, not " + Quoted(sequence.type));
      return;
    }
    if (sequence.increment && *sequence.increment == 0) {
      report("increment cannot be 0");
      return;
    }
    const model::Sequence filled = model::SequenceDefaults(sequence);
    if (*filled.min_value > *filled.max_value) {
      report("minvalue " + std::to_string(*filled.min_value) + " is above maxvalue " +
             std::to_string(*filled.max_value));
    } else if (*filled.start < *filled.min_value || *filled.start > *filled.max_value) {
      report("start " + std::to_string(*filled.start) + " is outside " + std::to_string(*filled.min_value) +
             " .. " + std::to_string(*filled.max_value));
    } else if (*filled.cache < 1) {
      report("cache is at least 1");
    }
  }

  EnumLookup Enums() const {
    EnumLookup lookup;
    lookup.find = [this](const std::string& ns, const std::string& name) -> const model::Enum* {
      auto ns_found = namespace_index_.find(ns);
      if (ns_found == namespace_index_.end()) return nullptr;
      const NamespaceEntry& scope = namespaces_[ns_found->second];
      auto found = scope.enums.find(name);
      return found == scope.enums.end() ? nullptr
                                        : &schema_.namespaces[ns_found->second].enums[found->second];
    };
    lookup.names = [this](const std::string& ns) {
      auto ns_found = namespace_index_.find(ns);
      if (ns_found == namespace_index_.end()) return std::vector<std::string_view>();
      return NamesOf(schema_.namespaces[ns_found->second].enums);
    };
    return lookup;
  }

  void BindTable(TableSyntax& syntax) {
    size_t ns = Namespace(syntax.namespace_name);
    NamespaceEntry& scope = namespaces_[ns];
    const std::string& name = syntax.name.text;
    auto previous = scope.tables.find(name);
    if (previous != scope.tables.end()) {
      sink_.Report(DiagnosticKind::kDuplicateTable, syntax.name.span,
                   {name, Location(tables_[previous->second].syntax->name.span)});
      return;
    }
    TableEntry entry;
    entry.syntax = &syntax;
    entry.ns = ns;
    entry.index = schema_.namespaces[ns].tables.size();

    model::Table table;
    table.name = name;
    for (const TableCommentSyntax& comment : syntax.comments) table.comment = comment.text;
    BindAnnotations(syntax.annotations, "table", name, entry.renamed_from, &table.strategy);
    for (const NameSyntax& rename : entry.renamed_from) table.renamed_from.push_back(rename.text);
    BindTableOptions(syntax, table);

    const EnumLookup enums = Enums();
    const size_t column_count = syntax.columns.size();
    table.columns.reserve(column_count);
    entry.columns.reserve(column_count);
    entry.column_syntax.reserve(column_count);
    entry.type_resolved.reserve(column_count);
    entry.column_renames.reserve(column_count);
    for (ColumnSyntax& column_syntax : syntax.columns) {
      const std::string& column_name = column_syntax.name.text;
      if (entry.columns.count(column_name) != 0) {
        sink_.Report(DiagnosticKind::kDuplicateColumn, column_syntax.name.span, {column_name, name});
        continue;
      }
      bool type_resolved = true;
      std::vector<NameSyntax> renames;
      model::Column column = BindColumn(column_syntax, syntax.namespace_name, enums, type_resolved, renames);
      entry.columns.emplace(column_name, table.columns.size());
      entry.column_syntax.push_back(&column_syntax);
      entry.type_resolved.push_back(type_resolved);
      entry.column_renames.push_back(std::move(renames));
      table.columns.push_back(std::move(column));
    }
    scope.tables.emplace(name, tables_.size());
    tables_.push_back(std::move(entry));
    schema_.namespaces[ns].tables.push_back(std::move(table));
  }

  void BindTableOptions(const TableSyntax& syntax, model::Table& table) {
    for (const TableOptionSyntax& option : syntax.options) {
      const std::string& dialect = option.dialect.text;
      const std::string& key = option.key.text;
      const DialectVocabulary::Entry* known_dialect = Dialects().Find(dialect);
      if (known_dialect == nullptr) {
        sink_.Report(DiagnosticKind::kUnknownDialect, option.dialect.span,
                     {dialect, Dialects().DescribeNames()}, Dialects().Suggest(dialect));
        continue;
      }
      std::map<std::string, std::string>& options = table.options[dialect];
      if (options.count(key) != 0) {
        sink_.Report(DiagnosticKind::kDuplicateOption, Join(option.dialect.span, option.key.span),
                     {dialect + "." + key, syntax.name.text});
        continue;
      }
      const std::vector<std::string_view> known(known_dialect->table_options.begin(),
                                                known_dialect->table_options.end());
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        sink_.Report(DiagnosticKind::kUnknownTableOption, Join(option.dialect.span, option.key.span),
                     {dialect + "." + key},
                     SuggestName(key, known).empty() ? "" : dialect + "." + SuggestName(key, known));
      }
      options[key] = option.value;
    }
  }

  // Clauses that cannot appear together on one column: a second clause of a group conflicts.
  // (string_view comparisons check the length first: this runs for every clause.)
  static int ClauseGroup(std::string_view keyword) {
    if (keyword == "not null" || keyword == "null") return 1;
    if (keyword == "default" || keyword == "identity" || keyword == "generated") return 2;
    return 0;
  }

  void CheckClauseConflicts(const ColumnSyntax& column) {
    for (size_t i = 1; i < column.clauses.size(); ++i) {
      const ClauseSyntax& clause = column.clauses[i];
      const int group = ClauseGroup(clause.keyword);
      for (size_t j = 0; j < i; ++j) {
        const ClauseSyntax& earlier = column.clauses[j];
        if (clause.keyword == earlier.keyword || (group != 0 && group == ClauseGroup(earlier.keyword))) {
          sink_.Report(DiagnosticKind::kConflictingClauses, clause.span,
                       {clause.keyword, earlier.keyword, column.name.text});
          break;
        }
      }
    }
  }

  model::Column BindColumn(ColumnSyntax& syntax, const std::string& ns, const EnumLookup& enums,
                           bool& type_resolved, std::vector<NameSyntax>& renames) {
    model::Column column = syntax.column;
    CheckClauseConflicts(syntax);
    BindAnnotations(syntax.annotations, "column", column.name, renames, nullptr);
    for (const NameSyntax& rename : renames) column.renamed_from.push_back(rename.text);

    std::optional<model::DataType> type =
        ResolveType(syntax.type, ns, enums, options_.resolve_references, Dialects(), sink_);
    type_resolved = type.has_value();
    if (!type) return column;  // reported; the column stays so that keys naming it do not cascade
    column.type = std::move(*type);
    if (column.identity && !model::IsIntegerKind(type->kind)) {
      sink_.Report(DiagnosticKind::kIdentityNotInteger, syntax.identity_span,
                   {column.name, DescribeType(*type)});
    }
    if (type->kind == model::TypeKind::Enum && column.default_value) {
      CheckEnumDefault(syntax, column, ns, enums);
    }
    return column;
  }

  void CheckEnumDefault(const ColumnSyntax& syntax, const model::Column& column, const std::string& ns,
                        const EnumLookup& enums) {
    const model::DefaultValue& value = *column.default_value;
    using DefaultKind = model::DefaultValue::Kind;
    if (value.kind == DefaultKind::Null || value.kind == DefaultKind::Expression) return;
    const std::string& enum_namespace = column.type.enum_namespace.empty() ? ns : column.type.enum_namespace;
    const model::Enum* enum_model = enums.find(enum_namespace, column.type.enum_name);
    if (enum_model == nullptr) return;  // declared in another file (formatting one file)
    if (value.kind == DefaultKind::String && std::find(enum_model->values.begin(), enum_model->values.end(),
                                                       value.text) != enum_model->values.end()) {
      return;
    }
    std::string values;
    for (const std::string& enum_value : enum_model->values)
      values += (values.empty() ? "" : ", ") + enum_value;
    std::string shown = value.kind == DefaultKind::String ? "'" + value.text + "'" : value.text;
    std::vector<std::string_view> candidates(enum_model->values.begin(), enum_model->values.end());
    sink_.Report(DiagnosticKind::kEnumDefaultNotAValue, syntax.default_span,
                 {shown, enum_model->name, values},
                 value.kind == DefaultKind::String ? SuggestName(value.text, candidates) : "");
  }

  // Reports a column `name` missing from the table; true when it exists. `context` makes the
  // message's "of ..." part, called only when reporting (this runs for every key column).
  template <typename Context>
  bool CheckColumnExists(const TableEntry& entry, const NameSyntax& name, const Context& context) {
    if (entry.columns.count(name.text) != 0) return true;
    const model::Table& table = schema_.namespaces[entry.ns].tables[entry.index];
    sink_.Report(DiagnosticKind::kUnknownColumn, name.span, {name.text, context()},
                 SuggestName(name.text, NamesOf(table.columns)));
    return false;
  }

  // Reports columns of `names` missing from the table; true when all exist.
  template <typename Context>
  bool CheckColumnsExist(const TableEntry& entry, const std::vector<NameSyntax>& names,
                         const Context& context) {
    bool ok = true;
    for (const NameSyntax& name : names) ok = CheckColumnExists(entry, name, context) && ok;
    return ok;
  }

  static std::vector<std::string> Texts(const std::vector<NameSyntax>& names) {
    std::vector<std::string> texts;
    texts.reserve(names.size());
    for (const NameSyntax& name : names) texts.push_back(name.text);
    return texts;
  }

  std::string DefaultName(const TableEntry& entry, const ConstraintSyntax& constraint) const {
    const std::string& table = entry.syntax->name.text;
    switch (constraint.kind) {
      case Kind::kPrimaryKey:
        return model::DefaultPrimaryKeyName(table);
      case Kind::kUnique:
        return model::DefaultUniqueName(table, Texts(constraint.columns));
      case Kind::kForeignKey:
        return model::DefaultForeignKeyName(table, Texts(constraint.columns));
      case Kind::kCheck:
        return model::DefaultCheckName(table, constraint.inline_column);
    }
    return table;
  }

  // A free name: `base`, else base1, base2, ... (PostgreSQL's rule for generated names).
  static std::string FreeName(const std::string& base, const std::unordered_set<std::string>& taken,
                              const std::unordered_set<std::string>* also_taken = nullptr) {
    auto is_taken = [&](const std::string& name) {
      return taken.count(name) != 0 || (also_taken != nullptr && also_taken->count(name) != 0);
    };
    if (!is_taken(base)) return base;
    for (size_t suffix = 1;; ++suffix) {
      std::string candidate = base + std::to_string(suffix);
      if (!is_taken(candidate)) return candidate;
    }
  }

  // Primary key, uniques, foreign keys and checks of one table. Model order within each kind:
  // inline constraints in column order, then table-level ones as written (the printer relies on
  // this to put constraints back inline).
  void BindConstraints(TableEntry& entry) {
    model::Table& table = ModelTable(entry);
    const std::string& table_name = table.name;
    current_namespace_ = schema_.namespaces[entry.ns].name;
    std::vector<ConstraintSyntax*> ordered;
    for (ColumnSyntax* column : entry.column_syntax) {
      for (ConstraintSyntax& constraint : column->constraints) ordered.push_back(&constraint);
    }
    for (ConstraintSyntax& constraint : entry.syntax->constraints) ordered.push_back(&constraint);

    // Local shape: columns exist; one primary key.
    std::vector<ConstraintSyntax*> kept;
    const ConstraintSyntax* primary_key = nullptr;
    for (ConstraintSyntax* constraint : ordered) {
      auto context = [&] {
        switch (constraint->kind) {
          case Kind::kPrimaryKey:
            return "primary key of table " + Quoted(table_name);
          case Kind::kUnique:
            return "unique constraint of table " + Quoted(table_name);
          case Kind::kForeignKey:
            return "foreign key of table " + Quoted(table_name);
          case Kind::kCheck:
            break;
        }
        return std::string();
      };
      if (constraint->kind == Kind::kPrimaryKey && primary_key != nullptr) {
        sink_.Report(DiagnosticKind::kMultiplePrimaryKeys, constraint->span,
                     {table_name, std::to_string(primary_key->span.line)});
        continue;
      }
      if (constraint->kind != Kind::kCheck && !CheckColumnsExist(entry, constraint->columns, context))
        continue;
      if (constraint->kind == Kind::kPrimaryKey) primary_key = constraint;
      kept.push_back(constraint);
    }

    // Names: explicit ones first, so that generated names step around them.
    std::unordered_set<std::string>& taken = entry.taken_names;
    std::vector<ConstraintSyntax*> named;
    for (ConstraintSyntax* constraint : kept) {
      if (!constraint->name.present()) {
        named.push_back(constraint);
        continue;
      }
      if (!taken.insert(constraint->name.text).second) {
        sink_.Report(DiagnosticKind::kDuplicateConstraint, constraint->name.span,
                     {constraint->name.text, table_name});
        continue;
      }
      constraint->bound_name = constraint->name.text;
      named.push_back(constraint);
    }
    for (IndexSyntax& index : entry.syntax->indexes) ReserveIndexName(entry, index);
    for (ConstraintSyntax* constraint : named) {
      if (!constraint->bound_name.empty()) continue;
      if (constraint->name.present()) continue;  // a rejected duplicate
      constraint->bound_name = FreeName(DefaultName(entry, *constraint), taken);
      taken.insert(constraint->bound_name);
    }

    for (ConstraintSyntax* constraint : named) {
      if (constraint->bound_name.empty()) continue;
      switch (constraint->kind) {
        case Kind::kPrimaryKey:
          table.primary_key =
              model::PrimaryKey{constraint->bound_name, Texts(constraint->columns), constraint->comment};
          for (const NameSyntax& column : constraint->columns)
            table.columns[entry.columns.at(column.text)].nullable = false;
          break;
        case Kind::kUnique:
          table.uniques.push_back(model::UniqueConstraint{constraint->bound_name, Texts(constraint->columns),
                                                          constraint->reference.deferrable,
                                                          constraint->reference.initially_deferred});
          break;
        case Kind::kForeignKey: {
          model::ForeignKey foreign_key;
          foreign_key.name = constraint->bound_name;
          foreign_key.columns = Texts(constraint->columns);
          const ReferenceSyntax& reference = constraint->reference;
          if (reference.ref_namespace.present() && reference.ref_namespace.text != current_namespace_) {
            foreign_key.ref_namespace = reference.ref_namespace.text;
          }
          foreign_key.ref_table = reference.ref_table.text;
          foreign_key.ref_columns = Texts(reference.ref_columns);
          foreign_key.on_delete = reference.on_delete;
          foreign_key.on_update = reference.on_update;
          foreign_key.deferrable = reference.deferrable;
          foreign_key.initially_deferred = reference.initially_deferred;
          foreign_key.match = reference.match;
          table.foreign_keys.push_back(std::move(foreign_key));
          entry.foreign_keys.push_back(constraint);
          break;
        }
        case Kind::kCheck:
          table.checks.push_back(
              model::Check{constraint->bound_name, constraint->check.text, constraint->no_inherit});
          break;
      }
    }
  }

  // Explicit index names are reserved before generated constraint names are chosen.
  void ReserveIndexName(TableEntry& entry, IndexSyntax& index) {
    if (!index.name.present()) return;
    std::unordered_set<std::string>& taken = entry.taken_names;
    const std::string& name = index.name.text;
    if (entry.index_names.count(name) != 0) {
      sink_.Report(DiagnosticKind::kDuplicateIndex, index.name.span,
                   {name, "table " + Quoted(entry.syntax->name.text)});
      return;
    }
    if (taken.count(name) != 0) {
      sink_.Report(DiagnosticKind::kDuplicateConstraint, index.name.span, {name, entry.syntax->name.text});
      return;
    }
    taken.insert(name);
    entry.index_names.insert(name);
    namespaces_[entry.ns].index_names.insert(name);
    index.bound_name = name;
  }

  // The N of `col(N)`: a whole number of characters from 1 to 3072 (InnoDB's longest key, in
  // bytes, bounds every prefix). Anything else is reported, and the key indexes the whole column.
  int PrefixLength(const IndexKeySyntax& key) {
    const std::string& text = key.prefix.text;
    const bool digits = !text.empty() && text.size() <= 4 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int length = digits ? std::stoi(text) : 0;
    if (length < 1 || length > 3072) {
      sink_.Report(DiagnosticKind::kSyntaxError, key.prefix.span,
                   {"the prefix length of index key \"" + key.key.column +
                    "\" must be a whole number from 1 to 3072, not " + text});
      return 0;
    }
    return length;
  }

  void BindIndexes(TableEntry& entry) {
    model::Table& table = ModelTable(entry);
    std::unordered_set<std::string>& taken = entry.taken_names;
    NamespaceEntry& scope = namespaces_[entry.ns];
    for (IndexSyntax& index : entry.syntax->indexes) {
      if (index.name.present() && index.bound_name.empty()) continue;  // a rejected duplicate
      model::Index model_index;
      model_index.unique = index.unique;
      model_index.method = index.method.text;
      model_index.where = index.where.text;
      model_index.comment = index.comment;
      for (const IndexKeySyntax& key : index.keys) {
        model_index.keys.push_back(key.key);
        if (key.prefix.present()) model_index.keys.back().prefix_length = PrefixLength(key);
      }
      std::string shown_name =
          index.name.present() ? index.name.text : model::DefaultIndexName(table.name, model_index.keys);
      bool ok = true;
      for (const IndexKeySyntax& key : index.keys) {
        if (key.key.column.empty()) continue;
        if (entry.columns.count(key.key.column) != 0) continue;
        ok = CheckColumnExists(entry, NameSyntax{key.key.column, key.span},
                               [&] { return "index " + Quoted(shown_name); });
      }
      ok = CheckColumnsExist(entry, index.include,
                             [&] { return "the include list of index " + Quoted(shown_name); }) &&
           ok;
      if (!ok) continue;
      if (index.bound_name.empty()) {
        index.bound_name = FreeName(shown_name, taken, &scope.index_names);
        taken.insert(index.bound_name);
        scope.index_names.insert(index.bound_name);
      }
      model_index.name = index.bound_name;
      model_index.include = Texts(index.include);
      table.indexes.push_back(std::move(model_index));
    }
  }

  // True when `columns` (as a set) are the primary key, a unique constraint or a plain unique
  // index of `table`: what a foreign key may reference.
  static bool IsUniqueKey(const model::Table& table, std::vector<std::string> columns) {
    std::sort(columns.begin(), columns.end());
    auto same = [&](const std::vector<std::string>& other) {
      if (other.size() != columns.size()) return false;
      if (other.size() == 1) return other[0] == columns[0];  // the usual key, without a sorted copy
      std::vector<std::string> sorted = other;
      std::sort(sorted.begin(), sorted.end());
      return sorted == columns;
    };
    if (table.primary_key && same(table.primary_key->columns)) return true;
    for (const model::UniqueConstraint& unique : table.uniques) {
      if (same(unique.columns)) return true;
    }
    for (const model::Index& index : table.indexes) {
      if (!index.unique || !index.where.empty()) continue;
      std::vector<std::string> index_columns;
      bool plain = true;
      for (const model::IndexKey& key : index.keys) {
        plain = plain && !key.column.empty();
        index_columns.push_back(key.column);
      }
      if (plain && same(index_columns)) return true;
    }
    return false;
  }

  void BindForeignKeyTargets(TableEntry& entry) {
    const model::Table& table = ModelTable(entry);
    for (ConstraintSyntax* constraint : entry.foreign_keys) {
      const ReferenceSyntax& reference = constraint->reference;
      const std::string target_namespace = reference.ref_namespace.present()
                                               ? reference.ref_namespace.text
                                               : schema_.namespaces[entry.ns].name;
      const TableEntry* target = FindTable(target_namespace, reference.ref_table.text);
      if (target == nullptr) {
        const std::string context = "the foreign key " + Quoted(constraint->bound_name);
        std::string written = reference.ref_namespace.present()
                                  ? reference.ref_namespace.text + "." + reference.ref_table.text
                                  : reference.ref_table.text;
        std::string suggestion;
        auto ns_found = namespace_index_.find(target_namespace);
        if (ns_found != namespace_index_.end()) {
          suggestion =
              SuggestName(reference.ref_table.text, NamesOf(schema_.namespaces[ns_found->second].tables));
        }
        sink_.Report(DiagnosticKind::kUnknownTable,
                     Join(reference.ref_namespace.span, reference.ref_table.span), {written, context},
                     suggestion);
        continue;
      }
      const model::Table& target_table = schema_.namespaces[target->ns].tables[target->index];
      if (!CheckColumnsExist(*target, reference.ref_columns,
                             [&] { return "table " + Quoted(target_table.name); }))
        continue;
      if (reference.ref_columns.size() != constraint->columns.size()) {
        Span span = reference.ref_columns.empty()
                        ? reference.ref_table.span
                        : Join(reference.ref_columns.front().span, reference.ref_columns.back().span);
        sink_.Report(DiagnosticKind::kForeignKeyColumnCount, span,
                     {constraint->bound_name, std::to_string(constraint->columns.size()),
                      std::to_string(reference.ref_columns.size())});
        continue;
      }
      for (size_t i = 0; i < constraint->columns.size(); ++i) {
        const size_t local_index = entry.columns.at(constraint->columns[i].text);
        const size_t remote_index = target->columns.at(reference.ref_columns[i].text);
        // A type that did not resolve was reported already; comparing its stand-in would only add noise.
        if (!entry.type_resolved[local_index] || !target->type_resolved[remote_index]) continue;
        const model::Column& local = table.columns[local_index];
        const model::Column& remote = target_table.columns[remote_index];
        if (SameKeyType(local.type, remote.type)) continue;
        sink_.Report(DiagnosticKind::kForeignKeyTypeMismatch, constraint->columns[i].span,
                     {local.name, DescribeType(local.type), target_table.name, remote.name,
                      DescribeType(remote.type)});
      }
      if (!IsUniqueKey(target_table, Texts(reference.ref_columns))) {
        std::string columns;
        for (const NameSyntax& column : reference.ref_columns)
          columns += (columns.empty() ? "" : ", ") + column.text;
        sink_.Report(DiagnosticKind::kForeignKeyTargetNotUnique,
                     Join(reference.ref_columns.front().span, reference.ref_columns.back().span),
                     {constraint->bound_name, columns, target_table.name});
      }
    }
  }

  // Types a foreign key column and its target must share, as far as a dialect-neutral check can
  // tell: the same kind (lengths and precision may differ, as every dialect allows), the same enum.
  // Integers of different widths are compatible here: SQLite stores every integer alike (an
  // `INTEGER PRIMARY KEY` referenced by an `INT` column is one type) and PostgreSQL compares int
  // with bigint; MySQL, which wants the same width, says so in its Unsupported(). A native type
  // is the dialect's to judge: the binder cannot know what `native(sqlite: 'INTEGER')` is.
  static bool SameKeyType(const model::DataType& a, const model::DataType& b) {
    if (a.kind == model::TypeKind::Native || b.kind == model::TypeKind::Native) return true;
    if (model::IsIntegerKind(a.kind) && model::IsIntegerKind(b.kind)) return true;
    if (a.kind != b.kind) return false;
    if (a.kind == model::TypeKind::Enum)
      return a.enum_name == b.enum_name && a.enum_namespace == b.enum_namespace;
    return true;
  }

  using RenameClaims = std::vector<std::pair<std::string_view, const std::vector<NameSyntax>*>>;

  // Rename hints must be unambiguous: one claimant per old name, and no old name still in use.
  void CheckRenames(const std::string& what, const RenameClaims& items) {
    const bool any_hint = std::any_of(items.begin(), items.end(), [](const auto& item) {
      return item.second != nullptr && !item.second->empty();
    });
    if (!any_hint) return;  // the common case, and nothing to check
    std::unordered_set<std::string_view> current;
    for (const auto& item : items) current.insert(item.first);
    std::unordered_map<std::string_view, std::string_view> claimed;  // old name -> claimant
    for (const auto& [name, renames] : items) {
      if (renames == nullptr) continue;
      for (const NameSyntax& old_name : *renames) {
        if (current.count(old_name.text) != 0) {
          sink_.Report(DiagnosticKind::kRenameOfCurrentName, old_name.span,
                       {what, name, old_name.text, what});
          continue;
        }
        auto [claimant, inserted] = claimed.emplace(old_name.text, name);
        if (!inserted && claimant->second != name) {
          sink_.Report(DiagnosticKind::kConflictingRename, old_name.span,
                       {what + "s", claimant->second, name, old_name.text});
        }
      }
    }
  }

  void BindRenames() {
    for (size_t ns = 0; ns < schema_.namespaces.size(); ++ns) {
      RenameClaims tables;
      for (const model::Table& table : schema_.namespaces[ns].tables) {
        const TableEntry& entry = tables_[namespaces_[ns].tables.at(table.name)];
        tables.emplace_back(table.name, &entry.renamed_from);
        RenameClaims columns;
        for (size_t i = 0; i < entry.column_syntax.size(); ++i) {
          columns.emplace_back(entry.column_syntax[i]->name.text, &entry.column_renames[i]);
        }
        CheckRenames("column", columns);
      }
      CheckRenames("table", tables);
      RenameClaims enums;
      for (const model::Enum& enum_model : schema_.namespaces[ns].enums) {
        enums.emplace_back(enum_model.name, &namespaces_[ns].enum_renames[enum_model.name]);
      }
      CheckRenames("enum", enums);
      RenameClaims views;
      for (const model::View& view : schema_.namespaces[ns].views)
        views.emplace_back(view.name, &namespaces_[ns].view_renames[view.name]);
      CheckRenames("view", views);
      RenameClaims triggers;
      for (const model::Trigger& trigger : schema_.namespaces[ns].triggers)
        triggers.emplace_back(trigger.name, &namespaces_[ns].trigger_renames[trigger.name]);
      CheckRenames("trigger", triggers);
      RenameClaims routines;
      for (const model::Routine& routine : schema_.namespaces[ns].routines)
        routines.emplace_back(routine.name, &namespaces_[ns].routine_renames[routine.Identity()]);
      CheckRenames("function", routines);
      RenameClaims sequences;
      for (const model::Sequence& sequence : schema_.namespaces[ns].sequences)
        sequences.emplace_back(sequence.name, &namespaces_[ns].sequence_renames[sequence.name]);
      CheckRenames("sequence", sequences);
    }
  }

  SchemaSyntax& syntax_;
  const std::vector<SourceFile>& files_;
  DiagnosticSink& sink_;
  BindOptions options_;

  const DialectVocabulary& Dialects() const {
    return options_.dialects != nullptr ? *options_.dialects : DefaultDialectVocabulary();
  }

  model::Schema schema_;
  std::vector<NamespaceEntry> namespaces_;  // parallel to schema_.namespaces
  std::unordered_map<std::string, size_t> namespace_index_;
  std::vector<TableEntry> tables_;
  std::string current_namespace_;
};

}  // namespace

model::Schema Bind(SchemaSyntax& syntax, const std::vector<SourceFile>& files, DiagnosticSink& sink,
                   const BindOptions& options) {
  return Binder(syntax, files, sink, options).Run();
}

}  // namespace schemac::dsl
