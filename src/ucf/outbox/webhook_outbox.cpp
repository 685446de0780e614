#include "ucf/outbox/webhook_outbox.hpp"

#include "ucf/core/status_macros.hpp"
#include "ucf/core/time_format.hpp"

namespace ucf::outbox {

absl::StatusOr<int> EnqueueWebhookEvent(storage::Session& s, std::string_view tenant_id, std::string_view event,
                                        boost::json::object data, core::TimePoint now) {
  UCF_ASSIGN_OR_RETURN(auto subscriptions, s.webhook_subscriptions().ListForEvent(tenant_id, event));
  int written = 0;
  for (const storage::WebhookSubscriptionRecord& sub : subscriptions) {
    if (!sub.active) continue;
    storage::WebhookDeliveryRecord d;
    d.tenant_id = std::string(tenant_id);
    d.subscription_id = sub.id;
    d.event = std::string(event);
    d.payload = {{"type", event}, {"timestamp", core::FormatRfc3339(now)}, {"data", data}};
    d.next_attempt_at = now;
    UCF_RETURN_IF_ERROR(s.webhook_deliveries().Create(d).status());
    ++written;
  }
  return written;
}

}  // namespace ucf::outbox
