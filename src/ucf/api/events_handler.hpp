#pragma once
// Live sync progress as Server-Sent Events (text/event-stream; EventStream, event_stream.hpp):
//   GET /api/jobs/{id}/events   one job: a job.snapshot event (the job as GET /api/jobs/{id}),
//                               then its job.* events; ends after job.finished (at once for a
//                               job already final)
//   GET /api/events             the tenant's job.* and connection.* events
// Event ids count 1, 2, 3, … per tenant and are the same on every instance on one database (the
// events live in the database: outbox/live_events.hpp). Both resume after the id in a
// Last-Event-ID header (digits, ≤ 19) — what was missed is read from the database (at most 500
// events per connection; beyond, the body ends and the client's reconnect continues) — else start
// with what happens from now on. A stream holds no worker thread while it waits. Streams are sent
// to clients that accept text/event-stream (EventSource does); others get the stored events
// (after Last-Event-ID, at most 1000) as one JSON envelope {items: [{id, type, data}],
// lastEventId[, job]}.
//   GET /ws/docs                the events documentation (JSON), the original's route

#include "ucf/api/api_result.hpp"
#include "ucf/http/request.hpp"
#include "ucf/http/response.hpp"

namespace ucf::sync {
class EventHub;
class EventLog;
class SyncService;
}  // namespace ucf::sync

namespace ucf::api {

class EventsHandler {
 public:
  struct Services {
    sync::SyncService* sync = nullptr;
    sync::EventHub* events = nullptr;
    const sync::EventLog* log = nullptr;
  };
  explicit EventsHandler(Services services) : deps_(services) {}

  http::Response JobEvents(http::Request& request) const;
  http::Response TenantEvents(http::Request& request) const;
  ApiResult Docs(http::Request& request) const;

 private:
  Services deps_;
};

}  // namespace ucf::api
