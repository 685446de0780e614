#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A row of `connector_settings`: one tenant's settings for one connector. `oauth_client_secret` is
// plaintext in memory and stored only encrypted.
struct ConnectorSettingsRecord {
  std::string tenant_id;
  std::string connector_id;
  bool extra_details = false;
  std::optional<std::string> oauth_client_id;
  std::optional<std::string> oauth_client_secret;  // SECRET
  std::vector<std::string> scopes;
  boost::json::object extra;
  core::TimePoint updated_at;
};

}  // namespace ucf::storage
