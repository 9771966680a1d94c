#include "dialects/postgres/view_trigger_text.hpp"

#include <algorithm>
#include <cctype>

namespace schemac::dialects::postgres {
namespace {

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

// Walks `text` keeping track of quotes and parenthesis depth: `visit(i, depth)` is called for every
// character outside quotes (with the depth before it) until it returns false.
template <typename Visit>
void ScanOutsideQuotes(std::string_view text, Visit visit) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) {
        if (i + 1 < text.size() && text[i + 1] == quote) {
          ++i;  // '' or "" inside the quotes
        } else {
          quote = 0;
        }
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      continue;
    }
    if (!visit(i, depth)) return;
    if (c == '(') ++depth;
    if (c == ')') --depth;
  }
}

// The position of `word` at parenthesis depth 0 outside quotes, starting at `from`; npos if none.
std::size_t FindTopLevel(std::string_view text, std::string_view word, std::size_t from = 0) {
  std::size_t found = std::string_view::npos;
  ScanOutsideQuotes(text, [&](std::size_t i, int depth) {
    if (i >= from && depth == 0 && text.compare(i, word.size(), word) == 0) {
      found = i;
      return false;
    }
    return true;
  });
  return found;
}

// The position of the `)` matching the `(` at `open`; npos if it has none.
std::size_t MatchingParenthesis(std::string_view text, std::size_t open) {
  std::size_t found = std::string_view::npos;
  const std::string_view rest = text.substr(open);
  ScanOutsideQuotes(rest, [&](std::size_t i, int depth) {
    if (i > 0 && depth == 1 && rest[i] == ')') {
      found = open + i;
      return false;
    }
    return true;
  });
  return found;
}

bool IsTrue(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "true" || value == "on" || value == "yes" || value == "1" || value == "t";
}

// `"Audit"."log"` or `audit.log` as pg_get_triggerdef prints a function -> the model's unquoted
// parts, `Audit.log`.
std::string UnquoteQualifiedName(std::string_view printed) {
  std::string name;
  bool quoted = false;
  for (std::size_t i = 0; i < printed.size(); ++i) {
    const char c = printed[i];
    if (c == '"') {
      if (quoted && i + 1 < printed.size() && printed[i + 1] == '"') {
        name += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
      continue;
    }
    name += c;
  }
  return name;
}

}  // namespace

std::string TrimViewQuery(std::string_view query) {
  query = TrimBlanks(query);
  while (!query.empty() && query.back() == ';') query = TrimBlanks(query.substr(0, query.size() - 1));
  return std::string(query);
}

std::string StripOuterParentheses(std::string_view text) {
  text = TrimBlanks(text);
  while (text.size() >= 2 && text.front() == '(' && MatchingParenthesis(text, 0) == text.size() - 1)
    text = TrimBlanks(text.substr(1, text.size() - 2));
  return std::string(text);
}

Result<TriggerCall> ParseTriggerDefinition(std::string_view definition) {
  std::size_t call = FindTopLevel(definition, " EXECUTE FUNCTION ");
  std::size_t keyword_length = std::string_view(" EXECUTE FUNCTION ").size();
  if (call == std::string_view::npos) {
    call = FindTopLevel(definition, " EXECUTE PROCEDURE ");
    keyword_length = std::string_view(" EXECUTE PROCEDURE ").size();
  }
  const std::size_t name_start = call + keyword_length;
  const std::size_t open = call == std::string_view::npos ? call : FindTopLevel(definition, "(", name_start);
  const std::size_t close = open == std::string_view::npos ? open : MatchingParenthesis(definition, open);
  if (close == std::string_view::npos) {
    return Status(StatusCode::kUnsupported,
                  "cannot read the trigger definition PostgreSQL gave: " + std::string(definition));
  }
  TriggerCall parsed;
  parsed.function = UnquoteQualifiedName(TrimBlanks(definition.substr(name_start, open - name_start)));
  parsed.arguments = std::string(TrimBlanks(definition.substr(open + 1, close - open - 1)));
  const std::size_t when = FindTopLevel(definition.substr(0, call), " WHEN (");
  if (when != std::string_view::npos) {
    const std::size_t condition_open = when + std::string_view(" WHEN ").size();
    const std::size_t condition_close = MatchingParenthesis(definition, condition_open);
    if (condition_close == std::string_view::npos || condition_close > call) {
      return Status(StatusCode::kUnsupported,
                    "cannot read the WHEN condition of the trigger definition: " + std::string(definition));
    }
    parsed.when =
        StripOuterParentheses(definition.substr(condition_open, condition_close - condition_open + 1));
  }
  return parsed;
}

std::vector<std::string> ApplyViewOptions(const std::vector<std::string>& options, model::View& view) {
  std::vector<std::string> not_modelled;
  for (const std::string& option : options) {
    const std::size_t equals = option.find('=');
    const std::string key = option.substr(0, equals);
    const std::string value = equals == std::string::npos ? "true" : option.substr(equals + 1);
    if (key == "check_option" && value == "local") {
      view.check_option = model::ViewCheckOption::Local;
    } else if (key == "check_option" && value == "cascaded") {
      view.check_option = model::ViewCheckOption::Cascaded;
    } else if (key == "security_invoker") {
      // Off is PostgreSQL's default, the owner's rights: what the model calls Default.
      view.security = IsTrue(value) ? model::ViewSecurity::Invoker : model::ViewSecurity::Default;
    } else {
      not_modelled.push_back(option);
    }
  }
  return not_modelled;
}

// tgtype bits (PostgreSQL's trigger.h).
constexpr int kTypeRow = 1 << 0;
constexpr int kTypeBefore = 1 << 1;
constexpr int kTypeInsert = 1 << 2;
constexpr int kTypeDelete = 1 << 3;
constexpr int kTypeUpdate = 1 << 4;
constexpr int kTypeTruncate = 1 << 5;
constexpr int kTypeInstead = 1 << 6;

std::vector<model::TriggerEvent> TriggerEventsFromType(int tgtype) {
  std::vector<model::TriggerEvent> events;
  if (tgtype & kTypeInsert) events.push_back(model::TriggerEvent::Insert);
  if (tgtype & kTypeDelete) events.push_back(model::TriggerEvent::Delete);
  if (tgtype & kTypeUpdate) events.push_back(model::TriggerEvent::Update);
  if (tgtype & kTypeTruncate) events.push_back(model::TriggerEvent::Truncate);
  return events;
}

model::TriggerTiming TriggerTimingFromType(int tgtype) {
  if (tgtype & kTypeInstead) return model::TriggerTiming::InsteadOf;
  if (tgtype & kTypeBefore) return model::TriggerTiming::Before;
  return model::TriggerTiming::After;
}

bool TriggerForEachRowFromType(int tgtype) { return (tgtype & kTypeRow) != 0; }

void SortTriggerEvents(std::vector<model::TriggerEvent>& events) {
  auto rank = [](model::TriggerEvent event) {
    switch (event) {
      case model::TriggerEvent::Insert:
        return 0;
      case model::TriggerEvent::Delete:
        return 1;
      case model::TriggerEvent::Update:
        return 2;
      case model::TriggerEvent::Truncate:
        return 3;
    }
    return 4;
  };
  std::stable_sort(events.begin(), events.end(),
                   [&](model::TriggerEvent a, model::TriggerEvent b) { return rank(a) < rank(b); });
  events.erase(std::unique(events.begin(), events.end()), events.end());
}

}  // namespace schemac::dialects::postgres
