#pragma once
// RetryingHttpClient: an HttpClient decorator that repeats retryable outcomes (retry_policy.hpp).
//
// Stops at max_attempts (or the request's own lower max_attempts), or as soon as the next wait would push the sum of waits past
// max_total_wait (a server asking for longer than the remaining budget ends the loop at once);
// then the last response or error is returned unchanged, so callers see the real 429/503 and its
// headers. Waits through the injected Sleeper; reads the time (for HTTP-date and epoch reset
// headers) from the injected Clock.
//
// Thread-safe when `inner`, `sleeper` and `random` are (all provided ones are). Does not own its
// dependencies: each must outlive the client.

#include "ucf/core/clock.hpp"
#include "ucf/http/client/http_client.hpp"
#include "ucf/http/client/random_source.hpp"
#include "ucf/http/client/retry_policy.hpp"
#include "ucf/http/client/sleeper.hpp"
#include "ucf/observability/metrics.hpp"

namespace ucf::http {

class RetryingHttpClient final : public HttpClient {
 public:
  // With `metrics`: ucf_upstream_retries_total{reason: rate_limited | server_error | transport}
  // and ucf_upstream_rate_limit_wait_seconds_total (time slept because the provider said 429).
  RetryingHttpClient(HttpClient& inner, RetryOptions options, const core::Clock& clock,
                     Sleeper& sleeper, RandomSource& random,
                     observability::MetricsRegistry* metrics = nullptr);

  absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) override;

 private:
  HttpClient& inner_;
  const RetryPolicy policy_;
  const core::Clock& clock_;
  Sleeper& sleeper_;
  RandomSource& random_;
  observability::CounterFamily* retries_ = nullptr;
  observability::CounterFamily* rate_limit_wait_ = nullptr;
};

}  // namespace ucf::http
