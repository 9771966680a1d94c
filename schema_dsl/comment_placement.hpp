// Comments attached to schema elements, for printing a file back with its comments.
//
// The formatter decides which element each comment belongs to; the printer asks for them as it
// prints each element. Every comment is handed out once, so none is printed twice, and
// TakeRemaining() returns any the printer never asked for (nothing may be lost).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace schemac::dsl {

enum class ElementKind {
  kFile,
  kNamespace,
  kEnum,
  kTable,
  kColumn,
  kConstraint,
  kIndex,
  kTableComment,
  kTableOption,
  kView,
  kTrigger,
  kRoutine,  // named by identity: name(arguments)
  kSequence,
  kExclude  // named by its "KIND:PATTERN" text
};

// Identifies a printed element: its kind, namespace, table (for table items) and name.
struct ElementKey {
  ElementKind kind = ElementKind::kFile;
  std::string ns;
  std::string table;
  std::string name;

  bool operator==(const ElementKey& other) const {
    return kind == other.kind && ns == other.ns && table == other.table && name == other.name;
  }
};

struct ElementKeyHash {
  size_t operator()(const ElementKey& key) const {
    std::hash<std::string> hash;
    size_t value = static_cast<size_t>(key.kind);
    for (const std::string* part : {&key.ns, &key.table, &key.name}) value = value * 1000003u ^ hash(*part);
    return value;
  }
};

struct PlacedComment {
  std::string text;
  bool blank_line_after = false;  // the source had an empty line after it; kept for leading comments
};

class CommentPlacement {
 public:
  // Comments on their own lines before the element.
  void AddLeading(const ElementKey& key, PlacedComment comment) { Add(leading_, key, std::move(comment)); }
  // Comments at the end of the element's (last) line.
  void AddTrailing(const ElementKey& key, PlacedComment comment) { Add(trailing_, key, std::move(comment)); }
  // Comments inside a table or namespace block after its last item, or at the end of the file
  // (key kind kFile).
  void AddDangling(const ElementKey& key, PlacedComment comment) { Add(dangling_, key, std::move(comment)); }

  std::vector<PlacedComment> TakeLeading(const ElementKey& key) { return Take(leading_, key); }
  std::vector<PlacedComment> TakeTrailing(const ElementKey& key) { return Take(trailing_, key); }
  std::vector<PlacedComment> TakeDangling(const ElementKey& key) { return Take(dangling_, key); }

  // Everything not taken yet, in insertion order.
  std::vector<PlacedComment> TakeRemaining();

 private:
  using Slots = std::unordered_map<ElementKey, std::vector<size_t>, ElementKeyHash>;
  void Add(Slots& slots, const ElementKey& key, PlacedComment comment);
  std::vector<PlacedComment> Take(Slots& slots, const ElementKey& key);

  std::vector<PlacedComment> comments_;
  std::vector<bool> taken_;
  Slots leading_;
  Slots trailing_;
  Slots dangling_;
};

}  // namespace schemac::dsl
