#pragma once
// Verifying inbound provider webhooks. Two schemes, as Jira Cloud uses them:
//   - dynamic webhooks of OAuth 2.0 apps: "Authorization: Bearer <JWT>", HS256-signed with the
//     OAuth app's client secret (VerifyHs256Jwt, below);
//   - webhooks with a shared secret: "X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>"
//     (HubSignatureMatches); GitHub sends the same value as X-Hub-Signature-256.
// Pure functions; thread-safe. The replay cache is webhook_replay_cache.hpp.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::webhooks {

// What an inbound JWT must match besides its signature.
struct JwtExpectations {
  std::vector<std::string> issuers;  // accepted `iss` values (the OAuth app's client id); none: refused
  std::string method;                // the inbound request's method, e.g. "POST" (for qsh)
  std::string target;                // its raw target "/path?query" as received (for qsh)
  std::chrono::seconds clock_skew{60};
  std::chrono::seconds max_lifetime{3600};  // exp - iat and exp - now may not exceed it
};

// The token's claims when all of this holds, else Unauthenticated naming what is wrong:
//   - header alg is HS256 ("none" and others are refused); signature checked in constant time;
//   - `exp` and `iat` are present and numeric: iat <= now + skew, now <= exp + skew,
//     iat <= exp, exp - iat <= max_lifetime (a token valid for longer is refused: the replay
//     cache must be able to remember it for its whole life);
//   - `iss` is one of `issuers`;
//   - `qsh`, when present, is the query string hash of this request (QueryStringHash). Atlassian
//     documents qsh for Connect JWTs; "context-qsh" marks a context token that is not bound to any
//     request (issued to browsers), never a server-to-server call such as a webhook: refused.
//     OAuth 2.0 webhook tokens may carry no qsh: accepted without one.
absl::StatusOr<boost::json::object> VerifyHs256Jwt(std::string_view jwt, std::string_view secret,
                                                   core::TimePoint now,
                                                   const JwtExpectations& expect);

// Atlassian's canonical request "METHOD&canonical-uri&canonical-query" of `target` ("/path?query",
// raw as received): method upper-cased; the path without a trailing "/" ("/" when empty) and "&"
// as "%26"; the query parameters except `jwt`, percent-decoded ('+' is a space) and re-encoded
// (RFC 3986 unreserved kept, uppercase hex), sorted by name, the values of a repeated name sorted
// and joined with ",", joined with "&".
std::string CanonicalRequest(std::string_view method, std::string_view target);
// Lower-case hex SHA-256 of CanonicalRequest: the `qsh` claim.
std::string QueryStringHash(std::string_view method, std::string_view target);

bool HubSignatureMatches(std::string_view header, std::string_view secret, std::string_view body);

// For tests and for providers we sign for: "sha256=<hex>".
std::string HubSignature(std::string_view secret, std::string_view body);

}  // namespace ucf::webhooks
