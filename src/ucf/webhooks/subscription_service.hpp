#pragma once
// Outbound webhook subscriptions of a tenant (the application's endpoints UCF posts events to;
// delivery_dispatcher.hpp sends them):
//   Create   url (absolute http(s), ≤ 2048 bytes, no user info; an IP-literal host must pass the
//            upstream address policy unless private upstreams are allowed — every delivery is
//            checked again at connect time by the HTTP client) and events (a subset of
//            kApplicationEvents, empty = all); returns the new secret, shown this once
//   Rotate   a new secret; the previous one keeps signing for `grace` (≤ 7 days)
//   List / Get / Delete, Deliveries (newest first, paged)
// Secrets are stored sealed only (storage encrypts the column), never returned after Create and
// Rotate, never logged. Audited: webhook_subscription.created / .rotated / .deleted.
// Thread-safe.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/audit/actor.hpp"
#include "ucf/core/clock.hpp"
#include "ucf/storage/database.hpp"

namespace ucf::webhooks {

inline constexpr std::string_view kApplicationEvents[] = {"sync.finished", "sync.failed", "records.changed",
                                                          "connection.needs_reauth", "connection.recovered"};

struct CreatedSubscription {
  storage::WebhookSubscriptionRecord subscription;  // .secret cleared
  std::string secret;                               // plaintext, for the response only
};

class SubscriptionService {
 public:
  SubscriptionService(storage::Database& db, const core::Clock& clock, bool allow_private_targets)
      : db_(db), clock_(clock), allow_private_(allow_private_targets) {}

  // InvalidArgument naming url / events.
  absl::StatusOr<CreatedSubscription> Create(const audit::Actor& actor, std::string_view url,
                                             const std::vector<std::string>& events);
  absl::StatusOr<std::vector<storage::WebhookSubscriptionRecord>> List(std::string_view tenant_id);
  absl::StatusOr<storage::WebhookSubscriptionRecord> Get(std::string_view tenant_id, std::string_view id);
  absl::Status Delete(const audit::Actor& actor, std::string_view id);
  // The new secret; InvalidArgument (graceSeconds) beyond 7 days.
  absl::StatusOr<CreatedSubscription> Rotate(const audit::Actor& actor, std::string_view id,
                                             std::chrono::seconds grace);
  absl::StatusOr<storage::Page<storage::WebhookDeliveryRecord>> Deliveries(std::string_view tenant_id,
                                                                           std::string_view id,
                                                                           std::string_view cursor, int limit);

  // InvalidArgument (field "url") unless `url` may receive deliveries.
  absl::Status CheckTarget(std::string_view url) const;

 private:
  storage::Database& db_;
  const core::Clock& clock_;
  const bool allow_private_;
};

}  // namespace ucf::webhooks
