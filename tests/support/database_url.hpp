// Server URLs pointed at another database: every server test creates its own scratch database
// on the server the environment names, and connects to it through the same URL.
#pragma once

#include <algorithm>
#include <string>

namespace schemac::test_support {

// `url` with its database (the path) replaced by `database`; the query options are kept.
inline std::string UrlWithDatabase(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://");
  const auto authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto query = url.find('?', authority_start);
  const auto path = url.find('/', authority_start);
  const std::string tail = query == std::string::npos ? "" : url.substr(query);
  const auto authority_end = std::min(path, query);
  return url.substr(0, authority_end == std::string::npos ? url.size() : authority_end) + "/" + database +
         tail;
}

// The database `url` names, or "" when it names none.
inline std::string DatabaseOfUrl(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const auto path = url.find('/', authority_start);
  if (path == std::string::npos) return "";
  const auto query = url.find('?', path);
  return url.substr(path + 1, query == std::string::npos ? std::string::npos : query - path - 1);
}

}  // namespace schemac::test_support
