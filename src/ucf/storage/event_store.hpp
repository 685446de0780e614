#pragma once
// The durable live-event streams, one per tenant (the events table and its per-tenant counter).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "ucf/storage/event_record.hpp"

namespace ucf::storage {

// The PostgreSQL notification channel Append notifies (payload: the tenant id) when it commits.
inline constexpr std::string_view kEventsChannel = "ucf_events";

// Bound to one transaction (see Session); not thread-safe.
class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends an event to the tenant's stream and returns its id: the tenant's previous id + 1.
  // The tenant's counter row stays locked until the transaction ends, so a tenant's ids become
  // visible in ascending order with no gap (a reader that saw id n has seen every id < n that
  // will ever exist); other tenants are not blocked. Call it last in a transaction, and in
  // tenant-id order when appending for several tenants. PostgreSQL: also pg_notify(kEventsChannel,
  // tenant_id), delivered at commit. On commit the database also tells its events hook
  // (Database::SetEventsHook) in this process.
  virtual absl::StatusOr<std::int64_t> Append(std::string_view tenant_id, std::string_view type,
                                              std::string_view job_id, const boost::json::object& data) = 0;
  // The tenant's events with id > after (only job `job_id`'s when given), oldest first, at most
  // `limit` (clamped to 1..1000).
  virtual absl::StatusOr<std::vector<EventRecord>> ListAfter(std::string_view tenant_id, std::int64_t after,
                                                             std::optional<std::string_view> job_id,
                                                             int limit) = 0;
  // The id of the tenant's newest event (0 before the first); kept when retention deletes rows.
  virtual absl::StatusOr<std::int64_t> LastId(std::string_view tenant_id) = 0;
};

}  // namespace ucf::storage
