#pragma once

#include "ucf/storage/maintenance_store.hpp"
#include "ucf/storage/sql/store_context.hpp"

namespace ucf::storage::sql {

class SqlMaintenanceStore final : public MaintenanceStore {
 public:
  explicit SqlMaintenanceStore(StoreContext ctx) : ctx_(ctx) {}

  absl::StatusOr<bool> ClaimRun(std::string_view task, std::string_view owner, core::TimePoint now,
                                core::TimePoint next_run) override;
  absl::StatusOr<std::int64_t> PruneBatch(Prunable what, core::TimePoint cutoff, int batch) override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
