#pragma once
// Housekeeper: small periodic chores on a core::PeriodicTask every `interval` — flushing the
// API keys' last-use times (authentication itself never writes) and purging expired OAuth states.
// A failing chore is logged and retried at the next tick. Stopped on destruction after one last
// round (so last uses noted just before shutdown are stored), then joined.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/core/periodic_task.hpp"
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
  void Round();

  std::vector<Chore> chores_;
  const observability::Logger& logger_;
  std::optional<core::PeriodicTask> task_;  // last: stopped before the chores it runs
};

}  // namespace ucf::app
