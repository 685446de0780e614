#pragma once
// This tenant's settings for a connector of the catalog:
//   PATCH /api/connectors/{id} {extraDetails, oauthClientId, oauthClientSecret, scopes, extra}
//   GET   /api/connectors/{id}/settings
// The client secret is write-only: responses say whether one is set, never what it is.

#include "ucf/api/api_deps.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class ConnectorSettingsHandler {
 public:
  explicit ConnectorSettingsHandler(const ApiDeps& deps) : deps_(deps) {}

  http::Response Patch(http::Request& request) const;
  http::Response Get(http::Request& request) const;

 private:
  ApiDeps deps_;
};

}  // namespace ucf::api
