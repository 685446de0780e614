#include "ucf/sync/job_worker.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/connections/status_transitions.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"
#include "ucf/sync/job_events.hpp"
#include "ucf/connections/status_events.hpp"
#include "ucf/outbox/webhook_outbox.hpp"
#include "ucf/sync/sync_scope.hpp"

namespace ucf::sync {

using storage::JobRecord;
using storage::JobStatus;

constexpr std::chrono::milliseconds kBeatEvery{200};

std::string ModelOf(const JobRecord& job) {
  const auto* m = job.params.if_contains("model");
  return m && m->is_string() ? std::string(m->get_string()) : std::string();
}

bool IsFullRun(const JobRecord& job) {
  const auto* f = job.params.if_contains("full");
  return f && f->is_bool() && f->get_bool();
}

JobWorker::JobWorker(storage::Database& db, const connections::ConnectorManager& manager,
                     const SyncRunner& runner, const core::Clock& clock, const observability::Logger& logger,
                     JobWorkerOptions options, const connectors::CursorCodec* cursors)
    : db_(db), manager_(manager), runner_(runner), clock_(clock), logger_(logger), options_(options),
      cursors_(cursors) {
  for (int i = 0; i < options_.threads; ++i) {
    std::string worker_id = core::StrCat("worker-", core::NewId("w"), "-", i);
    loops_.push_back(std::make_unique<core::PeriodicTask>(
        core::PeriodicTaskOptions{.interval = options_.poll, .first_delay = {}, .jitter = 0.2},
        [this, worker_id](std::stop_token stop) {
          while (!stop.stop_requested() && RunOne(worker_id, stop)) {
          }
        }));
  }
}

JobWorker::~JobWorker() { loops_.clear(); }

void JobWorker::Wake() {
  for (auto& loop : loops_) loop->Wake();
}

absl::Status JobWorker::MarkNeedsReauth(const JobRecord& job, const absl::Status& cause) {
  return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(storage::ConnectionRecord c, s.connections().Get(job.tenant_id, job.connection_id));
    storage::ConnectionStatus next = connections::StatusAfter(c.status, connections::ConnectionEvent::kProviderRejected);
    if (next == c.status) return absl::OkStatus();
    storage::ConnectionUpdate update;
    update.status = next;
    UCF_RETURN_IF_ERROR(s.connections().Update(c.tenant_id, c.id, update).status());
    UCF_RETURN_IF_ERROR(connections::RecordStatusChange(s, c.tenant_id, c.id, c.status, next,
                                                        "the provider refused the credentials during a sync",
                                                        clock_.Now()));
    return s.audit_logs()
        .Append(audit::Entry(audit::Actor::System(c.tenant_id), "connection.needs_reauth", "connection", c.id,
                             {{"jobId", job.id}, {"error", core::ToStd(cause.message())}}, /*success=*/false))
        .status();
  });
}

absl::Status JobWorker::EnqueueOutcome(storage::Session& s, const JobRecord& done,
                                       const absl::StatusOr<SyncCounts>& counts, std::int64_t seq_before) const {
  const std::string model = ModelOf(done);
  boost::json::object data{{"jobId", done.id},
                           {"connectionId", done.connection_id},
                           {"model", model},
                           {"full", IsFullRun(done)},
                           {"status", std::string(storage::JobStatusName(done.status))}};
  if (counts.ok()) data["counts"] = counts->ToJson();
  else data["error"] = core::ToStd(counts.status().message());
  core::TimePoint now = clock_.Now();
  UCF_RETURN_IF_ERROR(outbox::EnqueueWebhookEvent(s, done.tenant_id, counts.ok() ? "sync.finished" : "sync.failed", data, now).status());
  if (!counts.ok() || counts->changed + counts->deleted == 0) return absl::OkStatus();
  std::string scope = core::StrCat(model, "\n");
  boost::json::object changed{{"connectionId", done.connection_id},
                              {"model", model},
                              {"jobId", done.id},
                              {"changed", counts->changed},
                              {"deleted", counts->deleted}};
  if (cursors_ != nullptr) {
    changed["cursor"] = cursors_->Encode({done.connection_id, "records", scope}, std::to_string(seq_before));
  }
  return outbox::EnqueueWebhookEvent(s, done.tenant_id, "records.changed", std::move(changed), now).status();
}

