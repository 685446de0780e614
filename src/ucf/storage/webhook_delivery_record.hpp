#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// Delivery states, stored as text.
inline constexpr std::string_view kDeliveryPending = "pending";
inline constexpr std::string_view kDeliverySucceeded = "succeeded";
inline constexpr std::string_view kDeliveryFailed = "failed";  // gave up

// One event to deliver to one subscription, with its retry state.
struct WebhookDeliveryRecord {
  std::string id;
  std::string tenant_id;
  std::string subscription_id;
  std::string event;
  boost::json::object payload;
  std::string status = std::string(kDeliveryPending);
  int attempts = 0;
  std::optional<core::TimePoint> next_attempt_at;
  std::optional<std::string> last_error;
  core::TimePoint created_at;
  core::TimePoint updated_at;
};

}  // namespace ucf::storage
