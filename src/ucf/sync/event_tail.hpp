#pragma once
// EventTail: feeds this process's EventHub (event_hub.hpp) from the events table, so that a
// stream on any instance sees the events of a job running on any other (several `ucf serve` on
// one PostgreSQL).
//
// What wakes it: Notify(tenant) — from the database's events hook after a local commit
// (storage::Database::SetEventsHook) and, on PostgreSQL, from a LISTEN connection (channel
// storage::kEventsChannel, payload the tenant id) for commits of other instances. A poll of every
// subscribed tenant every `poll` catches anything a lost notification missed (and, on SQLite,
// events written by another process such as `ucf` maintenance commands).
//
// A round reads, for each marked tenant that has a window in the hub, at most `batch` events after
// the window's head, one indexed query per tenant, and delivers them; a tenant with more left
// stays marked for the next round, which follows at once. So a tenant producing many events gets
// `batch` per round like every other: its volume never delays another tenant's stream by more
// than one batch per busy tenant. Thread-safe.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"
#include "ucf/core/periodic_task.hpp"
#include "ucf/observability/logger.hpp"
#include "ucf/storage/change_listener.hpp"
#include "ucf/storage/database.hpp"
#include "ucf/sync/event_hub.hpp"

namespace ucf::sync {

struct EventTailOptions {
  int batch = 200;                        // events read per tenant per round
  std::chrono::milliseconds poll{1000};   // every subscribed tenant is read at least this often
};

class EventTail {
 public:
  // Opens a listener (nullptr when the database has no notifications).
  using ListenerFactory = std::function<absl::StatusOr<std::unique_ptr<storage::ChangeListener>>()>;

  // `db` and `hub` must outlive the tail.
  EventTail(storage::Database& db, EventHub& hub, EventTailOptions options = {});
  ~EventTail();

  // The tenant has new events: read them in the next round (and wake the loop, once started).
  void Notify(std::string_view tenant_id);

  // One round: reads new events of the marked tenants (of every subscribed tenant when
  // `everyone`) that have a window. True when some tenant has more to read.
  absl::StatusOr<bool> Round(bool everyone);

  // Starts the loop thread, and a listener thread when `listener` is given (it ends at once when
  // the factory answers nullptr; a failed or lost listener is reopened every 2 s, each new one
  // followed by a round over every subscribed tenant). Stop() (or the destructor) ends both.
  void Start(ListenerFactory listener, const observability::Logger& logger);
  void Stop();

 private:
  void Loop(std::stop_token stop);
  void Listen(std::stop_token stop);

  storage::Database& db_;
  EventHub& hub_;
  const EventTailOptions options_;
  ListenerFactory open_listener_;
  const observability::Logger* logger_ = nullptr;
  std::mutex mu_;
  std::set<std::string, std::less<>> marked_;
  bool everyone_ = false;  // a listener (re)connected: notifications may have been lost
  std::chrono::steady_clock::time_point last_poll_{};
  std::unique_ptr<core::PeriodicTask> loop_;
  std::jthread listener_;
};

}  // namespace ucf::sync
