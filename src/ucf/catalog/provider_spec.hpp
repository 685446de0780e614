#pragma once
// ProviderSpec: one provider's authentication facts, as the catalog file (config/providers.json,
// format in config/providers.md) states them. Plain values, immutable once loaded; safe to share
// between threads.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ucf/core/linear_pattern.hpp"

namespace ucf::catalog {

// Values for the placeholders of a provider's URL templates ("myDomain" → "acme"), as a tenant
// supplies them when connecting.
using UrlParams = std::map<std::string, std::string, std::less<>>;

// How the client authenticates at the token (and revocation) endpoint (RFC 6749 §2.3.1).
enum class ClientAuth {
  kBasic,  // Authorization: Basic base64(urlencode(id) ":" urlencode(secret))
  kPost,   // client_id and client_secret in the request body
};

// How the token request body is encoded.
enum class TokenRequestFormat {
  kForm,  // application/x-www-form-urlencoded (RFC 6749)
  kJson,  // application/json (what Atlassian documents)
};

// "basic" / "post", "form" / "json".
std::string_view ClientAuthName(ClientAuth auth);
std::string_view TokenRequestFormatName(TokenRequestFormat format);

// One placeholder of the provider's URL templates, e.g. Salesforce's "myDomain". Values are
// checked against `pattern` (ECMAScript, whole value) before they reach any URL.
struct UrlParamSpec {
  std::string name;
  std::string description;
  std::string pattern;
  std::string example;
  bool required = true;
  // `pattern`, compiled at load into a linear-time matcher (core::LinearPattern): values come
  // from tenants, so no backtracking engine ever sees them.
  std::shared_ptr<const core::LinearPattern> regex;

  bool Matches(std::string_view value) const;
  // Compiles `pattern` into `regex`; why it cannot, on failure.
  std::optional<std::string> Compile();
};

// What to read from the token endpoint's success response beyond RFC 6749 §5.1.
struct TokenResponseSpec {
  std::string expires_in_field = "expires_in";  // seconds until the access token expires
  std::vector<std::string> keep_fields;         // extra fields kept with the connection
                                                // (e.g. Salesforce "instance_url")
};

struct OAuthSpec {
  std::string authorize_url;                // URL template
  std::string token_url;                    // URL template
  std::optional<std::string> revoke_url;    // URL template of an RFC 7009 endpoint
  std::optional<std::string> userinfo_url;  // URL template (informational)
  std::vector<std::string> default_scopes;
  std::string scope_separator = " ";
  std::vector<std::pair<std::string, std::string>> extra_authorize_params;  // in file order
  bool pkce = true;  // send an S256 code challenge
  ClientAuth client_auth = ClientAuth::kBasic;
  TokenRequestFormat token_request_format = TokenRequestFormat::kForm;
  bool refresh_tokens = true;  // the provider issues refresh tokens
  TokenResponseSpec token_response;
};

// A step run once after the code exchange, before the connection is saved.
struct PostConnectStep {
  // "atlassian_accessible_resources": GET `url` with the new access token, pick the site (the
  // "site" URL parameter chooses when several come back), output cloudId, siteUrl, siteName.
  std::string type;
  std::string url;             // URL template
  std::string scope_contains;  // keep only resources whose scopes mention this (e.g. "jira")
};

// The provider's rate-limit response headers (names as the provider sends them; empty = none).
struct RateLimitSpec {
  std::string retry_after_header = "Retry-After";
  std::string limit_header;
  std::string remaining_header;
  std::string reset_header;
  std::string reset_format;  // "epoch_seconds", "iso8601" or "delta_seconds" when reset_header
  std::string usage_header;  // e.g. Salesforce "Sforce-Limit-Info: api-usage=25/5000"
};

struct ProviderSpec {
  std::string id;  // the connector id, e.g. "jira"
  std::string display_name;
  std::string description;
  std::vector<std::string> auth_methods;  // "oauth2", "api_key", "basic", "personal_token"
  std::optional<OAuthSpec> oauth;         // present iff auth_methods has "oauth2"
  // The API root for calls with the connection's credentials, a URL template over the URL
  // parameters and post-connect outputs (e.g. "https://api.atlassian.com/ex/jira/{cloudId}").
  std::string api_base_url;
  std::vector<UrlParamSpec> url_params;
  std::vector<PostConnectStep> post_connect;
  RateLimitSpec rate_limit;

  bool SupportsAuthMethod(std::string_view method) const;
  const UrlParamSpec* FindUrlParam(std::string_view name) const;
};

}  // namespace ucf::catalog
