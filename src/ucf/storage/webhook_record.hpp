#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A webhook registered with a provider for one connection (inbound events). `secret` is the
// signing secret shared with the provider: plaintext in memory, stored only encrypted.
struct WebhookRecord {
  std::string id;
  std::string tenant_id;
  std::string connection_id;
  std::string connector_id;
  std::string provider_webhook_id;
  std::optional<std::string> secret;  // SECRET
  std::vector<std::string> events;
  std::string callback_url;
  std::optional<core::TimePoint> expires_at;
  core::TimePoint created_at;
  // Keep-alive backoff: failed refreshes in a row, and when the next may be tried (unset: whenever
  // it is due). Maintained by the store (MarkRefreshFailed, UpdateExpiry); ignored by Create.
  int failures = 0;
  std::optional<core::TimePoint> next_attempt_at;
};

}  // namespace ucf::storage
