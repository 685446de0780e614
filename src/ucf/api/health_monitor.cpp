#include "ucf/api/health_monitor.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::api {

HealthMonitor::HealthMonitor(storage::Database& db, const core::Clock& clock,
                             std::chrono::milliseconds interval)
    : db_(db), clock_(clock), interval_(interval) {
  Probe();
  thread_ = std::thread([this] { Run(); });
}

HealthMonitor::~HealthMonitor() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void HealthMonitor::Probe() {
  absl::Status status = db_.Ping();
  std::lock_guard lock(mu_);
  last_ = std::move(status);
  last_at_ = clock_.Now();
}

void HealthMonitor::Run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, interval_, [this] { return stop_; })) {
    lock.unlock();
    Probe();
    lock.lock();
  }
}

std::string HealthMonitor::DatabaseState() const {
  std::lock_guard lock(mu_);
  if (clock_.Now() - last_at_ > 3 * interval_) {
    return "error: the database has not answered a health check for " +
           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(clock_.Now() - last_at_).count()) +
           " s";
  }
  if (last_.ok()) return "connected";
  return core::StrCat("error: ", last_.message());
}

}  // namespace ucf::api
