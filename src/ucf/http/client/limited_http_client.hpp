#pragma once
// LimitedHttpClient: an HttpClient decorator that holds a ConcurrencyLimiter permit for `key`
// around each Send.
//
// Cheap to construct: build one per connection (key = connection id) over the shared client and
// limiter. Recommended stack: LimitedHttpClient(RetryingHttpClient(CurlHttpClient)) — a call
// keeps its permit while it backs off, so a rate-limited provider sees no new calls from that
// connection meanwhile, and a refused permit (ResourceExhausted, 429) is returned at once, never
// waited for and never retried.
//
// Thread-safe. Does not own `inner` or `limiter`; both must outlive it.

#include <optional>
#include <string>

#include "ucf/http/client/concurrency_limiter.hpp"
#include "ucf/http/client/http_client.hpp"

namespace ucf::http {

class LimitedHttpClient final : public HttpClient {
 public:
  // `max_in_flight` overrides the limiter's default limit for this key.
  LimitedHttpClient(HttpClient& inner, ConcurrencyLimiter& limiter, std::string key,
                    std::optional<int> max_in_flight = std::nullopt)
      : inner_(inner), limiter_(limiter), key_(std::move(key)), max_in_flight_(max_in_flight) {}

  // The limiter's ResourceExhausted when the key is at its limit; otherwise `inner`'s outcome.
  absl::StatusOr<UpstreamResponse> Send(const UpstreamRequest& request) override;

 private:
  HttpClient& inner_;
  ConcurrencyLimiter& limiter_;
  const std::string key_;
  const std::optional<int> max_in_flight_;
};

}  // namespace ucf::http
