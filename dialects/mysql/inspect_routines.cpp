#include "dialects/mysql/inspect_routines.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace schemac::dialects::mysql {
namespace {

std::string LowerCase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Text(const Row& row, size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); }

// The type as written to CREATE: the server's DTD_IDENTIFIER leaves out a character set, which
// matters only when it is not the database's own.
std::string TypeOf(const std::string& dtd, const std::string& charset, const std::string& database_charset) {
  if (charset.empty() || charset == database_charset) return dtd;
  return dtd + " charset " + charset;
}

model::RoutineDataAccess DataAccessOf(const std::string& text) {
  if (text == "NO SQL") return model::RoutineDataAccess::NoSql;
  if (text == "READS SQL DATA") return model::RoutineDataAccess::ReadsSqlData;
  if (text == "MODIFIES SQL DATA") return model::RoutineDataAccess::ModifiesSqlData;
  return model::RoutineDataAccess::ContainsSql;
}

}  // namespace

Status InspectRoutines(const QueryFunction& query, model::Schema& schema) {
  auto routines = query(
      "SELECT ROUTINE_TYPE, ROUTINE_NAME, DTD_IDENTIFIER, CHARACTER_SET_NAME, ROUTINE_DEFINITION, "
      "IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, DEFINER, ROUTINE_COMMENT, "
      "@@character_set_database, ROUTINE_BODY FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = "
      "DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME");
  if (!routines.ok()) return routines.status().WithContext("inspecting stored routines");
  auto parameters = query(
      "SELECT ROUTINE_TYPE, SPECIFIC_NAME, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER, "
      "CHARACTER_SET_NAME FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = DATABASE() AND "
      "ORDINAL_POSITION > 0 ORDER BY ROUTINE_TYPE, SPECIFIC_NAME, ORDINAL_POSITION");
  if (!parameters.ok()) return parameters.status().WithContext("inspecting stored routine parameters");

  std::map<std::pair<std::string, std::string>, std::string> argument_lists;  // by (type, name)
  std::string database_charset;
  if (!routines->empty()) database_charset = Text(routines->front(), 10);
  for (const Row& row : *parameters) {
    std::string& list = argument_lists[{Text(row, 0), Text(row, 1)}];
    if (!list.empty()) list += ", ";
    const std::string mode = Text(row, 2);
    if (mode == "OUT" || mode == "INOUT") list += mode + " ";
    list += "`" + Text(row, 3) + "` " + TypeOf(Text(row, 4), Text(row, 5), database_charset);
  }

  model::Namespace& ns = schema.GetOrAddNamespace("");
  for (const Row& row : *routines) {
    if (Text(row, 11) != "SQL") {
      const char* kind = Text(row, 0) == "PROCEDURE" ? "procedure" : "function";
      schema.unmanaged.push_back({kind, "", Text(row, 1), "a routine written in " + Text(row, 11)});
      continue;
    }
    model::Routine routine;
    routine.procedure = Text(row, 0) == "PROCEDURE";
    routine.name = Text(row, 1);
    if (!routine.procedure) routine.returns = TypeOf(Text(row, 2), Text(row, 3), database_charset);
    routine.arguments = argument_lists[{Text(row, 0), routine.name}];
    routine.body = Text(row, 4);
    routine.deterministic = Text(row, 5) == "YES";
    routine.data_access = DataAccessOf(Text(row, 6));
    routine.security =
        Text(row, 7) == "INVOKER" ? model::ViewSecurity::Invoker : model::ViewSecurity::Definer;
    routine.definer = Text(row, 8);
    routine.comment = Text(row, 9);
    ns.routines.push_back(std::move(routine));
  }
  // A schema names a routine by name and arguments, not kind (PostgreSQL keeps functions and
  // procedures in one namespace), so of a function and a procedure sharing a name the procedure
  // is left alone, listed, rather than mistaken for the function.
  auto shares_a_function_name = [&](const model::Routine& routine) {
    return routine.procedure &&
           std::any_of(ns.routines.begin(), ns.routines.end(), [&](const model::Routine& f) {
             return !f.procedure && LowerCase(f.name) == LowerCase(routine.name);
           });
  };
  for (const model::Routine& routine : ns.routines) {
    if (shares_a_function_name(routine))
      schema.unmanaged.push_back({"procedure", "", routine.name,
                                  "shares its name with a function; schemac manages one routine per name"});
  }
  ns.routines.erase(std::remove_if(ns.routines.begin(), ns.routines.end(), shares_a_function_name),
                    ns.routines.end());
  return Status::Ok();
}

}  // namespace schemac::dialects::mysql
