#include "ucf/app/retention.hpp"

#include <chrono>
#include <utility>

namespace ucf::app {

absl::StatusOr<std::int64_t> Retention::Run(std::stop_token stop) {
  using std::chrono::hours;
  const std::pair<storage::Prunable, hours> kinds[] = {
      {storage::Prunable::kAuditLogs, hours(24) * options_.audit_days},
      {storage::Prunable::kFinishedJobs, hours(24) * options_.jobs_days},
      {storage::Prunable::kWebhookDeliveries, hours(24) * options_.deliveries_days},
      {storage::Prunable::kDeletedRecords, hours(24) * options_.deleted_records_days},
      {storage::Prunable::kEvents, hours(options_.events_hours)},
  };
  std::int64_t total = 0;
  for (const auto& [what, age] : kinds) {
    if (age <= hours(0)) continue;
    const core::TimePoint cutoff = clock_.Now() - age;
    for (int batch = 0; batch < options_.max_batches && !stop.stop_requested(); ++batch) {
      absl::StatusOr<std::int64_t> deleted = maintenance_.PruneBatch(what, cutoff, options_.batch_size);
      if (!deleted.ok()) return deleted.status();
      total += *deleted;
      if (*deleted < options_.batch_size) break;
    }
  }
  return total;
}

}  // namespace ucf::app
