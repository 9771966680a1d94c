#include "schema_dsl/comment_placement.hpp"

#include <utility>

namespace schemac::dsl {

void CommentPlacement::Add(Slots& slots, const ElementKey& key, PlacedComment comment) {
  slots[key].push_back(comments_.size());
  comments_.push_back(std::move(comment));
  taken_.push_back(false);
}

std::vector<PlacedComment> CommentPlacement::Take(Slots& slots, const ElementKey& key) {
  std::vector<PlacedComment> out;
  auto found = slots.find(key);
  if (found == slots.end()) return out;
  for (size_t index : found->second) {
    if (taken_[index]) continue;
    taken_[index] = true;
    out.push_back(comments_[index]);
  }
  slots.erase(found);
  return out;
}

std::vector<PlacedComment> CommentPlacement::TakeRemaining() {
  std::vector<PlacedComment> out;
  for (size_t i = 0; i < comments_.size(); ++i) {
    if (taken_[i]) continue;
    taken_[i] = true;
    out.push_back(comments_[i]);
  }
  return out;
}

}  // namespace schemac::dsl
