#include "ucf/sync/job_worker.hpp"

#include "ucf/audit/audit_entry.hpp"
#include "ucf/core/ids.hpp"
#include "ucf/core/status_macros.hpp"
#include "ucf/core/strings.hpp"

namespace ucf::sync {
namespace {

using storage::JobRecord;
using storage::JobStatus;

std::string ModelOf(const JobRecord& job) {
  const auto* m = job.params.if_contains("model");
  return m && m->is_string() ? std::string(m->get_string()) : std::string();
}

}  // namespace

JobWorker::JobWorker(storage::Database& db, const connections::ConnectorManager& manager,
                     const SyncRunner& runner, const core::Clock& clock, const observability::Logger& logger,
                     JobWorkerOptions options)
    : db_(db), manager_(manager), runner_(runner), clock_(clock), logger_(logger), options_(options) {
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { Loop(i); });
}

JobWorker::~JobWorker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void JobWorker::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void JobWorker::Loop(int index) {
  const std::string worker_id = core::StrCat("worker-", core::NewId("w"), "-", index);
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    bool worked = RunOne(worker_id);
    lock.lock();
    if (!worked && !stop_) {
      cv_.wait_for(lock, options_.poll, [this] { return stop_ || woken_; });
      woken_ = false;
    }
  }
}

bool JobWorker::RunOne(const std::string& worker_id) {
  std::optional<JobRecord> claimed;
  absl::Status status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(claimed, s.jobs().ClaimNext(worker_id, clock_.Now(), options_.lease));
    if (!claimed) return absl::OkStatus();
    return s.audit_logs()
        .Append(audit::Entry(audit::Actor::System(claimed->tenant_id), "sync.started", "job", claimed->id,
                             {{"connectionId", claimed->connection_id},
                              {"model", ModelOf(*claimed)},
                              {"attempt", claimed->attempt}}))
        .status();
  });
  if (!status.ok()) {
    logger_.Warn("ucf.sync", "claiming a job failed", {{"error", core::ToStd(status.message())}});
    return false;
  }
  if (!claimed) return false;
  const JobRecord& job = *claimed;

  bool cancel_requested = false;
  auto checkpoint = [&](int progress) -> absl::Status {
    return db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
      UCF_ASSIGN_OR_RETURN(JobRecord beat, s.jobs().Heartbeat(job.tenant_id, job.id, worker_id, clock_.Now(), options_.lease));
      if (beat.cancel_requested) {
        cancel_requested = true;
        return absl::CancelledError("canceled on request");
      }
      storage::JobUpdate update;
      update.lease_owner = worker_id;
      update.progress = progress;
      return s.jobs().Update(job.tenant_id, job.id, update).status();
    });
  };
  absl::StatusOr<SyncCounts> counts;
  absl::StatusOr<connections::ResolvedConnection> c = manager_.Resolve(job.tenant_id, job.connection_id);
  counts = c.ok() ? runner_.Run(*c, ModelOf(job), checkpoint) : absl::StatusOr<SyncCounts>(c.status());

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
  status = db_.Transact(storage::TxMode::kWrite, [&](storage::Session& s) -> absl::Status {
    UCF_ASSIGN_OR_RETURN(JobRecord done, s.jobs().Update(job.tenant_id, job.id, final_update));
    boost::json::object details{{"connectionId", job.connection_id},
                                {"model", ModelOf(job)},
                                {"status", std::string(storage::JobStatusName(done.status))}};
    if (counts.ok()) details["counts"] = counts->ToJson();
    else details["error"] = *final_update.error;
    return s.audit_logs()
        .Append(audit::Entry(audit::Actor::System(job.tenant_id), "sync.finished", "job", job.id, details,
                             counts.ok()))
        .status();
  });
  if (!status.ok()) {
    // Lost the lease (another worker took over) or the database failed: the lease expiry recovers.
    logger_.Warn("ucf.sync", "finishing a job failed", {{"job", job.id}, {"error", core::ToStd(status.message())}});
  }
  return true;
}

}  // namespace ucf::sync
