#pragma once
// Existence checks that turn a missing (or another tenant's) parent row into NotFound before an
// insert would hit a foreign-key error (which would poison the transaction).

#include <string_view>

#include "absl/status/status.h"
#include "ucf/storage/sql/executor.hpp"

namespace ucf::storage::sql {

// NotFound("tenant not found") when no such tenant.
absl::Status RequireTenant(Executor& db, std::string_view tenant_id);

// NotFound("connection not found") when the tenant has no such connection.
absl::Status RequireConnection(Executor& db, std::string_view tenant_id,
                               std::string_view connection_id);

// NotFound("webhook subscription not found") when the tenant has no such subscription.
absl::Status RequireSubscription(Executor& db, std::string_view tenant_id,
                                 std::string_view subscription_id);

}  // namespace ucf::storage::sql
