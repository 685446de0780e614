#pragma once
// Sync schedules per (connection, model), and the claim that makes each fire happen once.

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/storage/sync_schedule_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe. A connection of another tenant behaves
// exactly like a missing one (NotFound).
class SyncScheduleStore {
 public:
  virtual ~SyncScheduleStore() = default;

  // Inserts or replaces the schedule of (connection, model) (runs and created_at kept on
  // replace; updated_at stamped). NotFound when the connection does not exist in this tenant.
  virtual absl::StatusOr<SyncScheduleRecord> Put(const SyncScheduleRecord& schedule) = 0;
  // The connection's schedules, ordered by model.
  virtual absl::StatusOr<std::vector<SyncScheduleRecord>> List(std::string_view tenant_id,
                                                               std::string_view connection_id) = 0;
  // NotFound when there is no schedule of that model.
  virtual absl::Status Delete(std::string_view tenant_id, std::string_view connection_id,
                              std::string_view model) = 0;
  // Up to `limit` schedules of ANY tenant due at `now` (next_fire_at <= now), oldest due first,
  // locked for this transaction: on PostgreSQL concurrent claimers skip locked rows (FOR UPDATE
  // SKIP LOCKED), on SQLite writers are serialised. Move each with Fired() in the same
  // transaction, so that every due fire is taken by exactly one claimer.
  virtual absl::StatusOr<std::vector<SyncScheduleRecord>> ClaimDue(core::TimePoint now, int limit) = 0;
  // Sets next_fire_at of a claimed schedule, and runs + 1 when the fire queued a run.
  virtual absl::Status Fired(const SyncScheduleRecord& schedule, core::TimePoint next_fire_at, bool ran) = 0;
};

}  // namespace ucf::storage
