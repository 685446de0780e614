#include "ucf/auth/oauth/token_endpoint.hpp"

#include "boost/json/serialize.hpp"
#include "ucf/auth/oauth/form_encoding.hpp"
#include "ucf/catalog/url_template.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::auth::oauth {
namespace {

using catalog::ClientAuth;
using catalog::ProviderSpec;
using catalog::TokenRequestFormat;
using catalog::UrlParams;

absl::Status NoOAuth(const ProviderSpec& spec) {
  return absl::FailedPreconditionError(
      core::StrCat("connector ", spec.id, " does not support OAuth 2.0"));
}

}  // namespace

absl::StatusOr<http::UpstreamResponse> TokenEndpoint::Post(const ProviderSpec& spec,
                                                           std::string_view url,
                                                           const OAuthClient& client,
                                                           FormParams params, bool json_body) {
  http::UpstreamRequest request;
  request.method = "POST";
  request.url = std::string(url);
  request.timeout = timeout_;
  request.headers.Set("Accept", "application/json");
  bool basic = spec.oauth->client_auth == ClientAuth::kBasic && !client.client_secret.empty();
  if (basic) {
    request.headers.Set("Authorization",
                        BasicAuthorization(client.client_id, client.client_secret));
  } else {
    params.emplace_back("client_id", client.client_id);
    if (!client.client_secret.empty()) params.emplace_back("client_secret", client.client_secret);
  }
  if (json_body) {
    boost::json::object body;
    for (const auto& [k, v] : params) body[k] = v;
    request.headers.Set("Content-Type", "application/json");
    request.body = boost::json::serialize(body);
  } else {
    request.headers.Set("Content-Type", "application/x-www-form-urlencoded");
    request.body = EncodeFormParams(params);
  }
  return http_.Send(request);
}

absl::StatusOr<TokenResponse> TokenEndpoint::Request(const ProviderSpec& spec,
                                                     const UrlParams& url_params,
                                                     const OAuthClient& client, FormParams params,
                                                     std::string_view action) {
  if (!spec.oauth) return NoOAuth(spec);
  UCF_ASSIGN_OR_RETURN(std::string url,
                       catalog::ExpandUrlTemplate(spec.oauth->token_url, url_params));
  bool json = spec.oauth->token_request_format == TokenRequestFormat::kJson;
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       Post(spec, url, client, std::move(params), json));
  return ParseTokenResponse(response, spec, action, clock_.Now());
}

absl::StatusOr<TokenResponse> TokenEndpoint::ExchangeCode(
    const ProviderSpec& spec, const UrlParams& url_params, const OAuthClient& client,
    std::string_view code, std::string_view redirect_uri,
    std::optional<std::string_view> code_verifier) {
  FormParams params = {{"grant_type", "authorization_code"},
                       {"code", std::string(code)},
                       {"redirect_uri", std::string(redirect_uri)}};
  if (code_verifier) params.emplace_back("code_verifier", std::string(*code_verifier));
  return Request(spec, url_params, client, std::move(params), "authorization code");
}

absl::StatusOr<TokenResponse> TokenEndpoint::Refresh(const ProviderSpec& spec,
                                                     const UrlParams& url_params,
                                                     const OAuthClient& client,
                                                     std::string_view refresh_token) {
  FormParams params = {{"grant_type", "refresh_token"},
                       {"refresh_token", std::string(refresh_token)}};
  return Request(spec, url_params, client, std::move(params), "refresh token");
}

absl::Status TokenEndpoint::Revoke(const ProviderSpec& spec, const UrlParams& url_params,
                                   const OAuthClient& client, std::string_view token,
                                   std::string_view token_type_hint) {
  if (!spec.oauth) return NoOAuth(spec);
  if (!spec.oauth->revoke_url) {
    return absl::UnimplementedError(
        core::StrCat(spec.display_name, " has no token revocation endpoint"));
  }
  UCF_ASSIGN_OR_RETURN(std::string url,
                       catalog::ExpandUrlTemplate(*spec.oauth->revoke_url, url_params));
  FormParams params = {{"token", std::string(token)},
                       {"token_type_hint", std::string(token_type_hint)}};
  UCF_ASSIGN_OR_RETURN(http::UpstreamResponse response,
                       Post(spec, url, client, std::move(params), /*json_body=*/false));
  if (response.status >= 200 && response.status <= 299) return absl::OkStatus();
  // Reuse the error reading of token responses (OAuth error body, else the HTTP status).
  return ParseTokenResponse(response, spec, "token revocation", clock_.Now()).status();
}

}  // namespace ucf::auth::oauth
