#pragma once
// Outbound webhook deliveries (the delivery log and the retry queue).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/core/clock.hpp"
#include "ucf/storage/page.hpp"
#include "ucf/storage/webhook_delivery_record.hpp"

namespace ucf::storage {

// The outcome of one attempt; updated_at is stamped.
struct WebhookDeliveryUpdate {
  std::string status;  // kDeliveryPending (retry later), kDeliverySucceeded or kDeliveryFailed
  int attempts = 0;
  std::optional<core::TimePoint> next_attempt_at;
  std::optional<std::string> last_error;  // must hold no secret
};

// Bound to one transaction (see Session); not thread-safe. A delivery of another tenant behaves
// exactly like a missing one (NotFound).
class WebhookDeliveryStore {
 public:
  virtual ~WebhookDeliveryStore() = default;

  // Inserts `delivery` (an empty id gets a new "wdel_…" id; created_at/updated_at stamped).
  // NotFound when the subscription does not exist in this tenant.
  virtual absl::StatusOr<WebhookDeliveryRecord> Create(const WebhookDeliveryRecord& delivery) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<WebhookDeliveryRecord> Get(std::string_view tenant_id,
                                                    std::string_view id) = 0;
  // Newest first, optionally of one subscription, keyset-paginated (see Page).
  virtual absl::StatusOr<Page<WebhookDeliveryRecord>> List(
      std::string_view tenant_id, std::optional<std::string_view> subscription_id,
      std::string_view cursor, int limit) = 0;
  // Leases up to `limit` pending deliveries of ANY tenant that are due (next_attempt_at <= now) by
  // pushing their next_attempt_at to now + lease, and returns them. Concurrent
  // dispatchers never get the same delivery within a lease (SKIP LOCKED on PostgreSQL). Oldest
  // (created_at) first.
  virtual absl::StatusOr<std::vector<WebhookDeliveryRecord>> ClaimDue(
      core::TimePoint now, std::chrono::milliseconds lease, int limit) = 0;
  // Records an attempt's outcome. NotFound when absent in this tenant.
  virtual absl::StatusOr<WebhookDeliveryRecord> Update(std::string_view tenant_id,
                                                       std::string_view id,
                                                       const WebhookDeliveryUpdate& update) = 0;
};

}  // namespace ucf::storage
