#pragma once
// EventHub: the live events of sync jobs and connections, per tenant, for Server-Sent Event
// streams (GET /api/events, GET /api/jobs/{id}/events).
//
// Publish() gives every event the next id of this process (ascending, starting above the
// process start time in milliseconds so that ids of a restarted process still go up) and keeps
// the last `capacity` events of each tenant, so that a client reconnecting with Last-Event-ID
// receives what it missed while that is still retained. Events types:
//   job.queued, job.started, job.progress {counts: pages, fetched, changed, …}, job.finished
//   {status, counts | error}, job.cancel_requested, connection.needs_reauth
// every one with data {jobId?, connectionId, model?, …}.
//
// Streams never park a thread: Await() registers a one-shot callback, run (on the publisher's
// thread, outside the hub's lock) when the tenant's next event arrives, or by Tick() (a keep-alive
// pulse, every ~15 s from the application). At most `max_waiters_per_tenant` streams per tenant
// wait at once (Await answers ResourceExhausted beyond). Thread-safe.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"

namespace ucf::sync {

struct HubEvent {
  std::int64_t id = 0;
  std::string type;
  std::string job_id;  // "" for connection events
  boost::json::object data;
};

class EventHub {
 public:
  using WaiterId = std::uint64_t;

  explicit EventHub(std::size_t capacity = 1000, std::size_t max_waiters_per_tenant = 100);

  std::int64_t Publish(std::string_view tenant_id, std::string_view type, std::string_view job_id,
                       boost::json::object data);
  // The tenant's retained events with id > after, oldest first, at most `limit`.
  std::vector<HubEvent> Since(std::string_view tenant_id, std::int64_t after, std::size_t limit = 100) const;
  // The newest id published so far (of any tenant), 0 before the first.
  std::int64_t LastId() const;

  // Calls `wake` once: when the tenant's next event is published, on Tick(), or at once when an
  // event newer than `after` is already retained. ResourceExhausted over the per-tenant cap.
  absl::StatusOr<WaiterId> Await(std::string_view tenant_id, std::int64_t after, std::function<void()> wake);
  // Forgets a waiter that was not woken yet (a stream that went away); false when already woken.
  bool Forget(WaiterId id);
  // Wakes every waiter (keep-alive).
  void Tick();

 private:
  struct Waiter {
    std::string tenant_id;
    std::function<void()> wake;
  };
  void WakeAll(std::vector<std::function<void()>>& out, std::string_view tenant_id);

  const std::size_t capacity_;
  const std::size_t max_waiters_;
  mutable std::mutex mu_;
  std::int64_t next_id_;
  std::int64_t last_id_ = 0;
  WaiterId next_waiter_ = 1;
  std::map<std::string, std::deque<HubEvent>, std::less<>> events_;
  std::map<WaiterId, Waiter> waiters_;
  std::map<std::string, std::size_t, std::less<>> waiting_per_tenant_;
};

}  // namespace ucf::sync
