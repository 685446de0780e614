#pragma once
// Verifying inbound provider webhooks. Two schemes, as Jira Cloud uses them:
//   - dynamic webhooks of OAuth 2.0 apps: "Authorization: Bearer <JWT>", HS256-signed with the
//     OAuth app's client secret (VerifyHs256Jwt: alg must be HS256 — "none" and others are
//     refused —, signature constant-time, exp (when present) not in the past);
//   - webhooks with a shared secret: "X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>"
//     (HubSignatureMatches).
// Pure functions; thread-safe.

#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"

namespace ucf::webhooks {

// The JWT's claims when valid; Unauthenticated naming what is wrong otherwise.
absl::StatusOr<boost::json::object> VerifyHs256Jwt(std::string_view jwt, std::string_view secret,
                                                   core::TimePoint now);

bool HubSignatureMatches(std::string_view header, std::string_view secret, std::string_view body);

// For tests and for providers we sign for: "sha256=<hex>".
std::string HubSignature(std::string_view secret, std::string_view body);

}  // namespace ucf::webhooks
