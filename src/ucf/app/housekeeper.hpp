#pragma once
// Housekeeper: a background thread running small periodic chores every `interval` — flushing the
// API keys' last-use times (authentication itself never writes) and purging expired OAuth states.
// A failing chore is logged and retried at the next tick. Stopped on destruction after one last
// round (so last uses noted just before shutdown are stored), then joined.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/observability/logger.hpp"

namespace ucf::app {

struct Chore {
  std::string name;                                  // for the log
  std::function<absl::StatusOr<std::int64_t>()> run;  // how many things it did
};

class Housekeeper {
 public:
  // `logger` must outlive the housekeeper; so must whatever the chores use.
  Housekeeper(std::vector<Chore> chores, const observability::Logger& logger,
              std::chrono::milliseconds interval);
  ~Housekeeper();

 private:
  void Run();
  void Round();

  std::vector<Chore> chores_;
  const observability::Logger& logger_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace ucf::app
