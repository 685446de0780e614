#pragma once
// EventHub: this process's window on the tenants' live event streams, for Server-Sent Event
// streams (GET /api/events, GET /api/jobs/{id}/events). The events themselves live in the
// database (storage::EventStore, written in the transaction of what they report, with ids 1, 2,
// 3, … per tenant that are the same on every instance); EventTail (event_tail.hpp) reads the new
// ones and Deliver()s them here. Events types:
//   job.queued, job.started, job.progress {counts: pages, fetched, changed, …}, job.finished
//   {status, counts | error}, job.cancel_requested, connection.needs_reauth, connection.recovered
//
// Interest: only tenants with an open stream in this process have a window (Subscribe on open,
// Unsubscribe on close); the tail reads only theirs, so idle tenants cost nothing here. A window
// keeps the tenant's last `capacity` events; it is complete after its `floor` (the id before its
// oldest retained event). A stream whose position falls below the floor (a slow client, or a
// resume point older than the window) gets Slice::complete = false and must end, so that its
// client reconnects with Last-Event-ID and is served from the database: memory stays bounded by
// `capacity` per subscribed tenant, whatever the clients' speed.
//
// Streams never park a thread: Await() registers a one-shot callback, run (on the delivering
// thread, outside the hub's lock) when the tenant's next event arrives, or by Tick() (a keep-alive
// pulse, every ~15 s from the application). At most `max_waiters_per_tenant` streams per tenant
// wait at once (Await answers ResourceExhausted beyond). Thread-safe.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
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

  // A stream of the tenant opened: the first creates the tenant's window, empty and complete
  // after `head` (the tenant's newest id in the database when the stream started).
  void Subscribe(std::string_view tenant_id, std::int64_t head);
  // A stream closed: the last drops the tenant's window.
  void Unsubscribe(std::string_view tenant_id);
  // The subscribed tenants with the newest id each window holds (where the tail goes on reading).
  std::vector<std::pair<std::string, std::int64_t>> Subscribed() const;

  // New events of a subscribed tenant, ids ascending. Ids at or below the window's head are
  // ignored; an id beyond head + 1 (events the window missed) restarts the window there. Wakes
  // the tenant's waiters. Ignored for a tenant nobody subscribes to.
  void Deliver(std::string_view tenant_id, std::vector<HubEvent> events);

  struct Slice {
    std::vector<HubEvent> events;
    bool complete = true;  // false: events after `after` are no longer (or not yet) held here
  };
  // The tenant's held events with id > after, oldest first, at most `limit`.
  Slice Since(std::string_view tenant_id, std::int64_t after, std::size_t limit = 100) const;

  // Calls `wake` once: when the tenant's next event is delivered, on Tick(), or at once when an
  // event newer than `after` is already held. ResourceExhausted over the per-tenant cap.
  absl::StatusOr<WaiterId> Await(std::string_view tenant_id, std::int64_t after, std::function<void()> wake);
  // Forgets a waiter that was not woken yet (a stream that went away); false when already woken.
  bool Forget(WaiterId id);
  // Wakes every waiter (keep-alive).
  void Tick();

 private:
  struct Window {
    std::size_t subscribers = 0;
    std::int64_t head = 0;   // the newest id delivered (or the head at creation)
    std::int64_t floor = 0;  // complete after this id
    std::deque<HubEvent> events;
  };
  struct Waiter {
    std::string tenant_id;
    std::function<void()> wake;
  };
  void WakeAll(std::vector<std::function<void()>>& out, std::string_view tenant_id);

  const std::size_t capacity_;
  const std::size_t max_waiters_;
  mutable std::mutex mu_;
  WaiterId next_waiter_ = 1;
  std::map<std::string, Window, std::less<>> windows_;
  std::map<WaiterId, Waiter> waiters_;
  std::map<std::string, std::size_t, std::less<>> waiting_per_tenant_;
};

}  // namespace ucf::sync
