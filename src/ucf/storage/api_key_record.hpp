#pragma once

#include <optional>
#include <string>

#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A row of `api_keys`. The key itself is never stored: only `prefix` (a short visible part, unique
// across all tenants, used to find the row) and `key_hash` (hex SHA-256 of the full key).
struct ApiKeyRecord {
  std::string id;
  std::string tenant_id;
  std::string name;
  std::string prefix;
  std::string key_hash;
  core::TimePoint created_at;
  std::optional<core::TimePoint> last_used_at;
  std::optional<core::TimePoint> revoked_at;
  // A read-only key: MCP write tools are neither listed nor callable with it (mcp/).
  bool read_only = false;
};

}  // namespace ucf::storage
