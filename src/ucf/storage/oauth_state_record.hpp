#pragma once

#include <optional>
#include <string>
#include <vector>

#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// A pending OAuth authorization. The state itself is never stored, only its hash; the PKCE
// verifier is plaintext in memory and stored only encrypted.
struct OAuthStateRecord {
  std::string state_hash;
  std::string tenant_id;
  std::string connector_id;
  std::string redirect_uri;
  std::vector<std::string> scopes;
  std::string code_verifier;  // SECRET
  std::optional<std::string> connection_name;
  boost::json::object extra;
  core::TimePoint created_at;
  core::TimePoint expires_at;
};

}  // namespace ucf::storage
