#pragma once
// Fleet-wide background work on the database: which instance runs a periodic task now (claimed
// rows, so several instances on one database run it once, with no leader), and retention —
// deleting old history in small batches so no statement holds its locks for long. Obtained with
// storage::MaintenanceOf (storage/open/open_database.hpp).

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"

namespace ucf::storage {

// What retention prunes; each has its own age setting.
enum class Prunable {
  kAuditLogs,          // audit_logs created before the cutoff
  kFinishedJobs,       // jobs that succeeded, failed or were canceled, finished before the cutoff
  kWebhookDeliveries,  // webhook deliveries no longer pending, created before the cutoff
  kDeletedRecords,     // synced records marked deleted, last seen before the cutoff
  kEvents,             // live events (SSE replay) created before the cutoff; the ids go on counting
};

// Thread-safe; every call is one short transaction of its own.
class Maintenance {
 public:
  virtual ~Maintenance() = default;

  // Claims the run of periodic task `task` that is due at `now`: true (and the task's next run
  // moved to `next_run`, `owner` noted) for exactly one caller across all instances while the run
  // is due; false when another caller already claimed it (its next run is still ahead). The
  // first claim of an unknown task succeeds.
  virtual absl::StatusOr<bool> ClaimRun(std::string_view task, std::string_view owner, core::TimePoint now,
                                        core::TimePoint next_run) = 0;

  // Deletes at most `batch` rows of `what` older than `cutoff`, oldest first; returns how many.
  // Rows another transaction holds are skipped (PostgreSQL: SKIP LOCKED), never waited for.
  // InvalidArgument when batch < 1.
  virtual absl::StatusOr<std::int64_t> PruneBatch(Prunable what, core::TimePoint cutoff, int batch) = 0;
};

}  // namespace ucf::storage
