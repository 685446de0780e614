#pragma once

#include "ucf/storage/maintenance.hpp"
#include "ucf/storage/sql/driver.hpp"

namespace ucf::storage::sql {

// Maintenance over a SQL driver (both engines); the driver must outlive it.
class SqlMaintenance final : public Maintenance {
 public:
  explicit SqlMaintenance(Driver& driver) : driver_(driver) {}

  absl::StatusOr<bool> ClaimRun(std::string_view task, std::string_view owner, core::TimePoint now,
                                core::TimePoint next_run) override;
  absl::StatusOr<std::int64_t> PruneBatch(Prunable what, core::TimePoint cutoff, int batch) override;

 private:
  Driver& driver_;
};

}  // namespace ucf::storage::sql
