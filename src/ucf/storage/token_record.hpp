#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// The current token of a connection (one per connection). access_token and refresh_token are
// plaintext in memory and stored only encrypted.
struct TokenRecord {
  std::string id;
  std::string tenant_id;
  std::string connection_id;
  std::string access_token;                  // SECRET
  std::optional<std::string> refresh_token;  // SECRET
  std::string token_type = "Bearer";
  std::vector<std::string> scopes;
  std::optional<core::TimePoint> expires_at;
  // Starts at 1 and grows by one with every replacement; the compare-and-swap handle.
  std::int64_t version = 0;
  core::TimePoint created_at;  // when this token value was stored
  std::optional<core::TimePoint>
      rotated_at;  // when it replaced an earlier token (unset for the first)
  // Set while an instance holds the refresh lease of this token (TokenStore::ClaimRefreshLease);
  // every replacement clears it. Read-only here: Put and CompareAndSwap ignore it.
  std::optional<core::TimePoint> refresh_lease_until;
};

}  // namespace ucf::storage
