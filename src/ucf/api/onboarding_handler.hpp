#pragma once
// Onboarding a connection and checking it:
//   POST /api/connectors/{id}/connect              oauth2 → {authUrl, state, codeChallenge};
//                                                  api_key/basic/personal_token → the form to fill
//   POST /api/connectors/{id}/connect/callback     {code, state} or {apiKey, email, baseUrl, …}
//   GET  /oauth/callback                           the provider's browser redirect → dashboard
//   POST /api/connections/{id}/site                pick the Atlassian site of a pending connection
//   POST /api/connectors/{id}/revoke               revoke a connection of this connector
//   POST /api/connections/{id}/validate, /api/connections/validate   real credential check
// Thin: parse → AuthorizationFlow / OAuthCompletion / CredentialOnboarding / Revoker → value.

#include <string>
#include <string_view>

#include "ucf/api/api_result.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::storage {
class Database;
}
namespace ucf::catalog {
class ProviderCatalog;
}
namespace ucf::auth::oauth {
class AuthorizationFlow;
}
namespace ucf::connections {
class ConnectionService;
class ConnectorManager;
class CredentialOnboarding;
class OAuthCompletion;
class Revoker;
}  // namespace ucf::connections

namespace ucf::api {

class OnboardingHandler {
 public:
  // What the handler uses; all must outlive it and be set before a request arrives.
  struct Services {
    storage::Database* db = nullptr;  // for LoadClientSettings and ChooseSite transactions
    const catalog::ProviderCatalog* catalog = nullptr;
    const connections::ConnectorManager* manager = nullptr;
    connections::ConnectionService* connections = nullptr;
    connections::CredentialOnboarding* onboarding = nullptr;
    auth::oauth::AuthorizationFlow* oauth_flow = nullptr;
    connections::OAuthCompletion* oauth_completion = nullptr;
    const auth::oauth::OAuthClientResolver* oauth_clients = nullptr;
    connections::Revoker* revoker = nullptr;
    std::string api_prefix;  // "/api"
    // UCF_PUBLIC_URL, read per request: the composition root fills the development default once
    // the port is bound (before the first request). Never the request's Host.
    const std::string* public_url = nullptr;
  };

  explicit OnboardingHandler(Services services) : s_(std::move(services)) {}

  ApiResult Connect(http::Request& request) const;
  ApiResult Callback(http::Request& request) const;
  // Not an envelope: the browser is redirected to the dashboard with the outcome.
  http::Response OAuthRedirect(http::Request& request) const;
  ApiResult ChooseSite(http::Request& request) const;
  ApiResult Revoke(http::Request& request) const;
  ApiResult ValidateConnection(http::Request& request) const;
  ApiResult ValidateConnectionByBody(http::Request& request) const;

 private:
  ApiResult Validate(http::Request& request, std::string_view connection_id) const;

  Services s_;
};

}  // namespace ucf::api
