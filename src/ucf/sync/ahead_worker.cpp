#include "ucf/sync/ahead_worker.hpp"

#include <utility>

namespace ucf::sync {

AheadWorker::AheadWorker() : thread_([this](std::stop_token stop) { Loop(stop); }) {}

AheadWorker::~AheadWorker() {
  Wait();
  thread_.request_stop();  // wakes the helper through the stop token; the jthread joins it
}

void AheadWorker::Start(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    task_ = std::move(task);
    done_ = false;
  }
  pending_ = true;
  cv_.notify_all();
}

void AheadWorker::Wait() {
  if (!pending_) return;
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return done_; });
  pending_ = false;
}

void AheadWorker::Loop(std::stop_token stop) {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mu_);
      if (!cv_.wait(lock, stop, [&] { return static_cast<bool>(task_); })) return;  // stopping
      task = std::move(task_);
      task_ = nullptr;
    }
    task();
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
  }
}

}  // namespace ucf::sync
