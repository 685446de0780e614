#include "ucf/sync/job_events.hpp"

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

void PublishJob(EventHub* hub, std::string_view type, const storage::JobRecord& job) {
  if (hub != nullptr) hub->Publish(job.tenant_id, type, job.id, JobData(job));
}

void PublishProgress(EventHub* hub, const storage::JobRecord& job, const SyncCounts& counts) {
  if (hub == nullptr) return;
  boost::json::object data = JobData(job);
  data["status"] = "running";
  data["counts"] = counts.ToJson();
  hub->Publish(job.tenant_id, "job.progress", job.id, std::move(data));
}

void PublishNeedsReauth(EventHub* hub, const storage::JobRecord& job, std::string_view error) {
  if (hub == nullptr) return;
  hub->Publish(job.tenant_id, "connection.needs_reauth", "",
               {{"connectionId", job.connection_id}, {"jobId", job.id}, {"error", error}});
}

}  // namespace ucf::sync
