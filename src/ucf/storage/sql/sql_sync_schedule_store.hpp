#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/sync_schedule_store.hpp"

namespace ucf::storage::sql {

class SqlSyncScheduleStore final : public SyncScheduleStore {
 public:
  explicit SqlSyncScheduleStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<SyncScheduleRecord> Put(const SyncScheduleRecord& schedule) override;
  absl::StatusOr<std::vector<SyncScheduleRecord>> List(std::string_view tenant_id,
                                                       std::string_view connection_id) override;
  absl::Status Delete(std::string_view tenant_id, std::string_view connection_id,
                      std::string_view model) override;
  absl::StatusOr<std::vector<SyncScheduleRecord>> ClaimDue(core::TimePoint now, int limit) override;
  absl::Status Fired(const SyncScheduleRecord& schedule, core::TimePoint next_fire_at, bool ran) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
