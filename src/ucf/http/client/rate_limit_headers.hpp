#pragma once
// Reading a provider's "wait before retrying" signals from response headers.
//
// Accepted, first usable one wins:
//   Retry-After          delta-seconds ("30", fractions such as "1.5" tolerated) or an HTTP-date
//   X-RateLimit-Reset,   (only when the response is rate limited, see IsRateLimited: these headers
//   X-Rate-Limit-Reset,   ride on every GitHub response and say nothing about a 502)
//   RateLimit-Reset        an integer >= 10^12 is epoch milliseconds, >= 10^9 epoch seconds
//                          (GitHub, Jira), anything smaller delta-seconds (the IETF RateLimit-Reset
//                          draft); or an RFC 3339 / ISO 8601 timestamp, seconds optional
//                          ("2026-03-26T16:00Z", as Atlassian sends)
// A moment already past means "no wait" (zero). Pure; thread-safe.

#include <chrono>
#include <optional>

#include "ucf/core/clock.hpp"
#include "ucf/http/client/upstream_response.hpp"
#include "ucf/http/headers.hpp"

namespace ucf::http {

// 429, or 403 with "X-RateLimit-Remaining: 0" (GitHub's primary rate limit answers 403), or 403
// with Retry-After or a body (first 4 KiB) saying "secondary rate limit" (GitHub's secondary
// rate limit).
bool IsRateLimited(const UpstreamResponse& response);

// The wait the headers ask for, rounded up to whole milliseconds; nullopt when none is usable.
// Reset headers are consulted only when `include_reset_headers`.
std::optional<std::chrono::milliseconds> ServerRequestedDelay(const Headers& headers,
                                                              core::TimePoint now,
                                                              bool include_reset_headers);

// ServerRequestedDelay for `response`, reading reset headers when IsRateLimited(response).
std::optional<std::chrono::milliseconds> ServerRequestedDelay(const UpstreamResponse& response,
                                                              core::TimePoint now);

}  // namespace ucf::http
