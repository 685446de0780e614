#include "ucf/app/housekeeper.hpp"

#include "ucf/core/strings.hpp"

namespace ucf::app {

Housekeeper::Housekeeper(std::vector<Chore> chores, const observability::Logger& logger,
                         std::chrono::milliseconds interval)
    : chores_(std::move(chores)), logger_(logger), interval_(interval), thread_([this] { Run(); }) {}

Housekeeper::~Housekeeper() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Housekeeper::Run() {
  std::unique_lock lock(mu_);
  bool last = false;
  while (!last) {
    cv_.wait_for(lock, interval_, [this] { return stop_; });
    last = stop_;  // after stop, one more round
    lock.unlock();
    Round();
    lock.lock();
  }
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
