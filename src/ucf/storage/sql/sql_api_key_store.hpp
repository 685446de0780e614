#pragma once

#include "ucf/storage/api_key_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlApiKeyStore final : public ApiKeyStore {
 public:
  explicit SqlApiKeyStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<ApiKeyRecord> Create(const ApiKeyRecord& key) override;
  absl::StatusOr<ApiKeyRecord> FindByPrefix(std::string_view prefix) override;
  absl::StatusOr<ApiKeyRecord> Get(std::string_view tenant_id, std::string_view id) override;
  absl::StatusOr<std::vector<ApiKeyRecord>> List(std::string_view tenant_id) override;
  absl::StatusOr<ApiKeyRecord> Revoke(std::string_view tenant_id, std::string_view id) override;
  absl::Status TouchLastUsed(std::string_view id, core::TimePoint at) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
