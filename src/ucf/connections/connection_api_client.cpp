#include "ucf/connections/connection_api_client.hpp"

#include "ucf/core/error_details.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/http/client/limited_http_client.hpp"
#include "ucf/http/client/upstream_error.hpp"

namespace ucf::connections {

std::string UrlOrigin(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  std::string scheme = core::ToLower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return "";
  std::size_t host_end = url.find_first_of("/?#", scheme_end + 3);
  return core::ToLower(url.substr(0, host_end == std::string_view::npos ? url.size() : host_end));
}

ConnectionApiClient::ConnectionApiClient(http::HttpClient& http, AccessTokenProvider* tokens,
                                         ApiTarget target, ApiCredentials credentials,
                                         http::ConcurrencyLimiter* limiter, int max_in_flight,
                                         CallLimits limits)
    : limited_(limiter ? std::make_unique<http::LimitedHttpClient>(
                             http, *limiter,
                             core::StrCat("connection:", target.connection_id.empty() ? target.base_url
                                                                                       : target.connection_id),
                             max_in_flight)
                       : nullptr),
      http_(limited_ ? *limited_ : http),
      target_(std::move(target)),
      credentials_(tokens, target_.tenant_id, target_.connection_id, std::move(credentials)),
      limits_(limits) {
  while (!target_.base_url.empty() && target_.base_url.back() == '/') target_.base_url.pop_back();
}

absl::StatusOr<std::string> ConnectionApiClient::ResolveUrl(std::string_view path_or_url) const {
  if (path_or_url.starts_with("/")) return core::StrCat(target_.base_url, path_or_url);
  std::string origin = UrlOrigin(path_or_url);
  if (!origin.empty() && origin == UrlOrigin(target_.base_url)) return std::string(path_or_url);
  return absl::InvalidArgumentError(
      core::StrCat("refusing to send ", target_.provider,
                   " credentials to a URL outside the connection's API origin"));
}

absl::StatusOr<http::UpstreamResponse> ConnectionApiClient::SendOnce(
    std::string_view method, const std::string& url, std::string_view json_body,
    const http::Headers& extra_headers, const std::string& authorization) {
  http::UpstreamRequest request;
  request.method = std::string(method);
  request.url = url;
  request.headers.Set("Accept", "application/json");
  if (!json_body.empty()) request.headers.Set("Content-Type", "application/json");
  for (const auto& field : extra_headers) request.headers.Set(field.first, field.second);
  request.headers.Set("Authorization", authorization);
  request.body = std::string(json_body);
  request.timeout = limits_.timeout;
  request.max_attempts = limits_.max_attempts;
  request.purpose = target_.connector_id;
  return http_.Send(request);
}

absl::StatusOr<http::UpstreamResponse> ConnectionApiClient::Send(std::string_view method,
                                                                 std::string_view path_or_url,
                                                                 std::string_view json_body,
                                                                 const http::Headers& extra_headers) {
  UCF_ASSIGN_OR_RETURN(std::string url, ResolveUrl(path_or_url));
  UCF_ASSIGN_OR_RETURN(std::string secret, credentials_.Current());
  if (credentials_.Refreshable()) {
    UCF_ASSIGN_OR_RETURN(http::UpstreamResponse first, SendOnce(method, url, json_body, extra_headers, secret));
    if (first.status != 401) {
      if (first.status >= 200 && first.status <= 299) return first;
      return http::StatusFromUpstream(first, target_.provider);
    }
    // The provider rejected the token before its expiry: refresh once (single-flight), retry once.
    UCF_ASSIGN_OR_RETURN(secret, credentials_.AfterRejected(secret));
  }
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       SendOnce(method, url, json_body, extra_headers, secret));
  if (response.status >= 200 && response.status <= 299) return response;
  return http::StatusFromUpstream(response, target_.provider);
}

}  // namespace ucf::connections
