#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/token_store.hpp"

namespace ucf::storage::sql {

class SqlTokenStore final : public TokenStore {
 public:
  explicit SqlTokenStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<TokenRecord> Put(const TokenRecord& token) override;
  absl::StatusOr<TokenRecord> GetCurrent(std::string_view tenant_id,
                                         std::string_view connection_id) override;
  absl::StatusOr<TokenRecord> CompareAndSwap(std::string_view tenant_id,
                                             std::string_view connection_id,
                                             std::int64_t expected_version,
                                             const TokenRecord& next) override;
  absl::StatusOr<bool> ClaimRefreshLease(std::string_view tenant_id,
                                         std::string_view connection_id,
                                         std::int64_t expected_version, std::string_view owner,
                                         core::TimePoint now, core::TimePoint until) override;
  absl::Status ReleaseRefreshLease(std::string_view tenant_id, std::string_view connection_id,
                                   std::string_view owner) override;
  absl::Status Delete(std::string_view tenant_id, std::string_view connection_id) override;

 private:
  // The token's secrets sealed for storage.
  struct Sealed {
    std::string access_token;
    std::optional<std::string> refresh_token;
  };
  absl::StatusOr<Sealed> Seal(const TokenRecord& token) const;
  absl::StatusOr<TokenRecord> Read(const Row& row) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
