#pragma once
// The outbox of application webhooks: an event becomes one webhook_deliveries row (status
// pending, due now) per active subscription of the tenant that takes it, written in the CALLER'S
// transaction — so an event is stored exactly when the change that caused it commits, and a
// restart loses none (webhooks/delivery_dispatcher.hpp sends them). The payload is the Standard
// Webhooks body {type, timestamp, data}. Events:
//   sync.finished     {jobId, connectionId, model, full, status: succeeded, counts}
//   sync.failed       {jobId, connectionId, model, full, status: failed | canceled, error}
//   records.changed   {connectionId, model, changed, deleted, cursor}: cursor is a change-feed
//                     cursor (GET /api/connections/{id}/records?model=<model>&cursor=…) that lists
//                     what changed from this attempt of the run on — never the data itself
//   connection.needs_reauth {connectionId, reason}        } written by connections/status_events.hpp
//   connection.recovered    {connectionId, from}          } for every status change into / out of it
// Not thread-safe (a Session is not).

#include <string_view>

#include "absl/status/status.h"
#include "boost/json/object.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/session.hpp"

namespace ucf::outbox {

inline constexpr std::string_view kWebhookEvents[] = {"sync.finished", "sync.failed", "records.changed",
                                                      "connection.needs_reauth", "connection.recovered"};

// How many deliveries were written.
absl::StatusOr<int> EnqueueWebhookEvent(storage::Session& s, std::string_view tenant_id, std::string_view event,
                                        boost::json::object data, core::TimePoint now);

}  // namespace ucf::outbox
