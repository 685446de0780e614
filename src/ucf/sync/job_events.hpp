#pragma once
// The events a sync job and its connection publish to the EventHub (event_hub.hpp), in one shape:
//   job.*                  {jobId, connectionId, model, full, status, attempt, counts[, error]}
//   connection.needs_reauth {connectionId, jobId, error}
// A null hub publishes nothing. Thread-safe.

#include <string_view>

#include "ucf/storage/job_record.hpp"
#include "ucf/sync/event_hub.hpp"
#include "ucf/sync/sync_runner.hpp"

namespace ucf::sync {

void PublishJob(EventHub* hub, std::string_view type, const storage::JobRecord& job);
// job.progress with the live counts (the row's counts lag one heartbeat).
void PublishProgress(EventHub* hub, const storage::JobRecord& job, const SyncCounts& counts);
void PublishNeedsReauth(EventHub* hub, const storage::JobRecord& job, std::string_view error);

}  // namespace ucf::sync
