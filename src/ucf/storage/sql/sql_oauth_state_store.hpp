#pragma once

#include "ucf/storage/oauth_state_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlOAuthStateStore final : public OAuthStateStore {
 public:
  explicit SqlOAuthStateStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<OAuthStateRecord> Create(const OAuthStateRecord& state) override;
  absl::StatusOr<OAuthStateRecord> Consume(std::string_view state_hash,
                                           core::TimePoint now) override;
  absl::StatusOr<std::int64_t> PurgeExpired(core::TimePoint now) override;

 private:
  absl::StatusOr<OAuthStateRecord> Read(const Row& row) const;

  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
