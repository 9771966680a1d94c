#include "dialects/mysql/routine_sql.hpp"

#include <algorithm>
#include <cctype>

#include "dialects/mysql/normalize.hpp"
#include "dialects/mysql/render.hpp"
#include "dialects/mysql/view_trigger_sql.hpp"

namespace schemac::dialects::mysql {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// `text` cut at its commas outside parentheses, quotes and backquotes.
std::vector<std::string> SplitTopLevel(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same text
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (!Trim(current).empty() || !parts.empty()) parts.push_back(current);
  return parts;
}

// The first word of `text` (a backquoted name unquoted) and what follows it.
std::pair<std::string, std::string> FirstWord(const std::string& text) {
  const std::string trimmed = Trim(text);
  if (!trimmed.empty() && trimmed[0] == '`') {
    std::string name;
    size_t i = 1;
    for (; i < trimmed.size(); ++i) {
      if (trimmed[i] == '`') {
        if (i + 1 < trimmed.size() && trimmed[i + 1] == '`') {
          name += '`';
          ++i;
          continue;
        }
        break;
      }
      name += trimmed[i];
    }
    return {name, Trim(trimmed.substr(std::min(i + 1, trimmed.size())))};
  }
  const auto end = trimmed.find_first_of(" \t\r\n");
  if (end == std::string::npos) return {trimmed, ""};
  return {trimmed.substr(0, end), Trim(trimmed.substr(end))};
}

// A name that reads back as itself without backquotes: letters, digits, `_` and `$`, and not a
// mode word.
bool IsPlainName(const std::string& name) {
  if (name.empty()) return false;
  const std::string lower = Lower(name);
  if (lower == "in" || lower == "out" || lower == "inout") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80);
  });
}

// `quote_names`: every name backquoted (DDL); otherwise only those that need it (the canonical
// text, which must read back as the same parameters).
std::string FormatParameters(const std::vector<RoutineParameter>& parameters, bool quote_names) {
  std::string text;
  for (const RoutineParameter& parameter : parameters) {
    if (!text.empty()) text += ", ";
    if (!parameter.mode.empty()) text += parameter.mode + " ";
    const bool quote = quote_names || !IsPlainName(parameter.name);
    text += (quote ? QuoteIdentifier(parameter.name) : parameter.name) + " " + parameter.type;
  }
  return text;
}

std::string KindSql(const model::Routine& routine) { return routine.procedure ? "PROCEDURE" : "FUNCTION"; }

// The characteristics CREATE and ALTER share, in the order SHOW CREATE prints them.
std::string AlterableCharacteristics(const model::Routine& routine) {
  std::string sql;
  if (routine.data_access != model::RoutineDataAccess::ContainsSql)
    sql += std::string(" ") + model::RoutineDataAccessSql(routine.data_access);
  if (routine.security == model::ViewSecurity::Invoker) sql += " SQL SECURITY INVOKER";
  if (!routine.comment.empty()) sql += " COMMENT " + QuoteString(routine.comment);
  return sql;
}

bool HasFourByteCharacter(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xF0; });
}

}  // namespace

std::vector<RoutineParameter> ParseRoutineParameters(const std::string& arguments) {
  std::vector<RoutineParameter> parameters;
  for (const std::string& part : SplitTopLevel(arguments)) {
    RoutineParameter parameter;
    auto [first, rest] = FirstWord(part);
    const std::string mode = Lower(first);
    if ((mode == "in" || mode == "out" || mode == "inout") && !rest.empty() && Trim(part).front() != '`') {
      parameter.mode = mode == "in" ? "" : mode == "out" ? "OUT" : "INOUT";
      std::tie(first, rest) = FirstWord(rest);
    }
    parameter.name = first;
    parameter.type = rest;
    parameters.push_back(std::move(parameter));
  }
  return parameters;
}

std::string CanonicalRoutineType(const std::string& type, const ServerFeatures& features) {
  if (Trim(type).empty()) return "";
  return CanonicalNativeType(RenderColumnType(DataTypeFromColumnType(type, features), features));
}

std::string CanonicalRoutineArguments(const std::string& arguments, const ServerFeatures& features) {
  std::vector<RoutineParameter> parameters = ParseRoutineParameters(arguments);
  for (RoutineParameter& parameter : parameters)
    parameter.type = CanonicalRoutineType(parameter.type, features);
  return FormatParameters(parameters, false);
}

