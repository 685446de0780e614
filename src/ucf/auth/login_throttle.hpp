#pragma once
// Slows down credential guessing: after `max_failures` failed authentications from one client
// address within `window`, that address is refused (429 + Retry-After) until the window that
// started with its first failure ends. Other addresses are unaffected. Thread-safe; memory is
// bounded by pruning expired entries.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "ucf/core/clock.hpp"

namespace ucf::auth {

class LoginThrottle {
 public:
  LoginThrottle(const core::Clock& clock, int max_failures = 10,
                std::chrono::seconds window = std::chrono::seconds(60));

  // Seconds to wait when `client` is currently locked out.
  std::optional<int> RetryAfter(const std::string& client);
  void RecordFailure(const std::string& client);

 private:
  struct Entry {
    core::TimePoint window_start;
    int failures = 0;
  };
  void PruneLocked(core::TimePoint now);

  const core::Clock& clock_;
  const int max_failures_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace ucf::auth
