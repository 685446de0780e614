#pragma once
// ConnectionApiClient: the real connectors::ApiClient for one connection (or for credentials
// being checked before they are saved). See api_client.hpp for the contract; in short it joins
// paths to the base URL (absolute URLs only on the same origin), adds the credentials, turns
// non-2xx answers into Status via StatusFromUpstream, and for oauth2 retries once after a 401
// with a force-refreshed token.
//
// Credentials by kind:
//   kBearerFromProvider  Authorization: Bearer <AccessTokenProvider::Current>  (oauth2)
//   kBasic               Authorization: Basic base64(user ":" secret)  (Atlassian email + API token)
//   kBearerStatic        Authorization: Bearer <secret>  (personal access tokens)
// One instance serves one request handler; not shared between threads.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "ucf/connections/access_token_provider.hpp"
#include "ucf/connections/credential_header.hpp"
#include "ucf/connectors/api_client.hpp"
#include "ucf/http/client/concurrency_limiter.hpp"
#include "ucf/http/client/http_client.hpp"

namespace ucf::connections {

struct ApiTarget {
  std::string provider;  // display name for error messages, e.g. "Jira"
  std::string base_url;  // without trailing slash
  std::string tenant_id;
  std::string connection_id;  // empty while checking unsaved credentials
  std::string connector_id;   // the metrics label of its calls (UpstreamRequest::purpose)
};

// Limits on every provider call of one client: onboarding checks use short ones without retries,
// so a site that accepts connections and never answers costs one short timeout.
struct CallLimits {
  std::optional<std::chrono::milliseconds> timeout;  // total per call; the HTTP client's default when unset
  std::optional<int> max_attempts;                   // 1 = no retries; the retrying client's when unset
};

class ConnectionApiClient final : public connectors::ApiClient {
 public:
  // `http`, `tokens` and `limiter` must outlive the client; `tokens` may be null unless kind is
  // kBearerFromProvider. With a `limiter`, at most `max_in_flight` requests of this connection
  // (key: connection id, or the base URL while unsaved) are in flight across all clients.
  ConnectionApiClient(http::HttpClient& http, AccessTokenProvider* tokens, ApiTarget target,
                      ApiCredentials credentials, http::ConcurrencyLimiter* limiter = nullptr,
                      int max_in_flight = 8, CallLimits limits = {});

  absl::StatusOr<http::UpstreamResponse> Send(std::string_view method, std::string_view path_or_url,
                                              std::string_view json_body,
                                              const http::Headers& extra_headers) override;
  std::string_view BaseUrl() const override { return target_.base_url; }
  std::string_view ConnectionId() const override { return target_.connection_id; }

 private:
  absl::StatusOr<std::string> ResolveUrl(std::string_view path_or_url) const;
  absl::StatusOr<http::UpstreamResponse> SendOnce(std::string_view method, const std::string& url,
                                                  std::string_view json_body,
                                                  const http::Headers& extra_headers,
                                                  const std::string& authorization);

  std::unique_ptr<http::HttpClient> limited_;
  http::HttpClient& http_;  // limited_ when set, else the shared client
  ApiTarget target_;
  CredentialHeader credentials_;
  CallLimits limits_;
};

// The origin ("scheme://host[:port]") of an absolute http(s) URL, lower-cased; empty when `url`
// is not one.
std::string UrlOrigin(std::string_view url);

}  // namespace ucf::connections
