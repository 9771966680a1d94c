#include "dialects/database_url.hpp"

#include <algorithm>
#include <cctype>

namespace schemac::dialects {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX escapes decoded; in query strings '+' is a space too. nullopt on a broken escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<unsigned> ParsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return std::nullopt;
  return value;
}

// The forms a URL of this shape may take, for error messages.
std::string ExpectedForms(const std::string& scheme, UrlShape shape) {
  const std::string name = scheme.empty() ? "scheme" : scheme;
  if (shape == UrlShape::kFile) {
    return "expected " + name + ":///absolute/path.db, " + name + "://relative/path.db or " + name +
           "::memory:";
  }
  return "expected " + name + "://user:password@host:port/database";
}

// Positions of "password=" values in the query string that starts at `query_start` of `text`.
std::vector<std::pair<std::size_t, std::size_t>> QueryPasswordSpans(std::string_view text,
                                                                    std::size_t query_start) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = query_start;
  while (start < text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    constexpr std::string_view kKey = "password=";
    if (text.substr(start, end - start).substr(0, kKey.size()) == kKey) {
      spans.emplace_back(start + kKey.size(), end - start - kKey.size());
    }
    start = end + 1;
  }
  return spans;
}

std::string ReplaceSpans(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>> spans,
                         const std::string& mask) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  std::size_t copied = 0;
  for (const auto& [start, length] : spans) {
    if (start < copied) continue;  // overlapping spans: the first one already covers it
    out.append(text.substr(copied, start - copied));
    out += mask;
    copied = start + length;
  }
  out.append(text.substr(std::min(copied, text.size())));
  return out;
}

// One left-to-right pass: never looks at what it has just written.
std::string ScrubOnce(std::string_view text, const std::vector<std::string>& longest_first,
                      const std::string& mask, bool& replaced) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::string* match = nullptr;
    for (const auto& secret : longest_first) {
      if (text.compare(i, secret.size(), secret) == 0) {
        match = &secret;
        break;
      }
    }
    if (match == nullptr) {
      out += text[i++];
      continue;
    }
    out += mask;
    i += match->size();
    replaced = true;
  }
  return out;
}

}  // namespace

std::string MaskFor(const std::vector<std::string>& secrets) {
  for (char c : std::string_view("*#?~^x")) {
    const bool used = std::any_of(secrets.begin(), secrets.end(), [c](const std::string& secret) {
      return secret.find(c) != std::string::npos;
    });
    if (!used) return std::string(3, c);
  }
  return "";  // the secrets use every candidate: they are removed without a trace instead
}

std::string ScrubSecrets(std::string_view text, const std::vector<std::string>& secrets) {
  std::vector<std::string> longest_first;
  for (const auto& secret : secrets) {
    if (!secret.empty()) longest_first.push_back(secret);
  }
  if (longest_first.empty()) return std::string(text);
  std::sort(longest_first.begin(), longest_first.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  const std::string mask = MaskFor(longest_first);
  bool replaced = false;
  std::string scrubbed = ScrubOnce(text, longest_first, mask, replaced);
  // A mask of a character no secret holds cannot complete one, so one pass is enough. Without a
  // mask, removing a secret may join its neighbours into another: repeat; each pass that replaces
  // something makes the text shorter, so this ends.
  while (mask.empty() && replaced) {
    replaced = false;
    scrubbed = ScrubOnce(scrubbed, longest_first, mask, replaced);
  }
  return scrubbed;
}

std::string DatabaseUrl::SchemeOf(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return "";
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return "";
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return "";
  }
  return std::string(text.substr(0, colon));
}

std::string DatabaseUrl::MaskText(std::string_view text) {
  // Without a parse to trust, mask generously: from the first ':' after "//" up to the last '@'
  // anywhere (a password may hold '/', '?' or '@'), and every ?password= value.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::size_t slashes = text.find("://");
  const std::size_t authority = slashes == std::string_view::npos ? 0 : slashes + 3;
  const std::size_t at = text.rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    const std::size_t colon = text.find(':', authority);
    if (colon != std::string_view::npos && colon < at) spans.emplace_back(colon + 1, at - colon - 1);
  }
  const std::size_t query = text.find('?', authority);
  if (query != std::string_view::npos) {
    for (const auto& span : QueryPasswordSpans(text, query + 1)) spans.push_back(span);
  }
  return ReplaceSpans(text, spans, "***");
}

