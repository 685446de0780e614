#pragma once
// Sync cursors per (connection, model).

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/storage/sync_state_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe. A connection of another tenant behaves
// exactly like a missing one (NotFound).
class SyncStateStore {
 public:
  virtual ~SyncStateStore() = default;

  // NotFound when no state was ever put for this (connection, model).
  virtual absl::StatusOr<SyncStateRecord> Get(std::string_view tenant_id,
                                              std::string_view connection_id,
                                              std::string_view model) = 0;
  // Every model's state of the connection, ordered by model.
  virtual absl::StatusOr<std::vector<SyncStateRecord>> List(std::string_view tenant_id,
                                                            std::string_view connection_id) = 0;
  // Inserts or replaces the state; updated_at is stamped. NotFound when the connection does not
  // exist in this tenant.
  virtual absl::StatusOr<SyncStateRecord> Put(const SyncStateRecord& state) = 0;
};

}  // namespace ucf::storage
