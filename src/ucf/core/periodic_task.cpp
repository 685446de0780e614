#include "ucf/core/periodic_task.hpp"

#include <algorithm>

namespace ucf::core {

PeriodicTask::PeriodicTask(PeriodicTaskOptions options, std::function<void(std::stop_token)> fn)
    : options_(options),
      fn_(std::move(fn)),
      random_(std::random_device{}()),
      thread_([this](std::stop_token stop) { Run(std::move(stop)); }) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void PeriodicTask::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();  // wakes the condition_variable_any wait below
  thread_.join();
}

std::chrono::milliseconds PeriodicTask::JitteredWait(std::chrono::milliseconds interval,
                                                     double jitter, double u) {
  jitter = std::clamp(jitter, 0.0, 0.5);
  double factor = 1.0 - jitter + 2.0 * jitter * std::clamp(u, 0.0, 1.0);
  auto ms = static_cast<std::int64_t>(static_cast<double>(interval.count()) * factor);
  return std::chrono::milliseconds(std::max<std::int64_t>(ms, 1));
}

bool PeriodicTask::Sleep(std::stop_token& stop, std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, stop, wait, [this] { return woken_; });
  woken_ = false;
  return stop.stop_requested();
}

void PeriodicTask::Run(std::stop_token stop) {
  if (options_.first_delay.count() > 0 && Sleep(stop, options_.first_delay)) return;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  while (!stop.stop_requested()) {
    fn_(stop);
    double u;
    {
      std::lock_guard lock(mu_);
      u = unit(random_);
    }
    if (Sleep(stop, JitteredWait(options_.interval, options_.jitter, u))) return;
  }
}

}  // namespace ucf::core
