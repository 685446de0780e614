#pragma once
// RetryPolicy: when an upstream call may be repeated, and how long to wait first.
//
// Retried outcomes:
//   429, 503                 always (the server did not process the request), and a 403 that
//                            IsRateLimited (GitHub's primary and secondary limits), always
//   502, 504                 only for idempotent requests (a gateway may have forwarded it)
//   Unavailable,             only for idempotent requests (the request may have been processed
//   DeadlineExceeded status    before the connection failed)
// Nothing else is retried: other statuses, and InvalidArgument, PermissionDenied (SSRF),
// ResourceExhausted (size cap), FailedPrecondition (TLS) errors.
// Idempotent: GET, HEAD, OPTIONS, TRACE, PUT, DELETE, and any request carrying an
// Idempotency-Key header.
//
// Delay before retry n (1-based): the server's wish when it states one (rate_limit_headers.hpp:
// Retry-After on any retried response, reset headers on rate-limited ones), used as is; otherwise
// exponential backoff with full jitter, uniform in [0, min(max_backoff, base_delay * 2^(n-1))].
// Immutable; thread-safe.

#include <chrono>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/http/client/random_source.hpp"
#include "ucf/http/client/upstream_request.hpp"
#include "ucf/http/client/upstream_response.hpp"

namespace ucf::http {

struct RetryOptions {
  int max_attempts = 4;  // first try included; 1 disables retries
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_backoff{10'000};     // cap of one computed backoff step
  std::chrono::milliseconds max_total_wait{30'000};  // cap of all waits of one Send together
};

class RetryPolicy {
 public:
  explicit RetryPolicy(RetryOptions options) : options_(options) {}

  static bool IsIdempotent(const UpstreamRequest& request);

  // Whether `outcome` of `request` is worth another attempt (ignoring attempt and wait caps).
  bool IsRetryable(const UpstreamRequest& request,
                   const absl::StatusOr<UpstreamResponse>& outcome) const;

  // The wait before retry number `retry` (1 = the first retry) after `outcome`.
  std::chrono::milliseconds Delay(const absl::StatusOr<UpstreamResponse>& outcome, int retry,
                                  core::TimePoint now, RandomSource& random) const;

  // The jittered exponential backoff alone.
  std::chrono::milliseconds Backoff(int retry, RandomSource& random) const;

  const RetryOptions& options() const { return options_; }

 private:
  RetryOptions options_;
};

}  // namespace ucf::http
