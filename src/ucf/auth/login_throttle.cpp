#include "ucf/auth/login_throttle.hpp"

namespace ucf::auth {

LoginThrottle::LoginThrottle(const core::Clock& clock, int max_failures,
                             std::chrono::seconds window)
    : clock_(clock), max_failures_(max_failures), window_(window) {}

std::optional<int> LoginThrottle::RetryAfter(const std::string& client) {
  core::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);
  auto it = entries_.find(client);
  if (it == entries_.end()) return std::nullopt;
  auto end = it->second.window_start + window_;
  if (now >= end) {
    entries_.erase(it);
    return std::nullopt;
  }
  if (it->second.failures < max_failures_) return std::nullopt;
  // Rounded up: a client that waits exactly this long is let in.
  auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return static_cast<int>(left < 1 ? 1 : left);
}

void LoginThrottle::RecordFailure(const std::string& client) {
  core::TimePoint now = clock_.Now();
  std::lock_guard lock(mu_);
  if (entries_.size() > 10'000) PruneLocked(now);
  Entry& e = entries_[client];
  if (e.failures == 0 || now >= e.window_start + window_) {
    e.window_start = now;
    e.failures = 0;
  }
  ++e.failures;
}

void LoginThrottle::PruneLocked(core::TimePoint now) {
  std::erase_if(entries_, [&](const auto& e) { return now >= e.second.window_start + window_; });
}

}  // namespace ucf::auth
