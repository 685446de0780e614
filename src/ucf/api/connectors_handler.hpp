#pragma once
// Connector catalog and onboarding routes:
//   GET  /api/connectors, /api/connectors/{id}     descriptions + this tenant's connection status
//   POST /api/connectors/{id}/connect              oauth2 → {authUrl, state, codeChallenge};
//                                                  api_key/basic/personal_token → the form to fill
//   POST /api/connectors/{id}/connect/callback     {code, state} or {apiKey, email, baseUrl, …}
//   GET  /oauth/callback                           the provider's browser redirect → dashboard
//   POST /api/connectors/{id}/validate, /probe     config checks (probe also tries credentials)
//   POST /api/connectors/{id}/revoke               revoke a connection of this connector
//   POST /api/connections/{id}/validate, /api/connections/validate   real credential check
//   POST /api/connections/{id}/site                 pick the Atlassian site of a pending connection
// Thin: parse → domain call (AuthorizationFlow, CredentialOnboarding, Revoker) → render.

#include <functional>
#include <map>
#include <string>

#include "boost/json/object.hpp"
#include "ucf/api/api_deps.hpp"
#include "ucf/connectors/connector.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::api {

class ConnectorsHandler {
 public:
  // Renders every registered connector's description once (deps.manager's registry is fixed).
  explicit ConnectorsHandler(const ApiDeps& deps);

  http::Response List(http::Request& request) const;
  http::Response Get(http::Request& request) const;
  http::Response Connect(http::Request& request) const;
  http::Response Callback(http::Request& request) const;
  http::Response OAuthRedirect(http::Request& request) const;
  http::Response ChooseSite(http::Request& request) const;
  http::Response ValidateConfig(http::Request& request) const;
  http::Response Probe(http::Request& request) const;
  http::Response Revoke(http::Request& request) const;
  http::Response ValidateConnection(http::Request& request) const;
  http::Response ValidateConnectionByBody(http::Request& request) const;

 private:
  http::Response Validate(http::Request& request, std::string_view connection_id) const;
  const boost::json::object& Description(const connectors::Connector& c) const;

  ApiDeps deps_;
  std::map<std::string, boost::json::object, std::less<>> descriptions_;  // by connector id
};

}  // namespace ucf::api
