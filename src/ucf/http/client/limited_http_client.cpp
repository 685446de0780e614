#include "ucf/http/client/limited_http_client.hpp"

namespace ucf::http {

absl::StatusOr<UpstreamResponse> LimitedHttpClient::Send(const UpstreamRequest& request) {
  absl::StatusOr<ConcurrencyLimiter::Permit> permit =
      max_in_flight_ ? limiter_.Acquire(key_, *max_in_flight_) : limiter_.Acquire(key_);
  if (!permit.ok()) return permit.status();
  return inner_.Send(request);
}

}  // namespace ucf::http
