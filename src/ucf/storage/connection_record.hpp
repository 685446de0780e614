#pragma once

#include <optional>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/connection_status.hpp"

namespace ucf::storage {

// A row of `connections`: one tenant's configured link to a connector, unique by
// (tenant_id, connector_id, name). `config` holds only non-secret settings; `secret_config` holds
// the secret ones (API tokens, passwords…) and is stored as ONE ciphertext of the whole object.
struct ConnectionRecord {
  std::string id;
  std::string tenant_id;
  std::string connector_id;
  std::string name;
  std::string auth_method;  // e.g. "oauth2", "api_key", "basic"
  ConnectionStatus status = ConnectionStatus::kPending;
  boost::json::object config;
  boost::json::object secret_config;  // SECRET
  boost::json::object metadata;
  core::TimePoint created_at;
  core::TimePoint updated_at;
  std::optional<core::TimePoint> last_validated_at;
};

}  // namespace ucf::storage
