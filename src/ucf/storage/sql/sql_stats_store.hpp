#pragma once

#include "ucf/storage/sql/store_context.hpp"
#include "ucf/storage/stats_store.hpp"

namespace ucf::storage::sql {

class SqlStatsStore final : public StatsStore {
 public:
  explicit SqlStatsStore(StoreContext ctx) : ctx_(ctx) {}
  absl::StatusOr<OperationalCounts> Counts() override;

 private:
  StoreContext ctx_;
};

}  // namespace ucf::storage::sql