void NormalizeRoutine(model::Routine& routine, const ServerFeatures& features) {
  routine.arguments = CanonicalRoutineArguments(routine.arguments, features);
  routine.returns = CanonicalRoutineType(routine.returns, features);
  routine.body = CanonicalCompoundBody(routine.body);
  if (Lower(routine.language) == "sql") routine.language.clear();
  if (routine.security == model::ViewSecurity::Definer) routine.security = model::ViewSecurity::Default;
}

void CheckRoutine(const model::Namespace& ns, const model::Routine& routine,
                  std::vector<std::string>& problems) {
  const std::string what = std::string(routine.Kind()) + " " + routine.name + ": ";
  if (!routine.language.empty() && Lower(routine.language) != "sql")
    problems.push_back(what + "MySQL routines are written in SQL; `language " + routine.language +
                       "` is PostgreSQL's");
  if (routine.volatility != model::RoutineVolatility::Volatile)
    problems.push_back(what + "`immutable` / `stable` are PostgreSQL's; on MySQL write `deterministic`");
  if (routine.strict) problems.push_back(what + "`strict` is PostgreSQL's; MySQL has no such clause");
  if (routine.parallel != model::RoutineParallel::Unsafe)
    problems.push_back(what + "`parallel` is PostgreSQL's; MySQL has no such clause");
  if (!routine.settings.empty())
    problems.push_back(what + "`set` clauses are PostgreSQL's; MySQL routines take no settings");
  if (routine.cost || routine.rows)
    problems.push_back(what + "`cost` and `rows` are PostgreSQL's planner estimates; MySQL has none");
  if (routine.leakproof) problems.push_back(what + "`leakproof` is PostgreSQL's; MySQL has no such clause");
  if (routine.name.size() > 64) problems.push_back(what + "MySQL names are at most 64 characters");
  if (HasFourByteCharacter(routine.name) || HasFourByteCharacter(routine.comment))
    problems.push_back(what + "MySQL metadata cannot hold 4-byte characters (emoji) in names or comments");
  if (!routine.definer.empty() && routine.definer.find('@') == std::string::npos)
    problems.push_back(what + "a definer is 'user@host' (\"" + routine.definer + "\" names no host)");
  const auto same_name =
      std::count_if(ns.routines.begin(), ns.routines.end(), [&](const model::Routine& other) {
        return other.procedure == routine.procedure && Lower(other.name) == Lower(routine.name);
      });
  if (same_name > 1) problems.push_back(what + "MySQL has no overloads: one " + routine.Kind() + " per name");
  for (const RoutineParameter& parameter : ParseRoutineParameters(routine.arguments)) {
    if (parameter.type.empty()) problems.push_back(what + "parameter \"" + parameter.name + "\" has no type");
    if (!routine.procedure && !parameter.mode.empty())
      problems.push_back(what + "a function's parameters are IN only (" + parameter.name + " is " +
                         parameter.mode + "); use a procedure");
  }
}

bool AlterableInPlace(const model::Routine& before, const model::Routine& after) {
  model::Routine altered = before;
  altered.data_access = after.data_access;
  altered.security = after.security;
  altered.comment = after.comment;
  // ALTER keeps the live definer, which is all an unnamed one asks for (on either side: the down
  // of a change to a routine the schema names no definer for).
  if (altered.definer.empty()) altered.definer = after.definer;
  return model::DefinitionsMatch(altered, after);
}

std::string RenderCreateRoutine(const model::Routine& routine) {
  std::string sql = "CREATE";
  if (!routine.definer.empty()) sql += " DEFINER=" + RenderDefiner(routine.definer);
  sql += " " + KindSql(routine) + " " + QuoteIdentifier(routine.name) + "(" +
         FormatParameters(ParseRoutineParameters(routine.arguments), true) + ")";
  if (!routine.procedure) sql += " RETURNS " + routine.returns;
  if (routine.deterministic) sql += " DETERMINISTIC";
  sql += AlterableCharacteristics(routine);
  return sql + " " + RenderCompoundBody(routine.body);
}

std::string RenderDropRoutine(const model::Routine& routine, bool if_exists) {
  return "DROP " + KindSql(routine) + (if_exists ? " IF EXISTS " : " ") + QuoteIdentifier(routine.name);
}

std::string RenderAlterRoutine(const model::Routine& after) {
  // Each characteristic is spelled out, the defaults too: ALTER changes only what it names.
  std::string sql = "ALTER " + KindSql(after) + " " + QuoteIdentifier(after.name) + " " +
                    model::RoutineDataAccessSql(after.data_access);
  sql += after.security == model::ViewSecurity::Invoker ? " SQL SECURITY INVOKER" : " SQL SECURITY DEFINER";
  return sql + " COMMENT " + QuoteString(after.comment);
}

}  // namespace schemac::dialects::mysql
