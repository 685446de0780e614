#pragma once
// Outbound webhook subscriptions of a tenant.

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ucf/storage/webhook_subscription_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe. A subscription of another tenant
// behaves exactly like a missing one (NotFound).
class WebhookSubscriptionStore {
 public:
  virtual ~WebhookSubscriptionStore() = default;

  // Inserts `subscription` (an empty id gets a new "wsub_…" id; created_at stamped). NotFound when
  // the tenant does not exist; AlreadyExists when the id is taken.
  virtual absl::StatusOr<WebhookSubscriptionRecord> Create(
      const WebhookSubscriptionRecord& subscription) = 0;
  // NotFound when absent in this tenant.
  virtual absl::StatusOr<WebhookSubscriptionRecord> Get(std::string_view tenant_id,
                                                        std::string_view id) = 0;
  // The tenant's subscriptions, oldest first.
  virtual absl::StatusOr<std::vector<WebhookSubscriptionRecord>> List(
      std::string_view tenant_id) = 0;
  // The tenant's active subscriptions whose events include `event` (or that take every event).
  virtual absl::StatusOr<std::vector<WebhookSubscriptionRecord>> ListForEvent(
      std::string_view tenant_id, std::string_view event) = 0;
  // Replaces the (sealed) secret. NotFound when absent in this tenant.
  virtual absl::Status UpdateSecret(std::string_view tenant_id, std::string_view id,
                                    std::string_view secret) = 0;
  // Sets `active`. NotFound when absent in this tenant.
  virtual absl::Status SetActive(std::string_view tenant_id, std::string_view id, bool active) = 0;
  // Deletes it and (by cascade) its deliveries. NotFound when absent in this tenant.
  virtual absl::Status Delete(std::string_view tenant_id, std::string_view id) = 0;
};

}  // namespace ucf::storage
