#pragma once
// How sync treats a provider error (the codes ApiClient::Send returns, connectors/connector.hpp):
//   retryable   Unavailable, DeadlineExceeded, ResourceExhausted (rate limit after the client's own
//               retries), Aborted: the page is asked again after a back-off
//   auth        Unauthenticated, or FailedPrecondition with details.reason "needs_reauth": the run
//               fails at once and the connection is marked needs_reauth
//   otherwise   the run fails at once.
// Back-off: full jitter, attempt n (0-based) waits u × min(max, base × 2^n) for a draw u in [0, 1).
// Pure; thread-safe.

#include <chrono>

#include "absl/status/status.h"

namespace ucf::sync {

struct RetryPolicy {
  int attempts = 5;  // provider calls per page, the first included
  std::chrono::milliseconds base{500};
  std::chrono::milliseconds max{15'000};
};

bool IsRetryable(const absl::Status& status);
bool IsAuthFailure(const absl::Status& status);
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double u);

}  // namespace ucf::sync
