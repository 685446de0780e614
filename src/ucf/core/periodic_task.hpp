#pragma once
// PeriodicTask: the one primitive for background loops (webhook keep-alive, purges, retention…).
// It runs `fn` on a thread of its own: first after `first_delay`, then again `interval` after each
// run ends, every wait stretched or shrunk by a random factor in [1 - jitter, 1 + jitter] so that
// several instances started together do not fire in lock-step.
//
// Stop is cooperative: Stop() (or the destructor) wakes a waiting thread at once and joins it; a
// run in progress finishes first — `fn` receives a std::stop_token and should return early when a
// stop is requested (e.g. between batches). Wake() starts the next run now instead of at the end of
// the wait. `fn` must not throw. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>
#include <stop_token>
#include <string>
#include <thread>

namespace ucf::core {

struct PeriodicTaskOptions {
  std::chrono::milliseconds interval{60'000};
  std::chrono::milliseconds first_delay{0};
  double jitter = 0.1;  // 0..0.5: each wait is interval × [1 - jitter, 1 + jitter]
};

class PeriodicTask {
 public:
  PeriodicTask(PeriodicTaskOptions options, std::function<void(std::stop_token)> fn);
  ~PeriodicTask();

  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Wake();
  void Stop();

  // The wait before the next run for a uniform draw `u` in [0, 1): interval × (1 - jitter +
  // 2 × jitter × u), never below 1 ms. Exposed for tests.
  static std::chrono::milliseconds JitteredWait(std::chrono::milliseconds interval, double jitter,
                                                double u);

 private:
  void Run(std::stop_token stop);
  // Waits up to `wait` or until woken or stopped; true when stopped.
  bool Sleep(std::stop_token& stop, std::chrono::milliseconds wait);

  PeriodicTaskOptions options_;
  std::function<void(std::stop_token)> fn_;
  std::mutex mu_;
  std::condition_variable_any cv_;
  bool woken_ = false;
  std::mt19937_64 random_;
  std::jthread thread_;  // last: started after every other member exists
};

}  // namespace ucf::core
