#pragma once
// Sync jobs: queue, leases and progress.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/job_record.hpp"
#include "ucf/storage/page.hpp"

namespace ucf::storage {

// Optional filters of JobStore::List (unset = any).
struct JobFilter {
  std::optional<std::string> connection_id;
  std::optional<JobStatus> status;
  std::optional<std::string> type;
};

// A partial update by a worker; updated_at is always stamped.
struct JobUpdate {
  // When set, the update applies only while this worker holds the lease (else Aborted): a worker
  // that lost its lease cannot overwrite the new owner's progress.
  std::optional<std::string> lease_owner;
  std::optional<JobStatus> status;  // a final status also stamps finished_at and drops the lease
  std::optional<int> progress;
  std::optional<boost::json::object> counts;
  std::optional<std::string> error;
};

// Bound to one transaction (see Session); not thread-safe. A job of another tenant behaves
// exactly like a missing one (NotFound).
class JobStore {
 public:
  virtual ~JobStore() = default;

  // Queues `job` (status queued, progress 0, attempt 0, no lease; an empty id gets a new "job_…"
  // id; created_at/updated_at stamped). NotFound when the connection does not exist in this tenant;
  // AlreadyExists when a queued or running job of the same connection has the same params.model
  // (a string; jobs without one are not checked), with details {"jobId": <that job>} — enforced by
  // the database, so concurrent creators cannot both win.
  virtual absl::StatusOr<JobRecord> Create(const JobRecord& job) = 0;
  // How many jobs of the tenant are queued.
  virtual absl::StatusOr<std::int64_t> CountQueued(std::string_view tenant_id) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<JobRecord> Get(std::string_view tenant_id, std::string_view id) = 0;
  // Newest first (created_at, then id, descending), keyset-paginated (see Page).
  virtual absl::StatusOr<Page<JobRecord>> List(std::string_view tenant_id, const JobFilter& filter,
                                               std::string_view cursor, int limit) = 0;
  // Leases a claimable job of ANY tenant to `worker_id` until now + lease: a queued job, or a
  // running one whose lease expired (a crashed worker's). Fair across tenants: the tenant with the
  // fewest running jobs goes first, then the tenant whose last job started longest ago (never
  // first), then the oldest job; so a tenant with a long backlog takes turns with the others
  // instead of holding the queue. Sets status running, bumps attempt,
  // stamps started_at once. nullopt when nothing is claimable. Running jobs with an expired lease
  // and a pending cancel request are marked canceled instead. On PostgreSQL concurrent claimers
  // skip each other's rows (FOR UPDATE SKIP LOCKED); on SQLite writers are serialised.
  virtual absl::StatusOr<std::optional<JobRecord>> ClaimNext(std::string_view worker_id,
                                                             core::TimePoint now,
                                                             std::chrono::milliseconds lease) = 0;
  // Extends the lease of a running job held by `worker_id` to now + lease and returns the job
  // (check cancel_requested). Aborted when the worker no longer holds the lease; NotFound when
  // absent in this tenant.
  virtual absl::StatusOr<JobRecord> Heartbeat(std::string_view tenant_id, std::string_view id,
                                              std::string_view worker_id, core::TimePoint now,
                                              std::chrono::milliseconds lease) = 0;
  // Applies `update` and returns the new row. NotFound when absent in this tenant; Aborted when
  // update.lease_owner is set and does not hold the lease; FailedPrecondition when the job is
  // already final.
  virtual absl::StatusOr<JobRecord> Update(std::string_view tenant_id, std::string_view id,
                                           const JobUpdate& update) = 0;
  // A queued job becomes canceled at once; a running job gets cancel_requested (its worker stops
  // at the next heartbeat); a final job is returned unchanged. NotFound when absent in this tenant.
  virtual absl::StatusOr<JobRecord> RequestCancel(std::string_view tenant_id,
                                                  std::string_view id) = 0;
};

}  // namespace ucf::storage
