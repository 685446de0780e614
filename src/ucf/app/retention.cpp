#include "ucf/app/retention.hpp"

#include <chrono>
#include <utility>

namespace ucf::app {

absl::StatusOr<std::int64_t> Retention::Run(std::stop_token stop) {
  const std::pair<storage::Prunable, int> kinds[] = {
      {storage::Prunable::kAuditLogs, options_.audit_days},
      {storage::Prunable::kFinishedJobs, options_.jobs_days},
      {storage::Prunable::kWebhookDeliveries, options_.deliveries_days},
      {storage::Prunable::kDeletedRecords, options_.deleted_records_days},
  };
  std::int64_t total = 0;
  for (const auto& [what, days] : kinds) {
    if (days <= 0) continue;
    const core::TimePoint cutoff = clock_.Now() - std::chrono::hours(24) * days;
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
