#include "ucf/connectors/api_usage_board.hpp"

namespace ucf::connectors {

void ApiUsageBoard::Record(std::string_view connection_id, boost::json::object usage) {
  if (connection_id.empty() || capacity_ == 0) return;
  std::lock_guard lock(mu_);
  std::string key(connection_id);
  if (auto it = by_id_.find(key); it != by_id_.end()) {
    order_.erase(it->second.second);
    by_id_.erase(it);
  }
  while (by_id_.size() >= capacity_) {
    by_id_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(key);
  by_id_.emplace(key, std::make_pair(std::move(usage), order_.begin()));
}

std::optional<boost::json::object> ApiUsageBoard::Get(std::string_view connection_id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(std::string(connection_id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second.first;
}

}  // namespace ucf::connectors
