#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/webhook_delivery_store.hpp"

namespace ucf::storage::sql {

class SqlWebhookDeliveryStore final : public WebhookDeliveryStore {
 public:
  explicit SqlWebhookDeliveryStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<WebhookDeliveryRecord> Create(const WebhookDeliveryRecord& delivery) override;
  absl::StatusOr<WebhookDeliveryRecord> Get(std::string_view tenant_id,
                                            std::string_view id) override;
  absl::StatusOr<Page<WebhookDeliveryRecord>> List(std::string_view tenant_id,
                                                   std::optional<std::string_view> subscription_id,
                                                   std::string_view cursor, int limit) override;
  absl::StatusOr<std::vector<WebhookDeliveryRecord>> ClaimDue(core::TimePoint now,
                                                              std::chrono::milliseconds lease,
                                                              int limit) override;
  absl::StatusOr<WebhookDeliveryRecord> Update(std::string_view tenant_id, std::string_view id,
                                               const WebhookDeliveryUpdate& update) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
