#include "ucf/storage/sql/ownership.hpp"

#include "ucf/core/status_macros.hpp"

namespace ucf::storage::sql {

absl::Status RequireTenant(Executor& db, std::string_view tenant_id) {
  UCF_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT 1 FROM tenants WHERE id = $1", {tenant_id}));
  if (rows.empty()) return absl::NotFoundError("tenant not found");
  return absl::OkStatus();
}

absl::Status RequireConnection(Executor& db, std::string_view tenant_id,
                               std::string_view connection_id) {
  UCF_ASSIGN_OR_RETURN(Rows rows,
                       db.Query("SELECT 1 FROM connections WHERE tenant_id = $1 AND id = $2",
                                {tenant_id, connection_id}));
  if (rows.empty()) return absl::NotFoundError("connection not found");
  return absl::OkStatus();
}

absl::Status RequireSubscription(Executor& db, std::string_view tenant_id,
                                 std::string_view subscription_id) {
  UCF_ASSIGN_OR_RETURN(
      Rows rows, db.Query("SELECT 1 FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2",
                          {tenant_id, subscription_id}));
  if (rows.empty()) return absl::NotFoundError("webhook subscription not found");
  return absl::OkStatus();
}

}  // namespace ucf::storage::sql
