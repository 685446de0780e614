#include "ucf/http/client/retrying_http_client.hpp"

#include <algorithm>

namespace ucf::http {

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, RetryOptions options, const core::Clock& clock,
                                       Sleeper& sleeper, RandomSource& random,
                                       observability::MetricsRegistry* metrics)
    : inner_(inner), policy_(options), clock_(clock), sleeper_(sleeper), random_(random) {
  if (metrics != nullptr) {
    retries_ = &metrics->Counter("ucf_upstream_retries_total", "Provider calls repeated, by why", {"reason"});
    rate_limit_wait_ = &metrics->Counter("ucf_upstream_rate_limit_wait_seconds_total",
                                         "Time spent waiting because a provider answered 429", {});
  }
}

absl::StatusOr<UpstreamResponse> RetryingHttpClient::Send(const UpstreamRequest& request) {
  const RetryOptions& options = policy_.options();
  const int max_attempts = std::max(1, std::min(options.max_attempts, request.max_attempts.value_or(options.max_attempts)));
  std::chrono::milliseconds waited{0};
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<UpstreamResponse> outcome = inner_.Send(request);
    if (attempt >= max_attempts || !policy_.IsRetryable(request, outcome)) return outcome;
    std::chrono::milliseconds delay = policy_.Delay(outcome, attempt, clock_.Now(), random_);
    if (waited + delay > options.max_total_wait) return outcome;
    if (retries_ != nullptr) {
      bool limited = outcome.ok() && outcome->status == 429;
      retries_->Increment({limited ? "rate_limited" : outcome.ok() ? "server_error" : "transport"});
      if (limited) rate_limit_wait_->Increment({}, std::chrono::duration<double>(delay).count());
    }
    sleeper_.Sleep(delay);
    waited += delay;
  }
}

}  // namespace ucf::http
