#pragma once
// Sleeper: the seam for waiting between retries, so tests never sleep for real.

#include <chrono>
#include <mutex>
#include <vector>

#include "ucf/core/clock.hpp"

namespace ucf::http {

// Blocks the calling thread for a duration. Thread-safe.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void Sleep(std::chrono::milliseconds duration) = 0;
};

// std::this_thread::sleep_for.
class RealSleeper final : public Sleeper {
 public:
  void Sleep(std::chrono::milliseconds duration) override;
};

// Returns at once, recording each requested wait and, when given a FakeClock (which must outlive
// it), advancing that clock by the wait. Thread-safe.
class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(core::FakeClock* clock = nullptr) : clock_(clock) {}

  void Sleep(std::chrono::milliseconds duration) override;

  std::vector<std::chrono::milliseconds> sleeps() const;
  std::chrono::milliseconds total() const;

 private:
  core::FakeClock* clock_;
  mutable std::mutex mu_;
  std::vector<std::chrono::milliseconds> sleeps_;  // guarded by mu_
};

}  // namespace ucf::http
