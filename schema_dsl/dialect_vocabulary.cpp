#include "schema_dsl/dialect_vocabulary.hpp"

#include "schema_dsl/name_suggestions.hpp"

namespace schemac::dsl {

const DialectVocabulary::Entry* DialectVocabulary::Find(std::string_view name) const {
  for (const Entry& entry : dialects) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

std::string DialectVocabulary::Suggest(std::string_view written) const {
  std::vector<std::string_view> names;
  for (const Entry& entry : dialects) {
    for (const std::string& alias : entry.aliases) {
      if (alias == written) return entry.name;
    }
    names.push_back(entry.name);
  }
  return SuggestName(written, names);
}

std::string DialectVocabulary::DescribeNames() const {
  std::string text;
  for (std::size_t i = 0; i < dialects.size(); ++i) {
    if (i > 0) text += i + 1 == dialects.size() ? " or " : ", ";
    text += dialects[i].name;
  }
  return text;
}

const DialectVocabulary& DefaultDialectVocabulary() {
  static const DialectVocabulary vocabulary = {{
      {"postgres", {"postgresql", "pg"}, {"tablespace", "unlogged", "fillfactor"}},
      {"mysql", {"mariadb"}, {"engine", "charset", "collation", "row_format"}},
      {"sqlite", {}, {"strict", "without_rowid"}},
  }};
  return vocabulary;
}

}  // namespace schemac::dsl
