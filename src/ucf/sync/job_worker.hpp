#pragma once
// JobWorker: background loops (core::PeriodicTask, one per worker thread) that run queued sync
// jobs. Each claims a job of any tenant, fairly across tenants (JobStore::ClaimNext: leased, so a
// crashed worker's job is picked up again once its lease expires; SKIP LOCKED on PostgreSQL lets
// several instances share the queue), runs it with SyncRunner (job params {model, full}),
// heartbeats after committed pages, at most every 200 ms (extending the lease, saving the real counts, noticing a cancel
// request), and finishes it as succeeded / failed / canceled with its counts. A loop keeps
// claiming while there is work and otherwise waits `poll` (jittered) or until Wake().
//
// Provider authentication failures (provider_errors.hpp) fail the job at once and mark the
// connection needs_reauth (connections/status_transitions: kProviderRejected), audited as
// "connection.needs_reauth". On shutdown a running job is left to its lease: the next process
// (or another instance) takes it over and continues from its last committed page.
//
// Audit, in the transaction that changes the job: "sync.started" when claimed, "sync.finished"
// when done (outcome failure with the error for failed and canceled runs). Actor "system".
// Live events (job_events.hpp) go to `events` when set, after each commit: job.started,
// job.progress after every page, job.finished, connection.needs_reauth. Application webhooks
// (outbox/webhook_outbox.hpp) are written in the transaction that finishes the job (sync.finished /
// sync.failed, and records.changed with a change-feed cursor made by `cursors` when the run
// changed something) or marks the connection (connection.needs_reauth).

#include <chrono>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "ucf/connections/connector_manager.hpp"
#include "ucf/connectors/cursor_codec.hpp"
#include "ucf/core/periodic_task.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/sync/sync_runner.hpp"

namespace ucf::sync {

struct JobWorkerOptions {
  int threads = 1;
  std::chrono::milliseconds poll{1'000};   // idle wait between claim attempts
  std::chrono::milliseconds lease{60'000};  // a job not heartbeaten for this long is claimable again
  // At most one job.progress event per job per this long, written with the heartbeat that falls
  // due after it (heartbeats run every 200 ms while pages commit); the first beat always writes one.
  std::chrono::milliseconds progress_every{1'000};
};

class JobWorker {
 public:
  JobWorker(storage::Database& db, const connections::ConnectorManager& manager, const SyncRunner& runner,
            const core::Clock& clock, const observability::Logger& logger, JobWorkerOptions options = {},
            const connectors::CursorCodec* cursors = nullptr);
  ~JobWorker();

  void Wake();

 private:
  // Claims and runs one job; false when nothing was claimable.
  bool RunOne(const std::string& worker_id, std::stop_token stop);
  absl::Status MarkNeedsReauth(const storage::JobRecord& job, const absl::Status& cause);
  // The application webhooks of a finished job, in its final transaction.
  absl::Status EnqueueOutcome(storage::Session& s, const storage::JobRecord& done,
                              const absl::StatusOr<SyncCounts>& counts, std::int64_t seq_before) const;

  storage::Database& db_;
  const connections::ConnectorManager& manager_;
  const SyncRunner& runner_;
  const core::Clock& clock_;
  const observability::Logger& logger_;
  JobWorkerOptions options_;
  const connectors::CursorCodec* cursors_;
  std::vector<std::unique_ptr<core::PeriodicTask>> loops_;  // last: stopped first
};

// The params of a sync job.
std::string ModelOf(const storage::JobRecord& job);
bool IsFullRun(const storage::JobRecord& job);

}  // namespace ucf::sync
