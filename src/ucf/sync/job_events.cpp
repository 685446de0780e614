#include "ucf/sync/job_events.hpp"

#include "ucf/outbox/live_events.hpp"
#include "ucf/sync/job_worker.hpp"

namespace ucf::sync {
namespace {

boost::json::object JobData(const storage::JobRecord& job) {
  boost::json::object data{{"jobId", job.id},
                           {"connectionId", job.connection_id},
                           {"model", ModelOf(job)},
                           {"full", IsFullRun(job)},
                           {"status", std::string(storage::JobStatusName(job.status))},
                           {"attempt", job.attempt},
                           {"counts", job.counts}};
  if (job.error) data["error"] = *job.error;
  return data;
}

}  // namespace

absl::Status RecordJobEvent(storage::Session& s, std::string_view type, const storage::JobRecord& job) {
  return outbox::AppendLiveEvent(s, job.tenant_id, type, job.id, JobData(job)).status();
}

absl::Status RecordProgress(storage::Session& s, const storage::JobRecord& job, const SyncCounts& counts) {
  boost::json::object data = JobData(job);
  data["status"] = "running";
  data["counts"] = counts.ToJson();
  return outbox::AppendLiveEvent(s, job.tenant_id, "job.progress", job.id, data).status();
}

}  // namespace ucf::sync
