#pragma once
// The live events of a tenant's SSE stream (GET /api/events, GET /api/jobs/{id}/events), written
// like the webhook outbox (webhook_outbox.hpp) in the CALLER'S transaction: an event exists
// exactly when the change it reports commits, and every instance of a fleet serves it with the
// same id (storage/event_store.hpp; sync/event_tail.hpp carries it to the streams). Types:
//   job.queued, job.started, job.progress, job.cancel_requested, job.finished
//                           {jobId, connectionId, model, full, status, attempt, counts[, error]}
//                           (sync/job_events.hpp)
//   connection.needs_reauth {connectionId, reason}   } connections/status_events.hpp, for every
//   connection.recovered    {connectionId, from}      } status change into / out of needs_reauth
// Append it last in the transaction (it locks the tenant's stream counter until commit).
// Not thread-safe (a Session is not).

#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/storage/session.hpp"

namespace ucf::outbox {

// The event's id in the tenant's stream.
absl::StatusOr<std::int64_t> AppendLiveEvent(storage::Session& s, std::string_view tenant_id, std::string_view type,
                                             std::string_view job_id, const boost::json::object& data);

}  // namespace ucf::outbox
