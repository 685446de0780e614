#include "ucf/app/housekeeper.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::app {

Housekeeper::Housekeeper(std::vector<Chore> chores, const observability::Logger& logger,
                         std::chrono::milliseconds interval)
    : chores_(std::move(chores)), logger_(logger) {
  task_.emplace(core::PeriodicTaskOptions{.interval = interval, .first_delay = interval, .jitter = 0.1},
                [this](std::stop_token) { Round(); });
}

Housekeeper::~Housekeeper() {
  task_.reset();  // stops and joins (a round in progress finishes)
  Round();        // one last round, so last uses noted just before shutdown are stored
}

void Housekeeper::Round() {
  for (const Chore& chore : chores_) {
    absl::StatusOr<std::int64_t> done = chore.run();
    if (!done.ok()) {
      logger_.Warn("ucf.housekeeping", "housekeeping chore failed",
                   {{"chore", chore.name}, {"error", core::ToStd(done.status().message())}});
    } else if (*done > 0) {
      logger_.Debug("ucf.housekeeping", "housekeeping chore done",
                    {{"chore", chore.name}, {"count", *done}});
    }
  }
}

}  // namespace ucf::app
