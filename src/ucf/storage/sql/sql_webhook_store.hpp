#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/webhook_store.hpp"

namespace ucf::storage::sql {

class SqlWebhookStore final : public WebhookStore {
 public:
  explicit SqlWebhookStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<WebhookRecord> Create(const WebhookRecord& webhook) override;
  absl::StatusOr<WebhookRecord> Get(std::string_view tenant_id, std::string_view id) override;
  absl::StatusOr<std::vector<WebhookRecord>> List(
      std::string_view tenant_id, std::optional<std::string_view> connection_id) override;
  absl::StatusOr<std::vector<WebhookRecord>> ListForInbound(
      std::string_view connector_id, std::string_view connection_id) override;
  absl::StatusOr<std::vector<WebhookRecord>> ListDue(core::TimePoint now, core::TimePoint before,
                                                     int limit) override;
  absl::Status UpdateExpiry(std::string_view tenant_id, std::string_view id,
                            std::optional<core::TimePoint> expires_at) override;
  absl::Status MarkRefreshFailed(std::string_view tenant_id, std::string_view id,
                                 core::TimePoint next_attempt_at) override;
  absl::Status Delete(std::string_view tenant_id, std::string_view id) override;

 private:
  absl::StatusOr<WebhookRecord> Read(const Row& row) const;
  absl::StatusOr<std::vector<WebhookRecord>> ReadAll(const Rows& rows) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
