#pragma once
// This tenant's settings for a connector of the catalog:
//   PATCH /api/connectors/{id} {extraDetails, oauthClientId, oauthClientSecret, scopes, extra}
//   GET   /api/connectors/{id}/settings
// The client secret is write-only: responses say whether one is set, never what it is.

#include "ucf/api/api_deps.hpp"
#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class ConnectorSettingsHandler {
 public:
  // What the handler uses (and nothing else); all must outlive it. The route-table test builds
  // handlers without services and never calls them.
  struct Services {
    connections::ConnectorSettingsService* settings = nullptr;
    const catalog::ProviderCatalog* catalog = nullptr;
  };

  explicit ConnectorSettingsHandler(Services services) : deps_(std::move(services)) {}

  ApiResult Patch(http::Request& request) const;
  ApiResult Get(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