bool JobWorker::RunOne(const std::string& worker_id, std::stop_token stop) {
  std::optional<JobRecord> claimed;
  std::int64_t seq_before = 0;  // the change feed before this attempt: records.changed's cursor
  absl::Status status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(claimed, s.jobs().ClaimNext(worker_id, clock_.Now(), options_.lease));
    if (!claimed) return absl::OkStatus();
    UCF_ASSIGN_OR_RETURN(seq_before, s.records().LastSeq(claimed->tenant_id, claimed->connection_id));
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(audit::Actor::System(claimed->tenant_id), "sync.started", "job",
                                                 claimed->id,
                                                 {{"connectionId", claimed->connection_id},
                                                  {"model", ModelOf(*claimed)},
                                                  {"full", IsFullRun(*claimed)},
                                                  {"attempt", claimed->attempt}}))
                            .status());
    return RecordJobEvent(s, "job.started", *claimed);
  });
  if (!status.ok()) {
    logger_.Warn("ucf.sync", "claiming a job failed", {{"error", core::ToStd(status.message())}});
    return false;
  }
  if (!claimed) return false;
  const JobRecord& job = *claimed;

  bool cancel_requested = false;
  // Heartbeats (lease, counts, cancel check) and progress events at most every 200 ms: a cancel is
  // still noticed well within a second, and a fast run spends its time on pages, not bookkeeping.
  auto last_beat = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  std::optional<std::chrono::steady_clock::time_point> last_progress;  // the last job.progress event
  auto checkpoint = [&](const SyncCounts& counts) -> absl::Status {
    if (stop.stop_requested()) return absl::AbortedError("the server is stopping; the job stays leased");
    if (std::chrono::steady_clock::now() - last_beat < kBeatEvery) return absl::OkStatus();
    last_beat = std::chrono::steady_clock::now();
    absl::Status beat = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(JobRecord leased, s.jobs().Heartbeat(job.tenant_id, job.id, worker_id, clock_.Now(), options_.lease));
      if (leased.cancel_requested) {
        cancel_requested = true;
        return absl::CancelledError("canceled on request");
      }
      storage::JobUpdate update;
      update.lease_owner = worker_id;
      update.counts = counts.ToJson();
      UCF_RETURN_IF_ERROR(s.jobs().Update(job.tenant_id, job.id, update).status());
      if (last_progress && last_beat - *last_progress < options_.progress_every) return absl::OkStatus();
      return RecordProgress(s, job, counts);
    });
    if (beat.ok() && (!last_progress || last_beat - *last_progress >= options_.progress_every)) last_progress = last_beat;
    return beat;
  };
  absl::StatusOr<SyncCounts> counts;
  absl::StatusOr<connections::ResolvedConnection> c = manager_.Resolve(job.tenant_id, job.connection_id);
  SyncRequest request{ModelOf(job), IsFullRun(job), job.id, ContainersOf(job)};
  counts = c.ok() ? runner_.Run(*c, request, checkpoint) : absl::StatusOr<SyncCounts>(c.status());
  if (stop.stop_requested() && !counts.ok()) return false;  // left to its lease: resumed elsewhere
  if (!counts.ok() && IsAuthFailure(counts.status())) {
    if (absl::Status marked = MarkNeedsReauth(job, counts.status()); !marked.ok()) {
      logger_.Warn("ucf.sync", "marking a connection needs_reauth failed", {{"job", job.id}, {"error", core::ToStd(marked.message())}});
    }
  }

  storage::JobUpdate final_update;
  final_update.lease_owner = worker_id;
  if (counts.ok()) {
    final_update.status = JobStatus::kSucceeded;
    final_update.progress = 100;
    final_update.counts = counts->ToJson();
  } else {
    final_update.status = cancel_requested ? JobStatus::kCanceled : JobStatus::kFailed;
    final_update.error = core::ToStd(counts.status().message());
  }
  JobRecord done;
  status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(done, s.jobs().Update(job.tenant_id, job.id, final_update));
    boost::json::object details{{"connectionId", job.connection_id},
                                {"model", ModelOf(job)},
                                {"status", std::string(storage::JobStatusName(done.status))}};
    if (counts.ok()) details["counts"] = counts->ToJson();
    else details["error"] = *final_update.error;
    UCF_RETURN_IF_ERROR(EnqueueOutcome(s, done, counts, seq_before));
    UCF_RETURN_IF_ERROR(s.audit_logs()
                            .Append(audit::Entry(audit::Actor::System(job.tenant_id), "sync.finished", "job",
                                                 job.id, details, counts.ok()))
                            .status());
    return RecordJobEvent(s, "job.finished", done);
  });
  if (!status.ok()) {
    // Lost the lease (another worker took over) or the database failed: the lease expiry recovers.
    logger_.Warn("ucf.sync", "finishing a job failed", {{"job", job.id}, {"error", core::ToStd(status.message())}});
  }
  return true;
}

}  // namespace ucf::sync
