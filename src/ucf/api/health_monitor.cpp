#include "ucf/api/health_monitor.hpp"

#include "ucf/core/strings.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::api {

HealthMonitor::HealthMonitor(storage::Database& db, const core::Clock& clock,
                             const observability::Logger& logger, std::chrono::milliseconds interval)
    : db_(db), clock_(clock), logger_(logger), interval_(interval) {
  Probe();
  task_.emplace(core::PeriodicTaskOptions{.interval = interval_, .first_delay = interval_, .jitter = 0},
                [this](std::stop_token) { Probe(); });
}

void HealthMonitor::Probe() {
  absl::Status status = db_.Ping();
  std::lock_guard lock(mu_);
  if (!status.ok() && status != last_) {
    logger_.Error("ucf.health", "database health check failed",
                  {{"error", core::ToStd(status.message())}});
  } else if (status.ok() && (!last_.ok() || stale_logged_)) {
    logger_.Info("ucf.health", "database health check passes again");
  }
  last_ = std::move(status);
  last_at_ = clock_.Now();
  stale_logged_ = false;
}

std::string HealthMonitor::DatabaseState() const {
  std::lock_guard lock(mu_);
  if (clock_.Now() - last_at_ > 3 * interval_) {
    if (!stale_logged_) {
      stale_logged_ = true;
      logger_.Error("ucf.health", "the database has not answered a health check",
                    {{"seconds", std::chrono::duration_cast<std::chrono::seconds>(clock_.Now() - last_at_).count()}});
    }
    return "error";
  }
  return last_.ok() ? "connected" : "error";
}

}  // namespace ucf::api
