#pragma once
// Retention: deletes history older than its configured age — audit log entries, finished sync
// jobs, sent or failed webhook deliveries, and synced records deleted upstream (the change feed
// stops listing them). Each kind is pruned oldest first in batches of `batch_size` rows, one short
// transaction per batch (storage::Maintenance::PruneBatch), so no statement holds locks long
// and live traffic interleaves between batches. A kind with 0 days is kept forever. The
// application runs it periodically, once across the fleet (app/fleet_task.hpp).

#include <cstdint>
#include <stop_token>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/maintenance.hpp"

namespace ucf::app {

struct RetentionOptions {
  int audit_days = 365;
  int jobs_days = 90;
  int deliveries_days = 30;
  int deleted_records_days = 90;
  int events_hours = 24;  // live events (SSE replay); hours, not days
  int batch_size = 500;
  // A round stops after this many batches per kind (the next round continues), so one round of a
  // huge backlog stays bounded in time.
  int max_batches = 200;
};

class Retention {
 public:
  // `maintenance` and `clock` must outlive the object.
  Retention(storage::Maintenance& maintenance, const core::Clock& clock, RetentionOptions options)
      : maintenance_(maintenance), clock_(clock), options_(options) {}

  // One round: every kind with a positive age; returns the rows deleted. Stops early (between
  // batches) when `stop` is requested; the first database error ends the round.
  absl::StatusOr<std::int64_t> Run(std::stop_token stop = {});

 private:
  storage::Maintenance& maintenance_;
  const core::Clock& clock_;
  RetentionOptions options_;
};

}  // namespace ucf::app
