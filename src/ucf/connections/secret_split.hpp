#pragma once
// Splits a connection config as clients send it into its non-secret part (stored and returned
// as is) and its secret part (stored only encrypted, never returned). A top-level field is secret
// when its name is secret-like (observability::IsSecretKey: api_token, client_secret, password,
// access_token, refresh_token, …); nested objects are split recursively.

#include "boost/json/object.hpp"

namespace ucf::connections {

struct SplitConfig {
  boost::json::object plain;
  boost::json::object secret;
};

SplitConfig SplitSecrets(const boost::json::object& config);

}  // namespace ucf::connections
