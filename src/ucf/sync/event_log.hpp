#pragma once
// EventLog: the database side of the live event streams for the SSE handlers — where a new stream
// starts (the tenant's newest id) and what a client resuming with Last-Event-ID missed (read from
// the events table, so a reconnect to any instance of a fleet resumes without loss or duplicate).
// Each call is one short read transaction. Thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/storage/database.hpp"
#include "ucf/sync/event_hub.hpp"

namespace ucf::sync {

class EventLog {
 public:
  explicit EventLog(storage::Database& db) : db_(db) {}

  // The tenant's newest event id (0 before its first event).
  absl::StatusOr<std::int64_t> LastId(std::string_view tenant_id) const;
  // The tenant's events after `after` (only job `job_id`'s when given), oldest first, at most
  // `limit` (1..1000).
  absl::StatusOr<std::vector<HubEvent>> After(std::string_view tenant_id, std::int64_t after,
                                              std::optional<std::string_view> job_id, int limit) const;

 private:
  storage::Database& db_;
};

}  // namespace ucf::sync
