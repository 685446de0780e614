#pragma once
// Calls to a provider's token endpoint (code exchange RFC 6749 §4.1.3, refresh §6) and
// revocation endpoint (RFC 7009), shaped by its ProviderSpec: URL templates filled from the
// connection's URL parameters, client authentication "basic" or "post", form or JSON body.
//
// Every request: POST, "Accept: application/json", the spec's timeout, no redirects followed (the
// HttpClient never follows them). Secrets (code, verifier, client secret, tokens) travel only in
// the request body or Authorization header, never in a URL or an error message.
//
// Thread-safe when the HttpClient is.

#include <chrono>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/auth/oauth/oauth_client.hpp"
#include "ucf/auth/oauth/token_response.hpp"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"

namespace ucf::auth::oauth {

class TokenEndpoint {
 public:
  TokenEndpoint(http::HttpClient& http, const core::Clock& clock,
                std::chrono::milliseconds timeout = std::chrono::seconds(15))
      : http_(http), clock_(clock), timeout_(timeout) {}

  // grant_type=authorization_code with `code`, `redirect_uri` and, when given, `code_verifier`.
  // Errors: ParseTokenResponse's, InvalidArgument when the token URL cannot be filled from
  // `url_params`, FailedPrecondition when the spec has no oauth section, the HttpClient's
  // transport errors.
  absl::StatusOr<TokenResponse> ExchangeCode(const catalog::ProviderSpec& spec,
                                             const catalog::UrlParams& url_params,
                                             const OAuthClient& client, std::string_view code,
                                             std::string_view redirect_uri,
                                             std::optional<std::string_view> code_verifier);

  // grant_type=refresh_token. Same errors; a rejected refresh token is InvalidArgument whose
  // OAuthErrorOf is "invalid_grant".
  absl::StatusOr<TokenResponse> Refresh(const catalog::ProviderSpec& spec,
                                        const catalog::UrlParams& url_params,
                                        const OAuthClient& client, std::string_view refresh_token);

  // RFC 7009: token=<token>&token_type_hint=<hint>, always form-encoded. OK on 2xx.
  // Unimplemented when the spec has no revokeUrl; otherwise the endpoint's error as a Status
  // (OAuth error bodies as in ParseTokenResponse, else StatusFromUpstream).
  absl::Status Revoke(const catalog::ProviderSpec& spec,
                      const catalog::UrlParams& url_params, const OAuthClient& client,
                      std::string_view token, std::string_view token_type_hint);

 private:
  absl::StatusOr<http::UpstreamResponse> Post(const catalog::ProviderSpec& spec,
                                              std::string_view url, const OAuthClient& client,
                                              FormParams params, bool json_body);
  absl::StatusOr<TokenResponse> Request(const catalog::ProviderSpec& spec,
                                        const catalog::UrlParams& url_params,
                                        const OAuthClient& client, FormParams params,
                                        std::string_view action);

  http::HttpClient& http_;
  const core::Clock& clock_;
  std::chrono::milliseconds timeout_;
};

}  // namespace ucf::auth::oauth
