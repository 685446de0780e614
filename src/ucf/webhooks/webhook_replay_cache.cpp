#include "ucf/webhooks/webhook_replay_cache.hpp"

namespace ucf::webhooks {

void WebhookReplayCache::PurgeExpired(core::TimePoint now) {
  while (!by_expiry_.empty() && by_expiry_.begin()->first < now) {
    seen_.erase(by_expiry_.begin()->second);
    by_expiry_.erase(by_expiry_.begin());
  }
}

absl::Status WebhookReplayCache::FirstUse(std::string_view key, core::TimePoint expires,
                                          core::TimePoint now) {
  std::lock_guard<std::mutex> lock(mu_);
  PurgeExpired(now);
  if (seen_.contains(std::string(key))) {
    return absl::UnauthenticatedError("webhook signature refused: this token was already used");
  }
  if (seen_.size() >= capacity_) {
    return absl::UnavailableError("too many webhook deliveries at once; retry later");
  }
  seen_.emplace(std::string(key), expires);
  by_expiry_.emplace(expires, std::string(key));
  return absl::OkStatus();
}

std::size_t WebhookReplayCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_.size();
}

}  // namespace ucf::webhooks
