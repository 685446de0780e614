#pragma once
// Per-tenant connector settings (OAuth app credentials, scopes, flags).

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ucf/storage/connector_settings_record.hpp"

namespace ucf::storage {

// Bound to one transaction (see Session); not thread-safe.
class ConnectorSettingsStore {
 public:
  virtual ~ConnectorSettingsStore() = default;

  // NotFound when the tenant has no settings for this connector.
  virtual absl::StatusOr<ConnectorSettingsRecord> Get(std::string_view tenant_id,
                                                      std::string_view connector_id) = 0;
  // The tenant's settings for every connector it configured, ordered by connector id.
  virtual absl::StatusOr<std::vector<ConnectorSettingsRecord>> List(std::string_view tenant_id) = 0;
  // Inserts or replaces the whole row (callers merge partial updates themselves, inside the same
  // transaction); updated_at is stamped. NotFound when the tenant does not exist.
  virtual absl::StatusOr<ConnectorSettingsRecord> Upsert(
      const ConnectorSettingsRecord& settings) = 0;
};

}  // namespace ucf::storage
