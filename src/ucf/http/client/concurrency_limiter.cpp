#include "ucf/http/client/concurrency_limiter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "boost/json/object.hpp"
#include "ucf/core/error_details.hpp"

namespace ucf::http {

ConcurrencyLimiter::Permit::~Permit() {
  if (limiter_ != nullptr) limiter_->Release(key_);
}

absl::StatusOr<ConcurrencyLimiter::Permit> ConcurrencyLimiter::Acquire(std::string_view key) {
  return Acquire(key, options_.max_in_flight);
}

absl::StatusOr<ConcurrencyLimiter::Permit> ConcurrencyLimiter::Acquire(std::string_view key,
                                                                       int max_in_flight) {
  const int limit = std::max(1, max_in_flight);
  {
    std::lock_guard lock(mu_);
    auto it = in_flight_.find(key);
    if (it == in_flight_.end()) it = in_flight_.try_emplace(std::string(key), 0).first;
    if (it->second < limit) {
      ++it->second;
      return Permit(this, std::string(key));
    }
  }
  boost::json::object details{{"reason", "concurrency_limit"}, {"limit", limit}, {"retryAfterSeconds", 1}};
  return core::WithDetails(
      absl::ResourceExhaustedError(fmt::format(
          "this connection already has {} provider calls in flight (UCF_UPSTREAM_MAX_CONCURRENCY); retry shortly",
          limit)),
      details);
}

int ConcurrencyLimiter::InFlight(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = in_flight_.find(key);
  return it == in_flight_.end() ? 0 : it->second;
}

void ConcurrencyLimiter::Release(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = in_flight_.find(key);
  if (it == in_flight_.end()) return;
  if (--it->second <= 0) in_flight_.erase(it);
}

}  // namespace ucf::http
