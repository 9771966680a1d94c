// The dialect vocabulary of the schema language: which dialect names `native(name: '...')` and
// `name.option = ...` accept, which spellings to suggest them for, and which table options each
// dialect knows. Plain data, handed in by the caller (sources/ takes it from the dialects'
// registry), so that the schema language itself names no dialect.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemac::dsl {

struct DialectVocabulary {
  struct Entry {
    std::string name;  // as written in schema files, and the key of model options and natives
    // Other names people write for it ("postgresql", "mariadb"): not accepted, but suggested.
    std::vector<std::string> aliases;
    // Known table options (`mysql.engine`); an unknown one is a warning with a suggestion.
    std::vector<std::string> table_options;

    // Spelled out rather than defaulted: schema_dsl.hpp is included by C++17 code too.
    bool operator==(const Entry& other) const {
      return name == other.name && aliases == other.aliases && table_options == other.table_options;
    }
  };
  std::vector<Entry> dialects;

  const Entry* Find(std::string_view name) const;
  // The name `written` most likely meant: the dialect it is an alias of, else the closest name,
  // else "".
  std::string Suggest(std::string_view written) const;
  // "postgres, mysql or sqlite": for messages.
  std::string DescribeNames() const;

  bool operator==(const DialectVocabulary& other) const { return dialects == other.dialects; }
};

// For callers that bind without the registry (the schema language's own tests, services that
// embed the parser): the vocabulary of the dialects schemac ships. sources/ passes the
// registry's, and tests/sources checks that the two hold the same dialects and options.
const DialectVocabulary& DefaultDialectVocabulary();

}  // namespace schemac::dsl
