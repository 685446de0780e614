#pragma once
// Fleet-wide background work: which instance runs a periodic task now (claimed rows, so several
// instances on one database run it once, with no leader), and retention — deleting old history in
// small batches so no statement holds its locks for long.

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// What retention prunes; each has its own age setting.
enum class Prunable {
  kAuditLogs,          // audit_logs older than the cutoff (created_at)
  kFinishedJobs,       // jobs that succeeded, failed or were canceled, finished before the cutoff
  kWebhookDeliveries,  // webhook deliveries no longer pending, created before the cutoff
  kDeletedRecords,     // synced records marked deleted, last seen before the cutoff
};

// Bound to one transaction (see Session); not thread-safe.
class MaintenanceStore {
 public:
  virtual ~MaintenanceStore() = default;

  // Claims the run of periodic task `task` that is due at `now`: true (and the task's next run
  // moved to `next_run`, `owner` noted) for exactly one caller across all instances while the
  // run is due; false when another caller already claimed it (its next run is still ahead).
  // The first claim of an unknown task succeeds.
  virtual absl::StatusOr<bool> ClaimRun(std::string_view task, std::string_view owner,
                                        core::TimePoint now, core::TimePoint next_run) = 0;

  // Deletes at most `batch` rows of `what` older than `cutoff`; returns how many. Rows another
  // transaction holds are skipped (PostgreSQL: SKIP LOCKED), never waited for.
  virtual absl::StatusOr<std::int64_t> PruneBatch(Prunable what, core::TimePoint cutoff, int batch) = 0;
};

}  // namespace ucf::storage
