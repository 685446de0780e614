#include "ucf/http/client/retry_policy.hpp"

#include <algorithm>
#include <cmath>

#include "ucf/http/client/rate_limit_headers.hpp"

namespace ucf::http {

bool RetryPolicy::IsIdempotent(const UpstreamRequest& request) {
  const std::string& m = request.method;
  if (m == "GET" || m == "HEAD" || m == "OPTIONS" || m == "TRACE" || m == "PUT" || m == "DELETE") {
    return true;
  }
  return request.headers.Has("Idempotency-Key");
}

bool RetryPolicy::IsRetryable(const UpstreamRequest& request,
                              const absl::StatusOr<UpstreamResponse>& outcome) const {
  if (!outcome.ok()) {
    absl::StatusCode code = outcome.status().code();
    return (code == absl::StatusCode::kUnavailable ||
            code == absl::StatusCode::kDeadlineExceeded) &&
           IsIdempotent(request);
  }
  const UpstreamResponse& response = *outcome;
  if (response.status == 429 || response.status == 503 || IsRateLimited(response)) return true;
  if (response.status == 502 || response.status == 504) return IsIdempotent(request);
  return false;
}

std::chrono::milliseconds RetryPolicy::Delay(const absl::StatusOr<UpstreamResponse>& outcome,
                                             int retry, core::TimePoint now,
                                             RandomSource& random) const {
  if (outcome.ok()) {
    if (auto wanted = ServerRequestedDelay(*outcome, now)) return *wanted;
  }
  return Backoff(retry, random);
}

std::chrono::milliseconds RetryPolicy::Backoff(int retry, RandomSource& random) const {
  // 2^(retry-1) in floating point: no overflow however many retries are configured.
  double ceiling =
      static_cast<double>(options_.base_delay.count()) * std::pow(2.0, std::max(0, retry - 1));
  ceiling = std::clamp(
      ceiling, 0.0, static_cast<double>(std::max<std::int64_t>(0, options_.max_backoff.count())));
  return std::chrono::milliseconds(static_cast<std::int64_t>(ceiling * random.NextUnit()));
}

}  // namespace ucf::http
