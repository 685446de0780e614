#pragma once
// Reading a token endpoint's answer (RFC 6749 §5.1 success, §5.2 error).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/catalog/provider_spec.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/upstream_response.hpp"

namespace ucf::auth::oauth {

// A parsed success response. Holds secrets: never log or render it.
struct TokenResponse {
  std::string access_token;                        // SECRET
  std::optional<std::string> refresh_token;        // SECRET
  std::string token_type = "Bearer";               // "bearer" in any case is normalised to "Bearer"
  std::optional<std::int64_t> expires_in;          // seconds, > 0
  std::optional<core::TimePoint> expires_at;       // receipt time + expires_in
  std::optional<std::vector<std::string>> scopes;  // set when the provider sent "scope"
  boost::json::object extras;                      // the spec's keep fields that were present
};

// Parses `response` from the token endpoint of `spec`'s provider; `action` ("authorization code",
// "refresh token") words error messages; `now` is the receipt time.
//
// The body may be JSON or form-encoded (GitHub without Accept: application/json). Errors:
//   - an OAuth error body ({"error": ...}, even with HTTP 200 as GitHub sends it, and with 401/403
//     as Atlassian sends invalid_grant) → InvalidArgument "<Provider> rejected the <action>:
//     <error>[: <error_description>]", details {"provider", "oauthError",
//     "oauthErrorDescription"?, "upstreamStatus"}; the description is scrubbed of secrets and
//     truncated.
//   - any other non-2xx → StatusFromUpstream (5xx Unavailable, 429 ResourceExhausted, …).
//   - a 2xx without a usable access_token → Unavailable "<Provider> returned an unusable token
//     response: <what>" (never quoting the body).
absl::StatusOr<TokenResponse> ParseTokenResponse(const http::UpstreamResponse& response,
                                                 const catalog::ProviderSpec& spec,
                                                 std::string_view action, core::TimePoint now);

// The RFC 6749 error code ("invalid_grant", …) carried by a status from ParseTokenResponse or
// the token endpoint calls, or "" when it carries none.
std::string OAuthErrorOf(const absl::Status& status);

// Scopes from a "scope" value: split on spaces and commas (GitHub answers "repo,gist").
std::vector<std::string> SplitScopes(std::string_view scope);

}  // namespace ucf::auth::oauth
