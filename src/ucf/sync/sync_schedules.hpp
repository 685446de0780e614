#pragma once
// SyncSchedules: recurring syncs per connection and model.
//   Put/List/Delete   GET/PUT/DELETE /api/connections/{id}/schedule {model, everySeconds ≥ 30,
//                     fullEvery ≥ 0}: the first fire is one (jittered) period from now
//   FireDue           one pass of the scheduler loop (a core::PeriodicTask in app/): claims every
//                     due schedule (storage: SKIP LOCKED on PostgreSQL, so with several UCF
//                     processes on one database each fire happens once), queues an incremental
//                     sync — a full one every fullEvery-th run — and moves the schedule one
//                     period on, all in one transaction. A fire finding a run of that model still
//                     queued or running, or a connection that cannot be used, queues nothing.
// Every period is jittered by ±10% (NextFire) so schedules made together spread out. Audited as
// sync.schedule_set / sync.schedule_deleted (the caller) and sync.requested (actor system); each
// queued job's job.queued live event is written in the fire's transaction.
// Thread-safe.

#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/connectors/registry.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/storage/sync_schedule_record.hpp"

namespace ucf::sync {

inline constexpr int kMinScheduleSeconds = 30;
inline constexpr int kMaxScheduleSeconds = 30 * 24 * 3600;

struct ScheduleRequest {
  std::string model;  // "" = the connector's item model
  int every_seconds = 0;
  int full_every = 0;
};

class SyncSchedules {
 public:
  SyncSchedules(storage::Database& db, const connectors::ConnectorRegistry& registry, const core::Clock& clock,
                std::function<void()> wake_workers = [] {})
      : db_(db), registry_(registry), clock_(clock), wake_workers_(std::move(wake_workers)) {}

  // InvalidArgument naming everySeconds / fullEvery / model; NotFound for another tenant's
  // connection.
  absl::StatusOr<storage::SyncScheduleRecord> Put(const audit::Actor& actor, std::string_view connection_id,
                                                 const ScheduleRequest& request);
  absl::StatusOr<std::vector<storage::SyncScheduleRecord>> List(std::string_view tenant_id,
                                                               std::string_view connection_id);
  // NotFound when the model has no schedule.
  absl::Status Delete(const audit::Actor& actor, std::string_view connection_id, std::string_view model);

  // Fires what is due now; returns how many jobs were queued.
  absl::StatusOr<int> FireDue();

  // now + every × [0.9, 1.1) for a draw u in [0, 1).
  static core::TimePoint NextFire(core::TimePoint now, int every_seconds, double u);

 private:
  // The model named, or the connector's item model; InvalidArgument for others.
  absl::StatusOr<std::string> ModelFor(std::string_view tenant_id, std::string_view connection_id,
                                       std::string_view model) const;

  storage::Database& db_;
  const connectors::ConnectorRegistry& registry_;
  const core::Clock& clock_;
  std::function<void()> wake_workers_;
};

}  // namespace ucf::sync
