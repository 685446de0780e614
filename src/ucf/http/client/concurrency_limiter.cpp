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
  std::unique_lock lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) it = keys_.try_emplace(std::string(key)).first;
  KeyState& state = it->second;
  if (state.queue.empty() && state.in_flight < limit) {
    ++state.in_flight;
    return Permit(this, std::string(key));
  }
  const std::uint64_t ticket = state.next_ticket++;
  state.queue.push_back(ticket);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  bool granted = state.cv.wait_until(
      lock, deadline, [&] { return state.queue.front() == ticket && state.in_flight < limit; });
  if (granted) {
    state.queue.pop_front();
    ++state.in_flight;
    // The next waiter may fit too (limits can differ between callers).
    state.cv.notify_all();
    return Permit(this, std::string(key));
  }
  state.queue.erase(std::find(state.queue.begin(), state.queue.end(), ticket));
  state.cv.notify_all();  // whoever is now at the front may proceed
  DropIfIdle(it);
  boost::json::object details{{"reason", "concurrency_limit"}, {"limit", limit}};
  return core::WithDetails(
      absl::UnavailableError(
          fmt::format("too many concurrent upstream calls for '{}' (limit {}); gave up after {} ms",
                      key, limit, options_.acquire_timeout.count())),
      details);
}

int ConcurrencyLimiter::InFlight(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  return it == keys_.end() ? 0 : it->second.in_flight;
}

void ConcurrencyLimiter::Release(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  // A permit exists only while its key's state does (DropIfIdle requires in_flight == 0).
  if (it == keys_.end()) return;
  --it->second.in_flight;
  it->second.cv.notify_all();
  DropIfIdle(it);
}

void ConcurrencyLimiter::DropIfIdle(std::map<std::string, KeyState, std::less<>>::iterator it) {
  if (it->second.in_flight == 0 && it->second.queue.empty()) keys_.erase(it);
}

}  // namespace ucf::http
