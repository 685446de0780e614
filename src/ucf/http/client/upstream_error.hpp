#pragma once
// StatusFromUpstream: a provider's HTTP error response as a canonical Status.
//
//   2xx                          OK
//   400, 413, 422                InvalidArgument
//   401                          Unauthenticated (connectors refresh the token and retry once)
//   403                          PermissionDenied, or ResourceExhausted when rate limited
//                                (X-RateLimit-Remaining: 0, see rate_limit_headers.hpp)
//   404, 410                     NotFound
//   408                          DeadlineExceeded
//   409                          Aborted (a conflict; the HTTP mapping answers 409 as for
//                                AlreadyExists)
//   412                          FailedPrecondition
//   429                          ResourceExhausted
//   501                          Unimplemented
//   other 5xx                    Unavailable
//   anything else (1xx, 3xx,     Unknown
//   other 4xx)
// Message: "<provider> returned HTTP <status>[: <provider message>]", where the provider message
// is ExtractProviderMessage(body), scrubbed of secrets (secret_scrubber.hpp) and truncated to 300
// bytes. Details: {"provider", "upstreamStatus", "upstreamMessage"} plus, when rate limited and the
// headers say how long to wait, "retryAfterSeconds" (rounded up) as core::RateLimited sets it.
// Pure; thread-safe.

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/upstream_response.hpp"

namespace ucf::http {

inline constexpr std::size_t kMaxUpstreamMessageBytes = 300;

// `now` resolves HTTP-date and epoch reset headers into a retry-after.
absl::Status StatusFromUpstream(const UpstreamResponse& response, std::string_view provider,
                                core::TimePoint now);

// The same, reading the system clock.
absl::Status StatusFromUpstream(const UpstreamResponse& response, std::string_view provider);

}  // namespace ucf::http
