#pragma once
// Keeps the database's health current without putting a database call on every health request:
// a background task (core::PeriodicTask) makes a real round trip (Database::Ping) every `interval`, and GET / and
// /readyz report the latest result and its age. The first probe runs in the constructor, so the
// state is never a guess. If the prober itself stalls (a hung database), the state turns to an
// error once the last result is older than three intervals. Thread-safe.
//
// The state is public (GET /, /readyz answer anyone), so it is only "connected" or "error": the
// database's own error text (host names, user names, SQL state) goes to the log alone, once when
// the state turns bad (or its cause changes) and once when it recovers.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "ucf/core/clock.hpp"
#include "ucf/core/periodic_task.hpp"
#include "ucf/observability/logger.hpp"

namespace ucf::storage {
class Database;
}

namespace ucf::api {

class HealthMonitor {
 public:
  // `db`, `clock` and `logger` must outlive the monitor.
  HealthMonitor(storage::Database& db, const core::Clock& clock,
                const observability::Logger& logger,
                std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  // "connected" or "error" (the reason is logged, never returned).
  std::string DatabaseState() const;

 private:
  void Probe();

  storage::Database& db_;
  const core::Clock& clock_;
  const observability::Logger& logger_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  absl::Status last_;
  core::TimePoint last_at_;
  mutable bool stale_logged_ = false;
  std::optional<core::PeriodicTask> task_;  // last: stopped first, before the members it uses
};

}  // namespace ucf::api
