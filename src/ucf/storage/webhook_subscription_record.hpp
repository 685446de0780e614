#pragma once

#include <string>
#include <vector>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// An outbound subscription: UCF posts events to `url`, signed with HMAC-SHA256 under `secret`
// (plaintext in memory, stored only encrypted). An empty `events` list means every event.
struct WebhookSubscriptionRecord {
  std::string id;
  std::string tenant_id;
  std::string url;
  std::string secret;  // SECRET
  std::vector<std::string> events;
  bool active = true;
  core::TimePoint created_at;
};

}  // namespace ucf::storage
