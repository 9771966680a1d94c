// A database URL, parsed once: what every dialect connects from and what the CLI prints.
//
// The syntax is shared (scheme, credentials, host, port, database or file path, query options,
// percent-escapes); what the query options mean stays in the dialect that reads them (libpq
// keywords, MySQL's ssl-mode, SQLite's mode). The registry knows which scheme has which shape.
//
// Kept out of include/schemac/: services never hold a URL object (the testing API takes strings),
// and a private type can change with the dialects that read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemac/status.hpp"

namespace schemac::dialects {

// How the URLs of a scheme are written.
enum class UrlShape {
  // scheme://[user[:password]@][host][:port][/database][?key=value&...]
  kServer,
  // scheme:///absolute/path, scheme://relative/path or scheme::memory: [?key=value&...]
  kFile,
};

// One key=value of the query string, both percent-decoded ('+' is a space).
struct UrlOption {
  std::string key;
  std::string value;
};

// `text` with every occurrence of each secret replaced, scanning once from left to right, so it
// ends whatever the secrets are. The mask is "***" unless a secret contains '*' (then '#', '?',
// '~' ...): built from a character no secret contains, so a mask can never complete a secret
// with the text around it, and the result never contains any secret. Empty secrets are ignored.
std::string ScrubSecrets(std::string_view text, const std::vector<std::string>& secrets);

// The mask ScrubSecrets uses for these secrets.
std::string MaskFor(const std::vector<std::string>& secrets);

// Value type; cheap to copy. Holds the password: print only Masked(), pass messages through Scrub().
class DatabaseUrl {
 public:
  // kInvalidArgument, with a message that shows the URL masked, when `text` does not have the
  // syntax of `shape`: no "scheme://", a bad %-escape, a port that is not 1..65535, credentials
  // without a host, a query option without '='.
  static Result<DatabaseUrl> Parse(std::string_view text, UrlShape shape);

  // The scheme of `text` ("postgres" for "postgres://..."), or "" when it has none. A scheme is
  // letters, digits, '+', '-' and '.', starting with a letter, followed by ':'.
  static std::string SchemeOf(std::string_view text);

  // The display form of text that may not parse (an unknown scheme, a typo): the password of
  // "scheme://user:password@" and of "?password=" replaced by "***". Prefer Masked().
  static std::string MaskText(std::string_view text);

  const std::string& scheme() const { return scheme_; }
  const std::string& user() const { return user_; }
  // The URL's own password, from the userinfo or a ?password= option (decoded).
  const std::string& password() const { return password_; }
  bool has_password() const { return has_password_; }
  // Decoded, without the brackets of an IPv6 address; empty when the URL names none.
  const std::string& host() const { return host_; }
  std::optional<unsigned> port() const { return port_; }
  // kServer: the path after the authority, decoded ("" when none).
  const std::string& database() const { return database_; }
  // kFile: the decoded file path, ":memory:" for an in-memory database.
  const std::string& path() const { return path_; }
  bool in_memory() const { return in_memory_; }
  // Every query option, in order. ?password= is read as the password too.
  const std::vector<UrlOption>& options() const { return options_; }

  // The URL as written, password replaced by the mask: what messages show.
  const std::string& Masked() const { return masked_; }
  // `text` with the password removed wherever it appears (decoded, and as written in the URL),
  // for driver messages, which may quote what they were given.
  std::string Scrub(std::string_view text) const { return ScrubSecrets(text, secrets_); }
  // A password the driver got elsewhere (PGPASSWORD, MYSQL_PWD) is scrubbed too.
  void AddSecret(std::string secret);

  // The URL as written, password included: for drivers only, never for messages.
  const std::string& Text() const { return text_; }

 private:
  std::string text_;
  std::string masked_;
  std::string scheme_;
  std::string user_;
  std::string password_;
  bool has_password_ = false;
  std::string host_;
  std::optional<unsigned> port_;
  std::string database_;
  std::string path_;
  bool in_memory_ = false;
  std::vector<UrlOption> options_;
  // The password decoded and as written, and any added with AddSecret.
  std::vector<std::string> secrets_;
  // Where the password is written in text_, to rebuild masked_ when the mask changes.
  std::vector<std::pair<std::size_t, std::size_t>> password_spans_;

  void BuildMasked();
};

}  // namespace schemac::dialects
