#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/sync_state_store.hpp"

namespace ucf::storage::sql {

class SqlSyncStateStore final : public SyncStateStore {
 public:
  explicit SqlSyncStateStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<SyncStateRecord> Get(std::string_view tenant_id, std::string_view connection_id,
                                      std::string_view model) override;
  absl::StatusOr<std::vector<SyncStateRecord>> List(std::string_view tenant_id,
                                                    std::string_view connection_id) override;
  absl::StatusOr<SyncStateRecord> Put(const SyncStateRecord& state) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
