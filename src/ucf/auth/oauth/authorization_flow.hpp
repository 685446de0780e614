#pragma once
// The OAuth 2.0 authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636) and server-side
// CSRF state.
//
// Start creates a single-use state (256 random bits; only its SHA-256 is stored, together with
// the tenant, connector, connection name, redirect URI, scopes, URL parameters, the starting
// actor and the PKCE verifier, which the state store encrypts) valid for 10 minutes, and returns
// the provider's authorize URL. The verifier never leaves the server.
//
// Redeem (the API callback) and RedeemRedirect (the browser's GET /oauth/callback) consume the
// state, exchange the code at the token endpoint with the verifier and the tenant's client
// secret, and run the provider's post-connect steps; the AuthorizationGrant they return is what
// the protocol learned. Saving it as a connection is the connection owner's job
// (connections/oauth_completion.hpp): this module never writes a connection row. The state is used
// up once a callback got past the state checks (a failed exchange needs a new Start).
//
// Thread-safe: any number of flows may run at once.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/audit/actor.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/auth/oauth/post_connect.hpp"
#include "ucf/auth/oauth/token_endpoint.hpp"
#include "ucf/auth/oauth/token_response.hpp"
#include "ucf/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/oauth_state_record.hpp"

namespace ucf::auth::oauth {

struct AuthorizationFlowOptions {
  std::chrono::seconds state_ttl{600};              // 10 minutes
  std::chrono::milliseconds token_timeout{15'000};  // token endpoint request timeout
};

// The answer of Start: the API shape {authUrl, state, codeChallenge}.
struct AuthorizationStart {
  std::string auth_url;
  std::string state;           // also inside auth_url; the server keeps only its hash
  std::string code_challenge;  // empty when the provider does not use PKCE
  core::TimePoint expires_at;  // when the state stops being accepted
};

// What a redeemed authorization code gave: who started the flow, the provider, the URL
// parameters, the token endpoint's answer and the post-connect results. Holds secrets (tokens):
// never log or render it.
struct AuthorizationGrant {
  audit::Actor actor;  // the callback's caller, or (redirect) the API key that started the flow
  const catalog::ProviderSpec* spec = nullptr;
  std::string connection_name;        // as started, or the connector id
  std::vector<std::string> requested_scopes;
  catalog::UrlParams url_params;
  TokenResponse tokens;
  PostConnectResult post;
};

// The query of the browser redirect GET /oauth/callback, plus who sent it.
struct RedirectParams {
  std::string code;
  std::string state;
  std::string error;  // RFC 6749 §4.1.2.1 error redirect ("access_denied", …)
  std::string error_description;
  std::string request_id;  // for the audit entries
  std::string client_address;
};

class AuthorizationFlow {
 public:
  // All references must outlive the flow.
  AuthorizationFlow(storage::Database& db, http::HttpClient& http, const core::Clock& clock,
                    const catalog::ProviderCatalog& catalog,
                    OAuthClientResolver resolver, AuthorizationFlowOptions options = {});

  // Starts a flow for actor.tenant_id. `connection_name` empty → the connector id. Errors:
  //   InvalidArgument  the provider has no OAuth 2.0 (field "method"); a bad redirect URI (field
  //                    "redirectUri": absolute http(s), no fragment); a scope with spaces or
  //                    quotes (field "scopes"); a bad connection name (field "name"); URL
  //                    parameters that fail ValidateUrlParams (field "urlParams.<name>")
  //   FailedPrecondition  client.client_id is empty
  //   NotFound         the tenant does not exist
  absl::StatusOr<AuthorizationStart> Start(const audit::Actor& actor,
                                           const catalog::ProviderSpec& spec,
                                           const OAuthClientSettings& client,
                                           std::string_view connection_name,
                                           const catalog::UrlParams& url_params);

  // Redeems the code of the API callback of connector `connector_id`. Errors:
  //   InvalidArgument (field "code"/"state") when either is missing or oversized; (field "state")
  //     "unknown, expired or already used OAuth state; start the connection again" for an
  //     unknown, used, expired or other tenant's state (which is left untouched); "was issued
  //     for connector X" for another connector's state (left untouched);
  //     the provider's rejection of the code ("<Provider> rejected the authorization code:
  //     invalid_grant: …", OAuthErrorOf gives the code)
  //   FailedPrecondition  no OAuth client configured any more; the post-connect step found no site
  //   Unavailable / DeadlineExceeded / ResourceExhausted  the provider could not be reached or
  //     failed (nothing stored; start again)
  absl::StatusOr<AuthorizationGrant> Redeem(const audit::Actor& actor,
                                            std::string_view connector_id, std::string_view code,
                                            std::string_view state);

  // Redeems the code of the browser redirect: the tenant, connector and acting API key are those
  // that started it. An `error` redirect uses the state up and returns InvalidArgument
  // "<Provider> did not authorize the connection: <error>[: <description>]". Otherwise as
  // Redeem (without the tenant and connector checks).
  absl::StatusOr<AuthorizationGrant> RedeemRedirect(const RedirectParams& params);

  // Deletes every state that expired unused (abandoned flows); returns how many. The application
  // calls it periodically (app/housekeeper).
  absl::StatusOr<std::int64_t> PurgeExpiredStates();

 private:
  // Consumes the state in a write transaction; `check` may veto (rolling the consumption back).
  absl::StatusOr<storage::OAuthStateRecord> ConsumeState(
      std::string_view state,
      const std::function<absl::Status(const storage::OAuthStateRecord&)>& check);
  absl::StatusOr<AuthorizationGrant> Exchange(const audit::Actor& actor,
                                              const storage::OAuthStateRecord& state,
                                              std::string_view code);

  storage::Database& db_;
  http::HttpClient& http_;
  const core::Clock& clock_;
  const catalog::ProviderCatalog& catalog_;
  OAuthClientResolver resolver_;
  AuthorizationFlowOptions options_;
  TokenEndpoint endpoint_;
};

// The URL parameters saved with a state or a connection config ({"urlParams": {...}}).
catalog::UrlParams UrlParamsFromJson(const boost::json::object& holder);
boost::json::object UrlParamsToJson(const catalog::UrlParams& params);

}  // namespace ucf::auth::oauth
