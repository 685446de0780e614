#pragma once
// The OAuth 2.0 authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636) and server-side
// CSRF state.
//
// Start creates a single-use state (256 random bits; only its SHA-256 is stored, together with
// the tenant, connector, connection name, redirect URI, scopes, URL parameters, the starting
// actor and the PKCE verifier, which the state store encrypts) valid for 10 minutes, and returns
// the provider's authorize URL. The verifier never leaves the server.
//
// Complete (the API callback) and CompleteRedirect (the browser's GET /oauth/callback) consume
// the state, exchange the code at the token endpoint with the verifier and the tenant's client
// secret, run the provider's post-connect steps, and save connection + token + audit entries in
// one transaction (connection_writer.hpp). Nothing is stored when any step fails; the state is
// used up once a callback got past the state checks (a failed exchange needs a new Start).
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
#include "ucf/auth/oauth/token_endpoint.hpp"
#include "ucf/connectors/catalog/provider_catalog.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/storage/connection_record.hpp"
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

// The outcome of a completed flow. Token values are deliberately absent (see the token store).
struct CompletedAuthorization {
  storage::ConnectionRecord connection;  // status "connected"
  bool created = false;                  // false: an existing connection was reconnected
  std::int64_t token_version = 0;
  std::optional<core::TimePoint> token_expires_at;
  std::vector<std::string> scopes;  // granted (or, when the provider did not say, requested)
  bool has_refresh_token = false;
  // The account reaches several sites and none was named: the connection is pending and
  // connection.metadata["sites"] lists the choices (see ChooseSite in site_choice.hpp).
  bool site_choice_required = false;
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
                    const connectors::catalog::ProviderCatalog& catalog,
                    OAuthClientResolver resolver, AuthorizationFlowOptions options = {});

  // Starts a flow for actor.tenant_id. `connection_name` empty → the connector id. Errors:
  //   InvalidArgument  the provider has no OAuth 2.0 (field "method"); a bad redirect URI (field
  //                    "redirectUri": absolute http(s), no fragment); a scope with spaces or
  //                    quotes (field "scopes"); a bad connection name (field "name"); URL
  //                    parameters that fail ValidateUrlParams (field "urlParams.<name>")
  //   FailedPrecondition  client.client_id is empty
  //   NotFound         the tenant does not exist
  absl::StatusOr<AuthorizationStart> Start(const audit::Actor& actor,
                                           const connectors::catalog::ProviderSpec& spec,
                                           const OAuthClientSettings& client,
                                           std::string_view connection_name,
                                           const connectors::catalog::UrlParams& url_params);

  // Completes the flow from the API callback of connector `connector_id`. Errors:
  //   InvalidArgument (field "code"/"state") when either is missing or oversized; (field "state")
  //     "unknown, expired or already used OAuth state; start the connection again" for an
  //     unknown, used, expired or other tenant's state (which is left untouched); "was issued
  //     for connector X" for another connector's state (left untouched);
  //     the provider's rejection of the code ("<Provider> rejected the authorization code:
  //     invalid_grant: …", OAuthErrorOf gives the code)
  //   FailedPrecondition  no OAuth client configured any more; the post-connect step found no site
  //   Unavailable / DeadlineExceeded / ResourceExhausted  the provider could not be reached or
  //     failed (nothing stored; start again)
  absl::StatusOr<CompletedAuthorization> Complete(const audit::Actor& actor,
                                                  std::string_view connector_id,
                                                  std::string_view code, std::string_view state);

  // Completes the flow from the browser redirect: the tenant, connector and acting API key are
  // those that started it. An `error` redirect uses the state up and returns InvalidArgument
  // "<Provider> did not authorize the connection: <error>[: <description>]". Otherwise as
  // Complete (without the tenant and connector checks).
  absl::StatusOr<CompletedAuthorization> CompleteRedirect(const RedirectParams& params);

  // Deletes every state that expired unused (abandoned flows); returns how many. The application
  // calls it periodically (app/housekeeper).
  absl::StatusOr<std::int64_t> PurgeExpiredStates();

 private:
  // Consumes the state in a write transaction; `check` may veto (rolling the consumption back).
  absl::StatusOr<storage::OAuthStateRecord> ConsumeState(
      std::string_view state,
      const std::function<absl::Status(const storage::OAuthStateRecord&)>& check);
  absl::StatusOr<CompletedAuthorization> Finish(const audit::Actor& actor,
                                                const storage::OAuthStateRecord& state,
                                                std::string_view code);

  storage::Database& db_;
  http::HttpClient& http_;
  const core::Clock& clock_;
  const connectors::catalog::ProviderCatalog& catalog_;
  OAuthClientResolver resolver_;
  AuthorizationFlowOptions options_;
  TokenEndpoint endpoint_;
};

// The URL parameters saved with a state or a connection config ({"urlParams": {...}}).
connectors::catalog::UrlParams UrlParamsFromJson(const boost::json::object& holder);
boost::json::object UrlParamsToJson(const connectors::catalog::UrlParams& params);

}  // namespace ucf::auth::oauth
