#include "dialects/postgres/inspect_routines.hpp"

#include <charconv>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace schemac::dialects::postgres {
namespace {

using Row = std::vector<std::optional<std::string>>;

std::string Text(const Row& row, std::size_t column) {
  return column < row.size() && row[column] ? *row[column] : std::string();
}
bool Flag(const Row& row, std::size_t column) { return Text(row, column) == "t"; }

std::optional<std::int64_t> Number(const Row& row, std::size_t column) {
  const std::string text = Text(row, column);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A float4 estimate (procost, prorows) as the server prints it ("100", "0.5", "1e+06").
std::optional<double> Estimate(const Row& row, std::size_t column) {
  const std::string text = Text(row, column);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return static_cast<double>(static_cast<float>(value));
}

// PostgreSQL keeps the body as written, blanks around it included; the schema language trims them.
std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

constexpr const char* kSequencesQuery = R"(
SELECT s.model_ns, c.relname, format_type(sq.seqtypid, NULL), sq.seqstart, sq.seqincrement, sq.seqmin,
       sq.seqmax, sq.seqcache, sq.seqcycle, oc.relname, oa.attname, oc.relnamespace = c.relnamespace, d.deptype
FROM pg_class c JOIN scope s ON s.nsp = c.relnamespace
JOIN pg_sequence sq ON sq.seqrelid = c.oid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class oc ON oc.oid = d.refobjid
LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE c.relkind = 'S' AND c.relname NOT LIKE 'schemac\_%'
  AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
ORDER BY s.ns_order, c.relname)";

bool IsSerialColumn(const model::Schema& schema, const std::string& ns, const std::string& table,
                    const std::string& column) {
  const model::Table* owner = schema.FindTable(ns, table);
  const model::Column* owned = owner ? owner->FindColumn(column) : nullptr;
  if (owned == nullptr) return false;
  auto native = owned->type.native.find("postgres");
  return native != owned->type.native.end() && native->second.find("serial") != std::string::npos;
}

}  // namespace

std::string RoutineQuery(const std::string& namespace_column, const std::string& from,
                         const std::string& where) {
  return "SELECT " + namespace_column +
         R"(, p.proname, p.prokind, pg_get_function_arguments(p.oid),
       CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_get_function_result(p.oid) END, l.lanname, p.provolatile,
       p.proisstrict, p.prosecdef, p.proparallel, array_to_json(p.proconfig), p.prosrc,
       oidvectortypes(p.proargtypes), (to_jsonb(p) ->> 'prosqlbody') IS NOT NULL, p.procost, p.prorows,
       p.proretset, p.proleakproof, obj_description(p.oid, 'pg_proc')
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang )" +
         from + " WHERE " + where;
}

std::string RoutineFromRow(const Row& row, model::Routine& routine) {
  routine = model::Routine();
  routine.name = Text(row, 1);
  routine.procedure = Text(row, 2) == "p";
  routine.arguments = Text(row, 3);
  routine.returns = Text(row, 4);
  routine.language = Text(row, 5);
  const std::string volatility = Text(row, 6);
  routine.volatility = volatility == "i"   ? model::RoutineVolatility::Immutable
                       : volatility == "s" ? model::RoutineVolatility::Stable
                                           : model::RoutineVolatility::Volatile;
  routine.strict = Flag(row, 7);
  // SECURITY INVOKER is PostgreSQL's default: kept as Default, which the printer leaves out.
  routine.security = Flag(row, 8) ? model::ViewSecurity::Definer : model::ViewSecurity::Default;
  const std::string parallel = Text(row, 9);
  routine.parallel = parallel == "s"   ? model::RoutineParallel::Safe
                     : parallel == "r" ? model::RoutineParallel::Restricted
                                       : model::RoutineParallel::Unsafe;
  if (row.size() > 10 && row[10]) {
    nlohmann::json settings = nlohmann::json::parse(*row[10], nullptr, /*allow_exceptions=*/false);
    if (settings.is_array()) {
      for (const auto& item : settings) {
        if (item.is_string()) routine.settings.push_back(item.get<std::string>());
      }
    }
  }
  routine.body = Trimmed(Text(row, 11));
  routine.signature = Text(row, 12);
  routine.comment = Text(row, 18);
  if (routine.language == "c" || routine.language == "internal")
    return "written in " + routine.language + ": its code is not SQL text schemac can keep";
  if (Flag(row, 13)) return "a SQL-standard body (BEGIN ATOMIC) is not managed yet";
  routine.leakproof = Flag(row, 17);
  // Kept when not the default (COST 100; ROWS 1000 for a set-returning function, 0 otherwise),
  // as the schema language leaves a default out.
  if (!routine.procedure) {
    const std::optional<double> cost = Estimate(row, 14);
    const std::optional<double> rows = Estimate(row, 15);
    if (cost && *cost != 100.0) routine.cost = cost;
    if (rows && *rows != (Flag(row, 16) ? 1000.0 : 0.0)) routine.rows = rows;
  }
  return {};
}

Status InspectRoutinesAndSequences(const CatalogQuery& run, model::Schema& schema) {
  const std::string routines_query = RoutineQuery(
      "s.model_ns", "JOIN scope s ON s.nsp = p.pronamespace",
      "p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = "
      "'pg_proc'::regclass AND e.objid = p.oid) ORDER BY s.ns_order, p.proname, 13");
  auto routines = run(routines_query.c_str(), "functions and procedures");
  if (!routines.ok()) return routines.status();
  for (const Row& row : *routines) {
    model::Routine routine;
    const std::string unmanageable = RoutineFromRow(row, routine);
    if (!unmanageable.empty()) {
      schema.unmanaged.push_back(model::UnmanagedObject{routine.Kind(), Text(row, 0), routine.name,
                                                        routine.Identity() + ": " + unmanageable});
      continue;
    }
    schema.GetOrAddNamespace(Text(row, 0)).routines.push_back(std::move(routine));
  }

  auto sequences = run(kSequencesQuery, "sequences");
  if (!sequences.ok()) return sequences.status();
  for (const Row& row : *sequences) {
    const std::string ns = Text(row, 0);
    const std::string dependency = Text(row, 12);
    if (dependency == "i") continue;  // an identity column's: part of the column
    if (dependency == "a" && IsSerialColumn(schema, ns, Text(row, 9), Text(row, 10))) continue;
    if (dependency == "a" && !Flag(row, 11)) {
      schema.unmanaged.push_back(
          model::UnmanagedObject{"sequence", ns, Text(row, 1), "owned by a column of another schema"});
      continue;
    }
    model::Sequence sequence;
    sequence.name = Text(row, 1);
    sequence.type = Text(row, 2);
    sequence.start = Number(row, 3);
    sequence.increment = Number(row, 4);
    sequence.min_value = Number(row, 5);
    sequence.max_value = Number(row, 6);
    sequence.cache = Number(row, 7);
    sequence.cycle = Flag(row, 8);
    if (dependency == "a") sequence.owned_by = Text(row, 9) + "." + Text(row, 10);
    schema.GetOrAddNamespace(ns).sequences.push_back(std::move(sequence));
  }
  return Status::Ok();
}

}  // namespace schemac::dialects::postgres