Result<DatabaseUrl> DatabaseUrl::Parse(std::string_view text, UrlShape shape) {
  DatabaseUrl url;
  url.text_ = std::string(text);
  url.scheme_ = SchemeOf(text);
  auto invalid = [&](const std::string& why) {
    return Status(StatusCode::kInvalidArgument, "invalid database URL '" + MaskText(text) + "': " + why);
  };
  if (url.scheme_.empty()) return invalid("no scheme; " + ExpectedForms("", shape));

  const std::size_t after_scheme = url.scheme_.size() + 1;
  const std::size_t question = text.find('?', after_scheme);
  const std::string_view body = text.substr(
      after_scheme, question == std::string_view::npos ? std::string_view::npos : question - after_scheme);

  if (shape == UrlShape::kFile) {
    if (body == ":memory:" || body == "//:memory:") {
      url.in_memory_ = true;
      url.path_ = ":memory:";
    } else {
      if (body.substr(0, 2) != "//") return invalid(ExpectedForms(url.scheme_, shape));
      std::optional<std::string> path = PercentDecode(body.substr(2), /*plus_is_space=*/false);
      if (!path) return invalid("malformed %-escape in the path");
      if (path->empty() || *path == "/") {
        return invalid("no database file path; " + ExpectedForms(url.scheme_, shape));
      }
      if (path->find('\0') != std::string::npos) return invalid("the path contains a NUL byte");
      url.path_ = std::move(*path);
    }
  } else {
    if (body.substr(0, 2) != "//") return invalid(ExpectedForms(url.scheme_, shape));
    const std::size_t authority_start = after_scheme + 2;
    std::string_view rest = body.substr(2);
    // The userinfo ends at the last '@' (a password may contain '@', ':' and '/'); the host and
    // port run from there to the first '/'.
    const std::size_t at = rest.rfind('@');
    std::string_view host_port = at == std::string_view::npos ? rest : rest.substr(at + 1);
    const std::size_t slash = host_port.find('/');
    std::string_view path;
    if (slash != std::string_view::npos) {
      path = host_port.substr(slash + 1);
      host_port = host_port.substr(0, slash);
    }
    if (at != std::string_view::npos) {
      const std::string_view userinfo = rest.substr(0, at);
      const std::size_t colon = userinfo.find(':');
      std::optional<std::string> user = PercentDecode(userinfo.substr(0, colon), false);
      if (!user) return invalid("bad %-escape in the user name");
      url.user_ = std::move(*user);
      if (colon != std::string_view::npos) {
        const std::string_view raw = userinfo.substr(colon + 1);
        url.password_spans_.emplace_back(authority_start + colon + 1, raw.size());
        std::optional<std::string> password = PercentDecode(raw, false);
        if (!password) return invalid("bad %-escape in the password");
        url.password_ = std::move(*password);
        url.has_password_ = true;
        url.secrets_ = {url.password_, std::string(raw)};
      }
    }
    std::string_view raw_host = host_port;
    if (!host_port.empty() && host_port[0] == '[') {  // [ipv6]:port
      const std::size_t close = host_port.find(']');
      if (close == std::string_view::npos) return invalid("unterminated [ in the host");
      raw_host = host_port.substr(1, close - 1);
      const std::string_view after = host_port.substr(close + 1);
      if (!after.empty()) {
        if (after[0] != ':') return invalid("unexpected text after the IPv6 host");
        url.port_ = ParsePort(after.substr(1));
        if (!url.port_) return invalid("the port must be a number from 1 to 65535");
      }
    } else if (const std::size_t colon = host_port.rfind(':'); colon != std::string_view::npos) {
      raw_host = host_port.substr(0, colon);
      url.port_ = ParsePort(host_port.substr(colon + 1));
      if (!url.port_) return invalid("the port must be a number from 1 to 65535");
    }
    std::optional<std::string> host = PercentDecode(raw_host, false);
    if (!host) return invalid("bad %-escape in the host");
    url.host_ = std::move(*host);
    // "user:pass@" and then nothing is a URL whose host went missing (an unset variable in a
    // template), not a wish for the local default.
    if (url.host_.empty() && at != std::string_view::npos) return invalid("no host after '@'");
    std::optional<std::string> database = PercentDecode(path, false);
    if (!database) return invalid("bad %-escape in the database name");
    url.database_ = std::move(*database);
  }

  if (question != std::string_view::npos) {
    for (const auto& span : QueryPasswordSpans(text, question + 1)) {
      url.password_spans_.push_back(span);
      url.secrets_.emplace_back(text.substr(span.first, span.second));
    }
    std::size_t start = question + 1;
    while (start <= text.size()) {
      std::size_t end = text.find('&', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view pair = text.substr(start, end - start);
      start = end + 1;
      if (pair.empty()) continue;
      const std::size_t equals = pair.find('=');
      std::optional<std::string> key = PercentDecode(pair.substr(0, equals), true);
      if (!key) return invalid("bad %-escape in the query string");
      if (equals == std::string_view::npos) return invalid("query option '" + *key + "' has no value");
      std::optional<std::string> value = PercentDecode(pair.substr(equals + 1), true);
      if (!value) return invalid("bad %-escape in the query string");
      if (*key == "password") {
        url.password_ = *value;
        url.has_password_ = true;
        url.secrets_.push_back(*value);
        continue;
      }
      url.options_.push_back(UrlOption{std::move(*key), std::move(*value)});
    }
  }
  url.BuildMasked();
  return url;
}

void DatabaseUrl::AddSecret(std::string secret) {
  if (secret.empty()) return;
  secrets_.push_back(std::move(secret));
  BuildMasked();
}

void DatabaseUrl::BuildMasked() {
  std::string mask = MaskFor(secrets_);
  if (mask.empty()) mask = "(hidden)";  // only shown in place of the password, never scanned
  masked_ = ReplaceSpans(text_, password_spans_, mask);
}

}  // namespace schemac::dialects
