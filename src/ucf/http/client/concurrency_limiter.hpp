#pragma once
// ConcurrencyLimiter: at most N calls in flight per key (a connection id).
//
// Acquire(key) returns a Permit at once when fewer than the limit are out for `key`, otherwise it
// refuses at once with ResourceExhausted (details {"reason": "concurrency_limit", "limit": N,
// "retryAfterSeconds": 1}, answered as 429 + Retry-After). It never waits: callers run on the
// upstream request pool, and a thread parked behind a slow connection's permits would be a thread
// taken from every other tenant. Keys are independent: a saturated key never affects another.
// State for a key is dropped when nothing holds it, so unbounded key sets do not leak.
//
// Thread-safe. Permits must be released (destroyed) before the limiter.

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::http {

struct ConcurrencyLimiterOptions {
  int max_in_flight = 8;  // default limit per key; at least 1
};

class ConcurrencyLimiter {
 public:
  // One unit of a key's capacity; released on destruction. Movable, not copyable.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : limiter_(other.limiter_), key_(std::move(other.key_)) {
      other.limiter_ = nullptr;
    }
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    ~Permit();

   private:
    friend class ConcurrencyLimiter;
    Permit(ConcurrencyLimiter* limiter, std::string key)
        : limiter_(limiter), key_(std::move(key)) {}

    ConcurrencyLimiter* limiter_;
    std::string key_;
  };

  explicit ConcurrencyLimiter(ConcurrencyLimiterOptions options = {}) : options_(options) {}
  ConcurrencyLimiter(const ConcurrencyLimiter&) = delete;
  ConcurrencyLimiter& operator=(const ConcurrencyLimiter&) = delete;

  // With the default limit.
  absl::StatusOr<Permit> Acquire(std::string_view key);
  // With `max_in_flight` (at least 1) for this call; callers of one key should agree on it.
  absl::StatusOr<Permit> Acquire(std::string_view key, int max_in_flight);

  // Permits currently held for `key`.
  int InFlight(std::string_view key) const;

 private:
  void Release(const std::string& key);

  const ConcurrencyLimiterOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, int, std::less<>> in_flight_;  // guarded by mu_; only keys with permits out
};

}  // namespace ucf::http
