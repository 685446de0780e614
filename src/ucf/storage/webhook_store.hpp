#pragma once
// Provider webhooks registered for connections.

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/storage/webhook_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe. A webhook of another tenant behaves
// exactly like a missing one (NotFound).
class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // Inserts `webhook` (an empty id gets a new "whk_…" id; created_at stamped). NotFound when the
  // connection does not exist in this tenant; AlreadyExists when the id is taken.
  virtual absl::StatusOr<WebhookRecord> Create(const WebhookRecord& webhook) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<WebhookRecord> Get(std::string_view tenant_id, std::string_view id) = 0;
  // The tenant's webhooks, optionally of one connection, oldest first.
  virtual absl::StatusOr<std::vector<WebhookRecord>> List(
      std::string_view tenant_id, std::optional<std::string_view> connection_id) = 0;
  // The webhooks of a connection for verifying an inbound delivery, whose URL names only the
  // connector and connection: no tenant filter (the caller then works in the returned tenant).
  virtual absl::StatusOr<std::vector<WebhookRecord>> ListForInbound(
      std::string_view connector_id, std::string_view connection_id) = 0;
  // The keep-alive job's work (every tenant; it then works in each row's tenant): webhooks whose
  // expiry is set and before `before`, not backing off (next_attempt_at unset or <= now), of
  // connections that are not revoked. Ordered by next attempt: never-failed ones first, soonest
  // expiry first, then backed-off ones by next_attempt_at; at most `limit`.
  virtual absl::StatusOr<std::vector<WebhookRecord>> ListDue(core::TimePoint now, core::TimePoint before,
                                                             int limit) = 0;
  // Sets the provider's new expiry after a successful refresh, and clears the backoff (failures 0,
  // next_attempt_at unset). NotFound when absent in this tenant.
  virtual absl::Status UpdateExpiry(std::string_view tenant_id, std::string_view id,
                                    std::optional<core::TimePoint> expires_at) = 0;
  // Records a failed refresh: failures + 1, next_attempt_at = `next_attempt_at`. NotFound when
  // absent in this tenant.
  virtual absl::Status MarkRefreshFailed(std::string_view tenant_id, std::string_view id,
                                         core::TimePoint next_attempt_at) = 0;
  // NotFound when absent in this tenant.
  virtual absl::Status Delete(std::string_view tenant_id, std::string_view id) = 0;
};

}  // namespace ucf::storage
