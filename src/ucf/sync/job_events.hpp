#pragma once
// The live events of a sync job (outbox/live_events.hpp), in one shape, written in the caller's
// transaction — the one that makes the change they report (the job's creation, claim, heartbeat,
// cancel or end):
//   job.*  {jobId, connectionId, model, full, status, attempt, counts[, error]}
// Append them last in the transaction. Connection events come from connections/status_events.hpp.
// Not thread-safe (a Session is not).

#include <string_view>

#include "absl/status/status.h"
#include "ucf/storage/job_record.hpp"
#include "ucf/storage/session.hpp"
#include "ucf/sync/sync_runner.hpp"

namespace ucf::sync {

absl::Status RecordJobEvent(storage::Session& s, std::string_view type, const storage::JobRecord& job);
// job.progress with the live counts (status running).
absl::Status RecordProgress(storage::Session& s, const storage::JobRecord& job, const SyncCounts& counts);

}  // namespace ucf::sync
