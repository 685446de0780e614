#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/webhook_subscription_store.hpp"

namespace ucf::storage::sql {

class SqlWebhookSubscriptionStore final : public WebhookSubscriptionStore {
 public:
  explicit SqlWebhookSubscriptionStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<WebhookSubscriptionRecord> Create(
      const WebhookSubscriptionRecord& subscription) override;
  absl::StatusOr<WebhookSubscriptionRecord> Get(std::string_view tenant_id,
                                                std::string_view id) override;
  absl::StatusOr<std::vector<WebhookSubscriptionRecord>> List(std::string_view tenant_id) override;
  absl::StatusOr<std::vector<WebhookSubscriptionRecord>> ListForEvent(
      std::string_view tenant_id, std::string_view event) override;
  absl::Status UpdateSecret(std::string_view tenant_id, std::string_view id,
                            std::string_view secret) override;
  absl::Status SetActive(std::string_view tenant_id, std::string_view id, bool active) override;
  absl::Status Delete(std::string_view tenant_id, std::string_view id) override;

 private:
  absl::StatusOr<WebhookSubscriptionRecord> Read(const Row& row) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
