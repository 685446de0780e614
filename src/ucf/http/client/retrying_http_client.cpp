#include "ucf/http/client/retrying_http_client.hpp"

#include <algorithm>

namespace ucf::http {

absl::StatusOr<UpstreamResponse> RetryingHttpClient::Send(const UpstreamRequest& request) {
  const RetryOptions& options = policy_.options();
  const int max_attempts = std::max(1, std::min(options.max_attempts, request.max_attempts.value_or(options.max_attempts)));
  std::chrono::milliseconds waited{0};
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<UpstreamResponse> outcome = inner_.Send(request);
    if (attempt >= max_attempts || !policy_.IsRetryable(request, outcome)) return outcome;
    std::chrono::milliseconds delay = policy_.Delay(outcome, attempt, clock_.Now(), random_);
    if (waited + delay > options.max_total_wait) return outcome;
    sleeper_.Sleep(delay);
    waited += delay;
  }
}

}  // namespace ucf::http
