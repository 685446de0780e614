#pragma once
// ConcurrencyLimiter: at most N calls in flight per key (a connection id), first come first
// served.
//
// Acquire(key) returns a Permit at once when fewer than the limit are out for `key`, otherwise
// waits in FIFO order; after `acquire_timeout` it gives up with Unavailable (details
// {"reason": "concurrency_limit", "limit": N}). Keys are independent: a saturated key never delays
// another. State for a key is dropped when nothing holds or waits for it, so unbounded key sets
// do not leak.
//
// Thread-safe. Permits must be released (destroyed) before the limiter.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ucf::http {

struct ConcurrencyLimiterOptions {
  int max_in_flight = 8;  // default limit per key; at least 1
  std::chrono::milliseconds acquire_timeout{30'000};
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
  struct KeyState {
    int in_flight = 0;
    std::uint64_t next_ticket = 0;
    std::deque<std::uint64_t> queue;  // tickets of waiting callers, oldest first
    std::condition_variable cv;
  };

  void Release(const std::string& key);
  void DropIfIdle(std::map<std::string, KeyState, std::less<>>::iterator it);

  const ConcurrencyLimiterOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, KeyState, std::less<>> keys_;  // guarded by mu_; nodes are stable
};

}  // namespace ucf::http
