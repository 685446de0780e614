#include "ucf/api/health_monitor.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::api {

HealthMonitor::HealthMonitor(storage::Database& db, const core::Clock& clock,
                             std::chrono::milliseconds interval)
    : db_(db), clock_(clock), interval_(interval) {
  Probe();
  task_.emplace(core::PeriodicTaskOptions{.interval = interval_, .first_delay = interval_, .jitter = 0},
                [this](std::stop_token) { Probe(); });
}

void HealthMonitor::Probe() {
  absl::Status status = db_.Ping();
  std::lock_guard lock(mu_);
  last_ = std::move(status);
  last_at_ = clock_.Now();
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
