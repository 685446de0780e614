#pragma once
// WebhookReplayCache: remembers the inbound webhook tokens (JWTs) seen while they are valid, so a
// token captured and sent again is refused even though its signature and times still check out.
// Key: the token's `jti` when it has one, else the SHA-256 of the whole token (the caller decides).
//
// In memory and per process: a second UCF process (or this one after a restart) does not know
// what the first one saw, so behind several replicas a replay to another replica inside the
// token's few minutes of validity is not detected. Bounded: at most `capacity` live entries;
// expired ones are purged as new ones arrive, and when every slot holds a live token the new one is
// refused (Unavailable, so the provider retries later) rather than forgetting a live one.
// Thread-safe.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "absl/status/status.h"
#include "ucf/core/clock.hpp"

namespace ucf::webhooks {

class WebhookReplayCache {
 public:
  explicit WebhookReplayCache(std::size_t capacity = 100'000) : capacity_(capacity) {}

  // OK the first time `key` is seen before `expires`; Unauthenticated "replayed" when it was seen
  // already and has not expired; Unavailable when the cache is full of live tokens.
  absl::Status FirstUse(std::string_view key, core::TimePoint expires, core::TimePoint now);

  std::size_t size() const;

 private:
  void PurgeExpired(core::TimePoint now);  // mu_ held

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, core::TimePoint> seen_;
  std::multimap<core::TimePoint, std::string> by_expiry_;
};

}  // namespace ucf::webhooks
