// String literals for the few statements the migrator writes itself (its history rows).
//
// The Connection interface has no parameter binding, so values are inlined as literals. Doubling
// single quotes is enough in standard SQL, but MySQL (without NO_BACKSLASH_ESCAPES) also reads
// backslashes as escapes. Rather than asking which dialect this is, we ask the database how it
// reads a backslash, once per connection.
#pragma once

#include <string>

#include "dialects/dialect.hpp"
#include "schemac/status.hpp"

namespace schemac::migrator {

class SqlLiteralQuoter {
 public:
  // Probes `connection` with SELECT of a literal holding a backslash.
  static Result<SqlLiteralQuoter> Detect(dialects::Connection& connection);
  explicit SqlLiteralQuoter(bool backslash_escapes) : backslash_escapes_(backslash_escapes) {}

  // `text` as a quoted SQL string literal that reads back as `text`.
  std::string Quote(const std::string& text) const;

 private:
  bool backslash_escapes_ = false;
};

}  // namespace schemac::migrator
